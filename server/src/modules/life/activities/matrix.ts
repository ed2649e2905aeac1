import { query, type TestEnv } from '../../../../test/harness.ts';
import type { MatrixCases, MatrixProbe } from '../../../../test/matrix.ts';
import { makeMember } from '../../../../test/fixtures.ts';
import { fileStore, newFileKey } from '../../../platform/files/index.ts';
import { CARD_PASSWORD, codeAt, giveCard, makeActivity, multipartFile, PDF } from './fixtures.ts';

/** An attachment already stored with an activity under `target`. */
async function withFile(env: TestEnv, target: number) {
  const a = await makeActivity(env, target);
  const key = newFileKey('activity-files', 'pdf');
  await fileStore(env.config).put(key, PDF);
  const [f] = await query<{ id: string }>(
    env,
    `insert into activity_files (activity_id, kind, name, file_key, content_type, size)
     values ($1, 'attachment', '会议材料.pdf', $2, 'application/pdf', $3) returning id`,
    [a.id, key, PDF.length],
  );
  return { a, fileId: Number(f.id) };
}

/** The caller's own member record is on the list (members act only on their own activities). */
const mine = (self: { userId: number }) => (self.userId ? self.userId : undefined);

const otherBranchMember: MatrixProbe = {
  title: "a member of branch 2 signs in to branch 1's activity with a valid code",
  as: [{ role: 'member', on: 'branch2' }],
  make: async ({ env, places, self }) => {
    await makeMember(env, places.branch2).then((m) =>
      query(env, 'update members set user_id = $1 where id = $2', [self.userId, m.id]),
    );
    const a = await makeActivity(env, places.branch1);
    return { method: 'POST', url: `/api/v1/activities/${a.id}/sign-in`, payload: { code: codeAt(a.id) } };
  },
  expect: { refused: 403 },
};

