import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { MemberStatus } from '../../../../../contracts/members/index.ts';
import { MEMBER_FIELD_LABELS, type MemberField } from '../../../../../contracts/labels.ts';
import type { Queryable } from '../../../db/client.ts';
import { type Actor, authorize, can } from '../../../platform/access/index.ts';
import { actorLabel, countActions, recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { AppError, notFound, type Text } from '../../../platform/http/errors.ts';
import { bind, maskAddress, maskIdNumber, maskPhone, type Pii } from '../../../platform/pii/index.ts';
import { findOrg, orgs } from '../../../platform/tree/index.ts';
import { type MemberRow, memberHistory, members } from '../schema.ts';
import { checkMember, duesOf, type MemberInput, toIssues } from './rules.ts';
import type { DuesBasis } from '../../../../../contracts/members/index.ts';
import type { DuesTerms } from '../dues/rules.ts';
import { duesForWrite, keepStandardHistory } from '../dues/standards.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { searchKeys } from './search-keys.ts';

export const MEMBER = { zh: '党员', en: 'Member' };

/**
 * The stored columns for record `id`'s input: personal data encrypted (bound to the row, so a
 * ciphertext copied to another record does not decrypt), the search keys derived (searchKeys: the
 * phone's blind indexes, the name's pinyin initials), dues standard computed.
 */
export function memberColumns(
  pii: Pii,
  m: MemberInput,
  id: number,
  /** The department's dues figures and the record's basis (dues/standards.ts duesForWrite). */
  dues?: { terms: DuesTerms; basis: DuesBasis | null; keepFen?: number | null },
) {
  const idNumber = m.idNumber.trim().toUpperCase();
  return {
    name: m.name,
    gender: m.gender,
    ethnicity: m.ethnicity,
    birthDate: m.birthDate,
    idNumberEnc: pii.encrypt(idNumber, bind('members', 'id_number', id)),
    idNumberIndex: pii.blindIndex('id', idNumber),
    education: m.education,
    degree: m.degree,
    status: m.status,
    joinedOn: m.joinedOn,
    fullOn: m.fullOn,
    positions: m.positions,
    phoneEnc: m.phone ? pii.encrypt(m.phone, bind('members', 'phone', id)) : null,
    ...searchKeys(pii, m),
    workUnit: m.workUnit,
    mobile: m.mobile,
    mobileLocation: m.mobile ? m.mobileLocation : null,
    duesCategory: m.duesCategory,
    monthlyIncomeFen: m.monthlyIncomeFen,
    duesStandardFen: dues && dues.keepFen !== undefined ? dues.keepFen : duesOf(m, dues?.terms, dues?.basis),
    ...(dues ? { duesBasis: dues.basis } : {}),
    postCode: m.postCode,
    homeAddressEnc: m.homeAddress ? pii.encrypt(m.homeAddress, bind('members', 'home_address', id)) : null,
    workStartedOn: m.workStartedOn,
    hardshipKind: m.hardshipKind,
  };
}

/** A record's ID-card number in full: for checks and for who may see it, never for a list. */
export const idNumberOf = (pii: Pii, m: Pick<MemberRow, 'id' | 'idNumberEnc'>) =>
  pii.decrypt(m.idNumberEnc, bind('members', 'id_number', m.id));

/** A record's phone in full, or null. */
export const phoneOf = (pii: Pii, m: Pick<MemberRow, 'id' | 'phoneEnc'>) =>
  m.phoneEnc ? pii.decrypt(m.phoneEnc, bind('members', 'phone', m.id)) : null;

/** A record's home address in full, or null: personal data, shown whole only where the phone is. */
export const homeAddressOf = (pii: Pii, m: Pick<MemberRow, 'id' | 'homeAddressEnc'>) =>
  m.homeAddressEnc ? pii.decrypt(m.homeAddressEnc, bind('members', 'home_address', m.id)) : null;

/** The input view of a stored record, for re-validating it after a partial edit. */
export function inputOf(pii: Pii, m: MemberRow): MemberInput {
  return {
    name: m.name,
    gender: m.gender as MemberInput['gender'],
    // a record saved before the list was enforced may hold other text: kept as it is (rules.ts)
    ethnicity: m.ethnicity as MemberInput['ethnicity'],
    idNumber: idNumberOf(pii, m),
    birthDate: m.birthDate,
    education: m.education as MemberInput['education'],
    degree: m.degree as MemberInput['degree'],
    status: m.status as MemberStatus,
    joinedOn: m.joinedOn,
    fullOn: m.fullOn,
    positions: m.positions as MemberInput['positions'],
    phone: phoneOf(pii, m),
    workUnit: m.workUnit,
    mobile: m.mobile,
    mobileLocation: m.mobileLocation,
    duesCategory: m.duesCategory as MemberInput['duesCategory'],
    monthlyIncomeFen: m.monthlyIncomeFen,
    postCode: m.postCode as MemberInput['postCode'],
    homeAddress: homeAddressOf(pii, m),
    workStartedOn: m.workStartedOn,
    hardshipKind: m.hardshipKind as MemberInput['hardshipKind'],
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

/**
 * How many times a day one account may be told that an ID number is on record somewhere it cannot
 * see. The check itself is needed (one person, one record), but unbounded it would let anyone with
 * a member form test which ID numbers the deployment holds.
 */
export const DUPLICATES_ELSEWHERE_PER_DAY = 30;

/**
 * Same ID number already on record. In the actor's reach: say where. Elsewhere: say only that it
 * is on record, write the probe to the audit log (its own transaction: the caller's write is about
 * to roll back), and past the daily bound answer 429 instead.
 */
export async function duplicateIdError(
  db: Queryable,
  ctx: Ctx,
  idNumber: string,
  exceptId?: number,
): Promise<AppError | null> {
  const actor = actorOf(ctx);
  const [hit] = await db
    .select({ id: members.id, orgName: orgs.name, orgPath: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        eq(members.idNumberIndex, ctx.pii.blindIndex('id', idNumber)),
        exceptId ? sql`${members.id} <> ${exceptId}` : undefined,
      ),
    );
  if (!hit) return null;
  if (can(actor, 'member.view', hit.orgPath)) {
    const text = {
      zh: `该身份证号已登记在“${hit.orgName}”，同一人不能重复登记`,
      en: `this ID number is already on record in ${hit.orgName}`,
    };
    return duplicateError(text);
  }
  if (!(await withinDuplicateBound(ctx, [idNumber], { type: 'member' })))
    return new AppError(429, 'too_many_duplicate_checks', {
      zh: `今天录入的身份证号在您管理范围之外已有登记的次数已达上限（${DUPLICATES_ELSEWHERE_PER_DAY} 次），查重暂停至明天；请联系上级党组织核实`,
      en: 'Too many ID numbers on record outside your scope today; ask your superior organization',
    });
  return duplicateError({
    zh: '该身份证号已在本系统其他党组织登记，同一人不能重复登记；如需转入，请由原党组织办理组织关系转接',
    en: 'this ID number is already on record elsewhere in the deployment; ask for a transfer',
  });
}

/**
 * Counts `idNumbers` (each found on record out of the actor's reach) against the daily bound, one
 * audit entry each (masked, in their own transaction: the caller's write is about to roll back),
 * and says whether all of them are within it. Past the bound, one entry more records the refusal.
 */
export async function withinDuplicateBound(
  ctx: Ctx,
  idNumbers: string[],
  target: { type: string; id?: number },
): Promise<boolean> {
  const since = new Date(ctx.now().getTime() - 86_400_000);
  const used = await countActions(ctx.db, actorOf(ctx).userId, 'member.duplicate_elsewhere', since);
  const left = Math.max(0, DUPLICATES_ELSEWHERE_PER_DAY - used);
  const within = idNumbers.length <= left;
  for (const idNumber of idNumbers.slice(0, left + 1))
    await recordAudit(ctx.db, ctx, {
      action: 'member.duplicate_elsewhere',
      targetType: target.type,
      targetId: target.id,
      after: { idNumber: maskIdNumber(idNumber), refused: !within },
    });
  return within;
}

function duplicateError(text: Text) {
  return new AppError(
    409,
    'duplicate_id_number',
    { zh: `idNumber：${text.zh}`, en: `idNumber: ${text.en}` },
    [{ path: 'idNumber', message: text.zh, messageEn: text.en }],
  );
}

export type Changes = Record<string, [unknown, unknown]>;
const MASK: Partial<Record<string, (v: string) => string>> = {
  idNumber: maskIdNumber,
  phone: maskPhone,
  homeAddress: maskAddress,
};

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
    actorName: ctx.actor ? actorLabel(ctx.actor) : null,
    source,
    changes,
  });
}

