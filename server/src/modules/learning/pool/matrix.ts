import { makeMember } from '../../../../test/fixtures.ts';
import { query, type TestEnv } from '../../../../test/harness.ts';
import type { MakeContext, MatrixCases } from '../../../../test/matrix.ts';
import { storeImage } from '../../../platform/files/images.ts';
import { branchIn, jpeg, multipartFile } from '../offline/fixtures.ts';
import { makeBase, makeLecture, makeTeacher } from './fixtures.ts';

/** Authorization-matrix cases for 师资库 and 教育基地 (platform/access/matrix.test.ts). */

let seq = 0;

/** A member of `orgId` whose login is `userId` (the caller): who rates. */
async function ownMember(env: TestEnv, orgId: number, userId: number) {
  const m = await makeMember(env, orgId);
  if (userId) {
    await query(env, 'update members set user_id = null where user_id = $1', [userId]);
    await query(env, 'update members set user_id = $1 where id = $2', [userId, m.id]);
  }
  return m;
}

const teacherBody = (orgId: number) => ({
  orgId: String(orgId),
  name: `矩阵教师${process.pid}-${++seq}`,
  unit: '区委党校',
  topics: ['党史'],
  phone: '13700137000',
});
const baseBody = (orgId: number) => ({
  orgId: String(orgId),
  name: `矩阵教育基地${process.pid}-${++seq}`,
  capacity: 80,
  themes: ['红色教育'],
  contactPhone: '13700137001',
});

async function lectureFor({ env, target, self }: MakeContext) {
  const branch = await branchIn(env, target);
  const m = await ownMember(env, branch, self.userId);
  const t = await makeTeacher(env, target);
  return makeLecture(env, t, branch, { memberIds: [m.id] });
}

