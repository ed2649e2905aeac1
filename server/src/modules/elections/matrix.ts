import { makeMember } from '../../../test/fixtures.ts';
import { query } from '../../../test/harness.ts';
import type { MakeContext, MatrixCases, MatrixRequest, ProbeContext } from '../../../test/matrix.ts';
import { makeBranch, makeElection, makeRollMember } from './fixtures.ts';

/**
 * Authorization-matrix cases for 选举与民主评议 (platform/access/matrix.test.ts). Every election is
 * made in a new branch under the target, so "the superior org" of it is the target itself: the
 * approvals are allowed exactly to those holding election.approve on the target.
 */

type State = 'draft' | 'submitted' | 'approved' | 'open' | 'closed';

async function electionUnder({ env, target }: MakeContext, state: State) {
  const branch = await makeBranch(env, target);
  const voter = await makeRollMember(env, branch);
  const e = await makeElection(env, branch, state, state === 'open' || state === 'closed' ? [voter] : []);
  return { ...e, branch, voter };
}

/** An election of branch 1 with the caller on its roll (a member record of its own). */
async function mine({ env, self, places }: ProbeContext, state: 'open' | 'closed') {
  const m = await makeMember(env, places.branch1);
  return makeElection(env, places.branch1, state, [{ memberId: m.id, userId: self.userId }]);
}

const on =
  (
    state: State,
    method: MatrixRequest['method'],
    tail: string,
    payload?: (e: { id: number; voter: { memberId: number } }) => unknown,
  ) =>
  async (c: MakeContext): Promise<MatrixRequest> => {
    const e = await electionUnder(c, state);
    return { method, url: `/api/v1/elections/${e.id}${tail}`, payload: payload?.(e) };
  };

const draftOf = (orgId: number) => ({
  orgId: String(orgId),
  kind: 'election',
  title: `矩阵选举${process.pid}`,
  seats: 2,
  candidates: [{ name: '甲' }, { name: '乙' }, { name: '丙' }],
});

