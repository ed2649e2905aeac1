import { and, asc, count, desc, eq, isNull, like, sql, type SQL } from 'drizzle-orm';
import type {
  CreateMember,
  Member,
  MemberDetail,
  MemberListQuery,
  MemberStatus,
  PipelineItem,
  UpdateMember,
} from '../../../../contracts/members.ts';
import { MEMBER_FIELD_LABELS, type MemberField } from '../../../../contracts/labels.ts';
import { PIPELINE_ITEMS } from '../../../../contracts/members.ts';
import { inTransaction, type Queryable } from '../../db/client.ts';
import { type Actor, authorize, can, scopePaths } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { paginate } from '../../platform/http/pagination.ts';
import { maskIdNumber, maskPhone, type Pii } from '../../platform/pii/index.ts';
import { orgs } from '../orgs/schema.ts';
import { findOrg, scopeFilter } from '../orgs/service.ts';
import { type MemberRow, memberHistory, members } from './schema.ts';
import { checkMember, duesOf, type MemberInput, shanghaiToday, toIssues } from './validate.ts';

export const MEMBER = { zh: '党员', en: 'Member' };
const ID_RE = /^\d{17}[\dXx]$/;
const PHONE_RE = /^1[3-9]\d{9}$/;

/** Presenter: personal data masked unless `reveal`; no ciphertext or index ever leaves. */
export function presentMember(pii: Pii, m: MemberRow, orgName: string, reveal = false): Member {
  const id = pii.decrypt(m.idNumberEnc);
  const phone = m.phoneEnc ? pii.decrypt(m.phoneEnc) : null;
  return {
    id: String(m.id),
    name: m.name,
    gender: m.gender as Member['gender'],
    ethnicity: m.ethnicity,
    idNumber: reveal ? id : maskIdNumber(id),
    birthDate: m.birthDate,
    education: m.education,
    degree: m.degree,
    status: m.status as MemberStatus,
    joinedOn: m.joinedOn,
    fullOn: m.fullOn,
    orgId: String(m.orgId),
    orgName,
    positions: m.positions,
    phone: phone && !reveal ? maskPhone(phone) : phone,
    workUnit: m.workUnit,
    mobile: m.mobile,
    mobileLocation: m.mobileLocation,
    duesCategory: m.duesCategory as Member['duesCategory'],
    monthlyIncomeFen: m.monthlyIncomeFen,
    duesStandardFen: m.duesStandardFen,
    hasPhoto: !!m.photo,
    studyCardNo: m.studyCardNo,
    recordUpdatedAt: m.recordUpdatedAt.toISOString(),
    createdAt: m.createdAt.toISOString(),
  };
}

export function pipelineOf(m: MemberRow): Record<PipelineItem, string | null> {
  return Object.fromEntries(PIPELINE_ITEMS.map((k) => [k, m[k]])) as Record<PipelineItem, string | null>;
}

/** The stored columns for a record's input: personal data encrypted, dues standard computed. */
export function memberColumns(pii: Pii, m: MemberInput) {
  const idNumber = m.idNumber.trim().toUpperCase();
  return {
    name: m.name,
    gender: m.gender,
    ethnicity: m.ethnicity,
    birthDate: m.birthDate,
    idNumberEnc: pii.encrypt(idNumber),
    idNumberIndex: pii.blindIndex('id', idNumber),
    education: m.education,
    degree: m.degree,
    status: m.status,
    joinedOn: m.joinedOn,
    fullOn: m.fullOn,
    positions: m.positions,
    phoneEnc: m.phone ? pii.encrypt(m.phone) : null,
    phoneIndex: m.phone ? pii.blindIndex('phone', m.phone) : null,
    workUnit: m.workUnit,
    mobile: m.mobile,
    mobileLocation: m.mobile ? m.mobileLocation : null,
    duesCategory: m.duesCategory,
    monthlyIncomeFen: m.monthlyIncomeFen,
    duesStandardFen: duesOf(m),
  };
}

