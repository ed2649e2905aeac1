import type { MakeContext, MatrixCases } from '../../../test/matrix.ts';
import { bearer, makeCommand, makeTerminal } from './fixtures.ts';

/** Authorization-matrix cases for 触摸屏终端 (platform/access/matrix.test.ts). */

let seq = 0;
const onTerminal = (method: 'GET' | 'POST', tail: string, payload?: object) => ({
  action: 'kiosk.manage',
  make: async ({ env, target }: MakeContext) => {
    const { terminalId } = await makeTerminal(env, target);
    return { method, url: `/api/v1/kiosk/terminals/${terminalId}${tail}`, payload };
  },
});
/** A terminal's own call: public as a route, the terminal's token is what it checks. */
const asTerminal = (
  method: 'GET' | 'POST',
  url: (terminalId: number) => Promise<string> | string,
  payload?: object,
) => ({
  action: 'public',
  untargeted: true,
  make: async ({ env, places }: MakeContext) => {
    const { terminalId, token } = await makeTerminal(env, places.branch1);
    return { method, url: await url(terminalId), payload, headers: bearer(token) };
  },
});

export const kioskMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/kiosk/terminals': {
      action: 'kiosk.manage',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/kiosk/terminals?orgId=${target}` }),
    },
    'POST /api/v1/kiosk/terminals': {
      action: 'kiosk.manage',
      make: async ({ target }) => ({
        method: 'POST',
        url: '/api/v1/kiosk/terminals',
        payload: { orgId: String(target), name: `矩阵终端${process.pid}-${++seq}`, place: '服务中心' },
      }),
    },
    'POST /api/v1/kiosk/terminals/:id/code': onTerminal('POST', '/code'),
    'POST /api/v1/kiosk/terminals/:id/revoke': onTerminal('POST', '/revoke'),
    'GET /api/v1/kiosk/terminals/:id/commands': onTerminal('GET', '/commands'),
    'POST /api/v1/kiosk/terminals/:id/commands': {
      ...onTerminal('POST', '/commands', { kind: 'home' }),
      refusalAudit: 'kiosk.command_refused',
    },
    'POST /api/v1/kiosk/register': {
      action: 'public',
      untargeted: true,
      make: async ({ env, places }) => {
        const { code } = await makeTerminal(env, places.branch1, { registered: false });
        return { method: 'POST', url: '/api/v1/kiosk/register', payload: { code } };
      },
    },
    'GET /api/v1/kiosk/self': asTerminal('GET', () => '/api/v1/kiosk/self'),
    'POST /api/v1/kiosk/heartbeat': asTerminal('POST', () => '/api/v1/kiosk/heartbeat', { screen: 'home' }),
    'GET /api/v1/kiosk/commands': asTerminal('GET', () => '/api/v1/kiosk/commands'),
    'POST /api/v1/kiosk/commands/:id/ack': {
      action: 'public',
      untargeted: true,
      make: async ({ env, places }) => {
        const { terminalId, token } = await makeTerminal(env, places.branch1);
        const commandId = await makeCommand(env, terminalId);
        return { method: 'POST', url: `/api/v1/kiosk/commands/${commandId}/ack`, headers: bearer(token) };
      },
    },
  },
  probes: {
    'POST /api/v1/kiosk/terminals/:id/commands': [
      {
        title:
          "a town's admin sends a command to the other town's terminal (403, the refusal audited, nothing else written)",
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          const { terminalId } = await makeTerminal(env, places.branch2);
          return {
            method: 'POST',
            url: `/api/v1/kiosk/terminals/${terminalId}/commands`,
            payload: { kind: 'home' },
          };
        },
        expect: { refused: 403, audited: 'kiosk.command_refused' },
      },
    ],
    'POST /api/v1/kiosk/heartbeat': [
      {
        title: 'a revoked terminal heartbeats (401, the refusal audited, nothing else written)',
        as: [{ role: 'member', on: 'branch1' }],
        make: async ({ env, places }) => {
          const { token } = await makeTerminal(env, places.branch1, { revoked: true });
          return {
            method: 'POST',
            url: '/api/v1/kiosk/heartbeat',
            payload: { screen: 'home' },
            headers: bearer(token),
          };
        },
        expect: { status: 401 },
      },
    ],
  },
};
