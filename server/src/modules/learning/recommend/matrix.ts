import { makeMember } from '../../../../test/fixtures.ts';
import { query, type TestEnv } from '../../../../test/harness.ts';
import type { MatrixCases, MatrixProbe } from '../../../../test/matrix.ts';
import { makeCourse } from '../library/fixtures.ts';

/** Authorization-matrix cases for 为你推荐 (recommend/). */

/** A member of `orgId` whose login is `userId` (the caller): whose recommendations these are. */
async function ownMember(env: TestEnv, orgId: number, userId: number) {
  const m = await makeMember(env, orgId);
  if (userId) {
    await query(env, 'update members set user_id = null where user_id = $1', [userId]);
    await query(env, 'update members set user_id = $1 where id = $2', [userId, m.id]);
  }
  return m;
}

const otherBranchCourse: MatrixProbe = {
  title: "a member of branch 2 dismisses a course open to branch 1's members only",
  as: [{ role: 'member', on: 'branch2' }],
  make: async ({ env, self, places }) => {
    await ownMember(env, places.branch2, self.userId);
    const c = await makeCourse(env, places.branch1, { kind: 'article' });
    return { method: 'POST', url: `/api/v1/learning/recommendations/${c.id}/dismiss` };
  },
  expect: { refused: 404 },
};

export const recommendMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/learning/recommendations': {
      action: 'course.study',
      untargeted: true,
      make: async ({ env, target, self }) => {
        await ownMember(env, target, self.userId);
        return { method: 'GET', url: '/api/v1/learning/recommendations' };
      },
    },
    'POST /api/v1/learning/recommendations/:id/dismiss': {
      action: 'course.study',
      untargeted: true,
      make: async ({ env, target, self }) => {
        const m = await ownMember(env, target, self.userId);
        const c = await makeCourse(env, m.branchId, { kind: 'article' });
        return { method: 'POST', url: `/api/v1/learning/recommendations/${c.id}/dismiss` };
      },
    },
  },
  probes: {
    'POST /api/v1/learning/recommendations/:id/dismiss': [otherBranchCourse],
  },
};
