import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../../../contracts/common.ts';
import {
  Activity,
  ActivityListQuery,
  ActivityPage,
  AskLeave,
  AttendeeParams,
  CancelActivity,
  CardSignIn,
  DecideLeave,
  DueList,
  DueQuery,
  FileParams,
  FileQuery,
  MonthlyCounts,
  MonthlyQuery,
  MyActivity,
  MyActivityPage,
  MyActivityQuery,
  PlanActivity,
  QrCode,
  QrSignIn,
  RecordMinutes,
  RollCall,
  SignInResult,
  SignInState,
  UploadQuery,
} from '../../../../../contracts/life/activities.ts';
import { contentDisposition } from '../../../platform/files/disposition.ts';
import { readUpload } from '../../../platform/files/upload.ts';
import {
  addActivityFile,
  MAX_ATTACHMENT_BYTES,
  MAX_PHOTO_BYTES,
  readActivityFile,
  removeActivityFile,
} from './activity-files.ts';
import { cancelActivity } from './cancel-activity.ts';
import { listDue } from './due.ts';
import { askLeave, decideLeave } from './leave.ts';
import { listActivities } from './list-activities.ts';
import { monthlyByChild } from './monthly-counts.ts';
import { myActivities } from './my-activities.ts';
import { planActivity } from './plan-activity.ts';
import { readActivity } from './read-activity.ts';
import { recordMinutes } from './record-minutes.ts';
import { recordSheetDocx } from './record-sheet.ts';
import { currentQr, rollCall, setSignInOpen, signInByCard, signInByQr } from './sign-in.ts';
import { DOCX_TYPE as DOCX } from '../../../platform/files/office.ts';

const tags = ['activities 组织生活'];

export async function activityRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const view = { access: 'activity.view' };
  const manage = { access: 'activity.manage' };
  const attend = { access: 'activity.attend' };
  const answer = { 200: Activity };
  const id = (p: { id: string }) => Number(p.id);

  app.get(
    '/activities',
    {
      config: view,
      schema: {
        tags,
        summary: '组织生活列表（按党组织、类型、状态、月份）',
        querystring: ActivityListQuery,
        response: { 200: ActivityPage },
      },
    },
    (req) => listActivities(req.ctx, req.query),
  );
  app.post(
    '/activities',
    {
      config: manage,
      schema: { tags, summary: '计划组织生活并通知参会党员', body: PlanActivity, response: answer },
    },
    (req) => planActivity(req.ctx, req.body),
  );
  app.get(
    '/activities/due',
    {
      config: view,
      schema: {
        tags,
        summary: '各党支部应开展和逾期未开展的组织生活（按《支部工作条例》频次，全区设置可调）',
        querystring: DueQuery,
        response: { 200: DueList },
      },
    },
    (req) => listDue(req.ctx, req.query),
  );
  app.get(
    '/activities/monthly',
    {
      config: view,
      schema: {
        tags,
        summary: '月度统计：各下级党组织开展组织生活次数（按类型）和出勤率',
        querystring: MonthlyQuery,
        response: { 200: MonthlyCounts },
      },
    },
    (req) => monthlyByChild(req.ctx, req.query),
  );
  app.get(
    '/activities/mine',
    {
      config: attend,
      schema: {
        tags,
        summary: '我的组织生活（即将开展 / 已结束）',
        querystring: MyActivityQuery,
        response: { 200: MyActivityPage },
      },
    },
    (req) => myActivities(req.ctx, req.query),
  );
  app.get(
    '/activities/:id',
    {
      config: view,
      schema: {
        tags,
        summary: '组织生活详情：参会党员、签到、请假、会议记录',
        params: IdParams,
        response: answer,
      },
    },
    (req) => readActivity(req.ctx, id(req.params)),
  );
  app.post(
    '/activities/:id/cancel',
    {
      config: manage,
      schema: { tags, summary: '取消活动', params: IdParams, body: CancelActivity, response: answer },
    },
    (req) => cancelActivity(req.ctx, id(req.params), req.body),
  );
  app.get(
    '/activities/:id/qr',
    {
      config: manage,
      schema: {
        tags,
        summary: '会场屏幕上的签到二维码（每30秒更换）',
        params: IdParams,
        response: { 200: QrCode },
      },
    },
    (req, reply) => {
      reply.header('cache-control', 'no-store');
      return currentQr(req.ctx, id(req.params));
    },
  );
  app.post(
    '/activities/:id/sign-in',
    {
      config: attend,
      schema: {
        tags,
        summary: '扫码签到（党员本人手机，二维码中的 code）',
        params: IdParams,
        body: QrSignIn,
        response: { 200: SignInResult },
      },
    },
    (req) => signInByQr(req.ctx, id(req.params), req.body.code),
  );
  app.post(
    '/activities/:id/sign-in/card',
    {
      config: { access: 'activity.kiosk' },
      schema: {
        tags,
        summary: '学习卡签到（一体机：以书记、管理员或站点管理员账号登录，党员输入卡号和密码）',
        params: IdParams,
        body: CardSignIn,
        response: { 200: SignInResult },
      },
    },
    (req) => signInByCard(req.ctx, id(req.params), req.body),
  );
  app.post(
    '/activities/:id/roll-call',
    {
      config: manage,
      schema: { tags, summary: '点名签到', params: IdParams, body: RollCall, response: answer },
    },
    (req) => rollCall(req.ctx, id(req.params), req.body),
  );
  app.put(
    '/activities/:id/sign-in-state',
    {
      config: manage,
      schema: { tags, summary: '开放或结束签到', params: IdParams, body: SignInState, response: answer },
    },
    (req) => setSignInOpen(req.ctx, id(req.params), req.body.open),
  );
  app.post(
    '/activities/:id/leave',
    {
      config: attend,
      schema: {
        tags,
        summary: '请假（党员本人）',
        params: IdParams,
        body: AskLeave,
        response: { 200: MyActivity },
      },
    },
    (req) => askLeave(req.ctx, id(req.params), req.body),
  );
  app.post(
    '/activities/:id/attendees/:memberId/leave-decision',
    {
      config: manage,
      schema: { tags, summary: '审批请假', params: AttendeeParams, body: DecideLeave, response: answer },
    },
    (req) => decideLeave(req.ctx, id(req.params), Number(req.params.memberId), req.body),
  );
  app.put(
    '/activities/:id/minutes',
    {
      config: manage,
      schema: {
        tags,
        summary: '会议记录（主持人、记录人、内容）；记录后活动计为已召开',
        params: IdParams,
        body: RecordMinutes,
        response: answer,
      },
    },
    (req) => recordMinutes(req.ctx, id(req.params), req.body),
  );
  app.get(
    '/activities/:id/record.docx',
    { config: view, schema: { tags, summary: '会议记录（Word 文档）', params: IdParams } },
    async (req, reply) => {
      const { body, filename } = await recordSheetDocx(req.ctx, id(req.params));
      return reply.type(DOCX).header('content-disposition', contentDisposition(filename)).send(body);
    },
  );
  await app.register(fileRoutes);
}

