import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Command,
  HeartbeatAnswer,
  Registered,
  TerminalCode,
  TerminalSelf,
} from '../../../../contracts/kiosk/terminals.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../test/harness.ts';
import { bearer } from './fixtures.ts';

let env: TestEnv;
let admin: Session;
let town: Session;
let town2: Session;
let town1: number;

beforeAll(async () => {
  env = await testEnv();
  admin = await login(env, 'admin');
  town = await login(env, 'town_admin');
  town2 = await login(env, 'town2_admin');
  town1 = await orgId(env, '中共青山区清河镇委员会');
});
afterAll(() => env.close());

const api = (
  s: Session | null,
  method: string,
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload,
    headers: { ...(s?.headers ?? {}), ...headers },
  });
const auditCount = async (action: string) =>
  Number(
    (await query<{ n: string }>(env, 'select count(*) as n from audit_log where action = $1', [action]))[0].n,
  );

/** The town admin registers a terminal in the console; the kiosk keys in the code. */
async function registered(name = '村党群服务中心触摸屏') {
  const made = await api(town, 'POST', '/kiosk/terminals', { orgId: String(town1), name, place: '一楼大厅' });
  expect(made.statusCode, made.body).toBe(200);
  const { code, terminal } = made.json<TerminalCode>();
  const reg = await api(null, 'POST', '/kiosk/register', { code });
  expect(reg.statusCode, reg.body).toBe(200);
  return { terminalId: terminal.id, code, token: reg.json<Registered>().token };
}

