import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AdvanceMember,
  ArrearsReport,
  Correction,
  CorrectionList,
  CreateMember,
  CreateTransfer,
  HistoryList,
  ImportJob,
  IssuedCard,
  IssuedCards,
  Member,
  MemberDetail,
  MemberStatus,
  Page,
  PipelineDueList,
  PipelineUpdate,
  QualityReport,
  RegisterIncoming,
  RevealedPii,
  Transfer,
  TransferMonthly,
  UpdateMember,
} from '../../../../contracts/index.ts';
import { api, download, upload } from '../../app/api.ts';

export type MemberFilter = {
  orgId?: string;
  status?: MemberStatus;
  sector?: 'public' | 'non_public';
  mobile?: 'true' | 'false';
  q?: string;
  page: number;
  pageSize: number;
};
export type TransferFilter = {
  side: 'out' | 'in';
  status?: z.infer<typeof Transfer>['status'];
  overdue?: 'true' | 'false';
  orgId?: string;
  page: number;
  pageSize: number;
};
export type CorrectionT = z.infer<typeof Correction>;
export type HistoryEntryT = z.infer<typeof HistoryList>['items'][number];
export type QualityReportT = z.infer<typeof QualityReport>;
export type QualityRowT = QualityReportT['total'];
export type PipelineDueT = z.infer<typeof PipelineDueList>['items'][number];
export type PipelineDuePageT = z.infer<typeof PipelineDueList>;
export type ArrearsReportT = z.infer<typeof ArrearsReport>;
export type IssuedCardT = z.infer<typeof IssuedCard>;
export type RevealedPiiT = z.infer<typeof RevealedPii>;
export type CreateTransferBody = z.input<typeof CreateTransfer>;
export type RegisterIncomingBody = z.input<typeof RegisterIncoming>;
export type PipelineUpdateBody = z.infer<typeof PipelineUpdate>;
export type AdvanceBody = z.infer<typeof AdvanceMember>;

export const memberKeys = {
  all: ['members'] as const,
  list: (f: MemberFilter) => ['members', 'list', f] as const,
  one: (id: string) => ['members', 'one', id] as const,
  history: (id: string) => ['members', 'history', id] as const,
  quality: (q: object) => ['members', 'quality', q] as const,
  importJob: (id: string) => ['members', 'import', id] as const,
  transfers: ['transfers'] as const,
  pipeline: ['pipeline'] as const,
  dues: ['dues'] as const,
  corrections: ['corrections'] as const,
};

/** The list's filter without paging: the export takes the same filter. */
const filterQuery = ({ page: _p, pageSize: _s, ...rest }: MemberFilter) => rest;

export function useMembers(filter: MemberFilter, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: memberKeys.list(filter),
    queryFn: ({ signal }) => api.get<Page<Member>>('/members', filter, signal),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}

export function useMember(id: string | undefined) {
  return useQuery({
    queryKey: memberKeys.one(id ?? ''),
    queryFn: () => api.get<MemberDetail>(`/members/${id}`),
    enabled: !!id,
  });
}

export function useMemberHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: memberKeys.history(id),
    queryFn: () => api.get<z.infer<typeof HistoryList>>(`/members/${id}/history`).then((r) => r.items),
    enabled,
  });
}

/** All members of one branch, page by page (a village branch can hold a few hundred). */
export async function fetchBranchMembers(
  orgId: string,
  limit = 2000,
): Promise<{ items: Member[]; total: number }> {
  const pageSize = 200;
  const items: Member[] = [];
  for (let page = 1; ; page++) {
    const r = await api.get<Page<Member>>('/members', { orgId, page, pageSize });
    items.push(...r.items);
    if (r.items.length < pageSize || items.length >= r.total || items.length >= limit)
      return { items, total: r.total };
  }
}

export function useImportJob(id: string | undefined) {
  return useQuery({
    queryKey: memberKeys.importJob(id ?? ''),
    queryFn: () => api.get<ImportJob>(`/members/imports/${id}`),
    enabled: !!id,
    // Poll every second while the job runs, for the progress bar; stop once it has finished.
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === 'done' || s === 'failed' ? false : 1000;
    },
    staleTime: 0,
  });
}

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

export function useCorrections(filter: { orgId?: string; status?: CorrectionT['status'] }) {
  return useQuery<CorrectionT[]>({
    queryKey: [...memberKeys.corrections, filter],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof CorrectionList>>('/corrections', filter, signal).then((r) => r.items),
    placeholderData: keepPreviousData,
  });
}

export const memberApi = {
  create: (body: z.input<typeof CreateMember>) => api.post<Member>('/members', body),
  update: (id: string, body: z.input<typeof UpdateMember>) => api.patch<Member>(`/members/${id}`, body),
  reveal: (id: string) => api.post<RevealedPiiT>(`/members/${id}/reveal`),
  exportList: (filter: MemberFilter) => download('/members/export', filterQuery(filter), '党员信息.xlsx'),
  template: () => download('/members/import-template', undefined, '党员信息导入模板.xlsx'),
  startImport: (orgId: string, file: File) => {
    const form = new FormData();
    form.append('orgId', orgId);
    form.append('file', file, file.name);
    return upload<ImportJob>('/members/imports', form);
  },
  importErrors: (job: ImportJob) =>
    download(job.errorWorkbookUrl ?? `/members/imports/${job.id}/errors`, undefined, '导入错误报告.xlsx'),
  pipeline: (id: string, body: PipelineUpdateBody) =>
    api.patch<MemberDetail>(`/members/${id}/pipeline`, body),
  advance: (id: string, body: AdvanceBody) => api.post<MemberDetail>(`/members/${id}/advance`, body),
  resetCard: (id: string) => api.post<IssuedCardT>(`/members/${id}/card/reset`),
  issueCards: (orgId: string, onlyWithout: boolean) =>
    api.post<z.infer<typeof IssuedCards>>('/members/cards/issue', { orgId, onlyWithout }),
};

export const transferApi = {
  create: (body: CreateTransferBody) => api.post<Transfer>('/transfers', body),
  accept: (id: string) => api.post<Transfer>(`/transfers/${id}/accept`),
  giveBack: (id: string, reason: string) => api.post<Transfer>(`/transfers/${id}/return`, { reason }),
  cancel: (id: string) => api.post<Transfer>(`/transfers/${id}/cancel`),
  registerIncoming: (body: RegisterIncomingBody) => api.post<Transfer>('/transfers/incoming', body),
};

export const correctionApi = {
  approve: (id: string) => api.post<CorrectionT>(`/corrections/${id}/approve`),
  reject: (id: string, reason: string) => api.post<CorrectionT>(`/corrections/${id}/reject`, { reason }),
};

export const duesApi = {
  record: (payments: { memberId: string; month: string; amountFen: number }[]) =>
    api.post<unknown>('/dues/payments', { payments }),
};
