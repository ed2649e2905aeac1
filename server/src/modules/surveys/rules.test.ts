import { describe, expect, it } from 'vitest';
import { type SurveyDefinition, SurveyDefinition as Def } from '../../../../contracts/surveys/definition.ts';
import { ageBandOf, checkAnswers, checkDefinition, isShown } from './rules.ts';

/** A branch's satisfaction survey: the second question only for those who took part in Party day. */
const survey: SurveyDefinition = Def.parse({
  sections: [
    {
      title: '基本情况',
      questions: [
        {
          id: 'q1',
          kind: 'single',
          title: '本季度是否参加了主题党日？',
          required: true,
          options: ['参加了', '没参加'],
        },
        {
          id: 'q2',
          kind: 'rating',
          title: '对主题党日的满意度',
          required: true,
          showIf: { questionId: 'q1', anyOf: [0] },
        },
        {
          id: 'q3',
          kind: 'multiple',
          title: '希望学习的内容',
          required: true,
          options: ['党史', '党章', '政策', '技能'],
          minPicks: 1,
          maxPicks: 2,
        },
      ],
    },
    {
      title: '评价',
      questions: [
        {
          id: 'q4',
          kind: 'matrix',
          title: '对支部工作的评价',
          rows: ['三会一课', '党费收缴'],
          required: true,
        },
        { id: 'q5', kind: 'ranking', title: '请排序', options: ['甲', '乙', '丙'] },
        { id: 'q6', kind: 'number', title: '每月学习小时数', min: 0, max: 200 },
        { id: 'q7', kind: 'date', title: '最近一次参加党课的日期' },
        { id: 'q8', kind: 'textarea', title: '意见建议' },
      ],
    },
  ],
});

const good = { q1: 0, q2: 5, q3: [0, 2], q4: [4, 5] };

describe('a definition is sound', () => {
  it('when its ids are unique and its show-if rules look back at an earlier choice', () => {
    expect(checkDefinition(survey)).toBeNull();
  });
  it('not when a show-if rule points forward or at a text question', () => {
    const forward = Def.parse({
      sections: [
        {
          questions: [
            { id: 'a', kind: 'text', title: '甲', showIf: { questionId: 'b', anyOf: [0] } },
            { id: 'b', kind: 'single', title: '乙', options: ['是', '否'] },
          ],
        },
      ],
    });
    expect(checkDefinition(forward)?.path).toBe('definition.sections.0.questions.0.showIf.questionId');
  });
  it('not when a multiple choice allows more picks than it has options, or ids repeat', () => {
    const many = structuredClone(survey);
    many.sections[0].questions[2].maxPicks = 5;
    expect(checkDefinition(many)?.zh).toContain('最少 ≤ 最多 ≤ 选项数');
    const twice = structuredClone(survey);
    twice.sections[1].questions[0].id = 'q1';
    expect(checkDefinition(twice)?.zh).toContain('重复');
  });
  it('not when a show-if rule names an option the question does not have', () => {
    const bad = structuredClone(survey);
    bad.sections[0].questions[1].showIf = { questionId: 'q1', anyOf: [7] };
    expect(checkDefinition(bad)?.path).toContain('showIf.anyOf');
  });
});

describe('an answer set is counted', () => {
  it('when every shown required question is answered within its bounds', () => {
    const r = checkAnswers(
      survey,
      { ...good, q5: [2, 0, 1], q6: 12, q7: '2026-11-30', q8: ' 多组织红色教育 ' },
      true,
    );
    expect(r).toEqual({
      ok: true,
      answers: { ...good, q5: [2, 0, 1], q6: 12, q7: '2026-11-30', q8: '多组织红色教育' },
    });
  });
  it('and a hidden question may stay unanswered though it is required', () => {
    expect(checkAnswers(survey, { q1: 1, q3: [3], q4: [3, 3] }, true).ok).toBe(true);
    expect(isShown(survey.sections[0].questions[1], { q1: 1 })).toBe(false);
  });
  it('but a hidden question that was answered is refused, naming it', () => {
    const r = checkAnswers(survey, { q1: 1, q2: 4, q3: [3], q4: [3, 3] }, true);
    expect(r).toMatchObject({ ok: false, path: 'answers.q2' });
    expect(!r.ok && r.zh).toContain('第2题「对主题党日的满意度」按显示条件不应作答');
  });
  it('and too many or too few picks are refused, naming the question', () => {
    const many = checkAnswers(survey, { ...good, q3: [0, 1, 2] }, true);
    expect(many).toMatchObject({
      ok: false,
      path: 'answers.q3',
      zh: '第3题「希望学习的内容」：最多选择 2 项',
    });
    const none = checkAnswers(survey, { ...good, q3: [] }, true);
    expect(none).toMatchObject({ ok: false, path: 'answers.q3', zh: '第3题「希望学习的内容」为必答题' });
  });
  it('and a required matrix row left blank, a partial ranking, a number out of range, a bad date', () => {
    expect(checkAnswers(survey, { ...good, q4: [4, null] }, true)).toMatchObject({ path: 'answers.q4' });
    expect(checkAnswers(survey, { ...good, q5: [0, 1] }, true)).toMatchObject({ path: 'answers.q5' });
    expect(checkAnswers(survey, { ...good, q6: 201 }, true)).toMatchObject({
      path: 'answers.q6',
      zh: '第6题「每月学习小时数」：不能大于 200',
    });
    expect(checkAnswers(survey, { ...good, q7: '2026-13-01' }, true)).toMatchObject({ path: 'answers.q7' });
  });
  it('and an answer to a question the survey does not have is refused', () => {
    expect(checkAnswers(survey, { ...good, zz: 1 }, true)).toMatchObject({ ok: false, path: 'answers.zz' });
  });
  it('while a draft may leave required questions for later', () => {
    expect(checkAnswers(survey, { q1: 0 }, false)).toEqual({ ok: true, answers: { q1: 0 } });
    expect(checkAnswers(survey, { q1: 0 }, true)).toMatchObject({ ok: false, path: 'answers.q2' });
  });
});

describe('age bands for cross-tabulation are coarse', () => {
  it('counting whole years on the day', () => {
    expect(ageBandOf('1991-12-04', '2026-12-03')).toBe('under35');
    expect(ageBandOf('1991-12-03', '2026-12-03')).toBe('35to45');
    expect(ageBandOf('1965-01-01', '2026-12-03')).toBe('over60');
    expect(ageBandOf('1970-06-01', '2026-12-03')).toBe('46to60');
    expect(ageBandOf(null, '2026-12-03')).toBe('unknown');
  });
});
