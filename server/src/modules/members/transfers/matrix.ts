import { makeMember, makeOrg } from '../../../../test/fixtures.ts';
import { query, type TestEnv } from '../../../../test/harness.ts';
import type { MatrixCases } from '../../../../test/matrix.ts';
import { branchIn, newMemberPayload } from '../record/matrix.ts';

/** Authorization-matrix cases for transfers (platform/access/matrix.test.ts). */

let letterSeq = 0;
const nextLetterNo = () => `矩阵转〔${process.pid}〕${++letterSeq}号`;

/** A pending internal transfer of a new member from branch `from` to branch `to`. */
async function pendingBetween(env: TestEnv, from: number, to: number) {
  const m = await makeMember(env, from);
  const [{ id }] = await query<{ id: number }>(
    env,
    `insert into transfers (kind, member_id, from_org_id, from_org_name, to_org_id, to_org_name, letter_no,
                            issued_on, valid_until, dues_paid_until, reason)
     values ('internal', $1, $2, '矩阵转出党支部', $3, '矩阵转入党支部', $4, current_date, current_date + 90, '2026-10', '矩阵测试')
     returning id`,
    [m.id, from, to, nextLetterNo()],
  );
  return id;
}

/** A pending internal transfer whose receiving ('to') or sending ('from') branch lies under `target`. */
async function pendingTransfer(env: TestEnv, side: 'to' | 'from', target: number, root: number) {
  const here = await branchIn(env, target);
  const elsewhere = (await makeOrg(env, root, 'branch')).id;
  return side === 'from' ? pendingBetween(env, here, elsewhere) : pendingBetween(env, elsewhere, here);
}

/** An internal transfer accepted yesterday, its receipt not yet recorded. */
async function acceptedTransfer(env: TestEnv, side: 'to' | 'from', target: number, root: number) {
  const id = await pendingTransfer(env, side, target, root);
  await query(
    env,
    `update transfers set status = 'accepted', decided_at = now() - interval '1 day',
                          receipt_due_on = current_date + 29 where id = $1`,
    [id],
  );
  return id;
}

const today = async (env: TestEnv) =>
  (
    await query<{ d: string }>(env, "select to_char(now() at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as d")
  )[0].d;

