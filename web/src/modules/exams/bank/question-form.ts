import type { QuestionBody, QuestionType } from '../../../../../contracts/exams/questions.ts';

export type QuestionValues = {
  categoryId: string;
  type: QuestionType;
  stem: string;
  format: 'plain' | 'html' | 'markdown';
  choices?: { text: string; right?: boolean; weight?: number }[];
  scoring?: 'all-or-nothing' | 'partial';
  correct?: boolean;
  accepted?: { text: string }[];
  numeric?: { min: number; max: number }[];
  explanation?: string;
  difficulty: 'easy' | 'medium' | 'hard';
  tags?: string[];
};

export const FIELDS = [
  'categoryId',
  'type',
  'stem',
  'choices',
  'correct',
  'accepted',
  'numeric',
  'explanation',
  'tags',
];

/** The form's values as the bank's shape: weights from the ticks (single: 100; multiple: equal shares unless partial). */
export function bodyOf(v: QuestionValues): QuestionBody {
  const base = {
    type: v.type,
    stem: v.stem,
    format: v.format ?? 'plain',
    explanation: v.explanation || undefined,
    difficulty: v.difficulty ?? 'medium',
    tags: v.tags ?? [],
  };
  const choices = v.choices ?? [];
  const right = choices.filter((c) => c.right).length || 1;
  switch (v.type) {
    case 'single':
      return { ...base, choices: choices.map((c) => ({ text: c.text, weight: c.right ? 100 : 0 })) };
    case 'multiple':
      return {
        ...base,
        scoring: v.scoring ?? 'all-or-nothing',
        choices: choices.map((c) => ({
          text: c.text,
          weight: v.scoring === 'partial' ? (c.weight ?? 0) : c.right ? Number((100 / right).toFixed(5)) : 0,
        })),
      };
    case 'truefalse':
      return { ...base, correct: v.correct };
    case 'fill':
      return { ...base, accepted: (v.accepted ?? []).map((a) => ({ text: a.text, weight: 100 })) };
    case 'numeric':
      return { ...base, numeric: (v.numeric ?? []).map((n) => ({ min: n.min, max: n.max, weight: 100 })) };
    case 'short':
      return base;
  }
}
