import type { AnswerValue, SlotView } from '../../../../contracts/exams/sittings.ts';
import type { QuestionBody } from '../../../../contracts/exams/questions.ts';
import type { Text } from '../../platform/http/errors.ts';
import { matchesFill, normalizeAnswer } from './bank/normalize.ts';

// 判分 (issue 15 item 6): the one place that says what an answer is worth, used by the exam's
// grading on submit, by practice's immediate feedback, and by the statistics. Pure.

const round2 = (n: number) => Math.round(n * 100) / 100;
const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

/**
 * The share (0…1) of a question's points an answer earns; null for a short answer (a person
 * grades it). No answer earns 0.
 * - 单选题: the chosen choice's weight (GIFT may give a partly right choice `%50%`), never below 0;
 * - 多选题 all-or-nothing: 1 when exactly the right choices (weight > 0) are chosen, else 0;
 *   partial: the chosen choices' weights added (a wrong one's negative weight takes away), 0…1;
 * - 判断题: right or not; 填空题: the best accepted answer it matches (width, case, spaces
 *   normalized); 数值题: the best range holding the number (full-width digits accepted).
 */
export function shareOf(body: QuestionBody, answer: AnswerValue | null | undefined): number | null {
  if (body.type === 'short') return null;
  if (!answer) return 0;
  switch (body.type) {
    case 'single': {
      const i = answer.choices?.[0];
      const c = i === undefined ? undefined : body.choices?.[i];
      return c && answer.choices!.length === 1 ? clamp01(c.weight / 100) : 0;
    }
    case 'multiple': {
      const chosen = new Set(answer.choices ?? []);
      const choices = body.choices ?? [];
      if (!chosen.size) return 0;
      if ((body.scoring ?? 'all-or-nothing') === 'all-or-nothing') {
        const right = choices.every((c, i) => c.weight > 0 === chosen.has(i));
        return right ? 1 : 0;
      }
      let sum = 0;
      for (const i of chosen) sum += choices[i]?.weight ?? 0;
      return clamp01(sum / 100);
    }
    case 'truefalse':
      return answer.truth !== undefined && answer.truth === body.correct ? 1 : 0;
    case 'fill': {
      const given = answer.text ?? '';
      let best = 0;
      for (const a of body.accepted ?? [])
        if (matchesFill(given, [a.text])) best = Math.max(best, a.weight / 100);
      return clamp01(best);
    }
    case 'numeric': {
      const n = Number(normalizeAnswer(answer.text ?? ''));
      if (!(answer.text ?? '').trim() || !Number.isFinite(n)) return 0;
      let best = 0;
      for (const r of body.numeric ?? []) if (n >= r.min && n <= r.max) best = Math.max(best, r.weight / 100);
      return clamp01(best);
    }
  }
}

/** Points earned: share × points, to the hundredth; null for a short answer. */
export function scoreOf(
  body: QuestionBody,
  answer: AnswerValue | null | undefined,
  points: number,
): number | null {
  const share = shareOf(body, answer);
  return share === null ? null : round2(share * points);
}

/** The key as an answer would give it (null for a short answer): what review and practice show. */
export function keyOf(body: QuestionBody): AnswerValue | null {
  switch (body.type) {
    case 'single':
    case 'multiple':
      return { choices: (body.choices ?? []).flatMap((c, i) => (c.weight > 0 ? [i] : [])) };
    case 'truefalse':
      return { truth: body.correct === true };
    case 'fill':
      return { text: body.accepted?.find((a) => a.weight === 100)?.text ?? body.accepted?.[0]?.text ?? '' };
    case 'numeric': {
      const r = body.numeric?.[0];
      return r ? { text: String(r.min === r.max ? r.min : (r.min + r.max) / 2) } : null;
    }
    case 'short':
      return null;
  }
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The key in words, as a member reads it: 「B」, 「A、C」, 「正确」, 「中国共产党」, 「5（4～6）」. */
export function keyText(body: QuestionBody, order?: number[]): string | null {
  switch (body.type) {
    case 'single':
    case 'multiple': {
      const shown = order ?? (body.choices ?? []).map((_, i) => i);
      const letters = shown.flatMap((i, pos) => ((body.choices?.[i]?.weight ?? 0) > 0 ? [LETTERS[pos]] : []));
      return letters.join('、');
    }
    case 'truefalse':
      return body.correct ? '正确' : '错误';
    case 'fill':
      return (
        (body.accepted ?? [])
          .filter((a) => a.weight === 100)
          .map((a) => a.text)
          .join(' / ') || null
      );
    case 'numeric':
      return (body.numeric ?? [])
        .map((r) => (r.min === r.max ? String(r.min) : `${r.min}～${r.max}`))
        .join(' / ');
    case 'short':
      return null;
  }
}

/** The question as an examinee sees it: no key, the choices in the order drawn (`order`). */
export function viewOf(body: QuestionBody, slot: number, points: number, order?: number[]): SlotView {
  const view: SlotView = { slot, type: body.type, stem: body.stem, format: body.format ?? 'plain', points };
  if (body.choices && (body.type === 'single' || body.type === 'multiple')) {
    const shown = order ?? body.choices.map((_, i) => i);
    view.choices = shown.map((i) => ({ index: i, text: body.choices![i].text }));
  }
  return view;
}

/**
 * Why an answer does not fit its question (the field under `answer` and the reason), or null:
 * a choice question takes `choices` naming its own choices (one for 单选题), a 判断题 `truth`,
 * the others `text`. An empty answer (nothing chosen, no text) fits: it clears the answer.
 */
export function answerFlaw(body: QuestionBody, a: AnswerValue): { field: string; text: Text } | null {
  const stray = (allowed: keyof AnswerValue) =>
    (['choices', 'truth', 'text'] as const).find((k) => k !== allowed && a[k] !== undefined);
  const flaw = (field: string, zh: string, en: string) => ({ field: `answer.${field}`, text: { zh, en } });
  switch (body.type) {
    case 'single':
    case 'multiple': {
      const other = stray('choices');
      if (other) return flaw(other, '选择题只能提交选项', 'a choice question takes choices');
      const n = body.choices?.length ?? 0;
      const cs = a.choices ?? [];
      if (cs.some((i) => i >= n)) return flaw('choices', '所选选项不存在', 'no such choice');
      if (new Set(cs).size !== cs.length) return flaw('choices', '选项重复', 'a choice is given twice');
      if (body.type === 'single' && cs.length > 1) return flaw('choices', '单选题只能选一项', 'choose one');
      return null;
    }
    case 'truefalse': {
      const other = stray('truth');
      return other ? flaw(other, '判断题只能回答正确或错误', 'a true/false question takes truth') : null;
    }
    default: {
      const other = stray('text');
      if (other) return flaw(other, '此题只能填写文字', 'this question takes text');
      const limit = body.type === 'short' ? 5000 : 500;
      if ((a.text ?? '').length > limit)
        return flaw('text', `答案不能超过 ${limit} 字`, `an answer is at most ${limit} characters`);
      if ((a.text ?? '').includes('\u0000'))
        return flaw('text', '答案含有无效字符', 'the answer holds a NUL');
      return null;
    }
  }
}
