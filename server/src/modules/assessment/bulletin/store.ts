import { sql } from 'drizzle-orm';
import {
  BULLETIN_BLOCKS,
  type Bulletin,
  type BulletinSummary,
  type CreateBulletin,
  type UpdateBulletin,
} from '../../../../../contracts/assessment/bulletin.ts';
import { inTransaction, type Queryable } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { listScope } from '../../../platform/access/scope.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, notFound } from '../../../platform/http/errors.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { findOrg, type OrgRow } from '../../../platform/tree/index.ts';
import type { Registry } from '../registry.ts';
import { scopeOrg } from '../results/rankings.ts';
import { assessmentBulletins } from '../schema.ts';
import { composeFacts, defaultBlocks, defaultHeading } from './compose.ts';
import { bulletinDocx, bulletinXlsx } from './render.ts';

type Row = typeof assessmentBulletins.$inferSelect;

const COLUMNS = sql`b.id, b.month, b.org_id, o.name as org_name, o.path as org_path, b.state, b.title, b.department,
  b.year, b.issue_no, b.issued_on::text as issued_on, b.created_at`;

type SummaryRow = {
  id: string;
  month: string;
  org_id: string;
  org_name: string;
  org_path: string;
  state: 'draft' | 'issued';
  title: string;
  department: string;
  year: number;
  issue_no: number | null;
  issued_on: string | null;
  created_at: Date;
};

const summary = (r: SummaryRow): BulletinSummary => ({
  id: String(r.id),
  month: r.month,
  orgId: String(r.org_id),
  orgName: r.org_name,
  state: r.state,
  title: r.title,
  department: r.department,
  year: r.year,
  issueNo: r.issue_no,
  issuedOn: r.issued_on,
  createdAt: new Date(r.created_at).toISOString(),
});

const missing = () => notFound({ zh: '考核通报', en: 'Bulletin' });
const alreadyIssued = () =>
  conflict('bulletin_issued', {
    zh: '通报已印发，不能再修改或删除；如需更正，请另行生成一期通报',
    en: 'The bulletin has been issued and cannot change; write a new one to correct it',
  });

/** The bulletins of the orgs in the caller's scope, newest first: the archive and the drafts. */
export async function listBulletins(ctx: Ctx, orgId?: string): Promise<{ items: BulletinSummary[] }> {
  const scope = await listScope(ctx, 'assessment.view', orgId);
  const { rows } = await ctx.db.execute<SummaryRow>(sql`
    select ${COLUMNS} from assessment_bulletins b join orgs o on o.id = b.org_id
     where ${scope.covers(sql`o.path`)}
     order by b.month desc, b.id desc limit 200`);
  return { items: rows.map(summary) };
}

async function load(db: Queryable, id: string) {
  const { rows } = await db.execute<SummaryRow & Pick<Row, 'blocks' | 'facts'>>(sql`
    select ${COLUMNS}, b.blocks, b.facts from assessment_bulletins b join orgs o on o.id = b.org_id
     where b.id = ${Number(id)}`);
  const r = rows[0];
  if (!r) throw missing();
  return { bulletin: { ...summary(r), blocks: r.blocks, facts: r.facts } as Bulletin, path: r.org_path };
}

/** One bulletin, for those who see its org's assessment. */
export async function readBulletin(ctx: Ctx, id: string, action = 'assessment.view'): Promise<Bulletin> {
  const { bulletin, path } = await load(ctx.db, id);
  authorize(actorOf(ctx), action, path);
  return bulletin;
}

/** A draft written by the platform from the month's scores (409 until the month is computed). */
export async function createBulletin(ctx: Ctx, registry: Registry, input: CreateBulletin): Promise<Bulletin> {
  const org = await scopeOrg(ctx, 'assessment.manage', input.orgId);
  const facts = await composeFacts(ctx.db, registry, input.month, org);
  const { title, department } = defaultHeading(org, input.month);
  const id = await inTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .insert(assessmentBulletins)
      .values({
        month: input.month,
        orgId: org.id,
        title,
        department,
        year: Number(shanghaiToday(ctx.now()).slice(0, 4)),
        blocks: defaultBlocks(org, facts),
        facts,
        createdBy: actorOf(ctx).userId,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .returning({ id: assessmentBulletins.id });
    await recordAudit(tx, ctx, {
      action: 'assessment.bulletin_created',
      targetType: 'assessment_bulletin',
      targetId: String(row.id),
      orgId: org.id,
      orgPath: org.path,
      after: { month: input.month, title },
    });
    return String(row.id);
  });
  return readBulletin(ctx, id);
}

type Draft = Awaited<ReturnType<typeof draftFor>>;

/** A bulletin's change in the audit log, under its org (before and/or after as the change has them). */
const auditDraft = (
  tx: Queryable,
  ctx: Ctx,
  r: Draft,
  action: string,
  change: { before?: Record<string, unknown>; after?: Record<string, unknown> },
) =>
  recordAudit(tx, ctx, {
    action,
    targetType: 'assessment_bulletin',
    targetId: String(r.id),
    orgId: r.orgId,
    orgPath: r.org_path,
    ...change,
  });

/** A draft under the caller's management, locked for the change; issued ones refuse (409). */
async function draftFor(ctx: Ctx, tx: Queryable, id: string) {
  const { rows } = await tx.execute<
    Pick<Row, 'month' | 'state' | 'title' | 'department' | 'blocks'> & {
      id: string;
      org_id: string;
      org_path: string;
    }
  >(sql`
    select b.id, b.month, b.org_id, b.state, b.title, b.department, b.blocks, o.path as org_path
      from assessment_bulletins b join orgs o on o.id = b.org_id
     where b.id = ${Number(id)} for update of b`);
  const r = rows[0] && { ...rows[0], id: Number(rows[0].id), orgId: Number(rows[0].org_id) };
  if (!r) throw missing();
  authorize(actorOf(ctx), 'assessment.manage', r.org_path);
  if (r.state !== 'draft') throw alreadyIssued();
  return r;
}