export const electionsMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/elections': {
      action: 'election.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/elections?orgId=${target}` }),
    },
    'POST /api/v1/elections': {
      action: 'election.manage',
      make: async ({ target }) => ({ method: 'POST', url: '/api/v1/elections', payload: draftOf(target) }),
    },
    'GET /api/v1/elections/:id': { action: 'election.view', make: on('draft', 'GET', '') },
    'PUT /api/v1/elections/:id': {
      action: 'election.manage',
      make: async (c) => {
        const e = await electionUnder(c, 'draft');
        return { method: 'PUT', url: `/api/v1/elections/${e.id}`, payload: draftOf(e.branch) };
      },
    },
    'POST /api/v1/elections/:id/submit': { action: 'election.manage', make: on('draft', 'POST', '/submit') },
    'POST /api/v1/elections/:id/approve': {
      action: 'election.approve',
      make: on('submitted', 'POST', '/approve', () => ({ approve: true })),
    },
    'POST /api/v1/elections/:id/open': { action: 'election.manage', make: on('approved', 'POST', '/open') },
    'POST /api/v1/elections/:id/close': { action: 'election.manage', make: on('open', 'POST', '/close') },
    'POST /api/v1/elections/:id/approve-result': {
      action: 'election.approve',
      make: on('closed', 'POST', '/approve-result'),
    },
    'POST /api/v1/elections/:id/next-round': {
      action: 'election.manage',
      make: async (c) => {
        const e = await electionUnder(c, 'closed');
        await query(
          c.env,
          `update elections set result = result || '{"meetingValid": true, "remainingSeats": 1, "elected": ["张候选"]}'::jsonb where id = $1`,
          [e.id],
        );
        return { method: 'POST', url: `/api/v1/elections/${e.id}/next-round` };
      },
    },
    'GET /api/v1/elections/:id/progress': { action: 'election.view', make: on('open', 'GET', '/progress') },
    'GET /api/v1/elections/:id/roll': { action: 'election.view', make: on('open', 'GET', '/roll') },
    'POST /api/v1/elections/:id/paper/issue': {
      action: 'election.manage',
      make: on('open', 'POST', '/paper/issue', (e) => ({ memberId: String(e.voter.memberId) })),
    },
    'POST /api/v1/elections/:id/paper/entries': {
      action: 'election.manage',
      make: on('open', 'POST', '/paper/entries', () => ({ paperNo: '001', choices: { marks: {} } })),
    },
    'GET /api/v1/elections/:id/bulletin': { action: 'election.view', make: on('closed', 'GET', '/bulletin') },
    'GET /api/v1/elections/:id/result': { action: 'election.view', make: on('closed', 'GET', '/result') },
    'GET /api/v1/elections/:id/verify': { action: 'election.view', make: on('closed', 'GET', '/verify') },
    'GET /api/v1/elections/:id/result.docx': {
      action: 'election.view',
      make: on('closed', 'GET', '/result.docx'),
    },
    'GET /api/v1/my/elections': {
      action: 'election.vote',
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/my/elections' }),
    },
    'GET /api/v1/my/elections/open-count': {
      action: 'election.vote',
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/my/elections/open-count' }),
    },
    'POST /api/v1/elections/:id/ballots': {
      action: 'election.vote',
      untargeted: true,
      make: async (c) => {
        const e = await mine(c, 'open');
        return {
          method: 'POST',
          url: `/api/v1/elections/${e.id}/ballots`,
          payload: { marks: { [e.candidates[0]]: 'yes' } },
        };
      },
    },
    'GET /api/v1/my/elections/:id/bulletin': {
      action: 'election.vote',
      untargeted: true,
      make: async (c) => ({
        method: 'GET',
        url: `/api/v1/my/elections/${(await mine(c, 'closed')).id}/bulletin`,
      }),
    },
    'GET /api/v1/my/elections/:id/result': {
      action: 'election.vote',
      untargeted: true,
      make: async (c) => ({
        method: 'GET',
        url: `/api/v1/my/elections/${(await mine(c, 'closed')).id}/result`,
      }),
    },
    'GET /api/v1/my/elections/:id/verify': {
      action: 'election.vote',
      untargeted: true,
      make: async (c) => ({
        method: 'GET',
        url: `/api/v1/my/elections/${(await mine(c, 'closed')).id}/verify`,
      }),
    },
  },
  probes: {
    'POST /api/v1/elections/:id/ballots': [
      {
        title: 'a member votes in an election whose roll they are not on (403, nothing written)',
        as: [{ role: 'member', on: 'branch1' }],
        make: async ({ env, places }) => {
          const other = await makeRollMember(env, places.branch1);
          const e = await makeElection(env, places.branch1, 'open', [other]);
          return { method: 'POST', url: `/api/v1/elections/${e.id}/ballots`, payload: {} };
        },
        expect: { refused: 403 },
      },
    ],
    'GET /api/v1/my/elections/:id/bulletin': [
      {
        title: "a member reads the bulletin of another branch's election (403)",
        as: [{ role: 'member', on: 'branch1' }],
        make: async ({ env, places }) => {
          const other = await makeRollMember(env, places.branch2);
          const e = await makeElection(env, places.branch2, 'closed', [other]);
          return { method: 'GET', url: `/api/v1/my/elections/${e.id}/bulletin` };
        },
        expect: { refused: 403 },
      },
    ],
    'POST /api/v1/elections/:id/approve': [
      {
        title:
          'a town admin approves the list of an election of the town itself (only the org above may: 403)',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          const e = await makeElection(env, places.town1, 'submitted');
          return { method: 'POST', url: `/api/v1/elections/${e.id}/approve`, payload: { approve: true } };
        },
        expect: { refused: 403 },
      },
    ],
  },
};
