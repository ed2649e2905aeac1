import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../../../contracts/common.ts';
import {
  Course,
  CourseCategoryList,
  CourseListQuery,
  CoursePage,
  CourseTagList,
  EditCategory,
  EditCourse,
  LearnerCourse,
  LearnerCoursePage,
  LearnerCourseQuery,
  SetTagExpansions,
  TagParams,
  WithdrawCourse,
  WriteCategory,
  WriteCourse,
} from '../../../../../contracts/learning/library.ts';
import { receiveUpload } from '../../../platform/files/upload.ts';
import { browseCourses, readLearnerCourse } from './browse-courses.ts';
import { createCategory, editCategory, listCategories, removeCategory } from './categories.ts';
import { listCourses } from './list-courses.ts';
import { sendCourseMedia, sendLearnerMedia } from './media.ts';
import { publishCourse, withdrawCourse } from './publish-course.ts';
import { readCourse } from './read-course.ts';
import { listTags, setTagExpansions } from './tags.ts';
import { uploadCourseFile } from './upload-course-file.ts';
import { createCourse, editCourse } from './write-course.ts';

const tags = ['learning 课件库'];
const id = (p: { id: string }) => Number(p.id);

/** The largest file any setting may allow (learning.uploadLimitsMb's bound): the parser's own cap. */
const PARSER_MAX_BYTES = 4096 * 1024 * 1024;

export async function libraryRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const manage = { access: 'course.manage' };
  const department = { access: 'course.categories' };
  const study = { access: 'course.study' };

  // ── the admins' library ──
  app.get(
    '/courses',
    {
      config: manage,
      schema: {
        tags,
        summary: '课件库：本组织及下级发布的课件（按关键词、类型、状态、分类、标签）',
        querystring: CourseListQuery,
        response: { 200: CoursePage },
      },
    },
    (req) => listCourses(req.ctx, req.query),
  );
  app.post(
    '/courses',
    {
      config: manage,
      schema: {
        tags,
        summary: '新建课件（草稿；视频、音频、文档随后上传文件，图文在此填写正文）',
        body: WriteCourse,
        response: { 201: Course },
      },
    },
    async (req, reply) => reply.status(201).send(await createCourse(req.ctx, req.body)),
  );
  app.get(
    '/courses/:id',
    {
      config: manage,
      schema: { tags, summary: '课件详情（管理员）', params: IdParams, response: { 200: Course } },
    },
    (req) => readCourse(req.ctx, id(req.params)),
  );
  app.patch(
    '/courses/:id',
    {
      config: manage,
      schema: { tags, summary: '修改课件', params: IdParams, body: EditCourse, response: { 200: Course } },
    },
    (req) => editCourse(req.ctx, id(req.params), req.body),
  );
  app.post(
    '/courses/:id/publish',
    {
      config: manage,
      schema: {
        tags,
        summary: '发布课件（学习范围内的党员可学）',
        params: IdParams,
        response: { 200: Course },
      },
    },
    (req) => publishCourse(req.ctx, id(req.params)),
  );
  app.post(
    '/courses/:id/withdraw',
    {
      config: manage,
      schema: {
        tags,
        summary: '撤回已发布的课件（须说明原因）',
        params: IdParams,
        body: WithdrawCourse,
        response: { 200: Course },
      },
    },
    (req) => withdrawCourse(req.ctx, id(req.params), req.body.reason),
  );
  app.get(
    '/courses/:id/media',
    {
      config: manage,
      schema: { tags, summary: '课件文件（预览；支持 Range 分段请求）', params: IdParams },
    },
    (req, reply) => sendCourseMedia(req.ctx, req, reply, id(req.params)),
  );

  // ── categories and tags ──
  app.get(
    '/course-categories',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '课件分类（两级）', response: { 200: CourseCategoryList } },
    },
    (req) => listCategories(req.ctx.db),
  );
  app.post(
    '/course-categories',
    {
      config: department,
      schema: {
        tags,
        summary: '新建课件分类（组织部）',
        body: WriteCategory,
        response: { 200: CourseCategoryList },
      },
    },
    (req) => createCategory(req.ctx, req.body),
  );
  app.patch(
    '/course-categories/:id',
    {
      config: department,
      schema: {
        tags,
        summary: '修改课件分类（组织部）',
        params: IdParams,
        body: EditCategory,
        response: { 200: CourseCategoryList },
      },
    },
    (req) => editCategory(req.ctx, id(req.params), req.body),
  );
  app.delete(
    '/course-categories/:id',
    {
      config: department,
      schema: {
        tags,
        summary: '删除课件分类（没有课件和子分类时）',
        params: IdParams,
        response: { 200: CourseCategoryList },
      },
    },
    (req) => removeCategory(req.ctx, id(req.params)),
  );
  app.get(
    '/course-tags',
    {
      config: manage,
      schema: { tags, summary: '标签（按已发布课件数）及其同义词', response: { 200: CourseTagList } },
    },
    (req) => listTags(req.ctx.db),
  );
  app.put(
    '/course-tags/:name',
    {
      config: department,
      schema: {
        tags,
        summary: '设置标签的同义词（如 党史 ↔ 中国共产党历史），带此标签的课件随即可按同义词搜到',
        params: TagParams,
        body: SetTagExpansions,
        response: { 200: CourseTagList },
      },
    },
    (req) => setTagExpansions(req.ctx, req.params.name, req.body.expansions),
  );

  // ── what a member studies ──
  app.get(
    '/learning/courses',
    {
      // a city's members searching at once: the login session is read at most every 10 s
      config: { ...study, sessionKeptMs: 10_000 },
      schema: {
        tags,
        summary: '学习：本人可学的课件（按关键词、分类、类型；中文分词搜索）',
        querystring: LearnerCourseQuery,
        response: { 200: LearnerCoursePage },
      },
    },
    (req) => browseCourses(req.ctx, req.query),
  );
  app.get(
    '/learning/courses/:id',
    {
      config: study,
      schema: { tags, summary: '学习：一个课件', params: IdParams, response: { 200: LearnerCourse } },
    },
    (req) => readLearnerCourse(req.ctx, id(req.params)),
  );
  app.get(
    '/learning/courses/:id/media',
    {
      config: study,
      schema: {
        tags,
        summary: '学习：课件的视频、音频或 PDF（支持 Range 分段请求，手机上可拖动进度）',
        params: IdParams,
      },
    },
    (req, reply) => sendLearnerMedia(req.ctx, req, reply, id(req.params)),
  );
  await app.register(uploadRoute);
}

/** The upload: multipart only in this scope, streamed to the store (never read whole). */
async function uploadRoute(base: FastifyInstance) {
  await base.register(multipart, { limits: { fileSize: PARSER_MAX_BYTES, files: 1, fields: 2, parts: 3 } });
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/courses/:id/file',
    {
      config: { access: 'course.manage' },
      schema: {
        tags,
        summary:
          '上传课件文件（multipart 字段 file；视频 MP4，音频 MP3/M4A，文档 PDF；大小上限见设置，默认视频 2 GB）',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 200: Course },
      },
    },
    (req) =>
      uploadCourseFile(req.ctx, id(req.params), (opts) => receiveUpload(req, { field: 'file', ...opts })),
  );
}
