// 学习卡: study cards issued to members.
import { z } from 'zod';
import { Id } from '../common.ts';

export const IssueCards = z.strictObject({ orgId: Id, onlyWithout: z.boolean().default(true) });
export const IssuedCard = z.object({
  memberId: Id,
  name: z.string(),
  orgName: z.string(),
  cardNo: z.string(),
  password: z.string(),
});
export const IssuedCards = z.object({ items: z.array(IssuedCard) });
