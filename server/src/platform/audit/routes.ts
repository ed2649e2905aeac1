import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditActions, AuditPage, AuditQuery } from '../../../../contracts/audit.ts';
import { listAudit, listAuditActions } from './service.ts';

export async function auditRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/audit',
    {
      config: { access: 'audit.view' },
      schema: { tags: ['audit 审计日志'], querystring: AuditQuery, response: { 200: AuditPage } },
    },
    async (req) => {
      const page = await listAudit(req.ctx, req.query);
      return {
        ...page,
        items: page.items.map((e) => ({
          ...e,
          id: String(e.id),
          at: e.at.toISOString(),
          actorId: e.actorId == null ? null : String(e.actorId),
          orgId: e.orgId == null ? null : String(e.orgId),
        })),
      };
    },
  );
  app.get(
    '/audit/actions',
    {
      config: { access: 'audit.view' },
      schema: { tags: ['audit 审计日志'], response: { 200: AuditActions } },
    },
    (req) => listAuditActions(req.ctx),
  );
}
