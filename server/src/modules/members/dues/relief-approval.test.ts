import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { shanghaiMonth, shanghaiToday } from '../../../platform/time.ts';

// 2008 党费规定（三）: 少交或免交党费，须经党支部委员会讨论同意，报上级党委批准 — the branch records its
// agreement, the committee above its approval (policy.ts mayApproveRelief).

let env: TestEnv;
let town: Session; // org_admin of 清河镇: the committee above the branch
let secretary: Session; // secretary of the branch
let branch: number;
const today = shanghaiToday();

beforeAll(async () => {
  env = await testEnv();
  town = await login(env, 'town_admin');
  branch = (await makeOrg(env, await orgId(env, '中共青山区清河镇委员会'), 'branch', '减免批准测试党支部'))
    .id;
  const u = await makeUser(env, { orgId: branch, role: 'secretary' });
  secretary = await login(env, u.username);
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object) =>
  env.app.inject({ method: method as 'GET', url: `/api/v1${url}`, payload, headers: s.headers });

/** A full member of the branch with a standard, dues counted from this month. */
async function payer() {
  const { id } = await makeMember(env, branch);
  await query(
    env,
    "update members set dues_category = 'farmer', dues_standard_fen = 300, dues_from_month = $2 where id = $1",
    [id, shanghaiMonth()],
  );
  return String(id);
}
const exemption = (memberId: string, over: object = {}) => ({
  memberId,
  kind: 'exempt',
  fromMonth: shanghaiMonth(),
  reason: '重病住院，无收入',
  branchApprovedOn: today,
  ...over,
});
const audits = async (memberId: string) =>
  (
    await query<{ action: string }>(
      env,
      "select action from audit_log where target_type = 'member' and target_id = $1 and action like 'dues.relief%' order by id",
      [memberId],
    )
  ).map((a) => a.action);

describe('少交、免交党费: the branch agrees, the higher committee approves', () => {
  it('the branch secretary records the branch’s agreement, and is not offered the approval', async () => {
    const m = await payer();
    const res = await api(secretary, 'POST', '/dues/reliefs', exemption(m));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ inEffect: false, can: { approve: false, end: true } });
    // the town committee's admin sees the approval to record
    const list = (await api(town, 'GET', `/dues/reliefs?memberId=${m}&show=all`)).json();
    expect(list.items[0].can).toMatchObject({ approve: true });
  });

  it('a branch secretary recording the committee’s approval is refused with 403 naming the field; nothing is written', async () => {
    const m = await payer();
    const withApproval = await api(
      secretary,
      'POST',
      '/dues/reliefs',
      exemption(m, { committeeApprovedOn: today }),
    );
    expect(withApproval.statusCode).toBe(403);
    expect(withApproval.json().error.details[0].path).toBe('committeeApprovedOn');
    expect(await query(env, 'select 1 from dues_reliefs where member_id = $1', [m])).toEqual([]);

    const recorded = await api(secretary, 'POST', '/dues/reliefs', exemption(m));
    const approve = await api(secretary, 'POST', `/dues/reliefs/${recorded.json().id}/approve`, {
      committeeApprovedOn: today,
    });
    expect(approve.statusCode).toBe(403);
    expect(approve.json().error.message).toContain('须由上级党组织登记');
    expect(
      await query(env, 'select committee_approved_on from dues_reliefs where id = $1', [recorded.json().id]),
    ).toEqual([{ committee_approved_on: null }]);
    expect(await audits(m)).toEqual(['dues.relief_recorded']);
  });

  it('the approval sent twice at the same moment: exactly one is recorded, the other is a 409 saying when', async () => {
    const m = await payer();
    const recorded = await api(secretary, 'POST', '/dues/reliefs', exemption(m));
    const id = recorded.json().id as string;
    const answers = await Promise.all([
      api(town, 'POST', `/dues/reliefs/${id}/approve`, { committeeApprovedOn: today }),
      api(town, 'POST', `/dues/reliefs/${id}/approve`, { committeeApprovedOn: today }),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const lost = answers.find((r) => r.statusCode === 409)!;
    expect(lost.json().error).toMatchObject({ code: 'relief_approved' });
    expect(lost.json().error.message).toContain(`上级党委已于 ${today} 批准`);
    expect(await audits(m)).toEqual(['dues.relief_recorded', 'dues.relief_approved']);
  });
});
