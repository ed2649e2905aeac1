import { makeOrg, makeUser } from '../../../../test/fixtures.ts';
import { query, type TestEnv } from '../../../../test/harness.ts';
import type { MatrixCases } from '../../../../test/matrix.ts';
import { validMember } from '../record/matrix.ts';

/** Authorization-matrix cases for study cards (platform/access/matrix.test.ts). */

let cardSeq = 0;
/** A member of `orgId` with an account and a card; `alsoHolds` adds a role elsewhere to that account. */
async function memberWithCard(env: TestEnv, orgId: number, alsoHolds?: { role: string; orgId: number }) {
  const m = await validMember(env, orgId);
  const u = await makeUser(env, { orgId: m.branchId, role: 'member' });
  if (alsoHolds)
    await query(env, 'insert into role_grants (user_id, role, org_id) values ($1, $2, $3)', [
      u.id,
      alsoHolds.role,
      alsoHolds.orgId,
    ]);
  const cardNo = `9${String(process.pid % 1_000_000).padStart(6, '0')}${String(++cardSeq).padStart(5, '0')}`;
  await query(env, "update users set study_card_no = $2, card_password_hash = 'x' where id = $1", [
    u.id,
    cardNo,
  ]);
  await query(env, 'update members set user_id = $1, study_card_no = $2 where id = $3', [u.id, cardNo, m.id]);
  return m;
}

export const studyCardMatrix: MatrixCases = {
  routes: {
    'POST /api/v1/members/cards/issue': {
      action: 'member.manage',
      make: async ({ env, target }) => {
        const m = await validMember(env, target);
        return { method: 'POST', url: '/api/v1/members/cards/issue', payload: { orgId: String(m.branchId) } };
      },
    },
    'POST /api/v1/members/:id/card/reset': {
      action: 'member.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/members/${(await memberWithCard(env, target)).id}/card/reset`,
      }),
    },
  },

  // a card signs in to the member's whole account: a secretary must not hand out a key to more
  // than they manage (issue 11, security item 1)
  probes: {
    'POST /api/v1/members/:id/card/reset': [
      {
        title: 'a town-1 branch secretary resets the card of a branch member who is also admin of town 2',
        as: [{ role: 'secretary', on: 'branch1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: `/api/v1/members/${(await memberWithCard(env, places.branch1, { role: 'org_admin', orgId: places.town2 })).id}/card/reset`,
        }),
        expect: { refused: 403 },
      },
    ],
    'POST /api/v1/members/cards/issue': [
      {
        title: 'a town-1 admin issues cards in a town-1 branch where one account is also admin of town 2',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          // a branch of its own, so the refused batch stays out of every other case's way
          const branch = (await makeOrg(env, places.town1, 'branch')).id;
          await validMember(env, branch);
          const m = await validMember(env, branch);
          const u = await makeUser(env, { orgId: branch, role: 'member' });
          await query(env, "insert into role_grants (user_id, role, org_id) values ($1, 'org_admin', $2)", [
            u.id,
            places.town2,
          ]);
          await query(env, 'update members set user_id = $1 where id = $2', [u.id, m.id]);
          return { method: 'POST', url: '/api/v1/members/cards/issue', payload: { orgId: String(branch) } };
        },
        expect: { refused: 403 },
      },
    ],
  },
};