/** Photos and attachments: multipart only in this scope (every other route keeps to JSON). */
async function fileRoutes(base: FastifyInstance) {
  await base.register(multipart, {
    limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 2, parts: 3 },
  });
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/activities/:id/files',
    {
      config: { access: 'activity.manage' },
      schema: {
        tags,
        summary:
          '上传活动照片（kind=photo，图片 ≤ 10 MB）或附件（kind=attachment，文档 ≤ 20 MB）；multipart 字段 file',
        params: IdParams,
        querystring: UploadQuery,
        consumes: ['multipart/form-data'],
        response: { 200: Activity },
      },
    },
    async (req) => {
      const kind = req.query.kind;
      const upload = await readUpload(req, 'file', kind === 'photo' ? MAX_PHOTO_BYTES : MAX_ATTACHMENT_BYTES);
      return addActivityFile(req.ctx, Number(req.params.id), kind, upload);
    },
  );
  app.get(
    '/activities/:id/files/:fileId',
    {
      config: { access: 'activity.view' },
      schema: { tags, summary: '活动照片或附件', params: FileParams, querystring: FileQuery },
    },
    async (req, reply) => {
      const f = await readActivityFile(
        req.ctx,
        Number(req.params.id),
        Number(req.params.fileId),
        req.query.size,
      );
      return reply
        .type(f.type)
        .header('cache-control', 'private, max-age=300')
        .header('content-disposition', contentDisposition(f.name, f.inline ? 'inline' : 'attachment'))
        .send(f.body);
    },
  );
  app.delete(
    '/activities/:id/files/:fileId',
    {
      config: { access: 'activity.manage' },
      schema: { tags, summary: '删除活动照片或附件', params: FileParams, response: { 200: Activity } },
    },
    (req) => removeActivityFile(req.ctx, Number(req.params.id), Number(req.params.fileId)),
  );
}
