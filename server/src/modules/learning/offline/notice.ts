import type { Tx } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { sendNotice } from '../../../platform/notify/index.ts';
import { noticeRecipients } from '../../members/index.ts';
import type { StudyRow } from './store.ts';

/** The notices of 线下学习 (declared in the learning manifest's `notices`). */
export const OFFLINE_PENDING_NOTICE = {
  kind: 'learning.offline_pending',
  label: { zh: '线下学习待审批', en: 'Offline study to approve' },
};
export const OFFLINE_DECIDED_NOTICE = {
  kind: 'learning.offline_decided',
  label: { zh: '线下学习审批结果', en: 'Offline study decided' },
};

/**
 * A session was submitted (or submitted again after it was returned): those who answer for the
 * approving org are told, with the session opened in the console's list to approve. Each
 * submission is its own notice, so a resubmitted session is news again. Accounts that are not
 * members cannot receive notices yet; the list to approve shows the session all the same.
 */
export async function noticeApprovers(tx: Tx, ctx: Ctx, s: StudyRow, orgName: string, approverOrgId: number) {
  const recipients = await noticeRecipients(tx, { orgId: approverOrgId, action: 'offline_study.approve' });
  if (!recipients.length) return null;
  return sendNotice(tx, ctx, {
    kind: OFFLINE_PENDING_NOTICE.kind,
    orgId: s.orgId,
    title: `${orgName}报送线下学习“${s.topic}”，请审批`.slice(0, 200),
    body: `${s.studiedOn}，${s.minutes} 分钟${s.submissions > 1 ? '（退回后重新报送）' : ''}`,
    link: `/offline-studies?box=approve&id=${s.id}`,
    source: { type: 'offline_study', id: `${s.id}-${s.submissions}` },
    recipients,
  });
}

/** The superior approved or returned a session: those who answer for the recording org are told. */
export async function noticeRecorders(
  tx: Tx,
  ctx: Ctx,
  s: StudyRow,
  approved: boolean,
  reason: string | null,
) {
  const recipients = await noticeRecipients(tx, { orgId: s.orgId, action: 'offline_study.record' });
  if (!recipients.length) return null;
  return sendNotice(tx, ctx, {
    kind: OFFLINE_DECIDED_NOTICE.kind,
    orgId: s.orgId,
    title: `线下学习“${s.topic}”${approved ? '已审批通过，学时已计入' : '被退回，请修改后重新报送'}`.slice(
      0,
      200,
    ),
    body: reason ?? undefined,
    link: `/offline-studies?box=${approved ? 'all' : 'mine'}&id=${s.id}`,
    source: { type: 'offline_study_decision', id: `${s.id}-${s.submissions}` },
    recipients,
  });
}