describe('registering a terminal', () => {
  it('gives a one-time 8-digit code, exchanged once for a token kept only as a hash', async () => {
    const made = await api(town, 'POST', '/kiosk/terminals', {
      orgId: String(town1),
      name: '镇便民服务大厅触摸屏',
      place: '大厅入口',
      idleSeconds: 90,
    });
    expect(made.statusCode, made.body).toBe(200);
    const { code, terminal } = made.json<TerminalCode>();
    expect(code).toMatch(/^\d{8}$/);
    expect(terminal).toMatchObject({ status: 'waiting', online: false, idleSeconds: 90 });

    const reg = await api(null, 'POST', '/kiosk/register', { code });
    expect(reg.statusCode, reg.body).toBe(200);
    const { token, terminal: self } = reg.json<Registered>();
    expect(self).toMatchObject({ id: terminal.id, name: '镇便民服务大厅触摸屏', idleSeconds: 90 });
    const [row] = await query<{ token_hash: string; code_hash: string | null }>(
      env,
      'select token_hash, code_hash from kiosk_terminals where id = $1',
      [terminal.id],
    );
    expect(row.token_hash).not.toContain(token);
    expect(row.code_hash).toBeNull();
    expect(await auditCount('kiosk.terminal_registered')).toBeGreaterThan(0);

    // the code is spent: a second screen keying it in is refused, in Chinese, and audited
    const before = await auditCount('kiosk.terminal_refused');
    const again = await api(null, 'POST', '/kiosk/register', { code });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.message).toContain('注册码无效或已过期');
    expect(await auditCount('kiosk.terminal_refused')).toBe(before + 1);

    const me = await api(null, 'GET', '/kiosk/self', undefined, bearer(token));
    expect(me.json<TerminalSelf>()).toMatchObject({ name: '镇便民服务大厅触摸屏', orgId: String(town1) });
  });

  it('names the field of a malformed code in Chinese', async () => {
    const res = await api(null, 'POST', '/kiosk/register', { code: '12ab' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('注册码');
  });

  it('refuses a terminal under an org outside the admin’s subtree', async () => {
    const res = await api(town2, 'POST', '/kiosk/terminals', {
      orgId: String(town1),
      name: '越权终端',
      place: '某处',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('不在您的管理范围内');
  });
});

describe('heartbeats', () => {
  it('mark the terminal online with what it shows; the console lists it', async () => {
    const { terminalId, token } = await registered();
    const beat = await api(
      null,
      'POST',
      '/kiosk/heartbeat',
      { screen: 'hall:learning /m/learning' },
      bearer(token),
    );
    expect(beat.statusCode, beat.body).toBe(200);
    expect(beat.json<HeartbeatAnswer>()).toEqual({ commands: [], idleSeconds: 60 });

    const list = await api(town, 'GET', `/kiosk/terminals?orgId=${town1}&pageSize=200`);
    const mine = list.json().items.find((t: { id: string }) => t.id === terminalId);
    expect(mine).toMatchObject({ status: 'active', online: true, screen: 'hall:learning /m/learning' });
    // the other town's admin does not see it
    const other = await api(town2, 'GET', '/kiosk/terminals?pageSize=200');
    expect(other.json().items.map((t: { id: string }) => t.id)).not.toContain(terminalId);
  });

  it('four minutes without one, the terminal is offline', async () => {
    const { terminalId, token } = await registered();
    await api(null, 'POST', '/kiosk/heartbeat', { screen: 'home' }, bearer(token));
    await query(env, "update kiosk_terminals set last_seen_at = now() - interval '4 minutes' where id = $1", [
      terminalId,
    ]);
    const list = await api(admin, 'GET', '/kiosk/terminals?pageSize=200');
    expect(list.json().items.find((t: { id: string }) => t.id === terminalId)).toMatchObject({
      online: false,
    });
    // the demo's two screens are there, one of them seen a minute ago
    const demo = list
      .json()
      .items.filter((t: { name: string }) => t.name.endsWith('触摸屏') && t.name !== '村党群服务中心触摸屏');
    expect(demo.length).toBeGreaterThanOrEqual(1);
  });

  it('from an unknown or revoked terminal are refused with 401 in Chinese and audited', async () => {
    const before = await auditCount('kiosk.terminal_refused');
    const unknown = await api(null, 'POST', '/kiosk/heartbeat', { screen: 'home' }, bearer('x'.repeat(43)));
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe('终端未注册或已停用，请在终端上重新输入注册码');
    const none = await api(null, 'POST', '/kiosk/heartbeat', { screen: 'home' });
    expect(none.statusCode).toBe(401);

    const { terminalId, token } = await registered();
    const revoked = await api(town, 'POST', `/kiosk/terminals/${terminalId}/revoke`);
    expect(revoked.json()).toMatchObject({ status: 'revoked', online: false });
    const after = await api(null, 'POST', '/kiosk/heartbeat', { screen: 'home' }, bearer(token));
    expect(after.statusCode).toBe(401);
    expect((await api(null, 'GET', '/kiosk/commands', undefined, bearer(token))).statusCode).toBe(401);
    expect(await auditCount('kiosk.terminal_refused')).toBe(before + 3);
    const [last] = await query<{ ip: string | null; actor_id: number | null }>(
      env,
      "select ip, actor_id from audit_log where action = 'kiosk.terminal_refused' order by id desc limit 1",
    );
    expect(last.actor_id).toBeNull();
  });

  it('a reissued code ends the old token and registers the screen again', async () => {
    const { terminalId, token } = await registered();
    const re = await api(town, 'POST', `/kiosk/terminals/${terminalId}/code`);
    expect(re.statusCode, re.body).toBe(200);
    expect((await api(null, 'POST', '/kiosk/heartbeat', { screen: 'home' }, bearer(token))).statusCode).toBe(
      401,
    );
    const reg = await api(null, 'POST', '/kiosk/register', { code: re.json<TerminalCode>().code });
    expect(reg.statusCode).toBe(200);
    const beat = await api(
      null,
      'POST',
      '/kiosk/heartbeat',
      { screen: 'home' },
      bearer(reg.json<Registered>().token),
    );
    expect(beat.statusCode).toBe(200);
  });
});

describe('commands', () => {
  it('reach the terminal through its poll and its heartbeat until acknowledged, and are listed with their state', async () => {
    const { terminalId, token } = await registered();
    const sent = await api(town, 'POST', `/kiosk/terminals/${terminalId}/commands`, {
      kind: 'notice',
      text: '今天下午三点开会',
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const home = await api(town, 'POST', `/kiosk/terminals/${terminalId}/commands`, { kind: 'home' });
    const poll = await api(null, 'GET', '/kiosk/commands', undefined, bearer(token));
    expect(poll.json().commands).toEqual([
      { id: sent.json<Command>().id, kind: 'notice', text: '今天下午三点开会' },
      { id: home.json<Command>().id, kind: 'home', text: '' },
    ]);
    const ack = await api(
      null,
      'POST',
      `/kiosk/commands/${home.json<Command>().id}/ack`,
      undefined,
      bearer(token),
    );
    expect(ack.statusCode, ack.body).toBe(200);
    // acknowledged twice: still fine, one audit line
    await api(null, 'POST', `/kiosk/commands/${home.json<Command>().id}/ack`, undefined, bearer(token));
    const beat = await api(null, 'POST', '/kiosk/heartbeat', { screen: 'home' }, bearer(token));
    expect(beat.json<HeartbeatAnswer>().commands.map((c) => c.kind)).toEqual(['notice']);

    const list = await api(town, 'GET', `/kiosk/terminals/${terminalId}/commands`);
    expect(list.json().items.map((c: Command) => [c.kind, c.state])).toEqual([
      ['home', 'acked'],
      ['notice', 'pending'],
    ]);
    expect(list.json().items[0].createdBy).toBeTruthy();
    const acks = await query(
      env,
      "select * from audit_log where action = 'kiosk.command_acked' and target_id = $1",
      [terminalId],
    );
    expect(acks).toHaveLength(1);
  });

  it('a notice needs its text (400 naming the field)', async () => {
    const { terminalId } = await registered();
    const res = await api(town, 'POST', `/kiosk/terminals/${terminalId}/commands`, { kind: 'notice' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('通知内容');
  });

  it("another terminal cannot acknowledge this one's command", async () => {
    const a = await registered('终端甲');
    const b = await registered('终端乙');
    const sent = await api(town, 'POST', `/kiosk/terminals/${a.terminalId}/commands`, { kind: 'reload' });
    const ack = await api(
      null,
      'POST',
      `/kiosk/commands/${sent.json<Command>().id}/ack`,
      undefined,
      bearer(b.token),
    );
    expect(ack.statusCode).toBe(404);
  });

  it('to a terminal outside the admin’s subtree are refused, audited, and nothing is queued', async () => {
    const { terminalId, token } = await registered();
    const before = await auditCount('kiosk.command_refused');
    const res = await api(town2, 'POST', `/kiosk/terminals/${terminalId}/commands`, { kind: 'home' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('不在您的管理范围内');
    expect(await auditCount('kiosk.command_refused')).toBe(before + 1);
    const [row] = await query<{ target_id: string; after: { kind: string; reason: string } }>(
      env,
      "select target_id, after from audit_log where action = 'kiosk.command_refused' order by id desc limit 1",
    );
    expect(row).toEqual({ target_id: String(terminalId), after: { kind: 'home', reason: 'outside_scope' } });
    expect((await api(town2, 'GET', `/kiosk/terminals/${terminalId}/commands`)).statusCode).toBe(403);
    const poll = await api(null, 'GET', '/kiosk/commands', undefined, bearer(token));
    expect(poll.json().commands).toEqual([]);
    expect(
      (await api(town2, 'POST', '/kiosk/terminals/99999999/commands', { kind: 'home' })).statusCode,
    ).toBe(404);
  });
});
