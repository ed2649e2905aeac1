import { and, asc, count, eq, ilike, or, sql } from 'drizzle-orm';
import type {
  CreateOrg,
  MoveOrg,
  Org,
  OrgKind,
  OrgListQuery,
  OrgStats,
  UpdateOrg,
} from '../../../../contracts/orgs.ts';
import type { PageQuery } from '../../../../contracts/common.ts';
import { inTransaction, type Queryable, type Tx } from '../../db/client.ts';
import { authorize, scopePaths } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { AppError, badRequest, conflict, fieldError, notFound } from '../../platform/http/errors.ts';
import { paginate } from '../../platform/http/pagination.ts';
import { childPath, depthOf, mayContain, wouldCycle } from './rules.ts';
import { inSubtree as inSubtreeOf, type OrgRow, orgs } from '../../platform/tree/index.ts';
import { listScope } from '../../platform/access/scope.ts';
import { ORG_KIND_LABELS } from '../../../../contracts/labels.ts';

const ORG = { zh: '党组织', en: 'Organization' };

// written out in full: inside a subquery drizzle's unqualified column would bind to the inner table
const childCount = sql<number>`(select count(*)::int from orgs c where c.parent_id = orgs.id)`.as(
  'child_count',
);
const columns = {
  id: orgs.id,
  parentId: orgs.parentId,
  path: orgs.path,
  depth: orgs.depth,
  name: orgs.name,
  shortName: orgs.shortName,
  code: orgs.code,
  kind: orgs.kind,
  place: orgs.place,
  sector: orgs.sector,
  sortOrder: orgs.sortOrder,
  createdAt: orgs.createdAt,
  updatedAt: orgs.updatedAt,
  childCount,
};

type Listed = OrgRow & { childCount: number };