/**
 * A record on file with its org. Someone who left the Party stays on file, read only: readers (and
 * writers that refuse in words, after authorizing: standing/guard.ts) pass `leftParty` to find
 * them; everyone else finds only the live records, as a member transferred out is not found.
 */
export async function loadMember(db: Queryable, id: number, opts: { leftParty?: boolean } = {}) {
  const [row] = await db
    .select({ m: members, orgName: orgs.name, orgPath: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        eq(members.id, id),
        opts.leftParty
          ? or(isNull(members.leftAt), eq(members.partyStanding, 'left'))
          : isNull(members.leftAt),
      ),
    );
  if (!row) throw notFound(MEMBER);
  return row;
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
  const problems = checkMember(after, shanghaiToday(ctx.now()), before);
  if (problems.length) throw invalid(problems);
  if (patch.idNumber && patch.idNumber !== before.idNumber) {
    const dup = await duplicateIdError(tx, ctx, patch.idNumber, row.id);
    if (dup) throw dup;
  }
  const changes = changesBetween(before, after);
  if (!Object.keys(changes).length) return { row, after, changes };
  // the standard: the department's figures, the record's basis, the yearly window (dues/standards.ts)
  const dues = await duesForWrite(tx, ctx, row, after, source);
  const now = ctx.now();
  const [updated] = await tx
    .update(members)
    .set({ ...memberColumns(ctx.pii, after, row.id, dues), recordUpdatedAt: now, updatedAt: now })
    .where(eq(members.id, row.id))
    .returning();
  await recordHistory(tx, ctx, row.id, source, changes);
  await keepStandardHistory(tx, ctx, row, updated);
  return { row: updated, after, changes };
}

/** The audit diff of a change: what each changed field was and became (masked). */
export function auditDiff(changes: Changes) {
  return {
    before: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[0]])),
    after: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[1]])),
  };
}
