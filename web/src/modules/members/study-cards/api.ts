import type { z } from 'zod';
import type { IssuedCard, IssuedCards } from '../../../../../contracts/members/study-cards.ts';
import { api } from '../../../app/api.ts';

export type IssuedCardT = z.infer<typeof IssuedCard>;

export const cardApi = {
  /** Cards with initial passwords for an org's members; the passwords are shown this once. */
  issue: (orgId: string, onlyWithout: boolean) =>
    api.post<z.infer<typeof IssuedCards>>('/members/cards/issue', { orgId, onlyWithout }),
  reset: (memberId: string) => api.post<IssuedCardT>(`/members/${memberId}/card/reset`),
};
