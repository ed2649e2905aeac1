import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CreateUser, Page, Role, User } from '../../../../contracts/index.ts';
import { api } from '../../app/api.ts';

export type UserFilter = { q?: string; orgId?: string; role?: Role; page: number; pageSize: number };

export const userKeys = {
  all: ['users'] as const,
  list: (f: UserFilter) => ['users', 'list', f] as const,
};

export function useUsers(filter: UserFilter) {
  return useQuery({
    queryKey: userKeys.list(filter),
    queryFn: ({ signal }) => api.get<Page<User>>('/users', filter, signal),
    placeholderData: keepPreviousData,
  });
}

export type UpdateUserBody = Partial<{
  displayName: string;
  phone: string | null;
  orgId: string;
  disabled: boolean;
}>;

export const userApi = {
  create: (body: CreateUser) => api.post<User>('/users', body),
  update: (id: string, body: UpdateUserBody) => api.patch<User>(`/users/${id}`, body),
  resetPassword: (id: string, password: string) => api.post(`/users/${id}/reset-password`, { password }),
  unlock: (id: string) => api.post(`/users/${id}/unlock`),
  resetTotp: (id: string, reason: string) => api.post(`/users/${id}/totp-reset`, { reason }),
  grant: (id: string, role: Role, orgId: string) => api.post<User>(`/users/${id}/grants`, { role, orgId }),
  revoke: (id: string, grantId: string) => api.del<User>(`/users/${id}/grants/${grantId}`),
};
