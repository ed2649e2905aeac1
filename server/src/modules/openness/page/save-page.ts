import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { OrgPage, SaveOrgPage } from '../../../../../contracts/openness/page.ts';
import { inTransaction } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { diff, recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { findOrg } from '../../../platform/tree/index.ts';
import { hasContent } from '../posts/rules.ts';
import { orgRichText } from '../posts/store.ts';
import { orgPages } from '../schema.ts';
import { presentOrgPage } from './present.ts';

const ORG = { zh: '党组织', en: 'Organization' };

/** The page as its admins edit it. */
export async function readOrgPage(ctx: Ctx, orgId: number): Promise<OrgPage> {
  const actor = actorOf(ctx);
  const org = await findOrg(ctx.db, orgId);
  if (!org) throw notFound(ORG);
  authorize(actor, 'openness.manage', org.path);
  const [page] = await ctx.db.select().from(orgPages).where(eq(orgPages.orgId, orgId));
  return presentOrgPage(org, page, true);
}

/** 编辑组织简介: the introduction (sanitized, pictures only the org's own) and the office's contact. */
export async function saveOrgPage(
  ctx: Ctx,
  orgId: number,
  input: z.infer<typeof SaveOrgPage>,
): Promise<OrgPage> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const org = await findOrg(tx, orgId);
    if (!org) throw notFound(ORG);
    authorize(actor, 'openness.manage', org.path);
    const introduction = await orgRichText(tx, org.id, input.introduction, 'introduction');
    const values = {
      introduction,
      introductionFilled: hasContent(introduction),
      contactAddress: input.contactAddress || null,
      contactPhone: input.contactPhone || null,
      contactHours: input.contactHours || null,
      updatedAt: ctx.now(),
      updatedBy: actor.userId,
    };
    const [before] = await tx.select().from(orgPages).where(eq(orgPages.orgId, org.id)).for('update');
    const [row] = await tx
      .insert(orgPages)
      .values({ orgId: org.id, ...values })
      .onConflictDoUpdate({ target: orgPages.orgId, set: values })
      .returning();
    const fields = (p: typeof row | undefined) =>
      p
        ? {
            introduction: p.introduction,
            contactAddress: p.contactAddress,
            contactPhone: p.contactPhone,
            contactHours: p.contactHours,
          }
        : null;
    await recordAudit(tx, ctx, {
      action: 'openness.page_saved',
      targetType: 'org',
      targetId: org.id,
      orgId: org.id,
      orgPath: org.path,
      ...diff(fields(before), fields(row)),
    });
    return presentOrgPage(org, row, true);
  });
}
