import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../../../contracts/common.ts';
import {
  PhotoQuery,
  RecordStationSession,
  SaveStation,
  SessionListQuery,
  StaffCandidates,
  StaffCandidatesQuery,
  Station,
  StationCourseQuery,
  StationCourses,
  StationListQuery,
  StationMonthly,
  StationMonthlyQuery,
  StationPage,
  StationPeople,
  StationSession,
  StationSessionPage,
  WithdrawStationSession,
} from '../../../../../contracts/learning/stations.ts';
import { MAX_IMAGE_BYTES } from '../../../platform/files/images.ts';
import { readUpload } from '../../../platform/files/upload.ts';
import { listSessions, readSession, readSessionPhoto } from './list-sessions.ts';
import {
  listStations,
  myStations,
  readStation,
  staffCandidates,
  stationCourses,
  stationPeople,
} from './list-stations.ts';
import { stationMonthly } from './monthly.ts';
import { recordSession } from './record-session.ts';
import { createStation, editStation } from './save-station.ts';
import { setSessionPhoto } from './session-photo.ts';
import { withdrawSession } from './withdraw-session.ts';

const tags = ['stations 远程教育站点'];
const view = { access: 'station.view' };
const manage = { access: 'station.manage' };
const operate = { access: 'station.operate' };
const id = (p: { id: string }) => Number(p.id);

/** 远程教育站点: the registry, the operator's sessions, the month's minutes per station. */
export async function stationRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/stations',
    {
      config: view,
      schema: {
        tags,
        summary: '远程教育站点名录',
        querystring: StationListQuery,
        response: { 200: StationPage },
      },
    },
    (req) => listStations(req.ctx, req.query),
  );
  app.post(
    '/stations',
    {
      config: manage,
      schema: {
        tags,
        summary: '新建站点（所在党组织、名称、地址、管理员和操作员）',
        body: SaveStation,
        response: { 201: Station },
      },
    },
    async (req, reply) => reply.status(201).send(await createStation(req.ctx, req.body)),
  );
  app.get(
    '/stations/monthly',
    {
      config: view,
      schema: {
        tags,
        summary: '站点月度播放时长（零播放站点列在最前）及各下级党组织的达标情况',
        querystring: StationMonthlyQuery,
        response: { 200: StationMonthly },
      },
    },
    (req) => stationMonthly(req.ctx, req.query),
  );
  app.get(
    '/stations/staff-candidates',
    {
      config: manage,
      schema: {
        tags,
        summary: '可担任该党组织站点管理员、操作员的账号（持有覆盖该组织的“站点管理员”角色）',
        querystring: StaffCandidatesQuery,
        response: { 200: StaffCandidates },
      },
    },
    (req) => staffCandidates(req.ctx, Number(req.query.orgId)),
  );
  app.get(
    '/me/stations',
    {
      config: operate,
      schema: {
        tags,
        summary: '我担任管理员或操作员的站点',
        response: { 200: z.object({ items: z.array(Station) }) },
      },
    },
    (req) => myStations(req.ctx),
  );
  app.get(
    '/stations/:id',
    { config: view, schema: { tags, summary: '站点详情', params: IdParams, response: { 200: Station } } },
    (req) => readStation(req.ctx, id(req.params)),
  );
  app.put(
    '/stations/:id',
    {
      config: manage,
      schema: { tags, summary: '修改站点', params: IdParams, body: SaveStation, response: { 200: Station } },
    },
    (req) => editStation(req.ctx, id(req.params), req.body),
  );
  app.get(
    '/stations/:id/people',
    {
      config: operate,
      schema: {
        tags,
        summary: '站点服务的党员（参学人员名单）',
        params: IdParams,
        response: { 200: StationPeople },
      },
    },
    (req) => stationPeople(req.ctx, id(req.params)),
  );
  app.get(
    '/stations/:id/courses',
    {
      config: operate,
      schema: {
        tags,
        summary: '可在站点播放的课件（对站点党员开放的已发布课件）',
        params: IdParams,
        querystring: StationCourseQuery,
        response: { 200: StationCourses },
      },
    },
    (req) => stationCourses(req.ctx, id(req.params), req.query.q),
  );
  app.post(
    '/stations/:id/sessions',
    {
      config: operate,
      schema: {
        tags,
        summary:
          '登记集中学习（播放内容、开始时间、时长、参学党员）：参学党员计入学时，时长计入站点当月播放时长',
        params: IdParams,
        body: RecordStationSession,
        response: { 201: StationSession },
      },
    },
    async (req, reply) => reply.status(201).send(await recordSession(req.ctx, id(req.params), req.body)),
  );
  app.get(
    '/station-sessions',
    {
      config: view,
      schema: {
        tags,
        summary: '集中学习记录（按党组织、站点、月份）',
        querystring: SessionListQuery,
        response: { 200: StationSessionPage },
      },
    },
    (req) => listSessions(req.ctx, req.query),
  );
  app.get(
    '/station-sessions/:id',
    {
      config: view,
      schema: { tags, summary: '集中学习记录详情', params: IdParams, response: { 200: StationSession } },
    },
    (req) => readSession(req.ctx, id(req.params)),
  );
  app.post(
    '/station-sessions/:id/withdraw',
    {
      config: operate,
      schema: {
        tags,
        summary:
          '撤销登记有误的集中学习记录（须说明原因；本月和上月的记录）：参学党员的学时和站点当月播放时长不再计入',
        params: IdParams,
        body: WithdrawStationSession,
        response: { 200: StationSession },
      },
    },
    (req) => withdrawSession(req.ctx, id(req.params), req.body.reason),
  );
  app.get(
    '/station-sessions/:id/photo',
    {
      config: view,
      schema: { tags, summary: '集中学习现场照片', params: IdParams, querystring: PhotoQuery },
    },
    async (req, reply) =>
      reply
        .type('image/jpeg')
        .header('cache-control', 'private, max-age=300')
        .send(await readSessionPhoto(req.ctx, id(req.params), req.query.size)),
  );
  await app.register(photoUpload);
}

async function photoUpload(base: FastifyInstance) {
  await base.register(multipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 1, parts: 2 } });
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/station-sessions/:id/photo',
    {
      config: operate,
      schema: {
        tags,
        summary: '上传集中学习现场照片（图片 ≤ 10 MB，新照片替换旧照片）；multipart 字段 file',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 200: StationSession },
      },
    },
    async (req) => setSessionPhoto(req.ctx, id(req.params), await readUpload(req, 'file', MAX_IMAGE_BYTES)),
  );
}
