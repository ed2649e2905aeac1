import { describe, expect, it } from 'vitest';
import type { AttemptResult, MyExam } from '../../../../../contracts/exams/sittings.ts';
import { byTestId, renderHtml, textOf } from '../../../app/testing.tsx';
import { myExamKeys } from './api.ts';
import MyExamsPage from './MyExamsPage.tsx';
import { Result } from './ResultPage.tsx';
import { Question } from './SittingPage.tsx';

/** The element carrying data-testid="id", to its own closing tag (byTestId runs on to the page's end). */
function own(html: string, id: string): string {
  const from = byTestId(html, id);
  const tag = /^<([a-z0-9]+)/.exec(from)?.[1] ?? 'div';
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  let depth = 0;
  for (const m of from.matchAll(re)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return from.slice(0, (m.index ?? 0) + m[0].length);
  }
  return from;
}
const text = (html: string, id: string) => textOf(own(html, id).replaceAll('</span>', ' </span>'));

const exam = (id: string, o: Partial<MyExam>): MyExam => ({
  id,
  title: `考试${id}`,
  description: '',
  orgName: '中共青山区清河镇委员会',
  opensAt: '2026-05-01T01:00:00Z',
  closesAt: '2026-05-01T03:00:00Z',
  durationMinutes: 30,
  questionCount: 10,
  totalPoints: 20,
  passScore: 12,
  attemptsAllowed: 1,
  attemptsUsed: 0,
  phase: 'open',
  openAttemptId: null,
  bestScore: null,
  passed: null,
  lastAttemptId: null,
  ...o,
});

describe('在线考试 on the phone: one big button per exam for what can be done now', () => {
  it('start, continue, result, not yet open (with when), closed', async () => {
    const items = [
      exam('1', {}),
      exam('2', { openAttemptId: '21', attemptsUsed: 1 }),
      exam('3', { phase: 'closed', attemptsUsed: 1, lastAttemptId: '31', bestScore: 16, passed: true }),
      exam('4', { phase: 'upcoming' }),
      exam('5', { phase: 'closed' }),
    ];
    const html = await renderHtml(<MyExamsPage />, { queries: [[myExamKeys.list, { items }]] });
    const action = (id: string) => text(html, `my-exam-action-${id}`);
    expect(text(html, 'my-exam-1')).toContain('限时 30 分钟 · 10 题 · 满分 20 分 · 12 分合格');
    expect(text(html, 'my-exam-1')).toContain('考试时间：2026-05-01 09:00 至 2026-05-01 11:00');
    expect(action('1')).toBe('开始考试');
    expect(action('2')).toBe('继续答题');
    expect(action('3')).toBe('查看成绩');
    expect(text(html, 'my-exam-best-3')).toBe('最好成绩 16 分 · 合格');
    expect(action('4')).toBe('未开始 · 2026-05-01 09:00 开始');
    expect(action('5')).toBe('已结束');
    expect(byTestId(html, 'my-exam-action-4')).toMatch(/^<button[^>]*disabled/);
  });
});

describe('a question on the phone', () => {
  it('choices are full-width buttons lettered in the attempt’s order; the chosen one is pressed and saved', async () => {
    const html = await renderHtml(
      <Question
        n={2}
        count={10}
        slot={{
          slot: 1,
          type: 'single',
          stem: '中国共产党第一次全国代表大会召开于',
          format: 'plain',
          points: 2,
          choices: [
            { index: 2, text: '1927年' },
            { index: 0, text: '1921年' },
          ],
        }}
        value={{ choices: [0] }}
        locked={false}
        state="saved"
        reason={undefined}
        onAnswer={() => {}}
        onLeave={() => {}}
        onRetry={() => {}}
      />,
    );
    expect(textOf(html)).toContain('第 2 题 / 共 10 题');
    expect(text(html, 'choice-1')).toBe('B 1921年');
    expect(byTestId(html, 'choice-1')).toMatch(/^<button[^>]*aria-pressed="true"/);
    expect(byTestId(html, 'choice-0')).toMatch(/^<button[^>]*aria-pressed="false"/);
    expect(text(html, 'save-state')).toBe('✓ 已保存');
  });

  it('true/false is two buttons 正确 / 错误; an unsaved answer offers 重试', async () => {
    const html = await renderHtml(
      <Question
        n={1}
        count={1}
        slot={{ slot: 0, type: 'truefalse', stem: '遵义会议在 1935 年召开。', format: 'plain', points: 1 }}
        value={{ truth: true }}
        locked={false}
        state="unsaved"
        reason={undefined}
        onAnswer={() => {}}
        onLeave={() => {}}
        onRetry={() => {}}
      />,
    );
    expect(text(html, 'truth-yes')).toContain('正确');
    expect(text(html, 'truth-no')).toContain('错误');
    expect(own(html, 'save-state')).toMatch(/^<p[^>]*data-state="unsaved"/);
    expect(text(html, 'save-retry')).toBe('重试');
  });
});

const result: AttemptResult = {
  id: '9',
  examId: '1',
  examTitle: '党史知识测验',
  status: 'graded',
  submittedBy: 'clock',
  submittedAt: '2026-05-01T02:00:10Z',
  score: 3,
  totalPoints: 5,
  passScore: 3,
  passed: true,
  pending: 0,
  reviewOpen: true,
  slots: [
    {
      slot: 0,
      type: 'single',
      stem: '一大召开于',
      format: 'plain',
      points: 2,
      choices: [
        { index: 1, text: '1919年' },
        { index: 0, text: '1921年' },
      ],
      answer: { choices: [0] },
      score: 2,
      key: { choices: [0] },
      keyText: 'B',
      explanation: '1921 年 7 月在上海召开。',
    },
    {
      slot: 1,
      type: 'truefalse',
      stem: '遵义会议…',
      format: 'plain',
      points: 1,
      answer: null,
      score: 0,
      key: { truth: true },
      keyText: '正确',
      explanation: null,
    },
  ],
};

describe('考试成绩', () => {
  it('the score against the total, 合格 in large type, handed in by the clock, each question reviewed', async () => {
    const html = await renderHtml(<Result r={result} />);
    expect(text(html, 'result-score')).toBe('3 / 5 分');
    expect(text(html, 'result-verdict')).toBe('✓ 合格');
    expect(text(html, 'result-how')).toBe('到时自动交卷');
    const first = text(html, 'result-slot-1');
    expect(first).toContain('✓ 正确');
    expect(first).toContain('你的答案 B');
    expect(first).toContain('正确答案 B');
    expect(first).toContain('解析：1921 年 7 月在上海召开。');
    expect(text(html, 'result-slot-2')).toContain('你的答案 未作答');
  });

  it('while a short answer waits: 待阅卷, no verdict; before the exam closes: no key shown', async () => {
    const html = await renderHtml(
      <Result
        r={{ ...result, score: null, passed: null, pending: 1, reviewOpen: false, submittedBy: 'member' }}
      />,
    );
    expect(text(html, 'result-score')).toBe('待阅卷');
    expect(html).not.toContain('result-verdict');
    expect(text(html, 'result-pending')).toContain('有 1 道简答题待阅卷');
    expect(text(html, 'result-how')).toBe('自己交卷');
    expect(html).not.toContain('result-review');
    expect(textOf(html)).toContain('考试结束后可查看每题的答案和解析');
  });
});
