import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Page } from '../../../../../contracts/common.ts';
import type { Org } from '../../../../../contracts/orgs.ts';
import type {
  CreateTransfer,
  RegisterIncoming,
  Transfer,
  TransferLetter,
  TransferListQuery,
  TransferMonthly,
} from '../../../../../contracts/members/transfers.ts';
import { ApiError, api } from '../../../app/api.ts';
import { memberKeys } from '../keys.ts';

export type TransferFilter = Omit<z.input<typeof TransferListQuery>, 'side' | 'page' | 'pageSize'> & {
  side: 'out' | 'in';
  page: number;
  pageSize: number;
};
export type CreateTransferBody = z.input<typeof CreateTransfer>;
export type RegisterIncomingBody = z.input<typeof RegisterIncoming>;

export function useTransfers(filter: TransferFilter) {
  return useQuery({
    queryKey: [...memberKeys.transfers, 'list', filter],
    queryFn: ({ signal }) => api.get<Page<Transfer>>('/transfers', filter, signal),
    placeholderData: keepPreviousData,
  });
}

/** How many transfers match, without their rows (for the "n pending, m overdue" line). */
export function useTransferCount(filter: Omit<TransferFilter, 'page' | 'pageSize'>) {
  return useQuery({
    queryKey: [...memberKeys.transfers, 'count', filter],
    queryFn: ({ signal }) =>
      api.get<Page<Transfer>>('/transfers', { ...filter, page: 1, pageSize: 1 }, signal).then((r) => r.total),
  });
}

export function useTransferMonthly(enabled: boolean) {
  return useQuery({
    queryKey: [...memberKeys.transfers, 'monthly'],
    queryFn: () => api.get<z.infer<typeof TransferMonthly>>('/transfers/monthly').then((r) => r.items),
    enabled,
  });
}

// Set once the server answered that it has no deployment-wide list of receiving branches.
let scopedOnly = false;

/**
 * Branches a member may be transferred to, by name. GET /transfers/destinations lists the branches
 * of the whole deployment (a member moves to any town); until the server has it, the branches of
 * the actor's own scope (GET /orgs) are offered instead.
 */
export async function searchDestinations(q: string, signal?: AbortSignal): Promise<Page<Org>> {
  const query = { q: q || undefined, kind: 'branch', pageSize: 20 };
  if (!scopedOnly) {
    try {
      return await api.get<Page<Org>>('/transfers/destinations', query, signal);
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'route_not_found')) throw e;
      scopedOnly = true;
    }
  }
  return api.get<Page<Org>>('/orgs', query, signal);
}

/** The member's pending letter, if any (the member page shows 转接中 while there is one). */
export function usePendingTransfer(memberId: string, enabled = true) {
  return useQuery({
    queryKey: [...memberKeys.transfers, 'pending-of', memberId],
    queryFn: ({ signal }) =>
      api
        .get<Page<Transfer>>(
          '/transfers',
          { side: 'out', memberId, status: 'pending', page: 1, pageSize: 1 },
          signal,
        )
        .then((r) => r.items[0] ?? null),
    enabled: enabled && !!memberId,
  });
}

export const transferApi = {
  create: (body: CreateTransferBody) => api.post<Transfer>('/transfers', body),
  accept: (id: string, certificateNote?: string) =>
    api.post<Transfer>(`/transfers/${id}/accept`, certificateNote ? { certificateNote } : undefined),
  receipt: (id: string, receiptOn: string) => api.post<Transfer>(`/transfers/${id}/receipt`, { receiptOn }),
  letter: (id: string, reveal: boolean) =>
    api.get<TransferLetter>(`/transfers/${id}/letter`, reveal ? { reveal: 'true' } : undefined),
  giveBack: (id: string, reason: string) => api.post<Transfer>(`/transfers/${id}/return`, { reason }),
  cancel: (id: string) => api.post<Transfer>(`/transfers/${id}/cancel`),
  registerIncoming: (body: RegisterIncomingBody) => api.post<Transfer>('/transfers/incoming', body),
};
