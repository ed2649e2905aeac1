import { makeMember, makeOrg } from '../../../../test/fixtures.ts';
import { query, type TestEnv } from '../../../../test/harness.ts';
import type { MatrixCases } from '../../../../test/matrix.ts';

/** Authorization-matrix cases for migrant members (platform/access/matrix.test.ts). */

/** A member of a branch under `home` away since 2025-03-01, hosted by `hostOrg` when given. */
async function awayFrom(env: TestEnv, home: number, hostOrg: number | null = null) {
  const m = await makeMember(env, home);
  const [{ id }] = await query<{ id: number }>(
    env,
    `insert into mobile_periods (member_id, out_on, destination, host_org_id, host_org_name)
     values ($1, '2025-03-01', '矩阵市', $2, $3) returning id`,
    [m.id, hostOrg, hostOrg ? '矩阵流入党支部' : null],
  );
  await query(env, "update members set mobile = true, mobile_location = '矩阵市' where id = $1", [m.id]);
  return id;
}

export const mobileMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/mobile-periods': {
      action: 'member.view',
      make: async ({ target }) => ({
        method: 'GET',
        url: `/api/v1/mobile-periods?side=home&orgId=${target}`,
      }),
    },
    'POST /api/v1/mobile-periods': {
      action: 'member.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: '/api/v1/mobile-periods',
        payload: {
          memberId: String((await makeMember(env, target)).id),
          outOn: '2025-03-01',
          destination: '矩阵市',
          hostOrgName: '矩阵市某党支部',
          certificateNo: '矩阵0001',
        },
      }),
    },
    'POST /api/v1/mobile-periods/:id/return': {
      action: 'member.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/mobile-periods/${await awayFrom(env, target)}/return`,
        payload: { backOn: '2025-09-01' },
      }),
    },
  },

  probes: {
    'GET /api/v1/mobile-periods': [
      {
        // the host branch sees the migrants it hosts, though their records are another town's
        title: 'a town-1 branch secretary lists the town-2 migrants it hosts',
        as: [{ role: 'secretary', on: 'branch1' }],
        make: async ({ env, places }) => {
          await awayFrom(env, places.branch2, places.branch1);
          return { method: 'GET', url: `/api/v1/mobile-periods?side=host&orgId=${places.branch1}` };
        },
        expect: { status: 200 },
        check: async (_c, res) => {
          const items = res.json().items as { can: { end: boolean } }[];
          if (!items.length || items.some((i) => i.can.end))
            throw new Error('the host sees its hosted migrants, read only');
        },
      },
      {
        title: 'a town-1 admin lists the migrants a town-2 branch hosts',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ places }) => ({
          method: 'GET',
          url: `/api/v1/mobile-periods?side=host&orgId=${places.branch2}`,
        }),
        expect: { refused: 403 },
      },
    ],
    'POST /api/v1/mobile-periods/:id/return': [
      {
        // hosting is not holding the record: the return is the home branch's to record
        title: 'the host branch’s secretary records the return of a town-2 migrant it hosts',
        as: [{ role: 'secretary', on: 'branch1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: `/api/v1/mobile-periods/${await awayFrom(env, places.branch2, places.branch1)}/return`,
          payload: { backOn: '2025-09-01' },
        }),
        expect: { refused: 403 },
      },
    ],
    'POST /api/v1/mobile-periods': [
      {
        title: 'a town-1 admin records a town-2 member going away to a town-1 branch',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: '/api/v1/mobile-periods',
          payload: {
            memberId: String((await makeMember(env, places.branch2)).id),
            outOn: '2025-03-01',
            destination: '矩阵市',
            hostOrgId: String((await makeOrg(env, places.town1, 'branch')).id),
          },
        }),
        expect: { refused: 403 },
      },
    ],
  },
};
