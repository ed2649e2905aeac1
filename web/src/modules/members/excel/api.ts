import { useQuery } from '@tanstack/react-query';
import type { ImportJob } from '../../../../../contracts/members/excel.ts';
import { api, download, upload } from '../../../app/api.ts';
import { memberKeys } from '../keys.ts';
import type { MemberFilter } from '../record/api.ts';

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

/** The list's filter without paging: the export takes the same filter as the list. */
const filterQuery = ({ page: _p, pageSize: _s, ...rest }: MemberFilter) => rest;

export const excelApi = {
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
};
