import { makeMember } from '../../../test/fixtures.ts';
import type { MatrixCases } from '../../../test/matrix.ts';
import { makeNotice, makeSecretary } from './test-notices.ts';

/** Authorization-matrix cases for the notice centre (platform/access/matrix.test.ts). */

/** A notice sent by `target` whose one receipt is the caller's own (anonymous: nobody's). */
async function noticeToSelf(env: Parameters<typeof makeNotice>[0], target: number, userId: number) {
  const m = await makeMember(env, target);
  return makeNotice(env, target, { recipients: [{ memberId: m.id, userId: userId || null }] });
}

export const notifyMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/notices/mine': {
      action: 'authenticated',
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/notices/mine?unreadFirst=true' }),
    },
    'GET /api/v1/notices/mine/unread-count': {
      action: 'authenticated',
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/notices/mine/unread-count' }),
    },
    'POST /api/v1/notices/:id/read': {
      action: 'authenticated',
      untargeted: true,
      make: async ({ env, target, self }) => ({
        method: 'POST',
        url: `/api/v1/notices/${(await noticeToSelf(env, target, self.userId)).id}/read`,
      }),
    },
    'GET /api/v1/notices/kinds': {
      action: 'notice.view',
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/notices/kinds' }),
    },
    'GET /api/v1/notices': {
      action: 'notice.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/notices?orgId=${target}` }),
    },
    'GET /api/v1/notices/:id': {
      action: 'notice.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/notices/${(await makeNotice(env, target)).id}`,
      }),
    },
    'GET /api/v1/notices/:id/receipts': {
      action: 'notice.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/notices/${(await makeNotice(env, target)).id}/receipts?state=unread`,
      }),
    },
    'POST /api/v1/notices/:id/remind': {
      action: 'notice.send',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/notices/${(await makeNotice(env, target)).id}/remind`,
      }),
    },
    'POST /api/v1/notices': {
      action: 'notice.send',
      // to the secretaries: a few receipts, where "all members" of the district root would be 50,000
      make: async ({ env, target }) => {
        await makeSecretary(env, target);
        return {
          method: 'POST',
          url: '/api/v1/notices',
          payload: { title: '请于周五前报送党员名册', orgIds: [String(target)], audience: 'secretaries' },
        };
      },
    },
  },
  probes: {
    'POST /api/v1/notices': [
      {
        title: 'a notice to an org inside the scope and one outside it',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          await makeSecretary(env, places.branch1);
          return {
            method: 'POST',
            url: '/api/v1/notices',
            payload: {
              title: '越权发送',
              orgIds: [String(places.branch1), String(places.branch2)],
              audience: 'secretaries',
            },
          };
        },
        expect: { refused: 403 },
      },
    ],
    'POST /api/v1/notices/:id/read': [
      {
        title: 'reading a notice addressed to someone else',
        as: [{ role: 'member', on: 'branch1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: `/api/v1/notices/${(await makeNotice(env, places.branch1)).id}/read`,
        }),
        expect: { refused: 404 },
      },
    ],
    'POST /api/v1/notices/:id/remind': [
      {
        title: 'a secretary reminding the unread of the town’s notice above the branch',
        as: [{ role: 'secretary', on: 'branch1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: `/api/v1/notices/${(await makeNotice(env, places.town1)).id}/remind`,
        }),
        expect: { refused: 403 },
      },
    ],
  },
};
