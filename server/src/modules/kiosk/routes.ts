import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, IdParams, Ok } from '../../../../contracts/common.ts';
import {
  CommandList,
  Command,
  CreateTerminal,
  Heartbeat,
  HeartbeatAnswer,
  PendingCommands,
  Registered,
  RegisterTerminal,
  SendCommand,
  Terminal,
  TerminalCode,
  TerminalListQuery,
  TerminalPage,
  TerminalSelf,
} from '../../../../contracts/kiosk/terminals.ts';
import { publicRateLimit } from '../../platform/http/cacheable.ts';
import { sendCommand } from './commands.ts';
import {
  ackCommand,
  heartbeat,
  pollCommands,
  registerTerminal,
  terminalSelf,
  tokenOf,
} from './terminal-api.ts';
import { createTerminal, listCommands, listTerminals, reissueCode, revokeTerminal } from './terminals.ts';

const tags = ['kiosk 触摸屏终端'];
const manage = { access: 'kiosk.manage' };
/** What a terminal calls: no login session; the terminal's token is checked by the operation. */
const terminal = { access: 'public' };
const id = (p: { id: string }) => Number(p.id);
const token = (req: FastifyRequest) => tokenOf(req.headers.authorization);

/** 触摸屏终端: the console's list, registration codes and commands; the terminal's own calls. */
export async function kioskRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/kiosk/terminals',
    {
      config: manage,
      schema: {
        tags,
        summary: '触摸屏终端列表（本组织及下级）',
        querystring: TerminalListQuery,
        response: { 200: TerminalPage },
      },
    },
    (req) => listTerminals(req.ctx, req.query),
  );
  app.post(
    '/kiosk/terminals',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记终端并发放一次性注册码',
        body: CreateTerminal,
        response: { 200: TerminalCode },
      },
    },
    (req) => createTerminal(req.ctx, req.body),
  );
  app.post(
    '/kiosk/terminals/:id/code',
    {
      config: manage,
      schema: {
        tags,
        summary: '重新发放注册码（原令牌作废）',
        params: IdParams,
        response: { 200: TerminalCode },
      },
    },
    (req) => reissueCode(req.ctx, id(req.params)),
  );
  app.post(
    '/kiosk/terminals/:id/revoke',
    { config: manage, schema: { tags, summary: '停用终端', params: IdParams, response: { 200: Terminal } } },
    (req) => revokeTerminal(req.ctx, id(req.params)),
  );
  app.get(
    '/kiosk/terminals/:id/commands',
    {
      config: manage,
      schema: { tags, summary: '终端的远程指令及其状态', params: IdParams, response: { 200: CommandList } },
    },
    (req) => listCommands(req.ctx, id(req.params)),
  );
  app.post(
    '/kiosk/terminals/:id/commands',
    {
      config: manage,
      schema: {
        tags,
        summary: '向终端下发指令：刷新、显示通知、返回首页',
        params: IdParams,
        body: SendCommand,
        response: { 200: Command },
      },
    },
    (req) => sendCommand(req.ctx, id(req.params), req.body),
  );

  // ---- the terminal's own calls
  app.post(
    '/kiosk/register',
    {
      config: { ...terminal, rateLimit: publicRateLimit() },
      schema: {
        tags,
        summary: '终端用注册码换取终端令牌',
        body: RegisterTerminal,
        response: { 200: Registered },
      },
    },
    (req) => registerTerminal(req.ctx, req.body.code),
  );
  app.get(
    '/kiosk/self',
    { config: terminal, schema: { tags, summary: '终端自身信息', response: { 200: TerminalSelf } } },
    (req) => terminalSelf(req.ctx, token(req)),
  );
  app.post(
    '/kiosk/heartbeat',
    {
      config: terminal,
      schema: {
        tags,
        summary: '终端心跳（每分钟），回带待执行指令',
        body: Heartbeat,
        response: { 200: HeartbeatAnswer },
      },
    },
    (req) => heartbeat(req.ctx, token(req), req.body.screen),
  );
  app.get(
    '/kiosk/commands',
    { config: terminal, schema: { tags, summary: '终端轮询待执行指令', response: { 200: PendingCommands } } },
    (req) => pollCommands(req.ctx, token(req)),
  );
  app.post(
    '/kiosk/commands/:id/ack',
    {
      config: terminal,
      schema: {
        tags,
        summary: '终端确认已执行指令',
        params: z.strictObject({ id: Id }),
        response: { 200: Ok },
      },
    },
    (req) => ackCommand(req.ctx, token(req), id(req.params)),
  );
}
