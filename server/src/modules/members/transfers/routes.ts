import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../../../contracts/common.ts';
import {
  AcceptTransfer,
  CreateTransfer,
  DecideTransfer,
  RecordReceipt,
  RegisterIncoming,
  Transfer,
  TransferLetter,
  TransferLetterQuery,
  TransferListQuery,
  TransferMonthly,
  TransferMonthlyQuery,
  TransferDestinationsQuery,
  TransferPage,
} from '../../../../../contracts/members/index.ts';
import { OrgPage } from '../../../../../contracts/orgs.ts';
import { branchDirectory } from '../../orgs/index.ts';
import { acceptTransfer } from './accept-transfer.ts';
import { cancelTransfer, returnTransfer } from './close-transfer.ts';
import { createTransfer } from './create-transfer.ts';
import { listTransfers, monthlyTransfers } from './list-transfers.ts';
import { readLetter } from './read-letter.ts';
import { recordReceipt } from './record-receipt.ts';
import { registerIncoming } from './register-incoming.ts';

const tags = ['transfers 组织关系转接'];

export async function transferRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const view = { access: 'member.view' };
  const manage = { access: 'member.manage' };

  app.get(
    '/transfers',
    {
      config: view,
      schema: {
        tags,
        summary: '转接列表：转出（side=out）或转入（side=in），可筛选状态、逾期和回执',
        querystring: TransferListQuery,
        response: { 200: TransferPage },
      },
    },
    (req) => listTransfers(req.ctx, req.query),
  );
  app.get(
    '/transfers/monthly',
    {
      config: view,
      schema: {
        tags,
        summary: '近十二个月每月转出、转入、办结数',
        querystring: TransferMonthlyQuery,
        response: { 200: TransferMonthly },
      },
    },
    (req) => monthlyTransfers(req.ctx, req.query),
  );
  app.get(
    '/transfers/destinations',
    {
      config: manage,
      schema: {
        tags,
        summary: '可接收转接的党支部（全部署范围，按名称或代码查找）',
        querystring: TransferDestinationsQuery,
        response: { 200: OrgPage },
      },
    },
    (req) => branchDirectory(req.ctx, req.query),
  );
  app.post(
    '/transfers',
    {
      config: manage,
      schema: {
        tags,
        summary: '开具组织关系介绍信（系统内转接或转出系统外）：编号自动生成，党费交至月份取自缴费记录',
        body: CreateTransfer,
        response: { 201: Transfer },
      },
    },
    async (req, reply) => reply.status(201).send(await createTransfer(req.ctx, req.body)),
  );
  app.post(
    '/transfers/incoming',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记从系统外转入的党员（接收党支部办理）',
        body: RegisterIncoming,
        response: { 201: Transfer },
      },
    },
    async (req, reply) => reply.status(201).send(await registerIncoming(req.ctx, req.body)),
  );
  app.post(
    '/transfers/:id/accept',
    {
      config: manage,
      schema: {
        tags,
        summary:
          '接收：系统内由接收党组织办理，党员随之转入（超期介绍信须凭党支部证明）；转出系统外由转出党组织凭回执办结，党员离开本系统',
        params: IdParams,
        body: AcceptTransfer.nullish(),
        response: { 200: Transfer },
      },
    },
    (req) => acceptTransfer(req.ctx, Number(req.params.id), req.body),
  );
  app.post(
    '/transfers/:id/receipt',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记回执：接收党组织寄出或转出党组织收到回执的日期',
        params: IdParams,
        body: RecordReceipt,
        response: { 200: Transfer },
      },
    },
    (req) => recordReceipt(req.ctx, Number(req.params.id), req.body),
  );
  app.get(
    '/transfers/:id/letter',
    {
      config: view,
      schema: {
        tags,
        summary: '介绍信（含存根、回执）和党员证明的打印内容；身份证号默认遮蔽',
        params: IdParams,
        querystring: TransferLetterQuery,
        response: { 200: TransferLetter },
      },
    },
    (req) => readLetter(req.ctx, Number(req.params.id), req.query),
  );
  app.post(
    '/transfers/:id/return',
    {
      config: manage,
      schema: {
        tags,
        summary: '退回（须说明理由）：接收党组织办理；转出系统外的由转出党组织登记',
        params: IdParams,
        body: DecideTransfer,
        response: { 200: Transfer },
      },
    },
    (req) => returnTransfer(req.ctx, Number(req.params.id), req.body),
  );
  app.post(
    '/transfers/:id/cancel',
    {
      config: manage,
      schema: {
        tags,
        summary: '撤回（转出党组织，待接收时）',
        params: IdParams,
        body: DecideTransfer.nullish(),
        response: { 200: Transfer },
      },
    },
    (req) => cancelTransfer(req.ctx, Number(req.params.id), req.body),
  );
}
