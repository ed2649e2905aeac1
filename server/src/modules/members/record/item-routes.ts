import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, Ok, PageQuery } from '../../../../../contracts/common.ts';
import {
  CreateSanction,
  CreateTrip,
  EndTrip,
  MemberItemParams,
  Sanction,
  SanctionPage,
  Trip,
  TripPage,
} from '../../../../../contracts/members/index.ts';
import { addSanction, listSanctions, removeSanction } from './sanctions.ts';
import { addTrip, endTrip, listTrips, removeTrip } from './trips.ts';

const tags = ['members 党员'];

/** 奖惩 and 出国（境）: the records kept with a member, listed on the member page. */
export async function memberItemRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const view = { access: 'member.view' };
  const manage = { access: 'member.manage' };

  app.get(
    '/members/:id/sanctions',
    {
      config: view,
      schema: {
        tags,
        summary: '奖惩情况',
        params: IdParams,
        querystring: PageQuery,
        response: { 200: SanctionPage },
      },
    },
    (req) => listSanctions(req.ctx, Number(req.params.id), req.query),
  );
  app.post(
    '/members/:id/sanctions',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记奖惩',
        params: IdParams,
        body: CreateSanction,
        response: { 201: Sanction },
      },
    },
    async (req, reply) => reply.status(201).send(await addSanction(req.ctx, Number(req.params.id), req.body)),
  );
  app.delete(
    '/members/:id/sanctions/:itemId',
    {
      config: manage,
      schema: { tags, summary: '删除误登记的奖惩（留痕）', params: MemberItemParams, response: { 200: Ok } },
    },
    (req) => removeSanction(req.ctx, Number(req.params.id), Number(req.params.itemId)),
  );

  app.get(
    '/members/:id/trips',
    {
      config: view,
      schema: {
        tags,
        summary: '出国（境）情况',
        params: IdParams,
        querystring: PageQuery,
        response: { 200: TripPage },
      },
    },
    (req) => listTrips(req.ctx, Number(req.params.id), req.query),
  );
  app.post(
    '/members/:id/trips',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记出国（境）',
        params: IdParams,
        body: CreateTrip,
        response: { 201: Trip },
      },
    },
    async (req, reply) => reply.status(201).send(await addTrip(req.ctx, Number(req.params.id), req.body)),
  );
  app.post(
    '/members/:id/trips/:itemId/return',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记回国（境）',
        params: MemberItemParams,
        body: EndTrip,
        response: { 200: Trip },
      },
    },
    (req) => endTrip(req.ctx, Number(req.params.id), Number(req.params.itemId), req.body.returnedOn),
  );
  app.delete(
    '/members/:id/trips/:itemId',
    {
      config: manage,
      schema: {
        tags,
        summary: '删除误登记的出国（境）记录（留痕）',
        params: MemberItemParams,
        response: { 200: Ok },
      },
    },
    (req) => removeTrip(req.ctx, Number(req.params.id), Number(req.params.itemId)),
  );
}
