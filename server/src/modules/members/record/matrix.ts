import { makeMember, makeOrg } from '../../../../test/fixtures.ts';
import { query, type TestEnv } from '../../../../test/harness.ts';
import type { MatrixCases } from '../../../../test/matrix.ts';
import { makeIdCard } from './id-card.ts';

/** Authorization-matrix cases for member records (platform/access/matrix.test.ts). */

/** A member whose record passes the record checks whole (approving a correction re-checks it). */
export async function validMember(env: TestEnv, orgId: number) {
  const m = await makeMember(env, orgId);
  await query(
    env,
    "update members set joined_on = birth_date + interval '20 years', full_on = birth_date + interval '21 years' where id = $1",
    [m.id],
  );
  return m;
}

/** `orgId` itself when it is a branch, else a new branch under it: where members are kept. */
export async function branchIn(env: TestEnv, orgId: number) {
  const [{ kind }] = await query<{ kind: string }>(env, 'select kind from orgs where id = $1', [orgId]);
  return kind === 'branch' ? orgId : (await makeOrg(env, orgId, 'branch')).id;
}

let payloadSeq = 0;
/** A new full member of `orgId`, as the create form sends it (an ID number no one has). */
export function newMemberPayload(orgId: number) {
  payloadSeq += 2;
  const birthDate = `1985-03-0${(payloadSeq % 9) + 1}`;
  return {
    name: '矩阵党员',
    gender: 'female',
    ethnicity: '汉族',
    idNumber: makeIdCard('120101', birthDate, (payloadSeq * 13) % 998, 'female'),
    birthDate,
    education: '大学本科',
    status: 'full',
    joinedOn: '2010-07-01',
    fullOn: '2011-07-01',
    orgId: String(orgId),
  };
}

/** A trip abroad not yet ended, of member `memberId`. */
async function openTrip(env: TestEnv, memberId: number) {
  const [{ id }] = await query<{ id: number }>(
    env,
    `insert into member_trips (member_id, destination, purpose, left_on) values ($1, '新加坡', '探亲', '2024-02-01') returning id`,
    [memberId],
  );
  return id;
}

function photoUpload() {
  const boundary = 'hyphoto';
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const recordMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/members': {
      action: 'member.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/members?orgId=${target}` }),
    },
    'GET /api/v1/members/:id': {
      action: 'member.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/members/${(await makeMember(env, target)).id}`,
      }),
    },
    'GET /api/v1/members/:id/history': {
      action: 'member.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/members/${(await makeMember(env, target)).id}/history`,
      }),
    },
    'POST /api/v1/members/:id/reveal': {
      action: 'member.reveal_pii',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/members/${(await makeMember(env, target)).id}/reveal`,
      }),
    },
    'POST /api/v1/members': {
      action: 'member.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: '/api/v1/members',
        payload: newMemberPayload(await branchIn(env, target)),
      }),
    },
    'PATCH /api/v1/members/:id': {
      action: 'member.manage',
      make: async ({ env, target }) => ({
        method: 'PATCH',
        url: `/api/v1/members/${(await makeMember(env, target)).id}`,
        payload: { workUnit: '新单位', version: 1 },
      }),
    },
    'GET /api/v1/members/:id/photo': {
      action: 'member.view',
      make: async ({ env, target }) => {
        const m = await makeMember(env, target);
        await query(env, "update members set photo = 'demo' where id = $1", [m.id]);
        return { method: 'GET', url: `/api/v1/members/${m.id}/photo` };
      },
    },
    'POST /api/v1/members/:id/photo': {
      action: 'member.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/members/${(await makeMember(env, target)).id}/photo`,
        ...photoUpload(),
      }),
    },
    // a member's own record: linked to the caller, wherever it is
    'GET /api/v1/me/member': {
      action: 'member.self',
      untargeted: true,
      make: async ({ env, target, self }) => {
        const m = await validMember(env, target);
        if (self.userId)
          await query(env, 'update members set user_id = $1 where id = $2', [self.userId, m.id]);
        return { method: 'GET', url: '/api/v1/me/member' };
      },
    },
    // 奖惩 and 出国（境）, kept with the record
    'GET /api/v1/members/:id/sanctions': {
      action: 'member.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/members/${(await makeMember(env, target)).id}/sanctions`,
      }),
    },
    'POST /api/v1/members/:id/sanctions': {
      action: 'member.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/members/${(await makeMember(env, target)).id}/sanctions`,
        payload: { kind: 'reward', title: '优秀共产党员', on: '2021-06-30', issuedBy: '中共矩阵委员会' },
      }),
    },
    'DELETE /api/v1/members/:id/sanctions/:itemId': {
      action: 'member.manage',
      make: async ({ env, target }) => {
        const m = await makeMember(env, target);
        const [{ id }] = await query<{ id: number }>(
          env,
          `insert into member_sanctions (member_id, kind, title, "on", issued_by)
           values ($1, 'reward', '优秀共产党员', '2021-06-30', '中共矩阵委员会') returning id`,
          [m.id],
        );
        return { method: 'DELETE', url: `/api/v1/members/${m.id}/sanctions/${id}` };
      },
    },
    'GET /api/v1/members/:id/trips': {
      action: 'member.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/members/${(await makeMember(env, target)).id}/trips`,
      }),
    },
    'POST /api/v1/members/:id/trips': {
      action: 'member.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/members/${(await makeMember(env, target)).id}/trips`,
        payload: { destination: '新加坡', purpose: '探亲', leftOn: '2024-02-01', returnedOn: '2024-02-20' },
      }),
    },
    'POST /api/v1/members/:id/trips/:itemId/return': {
      action: 'member.manage',
      make: async ({ env, target }) => {
        const m = await makeMember(env, target);
        const id = await openTrip(env, m.id);
        return {
          method: 'POST',
          url: `/api/v1/members/${m.id}/trips/${id}/return`,
          payload: { returnedOn: '2024-03-01' },
        };
      },
    },
    'DELETE /api/v1/members/:id/trips/:itemId': {
      action: 'member.manage',
      make: async ({ env, target }) => {
        const m = await makeMember(env, target);
        return { method: 'DELETE', url: `/api/v1/members/${m.id}/trips/${await openTrip(env, m.id)}` };
      },
    },
  },

  probes: {
    'PATCH /api/v1/members/:id': [
      {
        // a member changes org only by a transfer: orgId is not a field of the edit
        title: 'a town-1 admin moves a town-1 member to a town-2 branch by editing the record',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => ({
          method: 'PATCH',
          url: `/api/v1/members/${(await makeMember(env, places.branch1)).id}`,
          payload: { workUnit: '新单位', version: 1, orgId: String(places.branch2) },
        }),
        expect: { refused: 400 },
      },
      {
        title:
          'secretary of a town-1 branch and member of a town-2 branch edits a record in the town-2 branch',
        as: [
          { role: 'secretary', on: 'branch1' },
          { role: 'member', on: 'branch2' },
        ],
        make: async ({ env, places }) => ({
          method: 'PATCH',
          url: `/api/v1/members/${(await makeMember(env, places.branch2)).id}`,
          payload: { workUnit: '新单位', version: 1 },
        }),
        expect: { refused: 403 },
      },
    ],
    'POST /api/v1/members/:id/reveal': [
      {
        title: 'admin of town 2 and secretary of a town-1 branch reveals a town-1 member’s ID number',
        as: [
          { role: 'org_admin', on: 'town2' },
          { role: 'secretary', on: 'branch1' },
        ],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: `/api/v1/members/${(await makeMember(env, places.branch1)).id}/reveal`,
        }),
        expect: { refused: 403 },
      },
    ],
  },
};
