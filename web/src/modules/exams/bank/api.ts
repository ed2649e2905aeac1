import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  ImportResult,
  Question,
  QuestionCategory,
  QuestionCategoryList,
  WriteQuestion,
  WriteQuestionCategory,
} from '../../../../../contracts/exams/bank.ts';
import { api, download, upload, uploadWithProgress } from '../../../app/api.ts';

export const bankKeys = {
  all: ['bank'] as const,
  categories: ['bank', 'categories'] as const,
  questions: (f: object) => ['bank', 'questions', f] as const,
};

export type QuestionFilter = {
  categoryId?: string;
  type?: string;
  difficulty?: string;
  tag?: string;
  q?: string;
  page: number;
  pageSize: number;
};

export function useCategories() {
  return useQuery({
    queryKey: bankKeys.categories,
    queryFn: ({ signal }) => api.get<QuestionCategoryList>('/question-categories', undefined, signal),
  });
}

export function useQuestions(f: QuestionFilter) {
  return useQuery({
    queryKey: bankKeys.questions(f),
    queryFn: ({ signal }) => api.get<Page<Question>>('/questions', f, signal),
    placeholderData: keepPreviousData,
  });
}

export const bankApi = {
  createCategory: (body: WriteQuestionCategory) => api.post<QuestionCategory>('/question-categories', body),
  renameCategory: (id: string, name: string) =>
    api.patch<QuestionCategory>(`/question-categories/${id}`, { name }),
  removeCategory: (id: string) => api.del<{ ok: true }>(`/question-categories/${id}`),
  createQuestion: (body: WriteQuestion) => api.post<Question>('/questions', body),
  editQuestion: (id: string, body: WriteQuestion) => api.put<Question>(`/questions/${id}`, body),
  archiveQuestion: (id: string) => api.post<Question>(`/questions/${id}/archive`),
  template: () => download('/question-template', undefined, '题库导入模板.xlsx'),
  exportCategory: (id: string, format: 'xlsx' | 'gift') =>
    download(
      `/question-categories/${id}/export`,
      { format },
      format === 'gift' ? 'bank.gift.txt' : 'bank.xlsx',
    ),
  /** The preview (confirm false) or the import itself; the file is sent again, the server keeps nothing between. */
  importFile: (
    categoryId: string,
    file: File,
    opts: { confirm: boolean; skipBad: boolean; format?: 'gift' | 'aiken' },
    onProgress: (fraction: number) => void,
  ) => {
    const form = new FormData();
    form.append('file', file, file.name);
    const q = new URLSearchParams({
      categoryId,
      confirm: opts.confirm ? '1' : '0',
      skipBad: opts.skipBad ? '1' : '0',
    });
    if (opts.format) q.set('format', opts.format);
    return uploadWithProgress<ImportResult>(`/question-imports?${q}`, form, onProgress);
  },
  uploadImage: (orgId: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return upload<{ id: string; url: string }>(`/question-images?orgId=${orgId}`, form);
  },
};
