import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../../contracts/common.ts';
import type {
  Command,
  CommandList,
  CreateTerminalInput,
  SendCommandInput,
  Terminal,
  TerminalCode,
} from '../../../../contracts/kiosk/terminals.ts';
import { api } from '../../app/api.ts';
import { queryClient } from '../../app/queryClient.ts';

export const kioskKeys = {
  all: ['kiosk'] as const,
  list: (f: object) => ['kiosk', 'terminals', f] as const,
  commands: (id: string) => ['kiosk', 'commands', id] as const,
};
const refresh = () => queryClient.invalidateQueries({ queryKey: kioskKeys.all });

/** The terminals in scope; refreshed every 15 s so a screen going on- or offline shows without a reload. */
export function useTerminals(f: { orgId?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: kioskKeys.list(f),
    queryFn: ({ signal }) => api.get<Page<Terminal>>('/kiosk/terminals', f, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
}

export function useCommands(id: string | null) {
  return useQuery({
    queryKey: kioskKeys.commands(id ?? ''),
    queryFn: ({ signal }) => api.get<CommandList>(`/kiosk/terminals/${id}/commands`, undefined, signal),
    enabled: !!id,
    refetchInterval: 5_000,
  });
}

export const useCreateTerminal = () =>
  useMutation({
    mutationFn: (body: CreateTerminalInput) => api.post<TerminalCode>('/kiosk/terminals', body),
    onSuccess: refresh,
  });

export const useReissueCode = () =>
  useMutation({
    mutationFn: (id: string) => api.post<TerminalCode>(`/kiosk/terminals/${id}/code`),
    onSuccess: refresh,
  });

export const useRevoke = () =>
  useMutation({
    mutationFn: (id: string) => api.post<Terminal>(`/kiosk/terminals/${id}/revoke`),
    onSuccess: refresh,
  });

export const useSendCommand = () =>
  useMutation({
    mutationFn: ({ id, body }: { id: string; body: SendCommandInput }) =>
      api.post<Command>(`/kiosk/terminals/${id}/commands`, body),
    onSuccess: refresh,
  });