/** Authorization-matrix cases for 组织生活 (platform/access/matrix.test.ts). */
export const activityMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/activities': {
      action: 'activity.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/activities?orgId=${target}` }),
    },
    'POST /api/v1/activities': {
      action: 'activity.manage',
      make: async ({ env, target }) => {
        const m = await makeMember(env, target);
        const start = new Date(Date.now() + 86_400_000);
        return {
          method: 'POST',
          url: '/api/v1/activities',
          payload: {
            orgId: String(m.branchId),
            kind: 'committee_meeting',
            topic: '研究本月党建工作',
            place: '党员活动室',
            startsAt: start.toISOString(),
            endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
          },
        };
      },
    },
    'GET /api/v1/activities/due': {
      action: 'activity.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/activities/due?orgId=${target}` }),
    },
    'GET /api/v1/activities/monthly': {
      action: 'activity.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/activities/monthly?orgId=${target}` }),
    },
    'GET /api/v1/activities/mine': {
      action: 'activity.attend',
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/activities/mine' }),
    },
    'GET /api/v1/activities/:id': {
      action: 'activity.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/activities/${(await makeActivity(env, target)).id}`,
      }),
    },
    'POST /api/v1/activities/:id/cancel': {
      action: 'activity.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/activities/${(await makeActivity(env, target)).id}/cancel`,
        payload: { reason: '村里防汛，改期召开' },
      }),
    },
    'GET /api/v1/activities/:id/qr': {
      action: 'activity.manage',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/activities/${(await makeActivity(env, target)).id}/qr`,
      }),
    },
    'POST /api/v1/activities/:id/sign-in': {
      action: 'activity.attend',
      // the caller's own row on the list: the list decides, not the org's place (a 党总支's meeting is
      // attended from the branches below it); whoever is not listed is refused (probes below)
      untargeted: true,
      make: async ({ env, target, self }) => {
        const a = await makeActivity(env, target, { userId: mine(self) });
        return { method: 'POST', url: `/api/v1/activities/${a.id}/sign-in`, payload: { code: codeAt(a.id) } };
      },
    },
    'POST /api/v1/activities/:id/sign-in/card': {
      action: 'activity.kiosk',
      make: async ({ env, target }) => {
        const a = await makeActivity(env, target);
        const card = await giveCard(env, a.memberId, a.branchId);
        return {
          method: 'POST',
          url: `/api/v1/activities/${a.id}/sign-in/card`,
          payload: { cardNo: card.cardNo, password: CARD_PASSWORD },
        };
      },
    },
    'POST /api/v1/activities/:id/roll-call': {
      action: 'activity.manage',
      make: async ({ env, target }) => {
        const a = await makeActivity(env, target);
        return {
          method: 'POST',
          url: `/api/v1/activities/${a.id}/roll-call`,
          payload: { memberIds: [String(a.memberId)] },
        };
      },
    },
    'PUT /api/v1/activities/:id/sign-in-state': {
      action: 'activity.manage',
      make: async ({ env, target }) => ({
        method: 'PUT',
        url: `/api/v1/activities/${(await makeActivity(env, target)).id}/sign-in-state`,
        payload: { open: false },
      }),
    },
    'POST /api/v1/activities/:id/leave': {
      action: 'activity.attend',
      // the caller's own row on the list: the list decides, not the org's place (a 党总支's meeting is
      // attended from the branches below it); whoever is not listed is refused (probes below)
      untargeted: true,
      make: async ({ env, target, self }) => {
        const a = await makeActivity(env, target, {
          userId: mine(self),
          startsAt: new Date(Date.now() + 86_400_000),
        });
        return {
          method: 'POST',
          url: `/api/v1/activities/${a.id}/leave`,
          payload: { reason: '外出务工，无法到场' },
        };
      },
    },
    'POST /api/v1/activities/:id/attendees/:memberId/leave-decision': {
      action: 'activity.manage',
      make: async ({ env, target }) => {
        const a = await makeActivity(env, target, { leave: 'requested' });
        return {
          method: 'POST',
          url: `/api/v1/activities/${a.id}/attendees/${a.memberId}/leave-decision`,
          payload: { approve: true },
        };
      },
    },
    'PUT /api/v1/activities/:id/minutes': {
      action: 'activity.manage',
      make: async ({ env, target }) => ({
        method: 'PUT',
        url: `/api/v1/activities/${(await makeActivity(env, target)).id}/minutes`,
        payload: {
          host: '刘建华',
          recorder: '陈小梅',
          minutes: '一、传达学习上级精神。\n二、研究部署本月工作。',
        },
      }),
    },
    'GET /api/v1/activities/:id/record.docx': {
      action: 'activity.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/activities/${(await makeActivity(env, target)).id}/record.docx`,
      }),
    },
    'POST /api/v1/activities/:id/files': {
      action: 'activity.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/activities/${(await makeActivity(env, target)).id}/files?kind=attachment`,
        ...multipartFile(PDF, '会议材料.pdf', 'application/pdf'),
      }),
    },
    'GET /api/v1/activities/:id/files/:fileId': {
      action: 'activity.view',
      make: async ({ env, target }) => {
        const { a, fileId } = await withFile(env, target);
        return { method: 'GET', url: `/api/v1/activities/${a.id}/files/${fileId}` };
      },
    },
    'DELETE /api/v1/activities/:id/files/:fileId': {
      action: 'activity.manage',
      make: async ({ env, target }) => {
        const { a, fileId } = await withFile(env, target);
        return { method: 'DELETE', url: `/api/v1/activities/${a.id}/files/${fileId}` };
      },
    },
  },
  probes: {
    'POST /api/v1/activities/:id/sign-in': [otherBranchMember],
    'POST /api/v1/activities/:id/leave': [
      {
        title: "a member of branch 2 asks leave of branch 1's activity",
        as: [{ role: 'member', on: 'branch2' }],
        make: async ({ env, places, self }) => {
          await makeMember(env, places.branch2).then((m) =>
            query(env, 'update members set user_id = $1 where id = $2', [self.userId, m.id]),
          );
          const a = await makeActivity(env, places.branch1, { startsAt: new Date(Date.now() + 86_400_000) });
          return { method: 'POST', url: `/api/v1/activities/${a.id}/leave`, payload: { reason: '外出务工' } };
        },
        expect: { refused: 403 },
      },
    ],
  },
};
