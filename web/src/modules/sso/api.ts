import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  SaveSsoClient,
  SsoClient,
  SsoClientList,
  SsoClientWithSecret,
} from '../../../../contracts/sso/clients.ts';
import type { SsoTiles } from '../../../../contracts/sso/tiles.ts';
import { api } from '../../app/api.ts';

// 子平台接入 (console) and the actor's sub-platform tiles (the workbench shows them).

export const ssoKeys = { clients: ['sso', 'clients'] as const, tiles: ['sso', 'tiles'] as const };

export const useSsoClients = () =>
  useQuery({
    queryKey: ssoKeys.clients,
    queryFn: ({ signal }) => api.get<SsoClientList>('/sso/clients', undefined, signal),
  });

/** The sub-platforms the signed-in user may open (GET /sso/tiles), for the workbench. */
export const useSsoTiles = () =>
  useQuery({
    queryKey: ssoKeys.tiles,
    queryFn: ({ signal }) => api.get<SsoTiles>('/sso/tiles', undefined, signal),
  });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['sso'] });
}

export function useCreateClient() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: SaveSsoClient) => api.post<SsoClientWithSecret>('/sso/clients', body),
    onSuccess: done,
  });
}

export function useUpdateClient() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: SaveSsoClient }) =>
      api.put<SsoClient>(`/sso/clients/${id}`, body),
    onSuccess: done,
  });
}

export function useResetSecret() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.post<SsoClientWithSecret>(`/sso/clients/${id}/secret`),
    onSuccess: done,
  });
}
