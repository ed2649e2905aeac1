import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ApproveStandingDecision,
  MarkFound,
  MarkLostContact,
  MemberStanding,
  RecordAbroad,
  RecordStandingDecision,
  RefuseStandingDecision,
  StandingDecisionKind,
  StandingDueList,
} from '../../../../../contracts/members/standing.ts';
import { api } from '../../../app/api.ts';
import { memberKeys } from '../keys.ts';

export type StandingDueT = z.infer<typeof StandingDueList>['items'][number];
export type StandingDuePageT = z.infer<typeof StandingDueList>;
export type MemberStandingT = MemberStanding;
export type DecisionBody = z.input<typeof RecordStandingDecision>;

// under the members' keys: whatever refreshes the records refreshes the standing too
export const standingKeys = {
  due: (q: object) => [...memberKeys.all, 'standing-due', q] as const,
  one: (id: string) => [...memberKeys.all, 'standing', id] as const,
};

/** Who is due for which decision, a page at a time, the oldest first (the server's order). */
export function useStandingDue(q: {
  orgId?: string;
  decision?: StandingDecisionKind;
  page: number;
  pageSize: number;
}) {
  return useQuery({
    queryKey: standingKeys.due(q),
    queryFn: ({ signal }) => api.get<StandingDuePageT>('/standing/due', q, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMemberStanding(id: string) {
  return useQuery({
    queryKey: standingKeys.one(id),
    queryFn: ({ signal }) => api.get<MemberStanding>(`/members/${id}/standing`, undefined, signal),
  });
}

export const standingApi = {
  lostContact: (id: string, body: z.input<typeof MarkLostContact>) =>
    api.post<MemberStanding>(`/members/${id}/lost-contact`, body),
  found: (id: string, body: z.input<typeof MarkFound>) =>
    api.post<MemberStanding>(`/members/${id}/found`, body),
  abroad: (id: string, body: z.input<typeof RecordAbroad>) =>
    api.put<MemberStanding>(`/members/${id}/abroad`, body),
  decide: (id: string, body: DecisionBody) =>
    api.post<MemberStanding>(`/members/${id}/standing-decisions`, body),
  approve: (decisionId: string, body: z.input<typeof ApproveStandingDecision>) =>
    api.post<MemberStanding>(`/standing-decisions/${decisionId}/approval`, body),
  refuse: (decisionId: string, body: z.input<typeof RefuseStandingDecision>) =>
    api.post<MemberStanding>(`/standing-decisions/${decisionId}/refusal`, body),
};
