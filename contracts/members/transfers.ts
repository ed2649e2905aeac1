// 组织关系转接: transfers of a member's organizational relationship.
import { z } from 'zod';
import { Id, Month, PageQuery, pageOf, text } from '../common.ts';
import { CreateMember } from './record.ts';

export const TransferKind = z.enum(['internal', 'outgoing', 'incoming']);
export const TransferStatus = z.enum(['pending', 'accepted', 'returned', 'cancelled']);
export const CreateTransfer = z.strictObject({
  memberId: Id,
  kind: z.enum(['internal', 'outgoing']),
  /** internal: the receiving org in this deployment (a branch). */
  toOrgId: Id.nullish(),
  /** outgoing: the receiving org's name outside the deployment (letter only). */
  toOrgName: text(100).nullish(),
  letterNo: text(40),
  validDays: z.number().int().min(7).max(180).default(90),
  duesPaidUntil: Month,
  reason: text(200),
});
export const RegisterIncoming = z.strictObject({
  ...CreateMember.shape,
  fromOrgName: text(100),
  letterNo: text(40),
  duesPaidUntil: Month,
  reason: text(200),
});
export const DecideTransfer = z.strictObject({ reason: text(200).optional() });
/** What the caller may do with a transfer: the server decides, the web shows the buttons. */
export const TransferAbilities = z.object({ accept: z.boolean(), return: z.boolean(), cancel: z.boolean() });
export type TransferAbilities = z.infer<typeof TransferAbilities>;
export const Transfer = z.object({
  id: Id,
  kind: TransferKind,
  status: TransferStatus,
  memberId: Id,
  memberName: z.string(),
  fromOrgId: Id.nullable(),
  fromOrgName: z.string(),
  toOrgId: Id.nullable(),
  toOrgName: z.string(),
  letterNo: z.string(),
  issuedOn: z.string(),
  validUntil: z.string(),
  overdue: z.boolean(),
  duesPaidUntil: z.string(),
  reason: z.string(),
  returnReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  can: TransferAbilities,
});
export type Transfer = z.infer<typeof Transfer>;
export const TransferListQuery = PageQuery.extend({
  orgId: Id.optional(),
  /** 'out': sent from the scope; 'in': to be received in the scope. */
  side: z.enum(['out', 'in']).default('out'),
  status: TransferStatus.optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export const TransferPage = pageOf(Transfer);
export const TransferMonthly = z.object({
  items: z.array(
    z.object({ month: z.string(), out: z.number().int(), in: z.number().int(), accepted: z.number().int() }),
  ),
});

export const TransferMonthlyQuery = z.strictObject({ orgId: Id.optional() });
/** Receiving branches for a transfer: any branch of the deployment, by name or code. */
export const TransferDestinationsQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  /** Only branches receive members; accepted for symmetry with GET /orgs. */
  kind: z.literal('branch').optional(),
});
