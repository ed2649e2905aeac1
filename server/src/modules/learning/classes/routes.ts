import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../../../contracts/common.ts';
import {
  ClassCourseQuery,
  ClassCourses,
  ClassListQuery,
  ClassMembers,
  ClassPeople,
  ClassPeopleQuery,
  ClassProgress,
  MyClasses,
  OnlineClass,
  OnlineClassPage,
  ProgressQuery,
  RemindResult,
  SaveClass,
} from '../../../../../contracts/learning/classes.ts';
import { contentDisposition } from '../../../platform/files/disposition.ts';
import { exportProgress } from './export-progress.ts';
import { classCourses, classMembers, classPeople, listClasses, readClass } from './list-classes.ts';
import { myClasses } from './my-classes.ts';
import { classProgress } from './progress.ts';
import { remindUnfinished } from './remind.ts';
import { createClass, editClass } from './save-class.ts';

const tags = ['classes 网上班级'];
const view = { access: 'class.view' };
const manage = { access: 'class.manage' };
const id = (p: { id: string }) => Number(p.id);
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ExportQuery = z.strictObject({ unfinished: z.enum(['true', 'false']).optional() });

/** 网上班级: classes of the caller's subtree, their progress, its export and reminder; the member's own. */
export async function classRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/classes',
    {
      config: view,
      schema: {
        tags,
        summary: '网上班级列表',
        querystring: ClassListQuery,
        response: { 200: OnlineClassPage },
      },
    },
    (req) => listClasses(req.ctx, req.query),
  );
  app.post(
    '/classes',
    {
      config: manage,
      schema: {
        tags,
        summary: '开设网上班级（举办党组织、学员、课程计划、开班和截止日期）',
        body: SaveClass,
        response: { 201: OnlineClass },
      },
    },
    async (req, reply) => reply.status(201).send(await createClass(req.ctx, req.body)),
  );
  app.get(
    '/classes/people',
    {
      config: manage,
      schema: {
        tags,
        summary: '可选为学员的党员（党组织及其下级）',
        querystring: ClassPeopleQuery,
        response: { 200: ClassPeople },
      },
    },
    (req) => classPeople(req.ctx, Number(req.query.orgId)),
  );
  app.get(
    '/classes/courses',
    {
      config: manage,
      schema: {
        tags,
        summary: '可列入课程计划的课件（对该党组织全体党员开放的已发布课件）',
        querystring: ClassCourseQuery,
        response: { 200: ClassCourses },
      },
    },
    (req) => classCourses(req.ctx, Number(req.query.orgId), req.query.q),
  );
  app.get(
    '/me/classes',
    {
      config: { access: 'study.attend' },
      schema: { tags, summary: '我的班级（课程计划及完成情况）', response: { 200: MyClasses } },
    },
    (req) => myClasses(req.ctx),
  );
  app.get(
    '/classes/:id',
    { config: view, schema: { tags, summary: '班级详情', params: IdParams, response: { 200: OnlineClass } } },
    (req) => readClass(req.ctx, id(req.params)),
  );
  app.put(
    '/classes/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改网上班级',
        params: IdParams,
        body: SaveClass,
        response: { 200: OnlineClass },
      },
    },
    (req) => editClass(req.ctx, id(req.params), req.body),
  );
  app.get(
    '/classes/:id/members',
    {
      config: view,
      schema: { tags, summary: '班级学员名单', params: IdParams, response: { 200: ClassMembers } },
    },
    (req) => classMembers(req.ctx, id(req.params)),
  );
  app.get(
    '/classes/:id/progress',
    {
      config: view,
      schema: {
        tags,
        summary: '学员学习进度（按党组织、姓名排序），及完成 0…n 门课程的人数',
        params: IdParams,
        querystring: ProgressQuery,
        response: { 200: ClassProgress },
      },
    },
    (req) => classProgress(req.ctx, id(req.params), req.query),
  );
  app.get(
    '/classes/:id/progress/export',
    {
      config: view,
      schema: { tags, summary: '导出学习进度（.xlsx）', params: IdParams, querystring: ExportQuery },
    },
    async (req, reply) => {
      const { fileName, body } = await exportProgress(
        req.ctx,
        id(req.params),
        req.query.unfinished === 'true',
      );
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', contentDisposition(fileName))
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
  app.post(
    '/classes/:id/remind',
    {
      config: manage,
      schema: {
        tags,
        summary: '提醒未完成的学员（通知中心；每个班级每小时最多一次）',
        params: IdParams,
        response: { 200: RemindResult },
      },
    },
    (req) => remindUnfinished(req.ctx, id(req.params)),
  );
}
