import { eq } from 'drizzle-orm';
import type { ThoughtReport } from '../../../../../contracts/life/thought-reports.ts';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, fieldError, notFound } from '../../../platform/http/errors.ts';
import { sendNotice } from '../../../platform/notify/index.ts';
import { noticeRecipients } from '../../members/index.ts';
import { thoughtReports } from '../schema.ts';
import { REPORT } from './list-reports.ts';
import { reportsWith } from './hand-in.ts';
import { authorizeReview } from './policy.ts';
import { presentReport } from './present.ts';
import { plainText } from './rules.ts';
import { periodWords } from '../../../../../contracts/life/thought-reports.ts';

/** The notice a writer gets when the branch has read their report (the life manifest declares it). */
export const REVIEWED_NOTICE = {
  kind: 'life.thought_report_reviewed',
  label: { zh: '思想汇报审阅意见', en: 'Thought report reviewed' },
};

/**
 * 审阅: the branch (or a committee above it) reads a pending report and answers with a comment the
 * writer reads in the member app; the writer is told by a notice. Once only: the comment answers
 * what was read, and the period's report is closed with it.
 */
export async function reviewReport(ctx: Ctx, id: number, input: { comment: string }): Promise<ThoughtReport> {
  const actor = actorOf(ctx);
  const comment = plainText(input.comment);
  if (!comment) throw fieldError('comment', { zh: '请填写审阅意见', en: 'write a comment' });
  return inTransaction(ctx.db, async (tx) => {
    const [r] = await tx.select().from(thoughtReports).where(eq(thoughtReports.id, id)).for('update');
    if (!r) throw notFound(REPORT);
    authorizeReview(actor, { orgPath: r.orgPath, writerUserId: r.submittedBy });
    if (r.reviewedAt)
      throw conflict('report_reviewed', {
        zh: '该思想汇报已审阅，不能再次审阅',
        en: 'This report has been reviewed already',
      });
    const now = ctx.now();
    await tx
      .update(thoughtReports)
      .set({ reviewedAt: now, reviewedBy: actor.userId, comment })
      .where(eq(thoughtReports.id, id));
    await recordAudit(tx, ctx, {
      action: 'thought_report.reviewed',
      targetType: 'thought_report',
      targetId: id,
      orgId: r.orgId,
      orgPath: r.orgPath,
      after: { memberId: r.memberId, period: r.period, comment },
    });
    await sendNotice(tx, ctx, {
      kind: REVIEWED_NOTICE.kind,
      orgId: r.orgId,
      title: `您的${periodWords(r.period)}思想汇报已审阅`,
      body: comment,
      link: '/m/thought-reports',
      source: { type: 'thought_report', id: String(id) },
      recipients: await noticeRecipients(tx, { memberIds: [r.memberId] }),
    });
    const [row] = await reportsWith(tx).where(eq(thoughtReports.id, id));
    return presentReport(ctx.actor, row.r, row, null);
  });
}