/** Presenter: what of an org row leaves the server. */
export function presentOrg(o: Listed, ancestors?: { id: number; name: string }[]): Org {
  return {
    id: String(o.id),
    parentId: o.parentId == null ? null : String(o.parentId),
    name: o.name,
    shortName: o.shortName,
    code: o.code,
    kind: o.kind as OrgKind,
    place: o.place,
    sector: o.sector as Org['sector'],
    sortOrder: o.sortOrder,
    depth: o.depth,
    childCount: o.childCount,
    ancestors: ancestors?.map((a) => ({ id: String(a.id), name: a.name })),
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

async function mustFind(db: Queryable, id: number, lock = false): Promise<OrgRow> {
  const q = db.select().from(orgs).where(eq(orgs.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound(ORG);
  return row;
}

const inSubtree = (prefix: string) => inSubtreeOf(orgs.path, prefix);

export async function getOrg(ctx: Ctx, id: number): Promise<Org> {
  const actor = actorOf(ctx);
  const [row] = await ctx.db.select(columns).from(orgs).where(eq(orgs.id, id));
  if (!row) throw notFound(ORG);
  authorize(actor, 'org.view', row.path);
  // breadcrumbs stop at the top of what the actor may see
  const ids = row.path.split('/').filter(Boolean).map(Number).slice(0, -1);
  const above = ids.length
    ? await ctx.db
        .select({ id: orgs.id, name: orgs.name, path: orgs.path })
        .from(orgs)
        .where(sql`${orgs.id} in ${ids}`)
    : [];
  const visible = above
    .filter((a) => scopePaths(actor, 'org.view').some((p) => a.path.startsWith(p)))
    .sort((a, b) => a.path.length - b.path.length);
  return presentOrg(row, visible);
}

export async function listRoots(ctx: Ctx): Promise<Org[]> {
  const paths = scopePaths(actorOf(ctx), 'org.view');
  if (!paths.length) return [];
  const rows = await ctx.db
    .select(columns)
    .from(orgs)
    .where(sql`${orgs.path} in ${paths}`)
    .orderBy(asc(orgs.depth), asc(orgs.sortOrder), asc(orgs.id));
  return rows.map((r) => presentOrg(r));
}

export async function listChildren(ctx: Ctx, id: number, page: PageQuery) {
  const parent = await mustFind(ctx.db, id);
  authorize(actorOf(ctx), 'org.view', parent.path);
  // the tree's hottest read: rows and total in one round trip
  const rows = await ctx.db
    .select({ ...columns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(orgs)
    .where(eq(orgs.parentId, id))
    .orderBy(asc(orgs.sortOrder), asc(orgs.id))
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  const total =
    rows[0]?.total ??
    (page.page > 1 ? (await ctx.db.select({ n: count() }).from(orgs).where(eq(orgs.parentId, id)))[0].n : 0);
  return { items: rows.map((r) => presentOrg(r)), total, page: page.page, pageSize: page.pageSize };
}

export async function searchOrgs(ctx: Ctx, q: OrgListQuery) {
  const scope = await listScope(ctx, 'org.view', q.under);
  const where = and(
    scope.covers(),
    q.q ? or(ilike(orgs.name, `%${q.q}%`), ilike(orgs.shortName, `%${q.q}%`), eq(orgs.code, q.q)) : undefined,
    q.kind ? eq(orgs.kind, q.kind) : undefined,
  );
  const res = await paginate(q, {
    count: () => ctx.db.select({ n: count() }).from(orgs).where(where),
    rows: (limit, offset) =>
      ctx.db
        .select(columns)
        .from(orgs)
        .where(where)
        .orderBy(asc(orgs.depth), asc(orgs.sortOrder), asc(orgs.id))
        .limit(limit)
        .offset(offset),
  });
  return { ...res, items: res.items.map((r) => presentOrg(r)) };
}

/**
 * The deployment's branches by name or code, whatever the caller's scope: the receiving side of
 * a transfer is usually in another town. Names and codes of branches are not personal data;
 * the route that offers this decides who may use it.
 */
export async function branchDirectory(ctx: Ctx, q: { q?: string; page: number; pageSize: number }) {
  const where = and(
    eq(orgs.kind, 'branch'),
    q.q ? or(ilike(orgs.name, `%${q.q}%`), ilike(orgs.shortName, `%${q.q}%`), eq(orgs.code, q.q)) : undefined,
  );
  const res = await paginate(q, {
    count: () => ctx.db.select({ n: count() }).from(orgs).where(where),
    rows: (limit, offset) =>
      ctx.db.select(columns).from(orgs).where(where).orderBy(asc(orgs.path)).limit(limit).offset(offset),
  });
  return { ...res, items: res.items.map((r) => presentOrg(r)) };
}

/** A subtree counted in one index range scan. */
export async function orgStats(ctx: Ctx, id: number): Promise<OrgStats> {
  const org = await mustFind(ctx.db, id);
  authorize(actorOf(ctx), 'org.view', org.path);
  const rows = await ctx.db
    .select({ kind: orgs.kind, n: sql<number>`count(*)::int`, maxDepth: sql<number>`max(${orgs.depth})` })
    .from(orgs)
    .where(and(inSubtree(org.path), sql`${orgs.id} <> ${id}`))
    .groupBy(orgs.kind);
  return {
    id: String(id),
    descendants: rows.reduce((s, r) => s + r.n, 0),
    byKind: Object.fromEntries(rows.map((r) => [r.kind, r.n])),
    maxDepth: rows.length ? Math.max(...rows.map((r) => r.maxDepth)) - org.depth : 0,
  };
}

function checkKind(parentKind: OrgKind, kind: OrgKind, field = 'kind') {
  if (!mayContain(parentKind, kind)) {
    throw fieldError(field, {
      zh: `${ORG_KIND_LABELS[parentKind].zh}下不能设立${ORG_KIND_LABELS[kind].zh}`,
      en: `A ${ORG_KIND_LABELS[parentKind].en.toLowerCase()} cannot contain a ${ORG_KIND_LABELS[kind].en.toLowerCase()}`,
    });
  }
}

async function checkCodeFree(db: Queryable, code: string, exceptId?: number) {
  const [hit] = await db
    .select({ id: orgs.id, name: orgs.name })
    .from(orgs)
    .where(and(eq(orgs.code, code), exceptId ? sql`${orgs.id} <> ${exceptId}` : undefined));
  if (hit) {
    throw new AppError(
      409,
      'duplicate_code',
      {
        zh: `党组织代码（code）：${code} 已被“${hit.name}”使用`,
        en: `code: ${code} is already used by "${hit.name}"`,
      },
      [
        {
          path: 'code',
          message: `党组织代码 ${code} 已被“${hit.name}”使用`,
          messageEn: `already used by "${hit.name}"`,
        },
      ],
    );
  }
}

/** Structural changes (create, move, reorder, delete) take one lock so paths never interleave. */
async function lockTree(tx: Tx) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('hongyun.orgs.tree'))`);
}

async function withChildCount(db: Queryable, id: number): Promise<Org> {
  const [row] = await db.select(columns).from(orgs).where(eq(orgs.id, id));
  return presentOrg(row);
}

export async function createOrg(ctx: Ctx, input: CreateOrg): Promise<Org> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    await lockTree(tx);
    const parent = await mustFind(tx, Number(input.parentId));
    authorize(actor, 'org.manage', parent.path);
    checkKind(parent.kind as OrgKind, input.kind);
    await checkCodeFree(tx, input.code);
    const {
      rows: [{ id }],
    } = await tx.execute<{ id: number }>(sql`select nextval('orgs_id_seq')::int8 as id`);
    const {
      rows: [{ next }],
    } = await tx.execute<{ next: number }>(
      sql`select coalesce(max(sort_order) + 1, 0)::int as next from orgs where parent_id = ${parent.id}`,
    );
    const path = childPath(parent.path, id);
    const now = ctx.now();
    const [row] = await tx
      .insert(orgs)
      .values({
        id,
        parentId: parent.id,
        path,
        depth: depthOf(path),
        name: input.name,
        shortName: input.shortName ?? null,
        code: input.code,
        kind: input.kind,
        place: input.place ?? null,
        sector: input.sector,
        sortOrder: input.sortOrder ?? next,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'org.created',
      targetType: 'org',
      targetId: id,
      orgId: id,
      orgPath: path,
      after: row,
    });
    return presentOrg({ ...row, childCount: 0 });
  });
}

export async function updateOrg(ctx: Ctx, id: number, input: UpdateOrg): Promise<Org> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const before = await mustFind(tx, id, true);
    authorize(actor, 'org.manage', before.path);
    if (input.code && input.code !== before.code) await checkCodeFree(tx, input.code, id);
    if (input.kind && input.kind !== before.kind) {
      if (before.parentId) checkKind((await mustFind(tx, before.parentId)).kind as OrgKind, input.kind);
      const kids = await tx.selectDistinct({ kind: orgs.kind }).from(orgs).where(eq(orgs.parentId, id));
      for (const k of kids) checkKind(input.kind, k.kind as OrgKind);
    }
    const [after] = await tx
      .update(orgs)
      .set({ ...input, updatedAt: ctx.now() })
      .where(eq(orgs.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'org.updated',
      targetType: 'org',
      targetId: id,
      orgId: id,
      orgPath: after.path,
      before,
      after,
    });
    return withChildCount(tx, id);
  });
}

/**
 * Moves an org and its whole subtree under another parent: one UPDATE rewrites every path prefix.
 * The actor must manage both the org's current parent (so a scope's own root cannot be carried
 * off by its admin) and the new parent.
 */
export async function moveOrg(ctx: Ctx, id: number, input: MoveOrg): Promise<Org> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    await lockTree(tx);
    const org = await mustFind(tx, id, true);
    if (!org.parentId)
      throw badRequest('move_root', { zh: '顶级党组织不能移动', en: 'The top organization cannot be moved' });
    const oldParent = await mustFind(tx, org.parentId);
    authorize(actor, 'org.manage', oldParent.path, {
      zh: '只能移动您管理范围内的下级党组织',
      en: 'You can only move organizations below the top of your scope',
    });
    const parent = await mustFind(tx, Number(input.parentId));
    authorize(actor, 'org.manage', parent.path);
    if (wouldCycle(org.path, parent.path)) {
      throw fieldError('parentId', {
        zh: '不能把党组织移动到它自己或它的下级党组织之下',
        en: 'An organization cannot be moved under itself or its own descendant',
      });
    }
    checkKind(parent.kind as OrgKind, org.kind as OrgKind, 'parentId');
    const newPath = childPath(parent.path, id);
    const depthShift = depthOf(newPath) - org.depth;
    await tx.execute(sql`
      update orgs set path = ${newPath} || substr(path, ${org.path.length + 1}),
                      depth = depth + ${depthShift},
                      updated_at = case when id = ${id} then ${ctx.now()} else updated_at end
       where path like ${`${org.path}%`}`);
    await tx.update(orgs).set({ parentId: parent.id }).where(eq(orgs.id, id));
    // place it among its new siblings
    const siblings = await tx
      .select({ id: orgs.id })
      .from(orgs)
      .where(and(eq(orgs.parentId, parent.id), sql`${orgs.id} <> ${id}`))
      .orderBy(asc(orgs.sortOrder), asc(orgs.id));
    const order = siblings.map((s) => s.id);
    order.splice(Math.min(input.position ?? order.length, order.length), 0, id);
    await renumber(tx, order);
    const after = await mustFind(tx, id);
    await recordAudit(tx, ctx, {
      action: 'org.moved',
      targetType: 'org',
      targetId: id,
      orgId: id,
      orgPath: after.path,
      before: { parentId: oldParent.id, parentName: oldParent.name, path: org.path },
      after: { parentId: parent.id, parentName: parent.name, path: after.path },
    });
    return withChildCount(tx, id);
  });
}

async function renumber(tx: Tx, ids: number[]) {
  if (!ids.length) return;
  await tx.execute(sql`
    update orgs set sort_order = o.n - 1
      from unnest(${`{${ids.join(',')}}`}::int8[]) with ordinality as o(id, n)
     where orgs.id = o.id and orgs.sort_order <> o.n - 1`);
}

export async function reorderChildren(ctx: Ctx, id: number, childIds: number[]) {
  const actor = actorOf(ctx);
  await inTransaction(ctx.db, async (tx) => {
    await lockTree(tx);
    const parent = await mustFind(tx, id);
    authorize(actor, 'org.manage', parent.path);
    const current = await tx
      .select({ id: orgs.id })
      .from(orgs)
      .where(eq(orgs.parentId, id))
      .orderBy(asc(orgs.sortOrder), asc(orgs.id));
    const same =
      current.length === childIds.length &&
      new Set(childIds).size === childIds.length &&
      current.every((c) => childIds.includes(c.id));
    if (!same) {
      throw fieldError('childIds', {
        zh: '须恰好列出该党组织的全部直属下级党组织',
        en: 'List every direct child of the organization exactly once',
      });
    }
    await renumber(tx, childIds);
    await recordAudit(tx, ctx, {
      action: 'org.reordered',
      targetType: 'org',
      targetId: id,
      orgId: id,
      orgPath: parent.path,
      before: { childIds: current.map((c) => c.id) },
      after: { childIds },
    });
  });
}

/** Only an empty org can be deleted: no sub-orgs, no accounts belonging to it, no roles on it. */
export async function deleteOrg(ctx: Ctx, id: number) {
  const actor = actorOf(ctx);
  await inTransaction(ctx.db, async (tx) => {
    await lockTree(tx);
    const org = await mustFind(tx, id, true);
    if (!org.parentId)
      throw badRequest('delete_root', {
        zh: '顶级党组织不能删除',
        en: 'The top organization cannot be deleted',
      });
    const parent = await mustFind(tx, org.parentId);
    authorize(actor, 'org.manage', parent.path, {
      zh: '只能删除您管理范围内的下级党组织',
      en: 'You can only delete organizations below the top of your scope',
    });
    const {
      rows: [used],
    } = await tx.execute<{ children: number; users: number; grants: number }>(sql`
      select (select count(*) from orgs where parent_id = ${id})::int as children,
             (select count(*) from users where org_id = ${id})::int as users,
             (select count(*) from role_grants where org_id = ${id})::int as grants`);
    if (used.children || used.users || used.grants) {
      const parts = [
        used.children
          ? { zh: `${used.children} 个下级党组织`, en: `${used.children} sub-organizations` }
          : null,
        used.users ? { zh: `${used.users} 个账号`, en: `${used.users} accounts` } : null,
        used.grants ? { zh: `${used.grants} 项角色授权`, en: `${used.grants} role grants` } : null,
      ].filter((p) => p !== null);
      throw conflict(
        'org_not_empty',
        {
          zh: `“${org.name}”下还有${parts.map((p) => p.zh).join('、')}，不能删除；请先移走或删除它们`,
          en: `"${org.name}" still has ${parts.map((p) => p.en).join(', ')}; move or delete them first`,
        },
        used,
      );
    }
    await tx.delete(orgs).where(eq(orgs.id, id));
    await recordAudit(tx, ctx, {
      action: 'org.deleted',
      targetType: 'org',
      targetId: id,
      orgId: parent.id,
      orgPath: org.path,
      before: org,
    });
  });
}
