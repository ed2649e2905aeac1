import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { create as qrCreate } from 'qrcode';
import { z } from 'zod';
import { IdParams, Ok } from '../../../../contracts/common.ts';
import {
  CrossTab,
  CrossTabQuery,
  MySurveys,
  PublicLink,
  SaveDraft,
  SaveSummary,
  SaveSurvey,
  Submitted,
  SubmitAnswers,
  Survey,
  SurveyForm,
  SurveyListQuery,
  SurveyPage,
  SurveyResults,
  WordFrequency,
  WordsQuery,
} from '../../../../contracts/surveys/surveys.ts';
import { contentDisposition } from '../../platform/files/disposition.ts';
import { AppError, conflict } from '../../platform/http/errors.ts';
import {
  DEVICE_COOKIE,
  memberForm,
  myOpenCount,
  mySurveys,
  newDevice,
  publicForm,
  saveDraft,
  submitMember,
  submitPublic,
} from './answer.ts';
import { reportDocx, responsesXlsx } from './report.ts';
import { crossTab, surveyResults, wordFrequency } from './results.ts';
import {
  closeSurvey,
  createSurvey,
  listSurveys,
  publishSurvey,
  readSurvey,
  saveSummary,
  updateSurvey,
} from './save-survey.ts';
import { surveyFor } from './store.ts';
import { DOCX_TYPE as DOCX, XLSX_TYPE as XLSX } from '../../platform/files/office.ts';

const tags = ['surveys 问卷调查'];
const id = (p: { id: string }) => Number(p.id);
const view = { access: 'survey.view' };
const manage = { access: 'survey.manage' };
const answer = { access: 'survey.answer' };
const TokenParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/) });

/**
 * A flood of public answers from one address is refused before anything is read (429, in Chinese):
 * a tenth of the platform's public read limit per minute, so a village meeting room behind one
 * address can still answer together, and a script cannot fill the survey.
 */
const publicSubmitLimit = {
  max: (req: FastifyRequest) => Math.max(5, Math.floor(req.ctx.config.publicRateLimitPerMinute / 10)),
  timeWindow: '1 minute',
  errorResponseBuilder: (_req: FastifyRequest, c: { ttl: number }) => {
    const s = Math.max(1, Math.ceil(c.ttl / 1000));
    return new AppError(429, 'rate_limited', {
      zh: `同一网络提交问卷过于频繁，请 ${s} 秒后再试`,
      en: `Too many answers from this network; retry in ${s} s`,
    });
  },
};

/** The browser's device key, made and set (a year, this path only, HttpOnly) when it has none. */
function deviceOf(req: FastifyRequest, reply: FastifyReply): string {
  const had = req.cookies[DEVICE_COOKIE];
  if (had && /^[A-Za-z0-9_-]{16,40}$/.test(had)) return had;
  const d = newDevice();
  reply.setCookie(DEVICE_COOKIE, d, {
    path: '/api/v1/public/surveys',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.ctx.config.cookieSecure || req.protocol === 'https',
    maxAge: 365 * 86_400,
  });
  return d;
}

/** The link as a QR code, an SVG of its modules (one path, one unit a module, a quiet zone of 2). */
function qrSvg(url: string): string {
  const m = qrCreate(url, { errorCorrectionLevel: 'M' }).modules;
  const size = m.size;
  let d = '';
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) if (m.get(r, c)) d += `M${c + 2} ${r + 2}h1v1h-1z`;
  const n = size + 4;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}" shape-rendering="crispEdges"><rect width="${n}" height="${n}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

