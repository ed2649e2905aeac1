import { makeMember } from '../../../../test/fixtures.ts';
import { query } from '../../../../test/harness.ts';
import type { MakeContext, MatrixCases } from '../../../../test/matrix.ts';
import { storeImage } from '../../../platform/files/images.ts';
import { branchIn, jpeg, multipartFile } from '../offline/fixtures.ts';
import { makeSession, makeStation } from './fixtures.ts';

/** Authorization-matrix cases for 远程教育站点 (platform/access/matrix.test.ts). */

let seq = 0;

/** A station of a branch in `target`, with the caller (when signed in) as its operator. */
async function stationOf({ env, target, self }: MakeContext) {
  const branch = await branchIn(env, target);
  return { branch, id: await makeStation(env, branch, self.userId ? [self.userId] : []) };
}

export const stationMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/stations': {
      action: 'station.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/stations?orgId=${target}` }),
    },
    'POST /api/v1/stations': {
      action: 'station.manage',
      make: async ({ target }) => ({
        method: 'POST',
        url: '/api/v1/stations',
        payload: { orgId: String(target), name: `矩阵远教站点${process.pid}-${++seq}`, address: '村委会' },
      }),
    },
    'GET /api/v1/stations/monthly': {
      action: 'station.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/stations/monthly?orgId=${target}` }),
    },
    'GET /api/v1/stations/staff-candidates': {
      action: 'station.manage',
      make: async ({ target }) => ({
        method: 'GET',
        url: `/api/v1/stations/staff-candidates?orgId=${target}`,
      }),
    },
    'GET /api/v1/me/stations': {
      action: 'station.operate',
      untargeted: true,
      make: async (c) => {
        await stationOf(c);
        return { method: 'GET', url: '/api/v1/me/stations' };
      },
    },
    'GET /api/v1/stations/:id': {
      action: 'station.view',
      make: async (c) => ({ method: 'GET', url: `/api/v1/stations/${(await stationOf(c)).id}` }),
    },
    'PUT /api/v1/stations/:id': {
      action: 'station.manage',
      make: async (c) => {
        const s = await stationOf(c);
        return {
          method: 'PUT',
          url: `/api/v1/stations/${s.id}`,
          payload: { orgId: String(s.branch), name: `矩阵改名站点${process.pid}-${++seq}`, address: '村部' },
        };
      },
    },
    'GET /api/v1/stations/:id/people': {
      action: 'station.operate',
      make: async (c) => ({ method: 'GET', url: `/api/v1/stations/${(await stationOf(c)).id}/people` }),
    },
    'GET /api/v1/stations/:id/courses': {
      action: 'station.operate',
      make: async (c) => ({ method: 'GET', url: `/api/v1/stations/${(await stationOf(c)).id}/courses` }),
    },
    'POST /api/v1/stations/:id/sessions': {
      action: 'station.operate',
      make: async (c) => {
        const s = await stationOf(c);
        const m = await makeMember(c.env, s.branch);
        return {
          method: 'POST',
          url: `/api/v1/stations/${s.id}/sessions`,
          payload: {
            title: '矩阵测试：党员教育电视片',
            startedAt: new Date(Date.now() - 3_600_000).toISOString(),
            minutes: 45,
            memberIds: [String(m.id)],
          },
        };
      },
    },
    'GET /api/v1/station-sessions': {
      action: 'station.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/station-sessions?orgId=${target}` }),
    },
    'GET /api/v1/station-sessions/:id': {
      action: 'station.view',
      make: async (c) => {
        const s = await stationOf(c);
        const r = await makeSession(c.env, s.id, s.branch);
        return { method: 'GET', url: `/api/v1/station-sessions/${r.id}` };
      },
    },
    'GET /api/v1/station-sessions/:id/photo': {
      action: 'station.view',
      make: async (c) => {
        const s = await stationOf(c);
        const r = await makeSession(c.env, s.id, s.branch);
        const img = await storeImage(c.env.config, new Date(), 'station-photos', await jpeg(), 'file');
        await query(c.env, 'update station_sessions set photo_key = $2, photo_thumb_key = $3 where id = $1', [
          r.id,
          img.fileKey,
          img.thumbKey,
        ]);
        return { method: 'GET', url: `/api/v1/station-sessions/${r.id}/photo` };
      },
    },
    'POST /api/v1/station-sessions/:id/photo': {
      action: 'station.operate',
      make: async (c) => {
        const s = await stationOf(c);
        const r = await makeSession(c.env, s.id, s.branch);
        return {
          method: 'POST',
          url: `/api/v1/station-sessions/${r.id}/photo`,
          ...multipartFile(await jpeg()),
        };
      },
    },
    'POST /api/v1/station-sessions/:id/withdraw': {
      action: 'station.operate',
      make: async (c) => {
        const s = await stationOf(c);
        const r = await makeSession(c.env, s.id, s.branch);
        return {
          method: 'POST',
          url: `/api/v1/station-sessions/${r.id}/withdraw`,
          payload: { reason: '矩阵测试：站点选错' },
        };
      },
    },
  },
  probes: {
    'POST /api/v1/station-sessions/:id/withdraw': [
      {
        title: 'a station manager whom the station does not list withdraws its session',
        as: [{ role: 'station_manager', on: 'branch1' }],
        make: async ({ env, places }) => {
          const id = await makeStation(env, places.branch1);
          const r = await makeSession(env, id, places.branch1);
          return {
            method: 'POST',
            url: `/api/v1/station-sessions/${r.id}/withdraw`,
            payload: { reason: '矩阵测试：未受指派' },
          };
        },
        expect: { refused: 403 },
      },
    ],
    'POST /api/v1/stations/:id/sessions': [
      {
        title: 'a station manager whom the station does not list enters a session there',
        as: [{ role: 'station_manager', on: 'branch1' }],
        make: async ({ env, places }) => {
          const id = await makeStation(env, places.branch1);
          const m = await makeMember(env, places.branch1);
          return {
            method: 'POST',
            url: `/api/v1/stations/${id}/sessions`,
            payload: {
              title: '矩阵测试：未受指派的站点',
              startedAt: new Date(Date.now() - 3_600_000).toISOString(),
              minutes: 45,
              memberIds: [String(m.id)],
            },
          };
        },
        expect: { refused: 403 },
      },
      {
        title: 'an operator names a member of another town as attending',
        as: [{ role: 'station_manager', on: 'branch1' }],
        make: async ({ env, places, self }) => {
          const id = await makeStation(env, places.branch1, [self.userId]);
          const stranger = await makeMember(env, places.branch2);
          return {
            method: 'POST',
            url: `/api/v1/stations/${id}/sessions`,
            payload: {
              title: '矩阵测试：混入外镇党员',
              startedAt: new Date(Date.now() - 3_600_000).toISOString(),
              minutes: 45,
              memberIds: [String(stranger.id)],
            },
          };
        },
        expect: { refused: 400 },
      },
    ],
  },
};