/** The input view of a stored record, for re-validating it after a partial edit. */
export function inputOf(pii: Pii, m: MemberRow): MemberInput {
  return {
    name: m.name,
    gender: m.gender as MemberInput['gender'],
    ethnicity: m.ethnicity,
    idNumber: pii.decrypt(m.idNumberEnc),
    birthDate: m.birthDate,
    education: m.education as MemberInput['education'],
    degree: m.degree as MemberInput['degree'],
    status: m.status as MemberStatus,
    joinedOn: m.joinedOn,
    fullOn: m.fullOn,
    positions: m.positions as MemberInput['positions'],
    phone: m.phoneEnc ? pii.decrypt(m.phoneEnc) : null,
    workUnit: m.workUnit,
    mobile: m.mobile,
    mobileLocation: m.mobileLocation,
    duesCategory: m.duesCategory as MemberInput['duesCategory'],
    monthlyIncomeFen: m.monthlyIncomeFen,
  };
}

export function invalid(problems: ReturnType<typeof checkMember>): AppError {
  return new AppError(
    400,
    'invalid_input',
    {
      zh: problems
        .map((p) => `${MEMBER_FIELD_LABELS[p.path as MemberField] ?? p.path}：${p.text.zh}`)
        .join('；'),
      en: problems.map((p) => `${p.path}: ${p.text.en}`).join('; '),
    },
    toIssues(problems),
  );
}

/** Members belong to branches (党支部). */
export async function branchFor(db: Queryable, actor: Actor, orgId: number, action = 'member.manage') {
  const org = await findOrg(db, orgId);
  if (!org)
    throw new AppError(
      400,
      'invalid_input',
      { zh: 'orgId：党组织不存在', en: 'orgId: organization not found' },
      [{ path: 'orgId', message: '党组织不存在', messageEn: 'not found' }],
    );
  authorize(actor, action, org.path);
  if (org.kind !== 'branch') {
    throw new AppError(
      400,
      'invalid_input',
      { zh: `orgId：党员须编入党支部，“${org.name}”不是党支部`, en: 'orgId: members belong to a branch' },
      [
        {
          path: 'orgId',
          message: `党员须编入党支部，“${org.name}”不是党支部`,
          messageEn: 'members belong to a branch',
        },
      ],
    );
  }
  return org;
}

/** Same ID number already on record: name the org when the actor may see it. */
export async function duplicateIdError(
  db: Queryable,
  actor: Actor,
  pii: Pii,
  idNumber: string,
  exceptId?: number,
) {
  const [hit] = await db
    .select({ id: members.id, orgName: orgs.name, orgPath: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        eq(members.idNumberIndex, pii.blindIndex('id', idNumber)),
        exceptId ? sql`${members.id} <> ${exceptId}` : undefined,
      ),
    );
  if (!hit) return null;
  const where = can(actor, 'member.view', hit.orgPath) ? `“${hit.orgName}”` : '另一个党组织';
  const text = {
    zh: `该身份证号已登记在${where}，同一人不能重复登记`,
    en: 'this ID number is already on record in another organization',
  };
  return new AppError(
    409,
    'duplicate_id_number',
    { zh: `idNumber：${text.zh}`, en: `idNumber: ${text.en}` },
    [{ path: 'idNumber', message: text.zh, messageEn: text.en }],
  );
}

type Changes = Record<string, [unknown, unknown]>;
const MASK: Partial<Record<string, (v: string) => string>> = { idNumber: maskIdNumber, phone: maskPhone };

/** Field-by-field differences between two inputs, personal data masked. */
export function changesBetween(before: Partial<MemberInput> | null, after: Partial<MemberInput>): Changes {
  const out: Changes = {};
  for (const k of Object.keys(after) as (keyof MemberInput)[]) {
    const b = before?.[k] ?? null;
    const a = after[k] ?? null;
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    const m = MASK[k];
    out[k] = [m && typeof b === 'string' ? m(b) : b, m && typeof a === 'string' ? m(a) : a];
  }
  return out;
}

