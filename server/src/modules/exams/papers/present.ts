import type { Paper, TypePoints } from '../../../../../contracts/exams/sittings.ts';
import { type Actor, can } from '../../../platform/access/index.ts';
import type { PaperRow, RuleRow } from './store.ts';

/** A rule as the paper shows it: what it draws, its category's name, and how many it may draw from now. */
export type RuleFigures = { rule: RuleRow; categoryName: string; available: number; worth: number };

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * What leaves the server of a paper: its questions or rules, the figures an examinee's paper adds
 * up to (as pool.ts paperDraw counts them: a rule's questions are all worth its type's points),
 * and what the caller may do.
 */
export function presentPaper(
  actor: Actor | null,
  p: PaperRow,
  parts: {
    orgName: string;
    questionIds: number[];
    /** The fixed paper's questions' types, by id. */
    types: Map<number, string>;
    rules: RuleFigures[];
  },
): Paper {
  const points = p.points as TypePoints;
  const worth = (type: string | undefined) => (type ? (points[type as keyof TypePoints] ?? 0) : 0);
  const fixed = p.kind === 'fixed';
  const questionCount = fixed ? parts.questionIds.length : parts.rules.reduce((s, r) => s + r.rule.count, 0);
  const totalPoints = fixed
    ? parts.questionIds.reduce((s, id) => s + worth(parts.types.get(id)), 0)
    : parts.rules.reduce((s, r) => s + r.rule.count * r.worth, 0);
  return {
    id: String(p.id),
    orgId: String(p.orgId),
    orgName: parts.orgName,
    title: p.title,
    kind: p.kind,
    points,
    shuffleOptions: p.shuffleOptions,
    questionIds: fixed ? parts.questionIds.map(String) : [],
    rules: fixed
      ? []
      : parts.rules.map(({ rule: r, categoryName, available }) => ({
          categoryId: String(r.categoryId),
          includeSubcategories: r.includeSubcategories,
          type: r.type ?? null,
          difficulty: (r.difficulty ?? null) as Paper['rules'][number]['difficulty'],
          count: r.count,
          categoryName,
          available,
        })),
    questionCount,
    totalPoints: round2(totalPoints),
    status: p.status as Paper['status'],
    updatedAt: p.updatedAt.toISOString(),
    can: { edit: !!actor && p.status === 'active' && can(actor, 'exam.manage', p.orgPath) },
  };
}
