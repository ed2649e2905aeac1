import type { Exam } from '../../../../../contracts/exams/sittings.ts';
import type { Actor } from '../../../platform/access/index.ts';
import { can } from '../../../platform/access/index.ts';
import type { ExamRow } from './store.ts';

export type ExamPhase = 'upcoming' | 'open' | 'closed';

/** Where an exam stands at `now`: not open yet, open, or closed (or cancelled). */
export function phaseOf(e: Pick<ExamRow, 'opensAt' | 'closesAt' | 'status'>, now: Date): ExamPhase {
  if (e.status !== 'published' || now >= e.closesAt) return 'closed';
  return now < e.opensAt ? 'upcoming' : 'open';
}

export function presentExam(
  actor: Actor,
  e: ExamRow,
  extra: { orgName: string; paperTitle: string; submittedCount: number; pendingCount: number },
  now: Date,
): Exam {
  return {
    id: String(e.id),
    orgId: String(e.orgId),
    orgName: extra.orgName,
    paperId: String(e.paperId),
    paperTitle: extra.paperTitle,
    title: e.title,
    description: e.description,
    opensAt: e.opensAt.toISOString(),
    closesAt: e.closesAt.toISOString(),
    durationMinutes: e.durationMinutes,
    attemptsAllowed: e.attemptsAllowed,
    totalPoints: e.totalPoints,
    passScore: e.passScore,
    audienceKind: e.audienceKind,
    audienceOrgId: e.audienceOrgId == null ? null : String(e.audienceOrgId),
    audienceClassId: e.audienceClassId == null ? null : String(e.audienceClassId),
    candidateCount: e.candidateCount,
    submittedCount: extra.submittedCount,
    pendingCount: extra.pendingCount,
    status: e.status,
    phase: phaseOf(e, now),
    createdAt: e.createdAt.toISOString(),
    can: { manage: can(actor, 'exam.manage', e.orgPath), grade: can(actor, 'exam.grade', e.orgPath) },
  };
}
