// 组织关系转接: transfers of a member's organizational relationship.
import { z } from 'zod';
import { DateOnly, Id, Month, PageQuery, pageOf, text } from '../common.ts';
import { CreateMember } from './record.ts';

export const TransferKind = z.enum(['internal', 'outgoing', 'incoming']);
export const TransferStatus = z.enum(['pending', 'accepted', 'returned', 'cancelled']);
/**
 * 开具介绍信. The letter number is generated (a per-year sequence of the issuing committee) and
 * "dues paid until" is read from the payment records: neither is typed.
 */
export const CreateTransfer = z.strictObject({
  memberId: Id,
  kind: z.enum(['internal', 'outgoing']),
  /** internal: the receiving org in this deployment (a branch). */
  toOrgId: Id.nullish(),
  /** outgoing: the receiving org's name outside the deployment (letter only). */
  toOrgName: text(100).nullish(),
  /** Days the letter is valid: at most, and by default, the department's longest validity (90). */
  validDays: z.number().int().min(7).max(180).optional(),
  reason: text(200),
});
/** A member arriving from outside with a paper letter: its number, date and validity as written on it. */
export const RegisterIncoming = z.strictObject({
  ...CreateMember.shape,
  fromOrgName: text(100),
  letterNo: text(40),
  /** The letter's own date of issue and last valid day. */
  issuedOn: DateOnly,
  validUntil: DateOnly,
  /** A letter past its validity is taken in only on the sending branch's certificate (证明). */
  certificateNote: text(200).optional(),
  duesPaidUntil: Month,
  reason: text(200),
});
export const DecideTransfer = z.strictObject({ reason: text(200).optional() });
/** Accepting: an expired internal letter only with the sending branch's certificate (证明). */
export const AcceptTransfer = z.strictObject({ certificateNote: text(200).optional() });
/** 回执: the day the receipt was sent back (receiving side) or came back (sending side). */
export const RecordReceipt = z.strictObject({ receiptOn: DateOnly });
/** What the caller may do with a transfer: the server decides, the web shows the buttons. */
export const TransferAbilities = z.object({
  accept: z.boolean(),
  return: z.boolean(),
  cancel: z.boolean(),
  /** Record the receipt (回执) of an accepted transfer. */
  receipt: z.boolean(),
  /** Print the letter (介绍信 with stub and receipt) and the 党员证明. */
  print: z.boolean(),
});
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
  /** Pending after the letter's last valid day. */
  overdue: z.boolean(),
  /** The letter was past its validity when it was taken in (or is now, while pending). */
  expired: z.boolean(),
  /** Taken in on the sending branch's certificate instead of a valid letter. */
  certificateNote: z.string().nullable(),
  duesPaidUntil: z.string(),
  /** 回执: due by this day; recorded on this day. */
  receiptDueOn: z.string().nullable(),
  receiptOn: z.string().nullable(),
  receiptOverdue: z.boolean(),
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
  /** 回执: 'overdue' past its due day and not recorded; 'open' not yet recorded; 'done' recorded. */
  receipt: z.enum(['overdue', 'open', 'done']).optional(),
  /** One member's letters (the member page shows 转接中 while one is pending). */
  memberId: Id.optional(),
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

/**
 * What a printed letter says (党员组织关系介绍信 with its stub and receipt, and the 党员证明): the
 * standard form's fields. The ID number is masked unless the caller asked to reveal it and may.
 */
export const TransferLetterQuery = z.strictObject({ reveal: z.enum(['true', 'false']).optional() });
export const TransferLetter = z.object({
  transferId: Id,
  kind: TransferKind,
  status: TransferStatus,
  letterNo: z.string(),
  issuedOn: z.string(),
  validUntil: z.string(),
  validDays: z.number().int(),
  /** The committee that issues the letter (具有审批预备党员权限的基层党委) and the sending branch. */
  issuerName: z.string(),
  fromOrgName: z.string(),
  toOrgName: z.string(),
  memberName: z.string(),
  gender: z.string(),
  age: z.number().int(),
  ethnicity: z.string(),
  memberStatus: z.string(),
  idNumber: z.string(),
  idNumberRevealed: z.boolean(),
  canReveal: z.boolean(),
  joinedOn: z.string().nullable(),
  fullOn: z.string().nullable(),
  duesPaidUntil: z.string(),
  reason: z.string(),
  certificateNote: z.string().nullable(),
  receiptDueOn: z.string().nullable(),
  receiptOn: z.string().nullable(),
});
export type TransferLetter = z.infer<typeof TransferLetter>;
