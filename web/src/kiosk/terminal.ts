import type {
  HeartbeatAnswer,
  PendingCommand,
  Registered,
  TerminalSelf,
} from '../../../contracts/kiosk/terminals.ts';
import { ApiError, api, request } from '../app/api.ts';

// What the kiosk says as a terminal: its token (from the registration code) in localStorage, sent
// as `Authorization: Bearer`. The villager's own session is the ordinary cookie (api.ts).

const TOKEN_KEY = 'hy_kiosk_token';

export const savedToken = (): string | null => {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
};
export const saveToken = (token: string | null) => {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // private mode: the registration lasts for this page
  }
};

async function asTerminal<T>(path: string, token: string, method = 'GET', body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  const data = await res.json().catch(() => null);
  if (!res.ok)
    throw new ApiError(res.status, data?.error?.code ?? `http_${res.status}`, data?.error?.message ?? '');
  return data as T;
}

export const registerTerminal = (code: string) =>
  request<Registered>('/kiosk/register', { method: 'POST', body: { code } });
export const terminalSelf = (token: string) => asTerminal<TerminalSelf>('/kiosk/self', token);
export const sendHeartbeat = (token: string, screen: string) =>
  asTerminal<HeartbeatAnswer>('/kiosk/heartbeat', token, 'POST', { screen });
export const pollCommands = (token: string) =>
  asTerminal<{ commands: PendingCommand[] }>('/kiosk/commands', token);
export const ackCommand = (token: string, id: string) =>
  asTerminal<{ ok: true }>(`/kiosk/commands/${id}/ack`, token, 'POST');

/** The villager's session: who is signed in (null: nobody). */
export async function whoIsIn(): Promise<{ displayName: string } | null> {
  try {
    return await api.get<{ displayName: string }>('/auth/me');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}
