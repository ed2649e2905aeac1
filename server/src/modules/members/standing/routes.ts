import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../../../contracts/common.ts';
import {
  ApproveStandingDecision,
  MarkFound,
  MarkLostContact,
  MemberStanding,
  RecordAbroad,
  RecordStandingDecision,
  RefuseStandingDecision,
  StandingDueList,
  StandingDueQuery,
} from '../../../../../contracts/members/index.ts';
import { approveDecision } from './approve-decision.ts';
import { markFound } from './mark-found.ts';
import { markLostContact } from './mark-lost-contact.ts';
import { readStanding } from './read-standing.ts';
import { recordAbroad } from './record-abroad.ts';
import { recordDecision } from './record-decision.ts';
import { refuseDecision } from './refuse-decision.ts';
import { standingDue } from './standing-due.ts';

const tags = ['standing 党籍管理'];

export async function standingRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const manage = { access: 'standing.manage' };
  const answer = { 200: MemberStanding };

  app.get(
    '/standing/due',
    {
      config: manage,
      schema: {
        tags,
        summary:
          '党籍待办：谁应由支部作出何种决定（失联满6个月、停止党籍满2年、出国（境）、连续6个月未交党费），待上级批准的决定',
        querystring: StandingDueQuery,
        response: { 200: StandingDueList },
      },
    },
    (req) => standingDue(req.ctx, req.query),
  );
  app.get(
    '/members/:id/standing',
    {
      config: { access: 'member.view' },
      schema: { tags, summary: '党籍状态及党籍决定', params: IdParams, response: answer },
    },
    (req) => readStanding(req.ctx, Number(req.params.id)),
  );
  app.post(
    '/members/:id/lost-contact',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记失联（日期、原因）',
        params: IdParams,
        body: MarkLostContact,
        response: answer,
      },
    },
    (req) => markLostContact(req.ctx, Number(req.params.id), req.body),
  );
  app.post(
    '/members/:id/found',
    {
      config: manage,
      schema: { tags, summary: '登记恢复联系', params: IdParams, body: MarkFound, response: answer },
    },
    (req) => markFound(req.ctx, Number(req.params.id), req.body),
  );
  app.put(
    '/members/:id/abroad',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记出国（境）定居或学习研究；清空表示已回国',
        params: IdParams,
        body: RecordAbroad,
        response: answer,
      },
    },
    (req) => recordAbroad(req.ctx, Number(req.params.id), req.body),
  );
  app.post(
    '/members/:id/standing-decisions',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记党籍决定（停止、恢复党籍，除名，自行脱党，开除党籍，退党，逝世）及上级批准',
        params: IdParams,
        body: RecordStandingDecision,
        response: answer,
      },
    },
    (req) => recordDecision(req.ctx, Number(req.params.id), req.body),
  );
  app.post(
    '/standing-decisions/:id/approval',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记上级党组织批准（决定自批准之日起生效；须由上级党组织登记）',
        params: IdParams,
        body: ApproveStandingDecision,
        response: answer,
      },
    },
    (req) => approveDecision(req.ctx, Number(req.params.id), req.body),
  );
  app.post(
    '/standing-decisions/:id/refusal',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记上级党组织不予批准（日期、机关、理由）：决定不生效，原待办事项重新列出',
        params: IdParams,
        body: RefuseStandingDecision,
        response: answer,
      },
    },
    (req) => refuseDecision(req.ctx, Number(req.params.id), req.body),
  );
}
