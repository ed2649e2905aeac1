import type { QuestionBody } from '../../../../../contracts/exams/questions.ts';
import type { Text } from '../../../platform/http/errors.ts';

/** What is wrong with a question beyond its shape: the field (under the body) and why. */
export type Flaw = { field: string; text: Text };

const sum = (ns: number[]) => ns.reduce((s, n) => s + n, 0);
const flaw = (field: string, zh: string, en: string): Flaw => ({ field, text: { zh, en } });

/**
 * The bank's rules for each type of question, as an examiner would check a paper:
 * - 单选题: at least two choices, exactly one of them right (weight 100);
 * - 多选题: at least two choices, the right ones' weights (those above 0) add up to 100;
 * - 判断题: says whether the statement is right (`correct`);
 * - 填空题: at least one accepted answer; 数值题: at least one value or range (min ≤ max);
 * - 简答题: graded by a person, so no answer key of choices, answers or values.
 * Answers of another type are refused rather than kept unused, so an export says what the bank holds.
 */
export function questionFlaw(q: QuestionBody): Flaw | null {
  const choices = q.choices ?? [];
  const keyed = (field: keyof QuestionBody) =>
    field !== 'choices' && q.choices?.length
      ? 'choices'
      : field !== 'accepted' && q.accepted?.length
        ? 'accepted'
        : field !== 'numeric' && q.numeric?.length
          ? 'numeric'
          : field !== 'correct' && q.correct !== undefined
            ? 'correct'
            : null;
  const stray = (own: keyof QuestionBody) => {
    const other = keyed(own);
    return other
      ? flaw(other, `${TYPE_ZH[q.type]}不应有${FIELD_ZH[other]}`, `a ${q.type} question takes no ${other}`)
      : null;
  };
  switch (q.type) {
    case 'single': {
      if (choices.length < 2)
        return flaw('choices', '单选题至少要有两个选项', 'a single choice needs two choices');
      const right = choices.filter((c) => c.weight === 100).length;
      if (right !== 1)
        return flaw(
          'choices',
          `单选题须有且只有一个正确选项（现有 ${right} 个）`,
          `a single choice has exactly one right choice (${right} given)`,
        );
      return stray('choices');
    }
    case 'multiple': {
      if (choices.length < 2)
        return flaw('choices', '多选题至少要有两个选项', 'a multiple choice needs two choices');
      const right = choices.filter((c) => c.weight > 0);
      if (!right.length)
        return flaw('choices', '多选题至少要有一个正确选项', 'a multiple choice needs a right choice');
      const total = sum(right.map((c) => c.weight));
      if (Math.abs(total - 100) > 0.01)
        return flaw(
          'choices',
          `多选题正确选项的分值之和须为 100%（现为 ${Number(total.toFixed(2))}%）`,
          `the right choices' weights add up to 100% (now ${Number(total.toFixed(2))}%)`,
        );
      return stray('choices');
    }
    case 'truefalse':
      if (q.correct === undefined)
        return flaw('correct', '判断题须说明正确还是错误', 'say whether it is true');
      return stray('correct');
    case 'fill':
      if (!q.accepted?.length)
        return flaw('accepted', '填空题至少要有一个参考答案', 'give an accepted answer');
      if (!q.accepted.some((a) => a.weight === 100))
        return flaw('accepted', '填空题至少要有一个满分答案', 'one accepted answer scores 100%');
      return stray('accepted');
    case 'numeric':
      if (!q.numeric?.length) return flaw('numeric', '数值题至少要有一个答案', 'give a numeric answer');
      if (q.numeric.some((n) => n.min > n.max))
        return flaw('numeric', '数值题答案的下限不能大于上限', 'a range’s minimum is above its maximum');
      return stray('numeric');
    case 'short':
      return stray('stem');
  }
}

export const TYPE_ZH: Record<QuestionBody['type'], string> = {
  single: '单选题',
  multiple: '多选题',
  truefalse: '判断题',
  fill: '填空题',
  numeric: '数值题',
  short: '简答题',
};
const FIELD_ZH: Partial<Record<keyof QuestionBody, string>> = {
  choices: '选项',
  accepted: '参考答案',
  numeric: '数值答案',
  correct: '对错答案',
};

/** The name a list shows: the one given, or the stem's first words without markup. */
export function nameOf(q: Pick<QuestionBody, 'name' | 'stem'>): string {
  if (q.name?.trim()) return q.name.trim().slice(0, 200);
  const plain = q.stem
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 40 ? `${plain.slice(0, 40)}…` : plain;
}
