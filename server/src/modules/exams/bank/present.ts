import type { Question, QuestionCategory } from '../../../../../contracts/exams/bank.ts';
import { type Actor, can } from '../../../platform/access/index.ts';
import type { CategoryRow, QuestionRow } from './store.ts';

/** A category as the tree shows it, with what the caller may do to it. */
export function presentCategory(
  actor: Actor | null,
  c: CategoryRow,
  orgName: string,
  questionCount: number,
): QuestionCategory {
  return {
    id: String(c.id),
    orgId: String(c.orgId),
    orgName,
    parentId: c.parentId ? String(c.parentId) : null,
    name: c.name,
    questionCount,
    can: { edit: !!actor && can(actor, 'question.manage', c.orgPath) },
  };
}

export function presentQuestion(actor: Actor | null, q: QuestionRow, categoryName: string): Question {
  return {
    id: String(q.id),
    categoryId: String(q.categoryId),
    categoryName,
    orgId: String(q.orgId),
    type: q.type as Question['type'],
    name: q.name,
    body: q.body,
    difficulty: q.difficulty as Question['difficulty'],
    tags: q.tags,
    status: q.status as Question['status'],
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
    can: { edit: !!actor && can(actor, 'question.manage', q.orgPath) },
  };
}
