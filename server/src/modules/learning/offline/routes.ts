import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../../../contracts/common.ts';
import {
  EditOfflineStudy,
  OfflineListQuery,
  OfflinePeople,
  OfflinePeopleQuery,
  OfflinePhotoParams,
  OfflinePhotoQuery,
  OfflineStudy,
  OfflineStudyPage,
  ReturnOfflineStudy,
  SaveOfflineStudy,
} from '../../../../../contracts/learning/offline.ts';
import { MAX_IMAGE_BYTES } from '../../../platform/files/images.ts';
import { readUpload } from '../../../platform/files/upload.ts';
import { decideStudy } from './decide-study.ts';
import { listStudies, offlinePeople, readStudy } from './list-studies.ts';
import { addPhoto, readPhoto, removePhoto } from './photos.ts';
import { removeStudy } from './remove-study.ts';
import { editStudy, recordStudy } from './save-study.ts';
import { submitStudy } from './submit-study.ts';

const tags = ['offline-study 线下学习'];
const view = { access: 'offline_study.view' };
const record = { access: 'offline_study.record' };
const approve = { access: 'offline_study.approve' };
const answer = { 200: OfflineStudy };
const id = (p: { id: string }) => Number(p.id);

/** 线下学习: the recording org's side (record, fix, submit) and the superior's (approve, return). */
export async function offlineRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/offline-studies',
    {
      config: view,
      schema: {
        tags,
        summary: '线下学习：待修改（box=mine）、待审批（box=approve）、全部（box=all）',
        querystring: OfflineListQuery,
        response: { 200: OfflineStudyPage },
      },
    },
    (req) => listStudies(req.ctx, req.query),
  );
  app.post(
    '/offline-studies',
    {
      config: record,
      schema: {
        tags,
        summary: '登记线下学习（submit=true 时同时报上级审批）',
        body: SaveOfflineStudy,
        response: { 201: OfflineStudy },
      },
    },
    async (req, reply) => reply.status(201).send(await recordStudy(req.ctx, req.body)),
  );
  app.get(
    '/offline-studies/people',
    {
      config: record,
      schema: {
        tags,
        summary: '可登记为参学人员的党员（本组织及下级组织，正常党籍）',
        querystring: OfflinePeopleQuery,
        response: { 200: OfflinePeople },
      },
    },
    (req) => offlinePeople(req.ctx, Number(req.query.orgId)),
  );
  app.get(
    '/offline-studies/:id',
    { config: view, schema: { tags, summary: '线下学习详情', params: IdParams, response: answer } },
    (req) => readStudy(req.ctx, id(req.params)),
  );
  app.patch(
    '/offline-studies/:id',
    {
      config: record,
      schema: {
        tags,
        summary: '修改线下学习（草稿或被退回的；submit=true 时同时重新报送）',
        params: IdParams,
        body: EditOfflineStudy,
        response: answer,
      },
    },
    (req) => editStudy(req.ctx, id(req.params), req.body),
  );
  app.delete(
    '/offline-studies/:id',
    {
      config: record,
      schema: { tags, summary: '删除未报送的草稿', params: IdParams, response: { 200: Ok } },
    },
    (req) => removeStudy(req.ctx, id(req.params)),
  );
  app.post(
    '/offline-studies/:id/submit',
    { config: record, schema: { tags, summary: '报上级党组织审批', params: IdParams, response: answer } },
    (req) => submitStudy(req.ctx, id(req.params)),
  );
  app.post(
    '/offline-studies/:id/approve',
    {
      config: approve,
      schema: { tags, summary: '审批通过（参学党员计入学时）', params: IdParams, response: answer },
    },
    (req) => decideStudy(req.ctx, id(req.params), { approve: true }),
  );
  app.post(
    '/offline-studies/:id/return',
    {
      config: approve,
      schema: {
        tags,
        summary: '退回并说明原因（登记的党组织修改后可重新报送）',
        params: IdParams,
        body: ReturnOfflineStudy,
        response: answer,
      },
    },
    (req) => decideStudy(req.ctx, id(req.params), { approve: false, reason: req.body.reason }),
  );
  app.get(
    '/offline-studies/:id/photos/:photoId',
    {
      config: view,
      schema: { tags, summary: '线下学习照片', params: OfflinePhotoParams, querystring: OfflinePhotoQuery },
    },
    async (req, reply) => {
      const body = await readPhoto(req.ctx, id(req.params), Number(req.params.photoId), req.query.size);
      return reply.type('image/jpeg').header('cache-control', 'private, max-age=300').send(body);
    },
  );
  app.delete(
    '/offline-studies/:id/photos/:photoId',
    {
      config: record,
      schema: { tags, summary: '删除线下学习照片', params: OfflinePhotoParams, response: answer },
    },
    (req) => removePhoto(req.ctx, id(req.params), Number(req.params.photoId)),
  );
  await app.register(photoUpload);
}

/** The photo upload: multipart only in this scope (every other route keeps to JSON). */
async function photoUpload(base: FastifyInstance) {
  await base.register(multipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 1, parts: 2 } });
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/offline-studies/:id/photos',
    {
      config: record,
      schema: {
        tags,
        summary: '上传线下学习照片（图片 ≤ 10 MB，最多 9 张）；multipart 字段 file',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: answer,
      },
    },
    async (req) => addPhoto(req.ctx, id(req.params), await readUpload(req, 'file', MAX_IMAGE_BYTES)),
  );
}