export async function recordHistory(
  db: Queryable,
  ctx: Ctx,
  memberId: number,
  source: string,
  changes: Changes,
) {
  if (!Object.keys(changes).length) return;
  await db.insert(memberHistory).values({
    memberId,
    actorId: ctx.actor?.userId ?? null,
    actorName: ctx.actor ? `${ctx.actor.displayName}(${ctx.actor.username})` : null,
    source,
    changes,
  });
}

export async function createMember(ctx: Ctx, input: CreateMember): Promise<Member> {
  const actor = actorOf(ctx);
  const problems = checkMember(input, shanghaiToday(ctx.now()));
  if (problems.length) throw invalid(problems);
  return inTransaction(ctx.db, async (tx) => {
    const org = await branchFor(tx, actor, Number(input.orgId));
    const dup = await duplicateIdError(tx, actor, ctx.pii, input.idNumber);
    if (dup) throw dup;
    const now = ctx.now();
    const [row] = await tx
      .insert(members)
      .values({
        ...memberColumns(ctx.pii, input),
        orgId: org.id,
        recordUpdatedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordHistory(tx, ctx, row.id, 'create', changesBetween(null, input));
    await recordAudit(tx, ctx, {
      action: 'member.created',
      targetType: 'member',
      targetId: row.id,
      orgId: org.id,
      orgPath: org.path,
      after: { name: row.name, status: row.status, idNumber: maskIdNumber(input.idNumber) },
    });
    return presentMember(ctx.pii, row, org.name);
  });
}

export async function loadMember(db: Queryable, id: number) {
  const [row] = await db
    .select({ m: members, orgName: orgs.name, orgPath: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(eq(members.id, id), isNull(members.leftAt)));
  if (!row) throw notFound(MEMBER);
  return row;
}

export async function getMember(ctx: Ctx, id: number): Promise<MemberDetail> {
  const { m, orgName, orgPath } = await loadMember(ctx.db, id);
  authorize(actorOf(ctx), 'member.view', orgPath);
  return { ...presentMember(ctx.pii, m, orgName), pipeline: pipelineOf(m) };
}

/** Full ID and phone: its own permission, and every look is written to the audit log. */
export async function revealPii(ctx: Ctx, id: number) {
  const { m, orgPath } = await loadMember(ctx.db, id);
  authorize(actorOf(ctx), 'member.reveal_pii', orgPath, {
    zh: '无权查看完整身份证号和手机号',
    en: 'You may not see full ID and phone numbers',
  });
  await recordAudit(ctx.db, ctx, {
    action: 'member.pii_viewed',
    targetType: 'member',
    targetId: id,
    orgId: m.orgId,
    orgPath,
  });
  return { idNumber: ctx.pii.decrypt(m.idNumberEnc), phone: m.phoneEnc ? ctx.pii.decrypt(m.phoneEnc) : null };
}

/**
 * The one way a stored record changes field by field (an edit, an approved correction): the whole
 * record re-validated, a changed ID number checked for duplicates, the history kept under
 * `source`. Runs inside the caller's transaction; the caller authorizes and audits.
 */
export async function applyMemberChange(
  tx: Queryable,
  ctx: Ctx,
  row: MemberRow,
  patch: Partial<MemberInput>,
  source: string,
) {
  const before = inputOf(ctx.pii, row);
  const after: MemberInput = { ...before, ...patch };
  const problems = checkMember(after, shanghaiToday(ctx.now()));
  if (problems.length) throw invalid(problems);
  if (patch.idNumber && patch.idNumber !== before.idNumber) {
    const dup = await duplicateIdError(tx, actorOf(ctx), ctx.pii, patch.idNumber, row.id);
    if (dup) throw dup;
  }
  const changes = changesBetween(before, after);
  if (!Object.keys(changes).length) return { row, after, changes };
  const now = ctx.now();
  const [updated] = await tx
    .update(members)
    .set({ ...memberColumns(ctx.pii, after), recordUpdatedAt: now, updatedAt: now })
    .where(eq(members.id, row.id))
    .returning();
  await recordHistory(tx, ctx, row.id, source, changes);
  return { row: updated, after, changes };
}

/** The audit diff of a change: what each changed field was and became (masked). */
export function auditDiff(changes: Changes) {
  return {
    before: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[0]])),
    after: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[1]])),
  };
}

