import type { ThoughtReport, ThoughtReportSummary } from '../../../../../contracts/life/thought-reports.ts';
import type { Actor } from '../../../platform/access/index.ts';
import type { thoughtReports } from '../schema.ts';
import { reportAbilities } from './policy.ts';
import { excerptOf } from './rules.ts';

export type ReportRow = typeof thoughtReports.$inferSelect;
/** What a list reads beside the row: the org's name and the reviewer's. */
export type ReportContext = { orgName: string; reviewerName: string | null };

/**
 * What leaves the server: never the file's key (the attachment is fetched through its route), the
 * text as stored (plain, sanitized), and what the caller may do with the report.
 */
export function presentSummary(
  actor: Actor | null,
  r: ReportRow,
  c: ReportContext,
  currentPeriod: string | null,
): ThoughtReportSummary {
  return {
    id: String(r.id),
    memberId: String(r.memberId),
    memberName: r.memberName,
    stage: r.stage as ThoughtReportSummary['stage'],
    orgId: String(r.orgId),
    orgName: c.orgName,
    period: r.period,
    title: r.title,
    excerpt: excerptOf(r.body),
    attachment:
      r.attachmentKey && r.attachmentName
        ? { name: r.attachmentName, size: r.attachmentSize ?? 0, type: r.attachmentType ?? '' }
        : null,
    submittedAt: r.submittedAt.toISOString(),
    state: r.reviewedAt ? 'reviewed' : 'pending',
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    reviewerName: c.reviewerName,
    comment: r.comment,
    can: reportAbilities(
      actor,
      { orgPath: r.orgPath, reviewedAt: r.reviewedAt, writerUserId: r.submittedBy, period: r.period },
      currentPeriod,
    ),
  };
}

export function presentReport(
  actor: Actor | null,
  r: ReportRow,
  c: ReportContext,
  currentPeriod: string | null,
): ThoughtReport {
  return { ...presentSummary(actor, r, c, currentPeriod), body: r.body };
}