async function basePhoto({ env, target }: MakeContext) {
  const id = await makeBase(env, target);
  const img = await storeImage(env.config, new Date(), 'base-photos', await jpeg(), 'file');
  const [p] = await query<{ id: string }>(
    env,
    `insert into training_base_photos (base_id, file_key, thumb_key, width, height, size)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [id, img.fileKey, img.thumbKey, img.width, img.height, img.size],
  );
  return { id, photoId: p.id };
}

export const poolMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/teachers': {
      action: 'pool.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/teachers?orgId=${target}` }),
    },
    'POST /api/v1/teachers': {
      action: 'pool.manage',
      make: async ({ target }) => ({ method: 'POST', url: '/api/v1/teachers', payload: teacherBody(target) }),
    },
    'GET /api/v1/teachers/:id': {
      action: 'pool.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/teachers/${await makeTeacher(env, target)}`,
      }),
    },
    'PUT /api/v1/teachers/:id': {
      action: 'pool.manage',
      make: async ({ env, target }) => ({
        method: 'PUT',
        url: `/api/v1/teachers/${await makeTeacher(env, target)}`,
        payload: teacherBody(target),
      }),
    },
    'POST /api/v1/teachers/:id/reveal': {
      action: 'pool.reveal_pii',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/teachers/${await makeTeacher(env, target)}/reveal`,
      }),
    },
    'GET /api/v1/lectures/people': {
      action: 'pool.manage',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/lectures/people?orgId=${target}` }),
    },
    'POST /api/v1/lectures': {
      action: 'pool.manage',
      make: async ({ env, target }) => {
        const branch = await branchIn(env, target);
        const m = await makeMember(env, branch);
        return {
          method: 'POST',
          url: '/api/v1/lectures',
          payload: {
            teacherId: String(await makeTeacher(env, target)),
            orgId: String(branch),
            lecturedOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
            topic: '矩阵测试：专题党课',
            memberIds: [String(m.id)],
          },
        };
      },
    },
    'GET /api/v1/me/lectures': {
      action: 'lecture.rate',
      untargeted: true,
      make: async (c) => {
        await lectureFor(c);
        return { method: 'GET', url: '/api/v1/me/lectures' };
      },
    },
    'POST /api/v1/me/lectures/:id/rating': {
      action: 'lecture.rate',
      untargeted: true,
      make: async (c) => ({
        method: 'POST',
        url: `/api/v1/me/lectures/${(await lectureFor(c)).id}/rating`,
        payload: { stars: 5, comment: '讲得透彻' },
      }),
    },
    'GET /api/v1/training-bases': {
      action: 'pool.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/training-bases?orgId=${target}` }),
    },
    'POST /api/v1/training-bases': {
      action: 'pool.manage',
      make: async ({ target }) => ({
        method: 'POST',
        url: '/api/v1/training-bases',
        payload: baseBody(target),
      }),
    },
    'GET /api/v1/training-bases/:id': {
      action: 'pool.view',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/training-bases/${await makeBase(env, target)}`,
      }),
    },
    'PUT /api/v1/training-bases/:id': {
      action: 'pool.manage',
      make: async ({ env, target }) => ({
        method: 'PUT',
        url: `/api/v1/training-bases/${await makeBase(env, target)}`,
        payload: baseBody(target),
      }),
    },
    'POST /api/v1/training-bases/:id/reveal': {
      action: 'pool.reveal_pii',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/training-bases/${await makeBase(env, target)}/reveal`,
      }),
    },
    'GET /api/v1/training-bases/:id/photos/:photoId': {
      action: 'pool.view',
      make: async (c) => {
        const p = await basePhoto(c);
        return { method: 'GET', url: `/api/v1/training-bases/${p.id}/photos/${p.photoId}?size=thumb` };
      },
    },
    'DELETE /api/v1/training-bases/:id/photos/:photoId': {
      action: 'pool.manage',
      make: async (c) => {
        const p = await basePhoto(c);
        return { method: 'DELETE', url: `/api/v1/training-bases/${p.id}/photos/${p.photoId}` };
      },
    },
    'POST /api/v1/training-bases/:id/photos': {
      action: 'pool.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/training-bases/${await makeBase(env, target)}/photos`,
        ...multipartFile(await jpeg()),
      }),
    },
  },
  probes: {
    'POST /api/v1/me/lectures/:id/rating': [
      {
        title: 'a member rates a lecture of their own branch they did not attend',
        as: [{ role: 'member', on: 'branch1' }],
        make: async ({ env, self, places }) => {
          await ownMember(env, places.branch1, self.userId);
          const l = await makeLecture(env, await makeTeacher(env, places.town1), places.branch1);
          return { method: 'POST', url: `/api/v1/me/lectures/${l.id}/rating`, payload: { stars: 4 } };
        },
        expect: { refused: 403 },
      },
    ],
    'POST /api/v1/lectures': [
      {
        title: "a town admin records a lecture of the other town's teacher (not shared)",
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          const m = await makeMember(env, places.branch1);
          return {
            method: 'POST',
            url: '/api/v1/lectures',
            payload: {
              teacherId: String(await makeTeacher(env, places.town2)),
              orgId: String(places.branch1),
              lecturedOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
              topic: '矩阵测试：外镇教师',
              memberIds: [String(m.id)],
            },
          };
        },
        expect: { refused: 400 },
      },
    ],
    'GET /api/v1/teachers/:id': [
      {
        title: "a town admin reads the district's shared teacher (allowed: shared from above)",
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => ({
          method: 'GET',
          url: `/api/v1/teachers/${await makeTeacher(env, places.root, { shared: true })}`,
        }),
        expect: { status: 200 },
      },
    ],
    'PUT /api/v1/teachers/:id': [
      {
        title: "a town admin edits the district's shared teacher (read-only below)",
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => ({
          method: 'PUT',
          url: `/api/v1/teachers/${await makeTeacher(env, places.root, { shared: true })}`,
          payload: teacherBody(places.root),
        }),
        expect: { refused: 403 },
      },
    ],
  },
};