export async function updateMember(ctx: Ctx, id: number, patch: UpdateMember): Promise<Member> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const [locked] = await tx.select().from(members).where(eq(members.id, id)).for('update');
    if (!locked || locked.leftAt) throw notFound(MEMBER);
    const { orgName, orgPath } = await loadMember(tx, id);
    authorize(actor, 'member.manage', orgPath);
    const { row, changes } = await applyMemberChange(tx, ctx, locked, patch as Partial<MemberInput>, 'edit');
    if (Object.keys(changes).length) {
      await recordAudit(tx, ctx, {
        action: 'member.updated',
        targetType: 'member',
        targetId: id,
        orgId: row.orgId,
        orgPath,
        ...auditDiff(changes),
      });
    }
    return presentMember(ctx.pii, row, orgName);
  });
}

export async function memberHistoryOf(ctx: Ctx, id: number) {
  const { orgPath } = await loadMember(ctx.db, id);
  authorize(actorOf(ctx), 'member.view', orgPath);
  const rows = await ctx.db
    .select()
    .from(memberHistory)
    .where(eq(memberHistory.memberId, id))
    .orderBy(desc(memberHistory.at), desc(memberHistory.id));
  return rows.map((h) => ({
    id: String(h.id),
    at: h.at.toISOString(),
    actorName: h.actorName,
    source: h.source,
    changes: h.changes as Changes,
  }));
}

/** The filter of a member list: scope (or a subtree in it), status, org kind and sector, search. */
export async function memberFilter(ctx: Ctx, q: Omit<MemberListQuery, 'page' | 'pageSize'>): Promise<SQL> {
  const actor = actorOf(ctx);
  let scope = scopeFilter(scopePaths(actor, 'member.view'));
  if (q.orgId) {
    const org = await findOrg(ctx.db, Number(q.orgId));
    if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
    authorize(actor, 'member.view', org.path);
    scope = like(orgs.path, `${org.path}%`);
  }
  const term = q.q?.trim();
  let search: SQL | undefined;
  if (term) {
    if (ID_RE.test(term)) search = eq(members.idNumberIndex, ctx.pii.blindIndex('id', term));
    else if (PHONE_RE.test(term)) search = eq(members.phoneIndex, ctx.pii.blindIndex('phone', term));
    else search = like(members.name, `${term.replace(/[%_\\]/g, '\\$&')}%`);
  }
  return and(
    isNull(members.leftAt),
    scope,
    q.status ? eq(members.status, q.status) : undefined,
    q.orgKind ? eq(orgs.kind, q.orgKind) : undefined,
    q.sector ? eq(orgs.sector, q.sector) : undefined,
    q.mobile ? eq(members.mobile, q.mobile === 'true') : undefined,
    search,
  )!;
}

export async function listMembers(ctx: Ctx, q: MemberListQuery) {
  const where = await memberFilter(ctx, q);
  const page = await paginate(q, {
    count: () =>
      ctx.db.select({ n: count() }).from(members).innerJoin(orgs, eq(orgs.id, members.orgId)).where(where),
    rows: (limit, offset) =>
      ctx.db
        .select({ m: members, orgName: orgs.name })
        .from(members)
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .where(where)
        .orderBy(asc(orgs.path), asc(members.id))
        .limit(limit)
        .offset(offset),
  });
  return { ...page, items: page.items.map((r) => presentMember(ctx.pii, r.m, r.orgName)) };
}
