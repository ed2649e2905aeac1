import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../../contracts/common.ts';
import {
  BallotChoices,
  Bulletin,
  CastReceipt,
  Election,
  ElectionListQuery,
  ElectionPage,
  MyElections,
  PaperEntry,
  PaperEntryResult,
  PaperIssue,
  Progress,
  ResultSheet,
  Roll,
  RollEntry,
  SaveElection,
  Verification,
} from '../../../../contracts/elections/elections.ts';
import { contentDisposition } from '../../platform/files/disposition.ts';
import { castBallot, enterPaper, issuePaper } from './cast.ts';
import { closeElection } from './close.ts';
import { myElections, myOpenCount } from './my.ts';
import { resultSheetDocx } from './result-sheet.ts';
import { bulletin, myBulletin, myResult, myVerify, progress, result, rollOf, verify } from './results.ts';
import {
  approveElection,
  approveResult,
  createElection,
  listElections,
  nextRound,
  openElection,
  readElection,
  submitElection,
  updateElection,
} from './setup.ts';
import { DOCX_TYPE as DOCX } from '../../platform/files/office.ts';

const tags = ['elections 选举与民主评议'];
const id = (p: { id: string }) => Number(p.id);
const view = { access: 'election.view' };
const manage = { access: 'election.manage' };
const approve = { access: 'election.approve' };
const vote = { access: 'election.vote' };
// a whole branch casts within minutes: the login session is read at most every 10 s on the cast
const voteBusy = { access: 'election.vote', sessionKeptMs: 10_000 };