export const transferMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/transfers': {
      action: 'member.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/transfers?side=in&orgId=${target}` }),
    },
    'GET /api/v1/transfers/monthly': {
      action: 'member.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/transfers/monthly?orgId=${target}` }),
    },
    // the whole deployment's branches, to pick a destination from
    'GET /api/v1/transfers/destinations': {
      action: 'member.manage',
      untargeted: true,
      make: async () => ({
        method: 'GET',
        url: `/api/v1/transfers/destinations?q=${encodeURIComponent('党支部')}`,
      }),
    },
    'POST /api/v1/transfers': {
      action: 'member.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: '/api/v1/transfers',
        payload: {
          memberId: String((await makeMember(env, target)).id),
          kind: 'outgoing',
          toOrgName: '外省某党支部',
          reason: '矩阵测试',
        },
      }),
    },
    'POST /api/v1/transfers/incoming': {
      action: 'member.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: '/api/v1/transfers/incoming',
        payload: {
          ...newMemberPayload(await branchIn(env, target)),
          fromOrgName: '外省某党委',
          letterNo: nextLetterNo(),
          issuedOn: '2026-01-05',
          validUntil: '2099-12-31',
          duesPaidUntil: '2026-10',
          reason: '矩阵测试',
        },
      }),
    },
    // the receiving side accepts and returns; the sending side cancels
    'POST /api/v1/transfers/:id/accept': {
      action: 'member.manage',
      make: async ({ env, target, places }) => ({
        method: 'POST',
        url: `/api/v1/transfers/${await pendingTransfer(env, 'to', target, places.root)}/accept`,
      }),
    },
    'POST /api/v1/transfers/:id/return': {
      action: 'member.manage',
      make: async ({ env, target, places }) => ({
        method: 'POST',
        url: `/api/v1/transfers/${await pendingTransfer(env, 'to', target, places.root)}/return`,
        payload: { reason: '矩阵测试' },
      }),
    },
    'POST /api/v1/transfers/:id/cancel': {
      action: 'member.manage',
      make: async ({ env, target, places }) => ({
        method: 'POST',
        url: `/api/v1/transfers/${await pendingTransfer(env, 'from', target, places.root)}/cancel`,
        payload: {},
      }),
    },
    // either side records the receipt of an internal transfer once the member was taken in
    'POST /api/v1/transfers/:id/receipt': {
      action: 'member.manage',
      make: async ({ env, target, places }) => ({
        method: 'POST',
        url: `/api/v1/transfers/${await acceptedTransfer(env, 'to', target, places.root)}/receipt`,
        payload: { receiptOn: await today(env) },
      }),
    },
    // either side reads the letter to print it
    'GET /api/v1/transfers/:id/letter': {
      action: 'member.view',
      make: async ({ env, target, places }) => ({
        method: 'GET',
        url: `/api/v1/transfers/${await pendingTransfer(env, 'from', target, places.root)}/letter`,
      }),
    },
  },

  probes: {
    'POST /api/v1/transfers': [
      {
        title: 'a town-1 admin issues a letter for a town-2 member to a town-1 branch',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: '/api/v1/transfers',
          payload: {
            memberId: String((await makeMember(env, places.branch2)).id),
            kind: 'internal',
            toOrgId: String(places.branch1),
            reason: '矩阵测试',
          },
        }),
        expect: { refused: 403 },
      },
      {
        title:
          'secretary of a town-1 branch and member of a town-2 branch issues a letter for a town-2 member',
        as: [
          { role: 'secretary', on: 'branch1' },
          { role: 'member', on: 'branch2' },
        ],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: '/api/v1/transfers',
          payload: {
            memberId: String((await makeMember(env, places.branch2)).id),
            kind: 'internal',
            toOrgId: String(places.branch1),
            reason: '矩阵测试',
          },
        }),
        expect: { refused: 403 },
      },
    ],
    'POST /api/v1/transfers/:id/accept': [
      {
        // the receiving branch decides an internal letter; the sender cannot pull it through
        title: 'the sending town-1 admin accepts their own letter to a town-2 branch',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: `/api/v1/transfers/${await pendingBetween(env, places.branch1, places.branch2)}/accept`,
        }),
        expect: { refused: 403 },
      },
    ],
    'POST /api/v1/transfers/:id/receipt': [
      {
        // the receipt is between the two sides; a third town has nothing to record
        title: 'a town-1 admin records the receipt of a transfer between two town-2 branches',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          const other = (await makeOrg(env, places.town2, 'branch')).id;
          const id = await pendingBetween(env, places.branch2, other);
          await query(
            env,
            `update transfers set status = 'accepted', decided_at = now() - interval '1 day',
                                  receipt_due_on = current_date + 29 where id = $1`,
            [id],
          );
          return {
            method: 'POST',
            url: `/api/v1/transfers/${id}/receipt`,
            payload: { receiptOn: await today(env) },
          };
        },
        expect: { refused: 403 },
      },
    ],
    'GET /api/v1/transfers/:id/letter': [
      {
        // the receiving side reads the letter too: a town-2 branch receives from town 1
        title: 'the receiving town-2 admin reads a letter town 1 issued to it',
        as: [{ role: 'org_admin', on: 'town2' }],
        make: async ({ env, places }) => ({
          method: 'GET',
          url: `/api/v1/transfers/${await pendingBetween(env, places.branch1, places.branch2)}/letter`,
        }),
        expect: { status: 200 },
      },
      {
        title: 'a town-1 admin asks for the full ID number on a letter between two town-2 branches',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          const other = (await makeOrg(env, places.town2, 'branch')).id;
          return {
            method: 'GET',
            url: `/api/v1/transfers/${await pendingBetween(env, places.branch2, other)}/letter?reveal=true`,
          };
        },
        expect: { refused: 403 },
      },
    ],
    'POST /api/v1/transfers/:id/cancel': [
      {
        title: 'the receiving town-1 admin withdraws a letter town 2 issued',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: `/api/v1/transfers/${await pendingBetween(env, places.branch2, places.branch1)}/cancel`,
          payload: {},
        }),
        expect: { refused: 403 },
      },
    ],
  },
};
