import { randomBytes } from 'node:crypto';
import { makeMember } from '../../../../test/fixtures.ts';
import { query, type TestEnv } from '../../../../test/harness.ts';
import type { MatrixCases, MatrixProbe } from '../../../../test/matrix.ts';
import { makeCourse } from '../library/fixtures.ts';

/** Authorization-matrix cases for 学时 (study/) and the requirement (requirements/). */

/** A member of `orgId` whose login is `userId` (the caller): who the heartbeat credits. */
async function ownMember(env: TestEnv, orgId: number, userId: number) {
  const m = await makeMember(env, orgId);
  if (userId) {
    await query(env, 'update members set user_id = null where user_id = $1', [userId]);
    await query(env, 'update members set user_id = $1 where id = $2', [userId, m.id]);
  }
  return m;
}

const beat = (courseId: number) => ({
  courseId: String(courseId),
  deviceId: `matrix-${randomBytes(6).toString('hex')}`,
  seq: 1,
  start: true,
  visible: true,
  focused: true,
  playing: true,
});

const otherBranchCourse: MatrixProbe = {
  title: "a member of branch 2 beats for a course open to branch 1's members only",
  as: [{ role: 'member', on: 'branch2' }],
  make: async ({ env, self, places }) => {
    await ownMember(env, places.branch2, self.userId);
    const c = await makeCourse(env, places.branch1, { kind: 'video' });
    return { method: 'POST', url: '/api/v1/study/heartbeats', payload: beat(c.id) };
  },
  expect: { refused: 404 },
};

const withoutRecord: MatrixProbe = {
  title: 'a secretary whose login has no member record beats (nobody to credit)',
  as: [{ role: 'secretary', on: 'branch1' }],
  make: async ({ env, self, places }) => {
    await query(env, 'update members set user_id = null where user_id = $1', [self.userId]);
    const c = await makeCourse(env, places.branch1, { kind: 'video' });
    return { method: 'POST', url: '/api/v1/study/heartbeats', payload: beat(c.id) };
  },
  expect: { refused: 403 },
};

const draftCourse: MatrixProbe = {
  title: 'a member beats for a draft of their own branch',
  as: [{ role: 'member', on: 'branch1' }],
  make: async ({ env, self, places }) => {
    await ownMember(env, places.branch1, self.userId);
    const c = await makeCourse(env, places.branch1, { kind: 'video', status: 'draft' });
    return { method: 'POST', url: '/api/v1/study/heartbeats', payload: beat(c.id) };
  },
  expect: { refused: 404 },
};

export const studyMatrix: MatrixCases = {
  routes: {
    'POST /api/v1/study/heartbeats': {
      action: 'study.attend',
      untargeted: true,
      make: async ({ env, target, self }) => {
        const m = await ownMember(env, target, self.userId);
        const c = await makeCourse(env, m.branchId, { kind: 'video' });
        return { method: 'POST', url: '/api/v1/study/heartbeats', payload: beat(c.id) };
      },
    },
    'GET /api/v1/study/progress': {
      action: 'study.attend',
      untargeted: true,
      make: async ({ env, target, self }) => {
        await ownMember(env, target, self.userId);
        return { method: 'GET', url: '/api/v1/study/progress' };
      },
    },
    'GET /api/v1/study/progress/tile': {
      action: 'study.attend',
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/study/progress/tile' }),
    },
    'GET /api/v1/study/summary': {
      action: 'study.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/study/summary?orgId=${target}` }),
    },
  },
  probes: {
    'POST /api/v1/study/heartbeats': [otherBranchCourse, withoutRecord, draftCourse],
  },
};
