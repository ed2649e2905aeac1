import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../../../contracts/common.ts';
import type { ImportJob, ImportMode, ImportPreviewRow } from '../../../../../contracts/members/excel.ts';
import { api, download, upload } from '../../../app/api.ts';
import { memberKeys } from '../keys.ts';
import type { MemberFilter } from '../record/api.ts';

/** The statuses after which an import changes no more by itself (a preview waits for a person). */
export const SETTLED: readonly ImportJob['status'][] = ['done', 'failed', 'cancelled', 'previewed'];

export function useImportJob(id: string | undefined) {
  return useQuery({
    queryKey: memberKeys.importJob(id ?? ''),
    queryFn: () => api.get<ImportJob>(`/members/imports/${id}`),
    enabled: !!id,
    // Poll every second while the job runs, for the progress bar; stop once it has settled.
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s && SETTLED.includes(s) ? false : 1000;
    },
    staleTime: 0,
  });
}

/** The changes an update import would make, a page at a time. */
export function useImportPreview(id: string | undefined, page: number, enabled: boolean) {
  return useQuery({
    queryKey: memberKeys.importPreview(id ?? '', page),
    queryFn: () => api.get<Page<ImportPreviewRow>>(`/members/imports/${id}/preview`, { page, pageSize: 10 }),
    enabled: !!id && enabled,
    placeholderData: keepPreviousData,
  });
}

/** Past imports in the caller's scope, newest first. */
export function useImports(page: number) {
  return useQuery({
    queryKey: memberKeys.imports({ page }),
    queryFn: () => api.get<Page<ImportJob>>('/members/imports', { page, pageSize: 10 }),
    placeholderData: keepPreviousData,
  });
}

/** The list's filter without paging: the export takes the same filter as the list. */
const filterQuery = ({ page: _p, pageSize: _s, ...rest }: MemberFilter) => rest;

export const excelApi = {
  exportList: (filter: MemberFilter) => download('/members/export', filterQuery(filter), '党员信息.xlsx'),
  template: () => download('/members/import-template', undefined, '党员信息导入模板.xlsx'),
  startImport: (orgId: string, file: File, mode: ImportMode = 'create') => {
    const form = new FormData();
    form.append('orgId', orgId);
    form.append('mode', mode);
    form.append('file', file, file.name);
    return upload<ImportJob>('/members/imports', form);
  },
  confirmImport: (id: string) => api.post<ImportJob>(`/members/imports/${id}/confirm`),
  cancelImport: (id: string) => api.post<ImportJob>(`/members/imports/${id}/cancel`),
  importErrors: (job: ImportJob) =>
    download(job.errorWorkbookUrl ?? `/members/imports/${job.id}/errors`, undefined, '导入错误报告.xlsx'),
};
