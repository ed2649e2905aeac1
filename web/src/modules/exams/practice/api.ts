import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AnswerValue,
  PracticeCategories,
  PracticeFeedback,
  PracticeNext,
  WrongBook,
} from '../../../../../contracts/exams/sittings.ts';
import { api } from '../../../app/api.ts';

export type PracticeCategoriesData = z.infer<typeof PracticeCategories>;
export type PracticeNextData = z.infer<typeof PracticeNext>;
export type PracticeQuestion = NonNullable<PracticeNextData['question']>;
export type Feedback = z.infer<typeof PracticeFeedback>;
export type WrongBookPage = z.infer<typeof WrongBook>;
export type WrongItem = WrongBookPage['items'][number];

export const practiceKeys = {
  all: ['practice'] as const,
  categories: ['practice', 'categories'] as const,
  book: (page: number) => ['practice', 'book', page] as const,
};

export function usePracticeCategories() {
  return useQuery({
    queryKey: practiceKeys.categories,
    queryFn: ({ signal }) => api.get<PracticeCategoriesData>('/practice/categories', undefined, signal),
  });
}

export function useWrongBook(page: number) {
  return useQuery({
    queryKey: practiceKeys.book(page),
    queryFn: ({ signal }) => api.get<WrongBookPage>('/practice/wrong', { page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
}

export const practiceApi = {
  /** The next question: of a category (or all the member's banks), or from the book. */
  next: (from: { categoryId?: string; book?: boolean }) =>
    api.get<PracticeNextData>('/practice/next', {
      categoryId: from.categoryId,
      book: from.book ? 'true' : undefined,
    }),
  answer: (questionId: string, answer: AnswerValue) =>
    api.post<Feedback>('/practice/answers', { questionId, answer }),
  remove: (questionId: string) => api.del<{ ok: true }>(`/practice/wrong/${questionId}`),
};
