import { makeMember, makeOrg } from '../../../../test/fixtures.ts';
import type { MatrixCases } from '../../../../test/matrix.ts';
import { branchIn, jpeg, makePhoto, makeStudy, multipartFile } from './fixtures.ts';

/** Authorization-matrix cases for 线下学习 (platform/access/matrix.test.ts). */

const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/** A submitted session of an org strictly below `orgId`: what an admin of `orgId` approves. */
async function submittedBelow(
  env: Parameters<typeof makeStudy>[0],
  orgId: number,
  submittedBy: number | null = null,
) {
  const below = await makeOrg(env, orgId);
  return makeStudy(env, below.id, { state: 'submitted', submittedBy });
}

export const offlineMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/offline-studies': {
      action: 'offline_study.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/offline-studies?orgId=${target}` }),
    },
    'POST /api/v1/offline-studies': {
      action: 'offline_study.record',
      make: async ({ env, target }) => {
        const m = await makeMember(env, target);
        return {
          method: 'POST',
          url: '/api/v1/offline-studies',
          payload: {
            orgId: String(target),
            topic: '矩阵测试：集中学习党章',
            studiedOn: yesterday(),
            minutes: 90,
            memberIds: [String(m.id)],
          },
        };
      },
    },
    'GET /api/v1/offline-studies/people': {
      action: 'offline_study.record',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/offline-studies/people?orgId=${await branchIn(env, target)}`,
      }),
    },
    'GET /api/v1/offline-studies/:id': {
      action: 'offline_study.view',
      make: async ({ env, target }) => {
        const s = await makeStudy(env, await branchIn(env, target));
        return { method: 'GET', url: `/api/v1/offline-studies/${s.id}` };
      },
    },
    'PATCH /api/v1/offline-studies/:id': {
      action: 'offline_study.record',
      make: async ({ env, target }) => {
        const s = await makeStudy(env, await branchIn(env, target));
        return {
          method: 'PATCH',
          url: `/api/v1/offline-studies/${s.id}`,
          payload: {
            topic: '矩阵测试：改后的主题',
            studiedOn: yesterday(),
            minutes: 60,
            memberIds: [String(s.memberId)],
          },
        };
      },
    },
    'DELETE /api/v1/offline-studies/:id': {
      action: 'offline_study.record',
      make: async ({ env, target }) => {
        const s = await makeStudy(env, await branchIn(env, target));
        return { method: 'DELETE', url: `/api/v1/offline-studies/${s.id}` };
      },
    },
    'POST /api/v1/offline-studies/:id/submit': {
      action: 'offline_study.record',
      make: async ({ env, target }) => {
        const s = await makeStudy(env, await branchIn(env, target));
        return { method: 'POST', url: `/api/v1/offline-studies/${s.id}/submit` };
      },
    },
    'POST /api/v1/offline-studies/:id/approve': {
      action: 'offline_study.approve',
      make: async ({ env, target }) => {
        const s = await submittedBelow(env, target);
        return { method: 'POST', url: `/api/v1/offline-studies/${s.id}/approve` };
      },
    },
    'POST /api/v1/offline-studies/:id/return': {
      action: 'offline_study.approve',
      make: async ({ env, target }) => {
        const s = await submittedBelow(env, target);
        return {
          method: 'POST',
          url: `/api/v1/offline-studies/${s.id}/return`,
          payload: { reason: '请补充签到表照片' },
        };
      },
    },
    'GET /api/v1/offline-studies/:id/photos/:photoId': {
      action: 'offline_study.view',
      make: async ({ env, target }) => {
        const s = await makeStudy(env, await branchIn(env, target));
        return { method: 'GET', url: `/api/v1/offline-studies/${s.id}/photos/${await makePhoto(env, s.id)}` };
      },
    },
    'DELETE /api/v1/offline-studies/:id/photos/:photoId': {
      action: 'offline_study.record',
      make: async ({ env, target }) => {
        const s = await makeStudy(env, await branchIn(env, target));
        return {
          method: 'DELETE',
          url: `/api/v1/offline-studies/${s.id}/photos/${await makePhoto(env, s.id)}`,
        };
      },
    },
    'POST /api/v1/offline-studies/:id/photos': {
      action: 'offline_study.record',
      make: async ({ env, target }) => {
        const s = await makeStudy(env, await branchIn(env, target));
        return {
          method: 'POST',
          url: `/api/v1/offline-studies/${s.id}/photos`,
          ...multipartFile(await jpeg()),
        };
      },
    },
  },
  probes: {
    'POST /api/v1/offline-studies/:id/approve': [
      {
        title: 'the admin of the branch itself approves its own session (组织认定 is the superior’s)',
        as: [{ role: 'org_admin', on: 'branch1' }],
        make: async ({ env, places }) => {
          const s = await makeStudy(env, places.branch1, { state: 'submitted' });
          return { method: 'POST', url: `/api/v1/offline-studies/${s.id}/approve` };
        },
        expect: { refused: 403 },
      },
      {
        title: 'the town admin approves a session they submitted themselves',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places, self }) => {
          const s = await submittedBelow(env, places.town1, self.userId);
          return { method: 'POST', url: `/api/v1/offline-studies/${s.id}/approve` };
        },
        expect: { refused: 403 },
      },
      {
        title: 'the town admin approves one already approved',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          const below = await makeOrg(env, places.town1);
          const s = await makeStudy(env, below.id, { state: 'approved' });
          return { method: 'POST', url: `/api/v1/offline-studies/${s.id}/approve` };
        },
        expect: { refused: 409 },
      },
    ],
    'POST /api/v1/offline-studies': [
      {
        title: 'a secretary names a member of another town’s branch as attending',
        as: [{ role: 'secretary', on: 'branch1' }],
        make: async ({ env, places }) => {
          const stranger = await makeMember(env, places.branch2);
          return {
            method: 'POST',
            url: '/api/v1/offline-studies',
            payload: {
              orgId: String(places.branch1),
              topic: '矩阵测试：混入外组织党员',
              studiedOn: yesterday(),
              minutes: 90,
              memberIds: [String(stranger.id)],
            },
          };
        },
        expect: { refused: 400 },
      },
    ],
  },
};
