// Members' requests to correct their own record, decided by the branch.
import { z } from 'zod';
import { Id, text } from '../common.ts';
import { CORRECTABLE } from './enums.ts';

export const CreateCorrection = z.strictObject({
  field: z.enum(CORRECTABLE),
  value: text(100),
  reason: text(200),
});
export const CorrectionAbilities = z.object({ approve: z.boolean(), reject: z.boolean() });
export const Correction = z.object({
  id: Id,
  memberId: Id,
  memberName: z.string(),
  field: z.string(),
  /** What the field held when the member asked (masked when personal data); null: it was empty. */
  previousValue: z.string().nullable(),
  value: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  can: CorrectionAbilities,
});
export const CorrectionList = z.object({ items: z.array(Correction) });

/** A request as shown, with the branch's reason when it was sent back. */
export const CorrectionView = Correction.extend({ decisionReason: z.string().nullable() });
export const CorrectionViewList = z.object({ items: z.array(CorrectionView) });
export const CorrectionListQuery = z.strictObject({
  /** The subtree whose members' requests to list; default: the caller's whole scope. */
  orgId: Id.optional(),
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
});
export const RejectCorrection = z.strictObject({ reason: text(200) });
