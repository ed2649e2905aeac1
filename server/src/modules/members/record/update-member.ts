import { eq } from 'drizzle-orm';
import type { Member, UpdateMember } from '../../../../../contracts/members/index.ts';
import { inTransaction } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, fieldError, notFound } from '../../../platform/http/errors.ts';
import { members } from '../schema.ts';
import { refuseLeft } from '../standing/guard.ts';
import type { MemberInput } from './rules.ts';
import { presentMember } from './present.ts';
import { auditDiff, MEMBER, applyMemberChange, loadMember } from './store.ts';

export async function updateMember(ctx: Ctx, id: number, patch: UpdateMember): Promise<Member> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const [locked] = await tx.select().from(members).where(eq(members.id, id)).for('update');
    if (!locked) throw notFound(MEMBER);
    // transferred out: not found; left the Party: on file, read only (after authorizing)
    const { orgName, orgPath } = await loadMember(tx, id, { leftParty: true });
    authorize(actor, 'member.manage', orgPath);
    refuseLeft(locked);
    const { version, ...fields } = patch;
    if (version !== locked.version) throw staleRecord(locked.name);
    const mobile = mobileEditProblem(locked, fields);
    if (mobile) throw mobile;
    const { row, changes } = await applyMemberChange(tx, ctx, locked, fields as Partial<MemberInput>, 'edit');
    if (Object.keys(changes).length) {
      await recordAudit(tx, ctx, {
        action: 'member.updated',
        targetType: 'member',
        targetId: id,
        orgId: row.orgId,
        orgPath,
        ...auditDiff(changes),
      });
    }
    return presentMember(ctx, row, { name: orgName, path: orgPath });
  });
}

/** Someone saved a change to this record after the form was opened: theirs is not overwritten. */
function staleRecord(name: string) {
  return conflict('stale_record', {
    zh: `${name}的信息在您打开后已被他人修改，本次修改未保存；请刷新后核对再改`,
    en: 'This record was changed by someone else after you opened it; nothing was saved. Reload and retry',
  });
}

/**
 * 流动党员 is kept by its periods (mobile/: out and back dates, destination, host branch), which set
 * the record's flag and place; an edit of the record does not change them behind the periods'
 * back. Sent unchanged (a form that still carries them) they are no edit.
 */
export function mobileEditProblem(
  row: { mobile: boolean; mobileLocation: string | null },
  fields: { mobile?: boolean; mobileLocation?: string | null },
) {
  const path =
    fields.mobile !== undefined && fields.mobile !== row.mobile
      ? 'mobile'
      : fields.mobileLocation !== undefined && (fields.mobileLocation ?? null) !== row.mobileLocation
        ? 'mobileLocation'
        : null;
  if (!path) return null;
  return fieldError(path, {
    zh: '流动党员情况不在此修改：请到“流动党员”登记外出或返回（外出日期、外出地点、流入地党组织）',
    en: 'mobile membership is not edited here: record the period away or the return under Mobile members',
  });
}
