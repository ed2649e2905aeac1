import type { AnswerValue, SlotView } from '../../../../../contracts/exams/sittings.ts';
import type { ApiError } from '../../../app/api.ts';
import type { Failure } from './save-queue.ts';

// Small rules of the sitting page, pure so that their tests read like the page's behaviour.

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The letter a choice is shown with: its place in this attempt's order, not its place in the bank. */
export const letterAt = (position: number) => LETTERS[position] ?? '?';

/** Whether an answer says anything (an emptied box or no choice left clears it). */
export function isAnswered(a: AnswerValue | null | undefined): boolean {
  if (!a) return false;
  return (a.choices?.length ?? 0) > 0 || a.truth !== undefined || (a.text ?? '').trim() !== '';
}

/** The slots (numbered from 1 as shown) still without an answer. */
export function unansweredNumbers(slots: SlotView[], answers: Record<string, AnswerValue>): number[] {
  return slots.flatMap((s, i) => (isAnswered(answers[String(s.slot)]) ? [] : [i + 1]));
}

/** Choosing a choice: a single-choice question takes it alone, a multiple one toggles it. */
export function choose(slot: SlotView, current: AnswerValue | undefined, index: number): AnswerValue {
  if (slot.type !== 'multiple') return { choices: [index] };
  const chosen = new Set(current?.choices ?? []);
  if (chosen.has(index)) chosen.delete(index);
  else chosen.add(index);
  // kept in the order shown, so the saved answer reads as the member sees it
  const order = (slot.choices ?? []).map((c) => c.index);
  return { choices: order.filter((i) => chosen.has(i)) };
}

/** An answer in words as the result page shows it: 「A、C」, 「正确」, the text; '' for none. */
export function answerText(
  slot: Pick<SlotView, 'type' | 'choices'>,
  a: AnswerValue | null | undefined,
  words: { yes: string; no: string },
): string {
  if (!a) return '';
  if (slot.type === 'single' || slot.type === 'multiple') {
    const shown = (slot.choices ?? []).map((c) => c.index);
    return shown
      .flatMap((index, pos) => ((a.choices ?? []).includes(index) ? [letterAt(pos)] : []))
      .join('、');
  }
  if (slot.type === 'truefalse') return a.truth === undefined ? '' : a.truth ? words.yes : words.no;
  return a.text ?? '';
}

/** How a failed save is handled: see save-queue.ts. */
export function classifyFailure(e: unknown): Failure {
  const err = e as Partial<ApiError> | null;
  const status = typeof err?.status === 'number' ? err.status : 0;
  const message = typeof err?.message === 'string' ? err.message : undefined;
  if (status === 409) return { kind: 'closed', message };
  // a bad answer (400), a question not on the paper (404), not yours (403): sending again won't help
  if (status === 400 || status === 403 || status === 404 || status === 422)
    return { kind: 'refused', message };
  // the network (0), the session (401: the member logs in again and the answers are still kept),
  // a busy or restarting server (429, 5xx)
  return { kind: 'retry', message };
}

/** A mark for a graded question: all its points, some, none, or waiting for a grader. */
export function markOf(score: number | null, points: number): 'right' | 'partial' | 'wrong' | 'pending' {
  if (score === null) return 'pending';
  if (score >= points) return 'right';
  return score > 0 ? 'partial' : 'wrong';
}
