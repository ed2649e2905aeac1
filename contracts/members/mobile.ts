// 流动党员: members away from the branch that holds their record, period by period.
import { z } from 'zod';
import { DateOnly, Id, PageQuery, pageOf, text } from '../common.ts';

/** 外出登记: the day the member left, where to, the host branch (in the deployment or by name), the 活动证. */
export const RecordMobilePeriod = z.strictObject({
  memberId: Id,
  outOn: DateOnly,
  /** 外出地点: city and workplace, as the member reported it. */
  destination: text(100),
  /** 流入地党组织 in this deployment (a branch), when it is one. */
  hostOrgId: Id.nullish(),
  /** 流入地党组织 outside the deployment, by name. */
  hostOrgName: text(100).nullish(),
  /** 《中国共产党流动党员活动证》 number. */
  certificateNo: text(40).nullish(),
});
/** 返回登记: the day the member came back. */
export const EndMobilePeriod = z.strictObject({ backOn: DateOnly });

export const MobileAbilities = z.object({ end: z.boolean() });
export const MobilePeriod = z.object({
  id: Id,
  memberId: Id,
  memberName: z.string(),
  /** The branch that holds the member's record (流出地党组织). */
  orgId: Id,
  orgName: z.string(),
  outOn: z.string(),
  backOn: z.string().nullable(),
  destination: z.string(),
  hostOrgId: Id.nullable(),
  hostOrgName: z.string().nullable(),
  certificateNo: z.string().nullable(),
  /** The day from which the membership should be transferred (six months in one place). */
  transferDueOn: z.string(),
  /** Still away on or after transferDueOn: the branch is reminded to transfer the membership. */
  transferDue: z.boolean(),
  can: MobileAbilities,
});
export type MobilePeriod = z.infer<typeof MobilePeriod>;

export const MobileListQuery = PageQuery.extend({
  /**
   * 'home': members of the orgs in scope who are away (流出); 'host': members hosted by the orgs in
   * scope (流入), read only, for their activities.
   */
  side: z.enum(['home', 'host']).default('home'),
  orgId: Id.optional(),
  /** Only periods still open (default) or only closed ones. */
  open: z.enum(['true', 'false']).optional(),
  /** Only those due for a transfer of membership (six months in one place). */
  due: z.enum(['true']).optional(),
  memberId: Id.optional(),
});
export const MobilePage = pageOf(MobilePeriod);
