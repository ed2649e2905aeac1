import type { MobilePeriod } from '../../../../../contracts/members/index.ts';
import type { mobileAbilities } from './policy.ts';
import { isTransferDue, type MobilePeriodRow, transferDueOn } from './rules.ts';

/** What of a period away leaves the server: no personal numbers, the reminder and the caller's abilities. */
export function presentPeriod(
  p: MobilePeriodRow,
  member: { name: string; orgId: number; orgName: string },
  today: string,
  remindMonths: number,
  can: ReturnType<typeof mobileAbilities>,
): MobilePeriod {
  return {
    id: String(p.id),
    memberId: String(p.memberId),
    memberName: member.name,
    orgId: String(member.orgId),
    orgName: member.orgName,
    outOn: p.outOn,
    backOn: p.backOn,
    destination: p.destination,
    hostOrgId: p.hostOrgId == null ? null : String(p.hostOrgId),
    hostOrgName: p.hostOrgName,
    certificateNo: p.certificateNo,
    transferDueOn: transferDueOn(p.outOn, remindMonths),
    transferDue: isTransferDue(p, today, remindMonths),
    can,
  };
}
