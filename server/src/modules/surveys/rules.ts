import type {
  AnswerSet,
  AnswerValue,
  SurveyDefinition,
  SurveyQuestion,
} from '../../../../contracts/surveys/definition.ts';
import type { AgeBand } from '../../../../contracts/surveys/surveys.ts';

/**
 * The rule book of a survey, pure: what makes a definition sound, and what an answer set must keep
 * to be counted. Used by the server on every save and submit (and by the web to show the same
 * messages before sending).
 */

export type Problem = { path: string; zh: string; en: string };
export type Checked = { ok: true; answers: AnswerSet } | ({ ok: false } & Problem);

/** Every question, in order, with its section. */
export function questionsOf(def: SurveyDefinition): SurveyQuestion[] {
  return def.sections.flatMap((s) => s.questions);
}

const SHOW_IF_SOURCES = new Set(['single', 'multiple', 'rating']);

/**
 * A definition is sound when question ids are unique; choice questions have options (two at least),
 * matrices rows, scales run upwards; a multiple choice's min ≤ max ≤ its options; and a show-if rule
 * looks back at an earlier single, multiple or rating question and names options it has. A rule
 * pointing forward would let an answer decide whether an earlier question was ever shown.
 */
export function checkDefinition(def: SurveyDefinition): Problem | null {
  const seen = new Map<string, SurveyQuestion>();
  let n = 0;
  for (const [si, section] of def.sections.entries()) {
    for (const [qi, q] of section.questions.entries()) {
      n++;
      const path = `definition.sections.${si}.questions.${qi}`;
      const named = `第${n}题「${q.title}」`;
      if (seen.has(q.id))
        return {
          path: `${path}.id`,
          zh: `${named}的编号 ${q.id} 与前面的题目重复`,
          en: `question id ${q.id} repeats`,
        };
      if (['single', 'multiple', 'ranking'].includes(q.kind) && q.options.length < 2)
        return {
          path: `${path}.options`,
          zh: `${named}至少要有两个选项`,
          en: 'a choice needs two options at least',
        };
      if (q.kind === 'matrix' && q.rows.length < 1)
        return { path: `${path}.rows`, zh: `${named}至少要有一行`, en: 'a matrix needs a row at least' };
      if ((q.kind === 'rating' || q.kind === 'matrix') && q.scaleMax <= q.scaleMin)
        return {
          path: `${path}.scaleMax`,
          zh: `${named}的最高分须大于最低分`,
          en: 'the scale must run upwards',
        };
      if (q.kind === 'multiple') {
        const min = q.minPicks ?? 0;
        const max = q.maxPicks ?? q.options.length;
        if (min > max || max > q.options.length)
          return {
            path: `${path}.maxPicks`,
            zh: `${named}的最少/最多选择数须满足 最少 ≤ 最多 ≤ 选项数`,
            en: 'picks must satisfy min ≤ max ≤ options',
          };
      }
      if (q.kind === 'number' && q.min != null && q.max != null && q.min > q.max)
        return { path: `${path}.max`, zh: `${named}的最大值须不小于最小值`, en: 'max must not be below min' };
      if (q.showIf) {
        const src = seen.get(q.showIf.questionId);
        if (!src || !SHOW_IF_SOURCES.has(src.kind))
          return {
            path: `${path}.showIf.questionId`,
            zh: `${named}的显示条件须引用前面的单选、多选或评分题`,
            en: 'a show-if rule must refer to an earlier single, multiple or rating question',
          };
        const values =
          src.kind === 'rating' ? range(src.scaleMin, src.scaleMax) : src.options.map((_, i) => i);
        const bad = q.showIf.anyOf.find((v) => !values.includes(v));
        if (bad !== undefined)
          return {
            path: `${path}.showIf.anyOf`,
            zh: `${named}的显示条件引用了「${src.title}」不存在的选项`,
            en: 'the show-if rule names an option the question does not have',
          };
      }
      seen.set(q.id, q);
    }
  }
  if (n === 0)
    return { path: 'definition.sections', zh: '问卷至少要有一道题', en: 'a survey needs a question' };
  return null;
}

export const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/** Is the question shown, given the answers to the questions before it? */
export function isShown(q: SurveyQuestion, answers: AnswerSet): boolean {
  if (!q.showIf) return true;
  const a = answers[q.showIf.questionId];
  if (a === undefined) return false;
  const picked = Array.isArray(a) ? a : [a];
  return picked.some((v) => typeof v === 'number' && q.showIf?.anyOf.includes(v));
}

const isBlank = (v: AnswerValue | undefined) =>
  v === undefined ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.every((x) => x == null));

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * Checks one shown question's answer against its kind. `undefined` when it is fine (or blank:
 * whether blank is allowed is the caller's: `required`).
 */