/** 问卷调查: design and publish (admins), answer (members, the public), results and reports. */
export async function surveyRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/surveys',
    {
      config: view,
      schema: {
        tags,
        summary: '问卷列表（本组织及下级）',
        querystring: SurveyListQuery,
        response: { 200: SurveyPage },
      },
    },
    (req) => listSurveys(req.ctx, req.query),
  );
  app.post(
    '/surveys',
    {
      config: manage,
      schema: { tags, summary: '新建问卷（草稿）', body: SaveSurvey, response: { 201: Survey } },
    },
    async (req, reply) => reply.status(201).send(await createSurvey(req.ctx, req.body)),
  );
  app.get(
    '/surveys/:id',
    { config: view, schema: { tags, summary: '问卷详情', params: IdParams, response: { 200: Survey } } },
    (req) => readSurvey(req.ctx, id(req.params)),
  );
  app.put(
    '/surveys/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改问卷（已有人作答后题目不能再修改，409）',
        params: IdParams,
        body: SaveSurvey,
        response: { 200: Survey },
      },
    },
    (req) => updateSurvey(req.ctx, id(req.params), req.body),
  );
  app.post(
    '/surveys/:id/publish',
    { config: manage, schema: { tags, summary: '发布问卷', params: IdParams, response: { 200: Survey } } },
    (req) => publishSurvey(req.ctx, id(req.params)),
  );
  app.post(
    '/surveys/:id/close',
    { config: manage, schema: { tags, summary: '结束问卷', params: IdParams, response: { 200: Survey } } },
    (req) => closeSurvey(req.ctx, id(req.params)),
  );
  app.put(
    '/surveys/:id/summary',
    {
      config: manage,
      schema: {
        tags,
        summary: '分析意见（写入分析报告）',
        params: IdParams,
        body: SaveSummary,
        response: { 200: Survey },
      },
    },
    (req) => saveSummary(req.ctx, id(req.params), req.body.summary),
  );
  app.get(
    '/surveys/:id/public-link',
    {
      config: view,
      schema: {
        tags,
        summary: '公开链接和二维码（群众问卷）',
        params: IdParams,
        response: { 200: PublicLink },
      },
    },
    async (req) => {
      const s = await surveyFor(req.ctx, req.ctx.db, id(req.params), 'survey.view');
      if (!s.publicToken)
        throw conflict('survey_not_public', {
          zh: '该问卷没有公开链接（须为群众问卷且已发布）',
          en: 'no public link',
        });
      const url = `${req.protocol}://${req.host}/p/surveys/${s.publicToken}`;
      return { url, qrSvg: qrSvg(url) };
    },
  );

  // ── results ──
  app.get(
    '/surveys/:id/results',
    {
      config: view,
      schema: {
        tags,
        summary: '调查结果（逐题统计、各组织参与率）',
        params: IdParams,
        response: { 200: SurveyResults },
      },
    },
    (req) => surveyResults(req.ctx, id(req.params)),
  );
  app.get(
    '/surveys/:id/crosstab',
    {
      config: view,
      schema: {
        tags,
        summary: '交叉分析（按党组织、性别、年龄段、党员类别）',
        params: IdParams,
        querystring: CrossTabQuery,
        response: { 200: CrossTab },
      },
    },
    (req) => crossTab(req.ctx, id(req.params), req.query.questionId, req.query.by),
  );
  app.get(
    '/surveys/:id/words',
    {
      config: view,
      schema: {
        tags,
        summary: '填空题词频',
        params: IdParams,
        querystring: WordsQuery,
        response: { 200: WordFrequency },
      },
    },
    (req) => wordFrequency(req.ctx, id(req.params), req.query.questionId),
  );
  app.get(
    '/surveys/:id/report.docx',
    { config: view, schema: { tags, summary: '调查分析报告（Word）', params: IdParams } },
    async (req, reply) => {
      const { body, filename } = await reportDocx(req.ctx, id(req.params));
      return reply.type(DOCX).header('content-disposition', contentDisposition(filename)).send(body);
    },
  );
  app.get(
    '/surveys/:id/responses.xlsx',
    { config: view, schema: { tags, summary: '原始答卷（Excel）', params: IdParams } },
    async (req, reply) => {
      const { body, filename } = await responsesXlsx(req.ctx, id(req.params));
      return reply.type(XLSX).header('content-disposition', contentDisposition(filename)).send(body);
    },
  );

  // ── the member's ──
  app.get(
    '/my/surveys',
    { config: answer, schema: { tags, summary: '我的问卷', response: { 200: MySurveys } } },
    (req) => mySurveys(req.ctx),
  );
  app.get(
    '/my/surveys/open-count',
    {
      config: answer,
      schema: {
        tags,
        summary: '待填写的问卷数（首页角标）',
        response: { 200: z.object({ count: z.number().int() }) },
      },
    },
    (req) => myOpenCount(req.ctx),
  );
  app.get(
    '/my/surveys/:id',
    {
      config: answer,
      schema: {
        tags,
        summary: '填写问卷：题目和已暂存的答案',
        params: IdParams,
        response: { 200: SurveyForm },
      },
    },
    (req) => memberForm(req.ctx, id(req.params)),
  );
  app.put(
    '/my/surveys/:id/draft',
    {
      config: answer,
      schema: {
        tags,
        summary: '暂存答案（下次继续）',
        params: IdParams,
        body: SaveDraft,
        response: { 200: Ok },
      },
    },
    (req) => saveDraft(req.ctx, id(req.params), req.body.answers),
  );
  app.post(
    '/my/surveys/:id/responses',
    {
      config: answer,
      schema: {
        tags,
        summary: '提交问卷（每人一次）',
        params: IdParams,
        body: SubmitAnswers,
        response: { 201: Submitted },
      },
    },
    async (req, reply) => reply.status(201).send(await submitMember(req.ctx, id(req.params), req.body)),
  );

  // ── the public (no login) ──
  app.get(
    '/public/surveys/:token',
    {
      config: { access: 'public' },
      schema: { tags, summary: '群众问卷（公开链接）', params: TokenParams, response: { 200: SurveyForm } },
    },
    async (req, reply) => {
      const form = await publicForm(req.ctx, req.params.token, req.cookies[DEVICE_COOKIE] ?? null);
      deviceOf(req, reply);
      return reply.header('cache-control', 'no-store').send(form);
    },
  );
  app.post(
    '/public/surveys/:token/responses',
    {
      config: { access: 'public', rateLimit: publicSubmitLimit },
      schema: {
        tags,
        summary: '提交群众问卷（每台设备一次；同一网络每分钟限次）',
        params: TokenParams,
        body: SubmitAnswers,
        response: { 201: Submitted },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await submitPublic(req.ctx, req.params.token, deviceOf(req, reply), req.body)),
  );
}
