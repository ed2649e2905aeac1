import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../../../contracts/common.ts';
import {
  BasePhotoParams,
  BasePhotoQuery,
  Lecture,
  LecturePeople,
  LecturePeopleQuery,
  MyLectures,
  PoolListQuery,
  RateLecture,
  RatedLecture,
  RecordLecture,
  RevealedPhone,
  SaveTeacher,
  SaveTrainingBase,
  Teacher,
  TeacherDetail,
  TeacherPage,
  TrainingBase,
  TrainingBasePage,
} from '../../../../../contracts/learning/pool.ts';
import { MAX_IMAGE_BYTES } from '../../../platform/files/images.ts';
import { readUpload } from '../../../platform/files/upload.ts';
import {
  addBasePhoto,
  createBase,
  editBase,
  listBases,
  readBase,
  readBasePhoto,
  removeBasePhoto,
  revealBasePhone,
} from './bases.ts';
import { lecturePeople, myLectures, rateLecture, recordLecture } from './lectures.ts';
import { createTeacher, editTeacher, listTeachers, readTeacher, revealTeacherPhone } from './teachers.ts';

const tags = ['pool 师资库和教育基地'];
const view = { access: 'pool.view' };
const manage = { access: 'pool.manage' };
const reveal = { access: 'pool.reveal_pii' };
const rate = { access: 'lecture.rate' };
const id = (p: { id: string }) => Number(p.id);

/** 师资库 (teachers, their lectures and ratings) and 教育基地 (training bases and their photos). */
export async function poolRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/teachers',
    {
      config: view,
      schema: {
        tags,
        summary: '师资库（按姓名、单位、擅长专题查找；含平均评分和评价人数）',
        querystring: PoolListQuery,
        response: { 200: TeacherPage },
      },
    },
    (req) => listTeachers(req.ctx, req.query),
  );
  app.post(
    '/teachers',
    { config: manage, schema: { tags, summary: '新增师资', body: SaveTeacher, response: { 201: Teacher } } },
    async (req, reply) => reply.status(201).send(await createTeacher(req.ctx, req.body)),
  );
  app.get(
    '/teachers/:id',
    {
      config: view,
      schema: {
        tags,
        summary: '师资详情：授课记录、各次评分和评语（不含评价人）',
        params: IdParams,
        response: { 200: TeacherDetail },
      },
    },
    (req) => readTeacher(req.ctx, id(req.params)),
  );
  app.put(
    '/teachers/:id',
    {
      config: manage,
      schema: { tags, summary: '修改师资', params: IdParams, body: SaveTeacher, response: { 200: Teacher } },
    },
    (req) => editTeacher(req.ctx, id(req.params), req.body),
  );
  app.post(
    '/teachers/:id/reveal',
    {
      config: reveal,
      schema: { tags, summary: '查看完整手机号（留痕）', params: IdParams, response: { 200: RevealedPhone } },
    },
    (req) => revealTeacherPhone(req.ctx, id(req.params)),
  );
  app.get(
    '/lectures/people',
    {
      config: manage,
      schema: {
        tags,
        summary: '可登记为参加授课的党员（举办党组织及其下级）',
        querystring: LecturePeopleQuery,
        response: { 200: LecturePeople },
      },
    },
    (req) => lecturePeople(req.ctx, Number(req.query.orgId)),
  );
  app.post(
    '/lectures',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记授课（教师、日期、举办党组织、主题、参加党员）',
        body: RecordLecture,
        response: { 201: Lecture },
      },
    },
    async (req, reply) => reply.status(201).send(await recordLecture(req.ctx, req.body)),
  );
  app.get(
    '/me/lectures',
    {
      config: rate,
      schema: {
        tags,
        summary: '我参加的、30 天内尚未评价的授课',
        response: { 200: MyLectures },
      },
    },
    (req) => myLectures(req.ctx),
  );
  app.post(
    '/me/lectures/:id/rating',
    {
      config: rate,
      schema: {
        tags,
        summary: '评价授课（1–5 星，评语 ≤ 200 字；每次授课一次，授课后 30 天内）',
        params: IdParams,
        body: RateLecture,
        response: { 201: RatedLecture },
      },
    },
    async (req, reply) => reply.status(201).send(await rateLecture(req.ctx, id(req.params), req.body)),
  );
  app.get(
    '/training-bases',
    {
      config: view,
      schema: {
        tags,
        summary: '教育基地（按名称、地址、教育主题查找）',
        querystring: PoolListQuery,
        response: { 200: TrainingBasePage },
      },
    },
    (req) => listBases(req.ctx, req.query),
  );
  app.post(
    '/training-bases',
    {
      config: manage,
      schema: { tags, summary: '新增教育基地', body: SaveTrainingBase, response: { 201: TrainingBase } },
    },
    async (req, reply) => reply.status(201).send(await createBase(req.ctx, req.body)),
  );
  app.get(
    '/training-bases/:id',
    {
      config: view,
      schema: { tags, summary: '教育基地详情', params: IdParams, response: { 200: TrainingBase } },
    },
    (req) => readBase(req.ctx, id(req.params)),
  );
  app.put(
    '/training-bases/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改教育基地',
        params: IdParams,
        body: SaveTrainingBase,
        response: { 200: TrainingBase },
      },
    },
    (req) => editBase(req.ctx, id(req.params), req.body),
  );
  app.post(
    '/training-bases/:id/reveal',
    {
      config: reveal,
      schema: {
        tags,
        summary: '查看联系人完整手机号（留痕）',
        params: IdParams,
        response: { 200: RevealedPhone },
      },
    },
    (req) => revealBasePhone(req.ctx, id(req.params)),
  );
  app.get(
    '/training-bases/:id/photos/:photoId',
    {
      config: view,
      schema: { tags, summary: '教育基地照片', params: BasePhotoParams, querystring: BasePhotoQuery },
    },
    async (req, reply) => {
      const body = await readBasePhoto(req.ctx, id(req.params), Number(req.params.photoId), req.query.size);
      return reply.type('image/jpeg').header('cache-control', 'private, max-age=300').send(body);
    },
  );
  app.delete(
    '/training-bases/:id/photos/:photoId',
    {
      config: manage,
      schema: {
        tags,
        summary: '删除教育基地照片',
        params: BasePhotoParams,
        response: { 200: TrainingBase },
      },
    },
    (req) => removeBasePhoto(req.ctx, id(req.params), Number(req.params.photoId)),
  );
  await app.register(photoUpload);
}

/** The photo upload: multipart only in this scope (every other route keeps to JSON). */
async function photoUpload(base: FastifyInstance) {
  await base.register(multipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 1, parts: 2 } });
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/training-bases/:id/photos',
    {
      config: manage,
      schema: {
        tags,
        summary: '上传教育基地照片（图片 ≤ 10 MB，最多 9 张）；multipart 字段 file',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 200: TrainingBase },
      },
    },
    async (req) => addBasePhoto(req.ctx, id(req.params), await readUpload(req, 'file', MAX_IMAGE_BYTES)),
  );
}