/** 选举、民主评议、民主推荐: setup, approval, voting, paper ballots, the count and its proof. */
export async function electionRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const one = (summary: string) => ({ tags, summary, params: IdParams, response: { 200: Election } });

  app.get(
    '/elections',
    {
      config: view,
      schema: {
        tags,
        summary: '选举列表（本组织及下级；approvals：待我审批）',
        querystring: ElectionListQuery,
        response: { 200: ElectionPage },
      },
    },
    (req) => listElections(req.ctx, req.query),
  );
  app.post(
    '/elections',
    {
      config: manage,
      schema: {
        tags,
        summary: '新建选举、民主评议或民主推荐',
        body: SaveElection,
        response: { 201: Election },
      },
    },
    async (req, reply) => reply.status(201).send(await createElection(req.ctx, req.body)),
  );
  app.get('/elections/:id', { config: view, schema: one('选举详情') }, (req) =>
    readElection(req.ctx, id(req.params)),
  );
  app.put(
    '/elections/:id',
    { config: manage, schema: { ...one('修改候选人预备人选（仅草稿）'), body: SaveElection } },
    (req) => updateElection(req.ctx, id(req.params), req.body),
  );
  app.post(
    '/elections/:id/submit',
    { config: manage, schema: one('候选人预备人选报上级党组织审批') },
    (req) => submitElection(req.ctx, id(req.params)),
  );
  app.post(
    '/elections/:id/approve',
    {
      config: approve,
      schema: {
        ...one('上级党组织审批候选人预备人选（approve=false 退回）'),
        body: z.strictObject({ approve: z.boolean() }),
      },
    },
    (req) => approveElection(req.ctx, id(req.params), req.body.approve),
  );
  app.post(
    '/elections/:id/open',
    { config: manage, schema: one('开始投票（按党员信息生成并冻结选举人名册）') },
    (req) => openElection(req.ctx, id(req.params)),
  );
  app.post('/elections/:id/close', { config: manage, schema: one('结束投票并计票') }, (req) =>
    closeElection(req.ctx, id(req.params)),
  );
  app.post(
    '/elections/:id/approve-result',
    { config: approve, schema: one('上级党组织批准选举结果') },
    (req) => approveResult(req.ctx, id(req.params)),
  );
  app.post(
    '/elections/:id/next-round',
    { config: manage, schema: one('另行选举或再次投票（剩余名额）') },
    (req) => nextRound(req.ctx, id(req.params)),
  );

  app.get(
    '/elections/:id/progress',
    {
      config: view,
      schema: {
        tags,
        summary: '投票进度（只有人数，不含内容）',
        params: IdParams,
        response: { 200: Progress },
      },
    },
    (req) => progress(req.ctx, id(req.params)),
  );
  app.get(
    '/elections/:id/roll',
    {
      config: view,
      schema: { tags, summary: '选举人名册（是否已投票）', params: IdParams, response: { 200: Roll } },
    },
    (req) => rollOf(req.ctx, id(req.params)),
  );
  app.post(
    '/elections/:id/paper/issue',
    {
      config: manage,
      schema: {
        tags,
        summary: '发放纸质选票（名册记为已领票）',
        params: IdParams,
        body: PaperIssue,
        response: { 200: RollEntry },
      },
    },
    (req) => issuePaper(req.ctx, id(req.params), Number(req.body.memberId)),
  );
  app.post(
    '/elections/:id/paper/entries',
    {
      config: manage,
      schema: {
        tags,
        summary: '计票人录入纸质选票（两名计票人分别录入，一致后计入）',
        params: IdParams,
        body: PaperEntry,
        response: { 200: PaperEntryResult },
      },
    },
    (req) => enterPaper(req.ctx, id(req.params), req.body.paperNo, req.body.choices),
  );
  app.get(
    '/elections/:id/bulletin',
    {
      config: view,
      schema: {
        tags,
        summary: '公示栏：全部查验码及其选票（唱票顺序）',
        params: IdParams,
        response: { 200: Bulletin },
      },
    },
    (req) => bulletin(req.ctx, id(req.params)),
  );
  app.get(
    '/elections/:id/result',
    {
      config: view,
      schema: { tags, summary: '计票结果（结束后）', params: IdParams, response: { 200: ResultSheet } },
    },
    (req) => result(req.ctx, id(req.params)),
  );
  app.get(
    '/elections/:id/verify',
    {
      config: view,
      schema: { tags, summary: '验证：重算哈希链和票数', params: IdParams, response: { 200: Verification } },
    },
    (req) => verify(req.ctx, id(req.params)),
  );
  app.get(
    '/elections/:id/result.docx',
    { config: view, schema: { tags, summary: '计票结果报告单（Word 文档）', params: IdParams } },
    async (req, reply) => {
      const { body, filename } = await resultSheetDocx(req.ctx, id(req.params));
      return reply.type(DOCX).header('content-disposition', contentDisposition(filename)).send(body);
    },
  );

  // ── the member's ──
  app.get(
    '/my/elections',
    { config: vote, schema: { tags, summary: '我的投票', response: { 200: MyElections } } },
    (req) => myElections(req.ctx),
  );
  app.get(
    '/my/elections/open-count',
    {
      config: vote,
      schema: {
        tags,
        summary: '待投票数（首页角标）',
        response: { 200: z.object({ count: z.number().int() }) },
      },
    },
    (req) => myOpenCount(req.ctx),
  );
  app.post(
    '/elections/:id/ballots',
    {
      config: voteBusy,
      schema: {
        tags,
        summary: '投票（一人一票；返回只显示一次的查验码）',
        params: IdParams,
        body: BallotChoices,
        response: { 200: CastReceipt },
      },
    },
    (req) => castBallot(req.ctx, id(req.params), req.body),
  );
  app.get(
    '/my/elections/:id/bulletin',
    {
      config: vote,
      schema: { tags, summary: '公示栏（名册上的党员）', params: IdParams, response: { 200: Bulletin } },
    },
    (req) => myBulletin(req.ctx, id(req.params)),
  );
  app.get(
    '/my/elections/:id/result',
    {
      config: vote,
      schema: { tags, summary: '计票结果（名册上的党员）', params: IdParams, response: { 200: ResultSheet } },
    },
    (req) => myResult(req.ctx, id(req.params)),
  );
  app.get(
    '/my/elections/:id/verify',
    {
      config: vote,
      schema: { tags, summary: '验证（名册上的党员）', params: IdParams, response: { 200: Verification } },
    },
    (req) => myVerify(req.ctx, id(req.params)),
  );
}