function checkOne(q: SurveyQuestion, v: AnswerValue): { zh: string; en: string } | undefined {
  const wrong = { zh: '答案格式不正确', en: 'the answer has the wrong form' };
  const isIndex = (x: unknown, n: number) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < n;
  switch (q.kind) {
    case 'single':
      return isIndex(v, q.options.length) ? undefined : { zh: '请选择一个选项', en: 'choose one option' };
    case 'rating':
      return typeof v === 'number' && Number.isInteger(v) && v >= q.scaleMin && v <= q.scaleMax
        ? undefined
        : {
            zh: `评分须在 ${q.scaleMin}–${q.scaleMax} 之间`,
            en: `the score must be ${q.scaleMin}–${q.scaleMax}`,
          };
    case 'multiple': {
      if (!Array.isArray(v) || !v.every((x) => isIndex(x, q.options.length))) return wrong;
      if (new Set(v).size !== v.length) return { zh: '同一选项选了两次', en: 'an option was picked twice' };
      const min = q.minPicks ?? 0;
      const max = q.maxPicks ?? q.options.length;
      if (v.length < min) return { zh: `至少选择 ${min} 项`, en: `pick at least ${min}` };
      if (v.length > max) return { zh: `最多选择 ${max} 项`, en: `pick at most ${max}` };
      return undefined;
    }
    case 'ranking': {
      const n = q.options.length;
      if (!Array.isArray(v) || v.length !== n || !v.every((x) => isIndex(x, n)) || new Set(v).size !== n)
        return { zh: `请给全部 ${n} 个选项排序`, en: `rank all ${n} options` };
      return undefined;
    }
    case 'matrix': {
      if (!Array.isArray(v) || v.length !== q.rows.length) return wrong;
      const bad = v.findIndex(
        (x) => x != null && !(Number.isInteger(x) && x >= q.scaleMin && x <= q.scaleMax),
      );
      if (bad >= 0)
        return {
          zh: `第${bad + 1}行的评分须在 ${q.scaleMin}–${q.scaleMax} 之间`,
          en: `row ${bad + 1} is out of the scale`,
        };
      if (q.required && v.some((x) => x == null)) {
        const row = v.findIndex((x) => x == null);
        return { zh: `请为「${q.rows[row]}」评分`, en: `rate row ${row + 1}` };
      }
      return undefined;
    }
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return { zh: '请填写数字', en: 'enter a number' };
      if (q.min != null && v < q.min) return { zh: `不能小于 ${q.min}`, en: `must be at least ${q.min}` };
      if (q.max != null && v > q.max) return { zh: `不能大于 ${q.max}`, en: `must be at most ${q.max}` };
      return undefined;
    case 'date':
      return typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(v))
        ? undefined
        : { zh: '日期格式须为 YYYY-MM-DD', en: 'the date must be YYYY-MM-DD' };
    case 'text':
      return typeof v === 'string' && v.length <= 200
        ? undefined
        : { zh: '单行填空最多 200 字', en: 'at most 200 characters' };
    case 'textarea':
      return typeof v === 'string' && v.length <= 5000
        ? undefined
        : { zh: '最多 5000 字', en: 'at most 5,000 characters' };
  }
}

/**
 * An answer set to be counted: it answers only questions of the survey; a question hidden by its
 * show-if rule has no answer (an answer to it means the form was bypassed, not that the rule should
 * bend); each shown answer fits its kind and bounds (min/max picks, scale, number range); and with
 * `complete`, every shown required question is answered. The first problem names its question.
 * A draft is checked without `complete`. Blank answers are dropped from what is kept.
 */
export function checkAnswers(def: SurveyDefinition, answers: AnswerSet, complete: boolean): Checked {
  const qs = questionsOf(def);
  const known = new Set(qs.map((q) => q.id));
  const stray = Object.keys(answers).find((k) => !known.has(k));
  if (stray)
    return {
      ok: false,
      path: `answers.${stray}`,
      zh: `问卷没有编号为 ${stray} 的题目`,
      en: `no question ${stray}`,
    };
  const kept: AnswerSet = {};
  for (const [i, q] of qs.entries()) {
    const path = `answers.${q.id}`;
    const named = `第${i + 1}题「${q.title}」`;
    const v = answers[q.id];
    if (!isShown(q, kept)) {
      if (!isBlank(v))
        return {
          ok: false,
          path,
          zh: `${named}按显示条件不应作答（前面的回答使它不显示）`,
          en: `question ${q.id} is hidden by its show-if rule and must not be answered`,
        };
      continue;
    }
    if (isBlank(v)) {
      if (complete && q.required)
        return { ok: false, path, zh: `${named}为必答题`, en: `question ${q.id} is required` };
      continue;
    }
    const problem = checkOne(q, v as AnswerValue);
    if (problem)
      return { ok: false, path, zh: `${named}：${problem.zh}`, en: `question ${q.id}: ${problem.en}` };
    kept[q.id] = typeof v === 'string' ? v.trim() : (v as AnswerValue);
  }
  return { ok: true, answers: kept };
}

/** The age band of a respondent on `today` (YYYY-MM-DD), from their birth date; coarse on purpose. */
export function ageBandOf(birthDate: string | null, today: string): AgeBand {
  if (!birthDate) return 'unknown';
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  const age = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  if (age < 35) return 'under35';
  if (age <= 45) return '35to45';
  if (age <= 60) return '46to60';
  return 'over60';
}

/** Words a word-frequency view is better without: function words and the survey's own filler. */
export const STOP_WORDS = new Set(
  '的 了 和 与 及 或 在 是 有 把 被 对 等 之 其 这 那 也 就 都 而 又 很 还 要 我 你 他 她 我们 他们 没有 一个 一些 希望 建议 觉得 认为 可以 能够 进一步 方面 无 没 不 好 多 更 让 给 为 从 到 以 上 中 下 个 些 吗 呢 吧 啊'.split(
    ' ',
  ),
);