/** The department edits a draft's title, issuing department and text blocks (audited, before and after). */
export async function updateBulletin(ctx: Ctx, id: string, input: UpdateBulletin): Promise<Bulletin> {
  await inTransaction(ctx.db, async (tx) => {
    const r = await draftFor(ctx, tx, id);
    const edits = new Map((input.blocks ?? []).map((b) => [b.key, b.text]));
    const blocks = BULLETIN_BLOCKS.map((key) => {
      const old = r.blocks.find((b) => b.key === key) ?? { key, heading: '', text: '' };
      return edits.has(key) ? { ...old, text: edits.get(key) ?? '' } : old;
    });
    const title = input.title ?? r.title;
    const department = input.department ?? r.department;
    await tx.execute(sql`
      update assessment_bulletins
         set title = ${title}, department = ${department}, blocks = ${JSON.stringify(blocks)}::jsonb,
             updated_at = ${ctx.now()}
       where id = ${r.id}`);
    await auditDraft(tx, ctx, r, 'assessment.bulletin_edited', {
      before: { title: r.title, department: r.department, blocks: r.blocks },
      after: { title, department, blocks },
    });
  });
  return readBulletin(ctx, id);
}

/**
 * Writes a draft's facts again from the month's latest scores (after a recompute or an
 * adjustment). The edited text stays: only the tables and lists change.
 */
export async function refreshBulletin(ctx: Ctx, registry: Registry, id: string): Promise<Bulletin> {
  await inTransaction(ctx.db, async (tx) => {
    const r = await draftFor(ctx, tx, id);
    const org = (await findOrg(tx, r.orgId)) as OrgRow;
    const facts = await composeFacts(tx, registry, r.month, org);
    await tx.execute(sql`
      update assessment_bulletins set facts = ${JSON.stringify(facts)}::jsonb, updated_at = ${ctx.now()}
       where id = ${r.id}`);
    await auditDraft(tx, ctx, r, 'assessment.bulletin_refreshed', {
      after: { month: r.month, computedAt: facts.computedAt },
    });
  });
  return readBulletin(ctx, id);
}

/**
 * 印发: the draft takes the next issue number of its org's year and today's date, and its Word
 * document and Excel attachment are written and kept as they went out. From then on it is the
 * archive's: it no longer changes.
 */
export async function issueBulletin(ctx: Ctx, registry: Registry, id: string): Promise<Bulletin> {
  await inTransaction(ctx.db, async (tx) => {
    const r = await draftFor(ctx, tx, id);
    // one issue number at a time per org, so two issued together never share one
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`assessment:bulletin:${r.orgId}`}))`);
    const today = shanghaiToday(ctx.now());
    const year = Number(today.slice(0, 4));
    const {
      rows: [{ next }],
    } = await tx.execute<{ next: number }>(sql`
      select coalesce(max(issue_no), 0)::int + 1 as next from assessment_bulletins
       where org_id = ${r.orgId} and year = ${year} and state = 'issued'`);
    const { bulletin } = await load(tx, id);
    const issued: Bulletin = { ...bulletin, state: 'issued', year, issueNo: next, issuedOn: today };
    const docx = await bulletinDocx(issued);
    const xlsx = await bulletinXlsx(tx, registry, issued);
    await tx.execute(sql`
      update assessment_bulletins
         set state = 'issued', year = ${year}, issue_no = ${next}, issued_on = ${today}, docx = ${docx},
             xlsx = ${xlsx}, issued_by = ${actorOf(ctx).userId}, issued_at = ${ctx.now()}, updated_at = ${ctx.now()}
       where id = ${r.id}`);
    await auditDraft(tx, ctx, r, 'assessment.bulletin_issued', {
      after: { month: r.month, year, issueNo: next, issuedOn: today, title: r.title },
    });
  });
  return readBulletin(ctx, id);
}

/** A draft the department no longer wants (issued ones stay in the archive). */
export async function deleteBulletin(ctx: Ctx, id: string): Promise<{ ok: true }> {
  await inTransaction(ctx.db, async (tx) => {
    const r = await draftFor(ctx, tx, id);
    await tx.execute(sql`delete from assessment_bulletins where id = ${r.id}`);
    await auditDraft(tx, ctx, r, 'assessment.bulletin_deleted', {
      before: { month: r.month, title: r.title },
    });
  });
  return { ok: true };
}

/** The Word document or its attachment: as issued (kept), or a draft's as it stands now. */
export async function bulletinFile(
  ctx: Ctx,
  registry: Registry,
  id: string,
  kind: 'docx' | 'xlsx',
): Promise<{ body: Buffer; filename: string }> {
  const b = await readBulletin(ctx, id);
  let body: Buffer | undefined;
  if (b.state === 'issued') {
    const { rows } = await ctx.db.execute<{ body: Buffer }>(
      kind === 'docx'
        ? sql`select docx as body from assessment_bulletins where id = ${Number(id)}`
        : sql`select xlsx as body from assessment_bulletins where id = ${Number(id)}`,
    );
    body = rows[0]?.body ?? undefined;
  }
  body ??= kind === 'docx' ? await bulletinDocx(b) : await bulletinXlsx(ctx.db, registry, b);
  const name = b.state === 'issued' ? `${b.year}年第${b.issueNo}期-${b.title}` : `（草稿）${b.title}`;
  return { body, filename: kind === 'docx' ? `${name}.docx` : `${name}-考核明细表.xlsx` };
}
