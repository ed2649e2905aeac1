import { demoModelBranches } from '../../../db/demo-model.ts';
import { sql } from 'drizzle-orm';
import { nextIds } from '../../../db/client.ts';
import { demoRandom } from '../../../db/demo-random.ts';
import { actorLabel } from '../../../platform/audit/service.ts';
import type { SeedContext } from '../../../platform/module.ts';
import { bind } from '../../../platform/pii/index.ts';
import {
  addDays,
  addMonthsToDate,
  addMonthsToMonth,
  daysBetween,
  shanghaiMonth,
  shanghaiToday,
} from '../../../platform/time.ts';
import { duesFromMonth, duesStandard } from '../dues/rules.ts';
import { makeIdCard } from '../record/id-card.ts';
import { searchKeys } from '../record/search-keys.ts';
import { duesPaidUntil, formatLetterNo, letterNoPrefix, letterTag, nextLetterSeq } from './rules.ts';

/**
 * 组织关系转接 of the last three months in the two demo towns, so the assessment's 转接及时办理率 and
 * 线上转接 read real handling (issue 18): letters between the towns' branches, most accepted within
 * their validity, a few late on the sending branch's certificate (a miss, in the month the letter
 * ran out), one returned and one withdrawn now and then; members leaving for an org outside the
 * deployment and arriving from one. Every row is what the module's own routes leave behind
 * (create-transfer, accept-transfer, close-transfer, register-incoming): the letter number of the
 * town committee, "dues paid until" from the payments, and on acceptance the record moved (org,
 * dues counted from the month after the letter's, the standard's history starting there, a
 * 'transfer' history entry) or gone out of the deployment (left_at), the receipt due a month on
 * and mostly recorded. Nothing is left pending: a letter waiting is a to-do on the demo admins'
 * workbench, which the tests count.
 *
 * Runs before the study cards are handed out, so a moved member's account is made in the branch
 * they ended up in (what followTransfer would have done). Not the demo village branch, on either
 * side: its members are what the tests and the walkthrough use. No audit entries: the seed's
 * rows are not someone's actions (the member history names the town admin who decided, as the
 * routes would).
 */

/** Per month, oldest first (three months ago, two months ago, last month). */
const PLAN = [
  { inTime: 12, late: 1, returned: 1, cancelled: 0, outgoing: 2, incoming: 2 },
  { inTime: 16, late: 2, returned: 0, cancelled: 1, outgoing: 2, incoming: 3 },
  { inTime: 30, late: 4, returned: 1, cancelled: 1, outgoing: 4, incoming: 5 },
];

const REASONS = ['工作调动', '外出务工', '婚嫁迁居', '随子女居住', '工作单位变更', '退休返乡', '升学'];
const OUTSIDE = [
  '中共杭州市西湖区转塘街道委员会',
  '中共宁波市鄞州区首南街道委员会',
  '中共绍兴市柯桥区柯岩街道委员会',
  '中共苏州市吴中区木渎镇委员会',
  '中共上海市闵行区莘庄镇委员会',
  '中共深圳市南山区粤海街道委员会',
];
/** The outside issuers' own letter numbers (an incoming letter keeps its issuer's number). */
const OUTSIDE_TAG = ['西组转', '鄞组转', '柯组转', '吴组转', '闵组转', '南组转'];
const CERTIFICATES = [
  '转出党支部出具证明：因外出务工未能按期报到',
  '转出党支部出具证明：本人住院治疗，延期报到',
  '转出党支部出具证明：工作交接未完成，延期报到',
];
const RETURNS = [
  '接收党支部与党员实际工作单位不符，请转往实际所在地党组织',
  '介绍信所列党费交纳情况与记录不符',
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓'.split('');
const GIVEN_M = '伟强磊军勇杰涛明超刚平辉鹏华飞宇浩凯健俊'.split('');
const GIVEN_F = '芳娜敏静丽艳娟霞秀英慧玲兰洁琳云雪婷丹佳'.split('');

type Kind = 'inTime' | 'late' | 'returned' | 'cancelled' | 'outgoing' | 'incoming';
type Branch = { id: number; name: string; town: number };
type Candidate = {
  id: string;
  org_id: string;
  name: string;
  joined_on: string | null;
  dues_from_month: string | null;
  created_at: string;
  dues_category: string | null;
  dues_basis: string | null;
  monthly_income_fen: number | null;
  dues_standard_fen: number | null;
  record_updated_at: string;
  paid: string[] | null;
};

export async function seedTransfers(ctx: SeedContext) {
  const towns = [ctx.demo.town1, ctx.demo.town2].filter((t): t is number => !!t);
  if (towns.length < 2) return;
  const r = demoRandom(20261204);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  const between = (a: number, b: number) => a + Math.floor(r() * (b - a + 1));
  const now = new Date();
  const today = shanghaiToday(now);
  const thisMonth = shanghaiMonth(now);
  const village = ctx.demo.villageBranch ?? 0;
  // the station manager's general branch, when the village branch has one, stays as it is too
  const villageParent = ctx.demo.villageBranchParent ?? 0;

  const { rows: townRows } = await ctx.db.execute<{
    id: string;
    path: string;
    name: string;
    short_name: string | null;
    place: string | null;
  }>(
    sql`select id, path, name, short_name, place from orgs where id = any(${`{${towns.join(',')}}`}::int8[])`,
  );
  const townOf = new Map(townRows.map((t) => [Number(t.id), t]));
  const { rows: branchRows } = await ctx.db.execute<{ id: string; name: string; town: string }>(sql`
    select b.id, b.name, t.id as town
      from orgs b join orgs t on t.id = any(${`{${towns.join(',')}}`}::int8[]) and b.path like t.path || '%'
     where b.kind = 'branch' and b.id <> ${village}
       and (${villageParent} = any(${`{${towns.join(',')}}`}::int8[]) or b.parent_id <> ${villageParent})
     order by b.path`);
  const branches: Branch[] = branchRows.map((b) => ({
    id: Number(b.id),
    name: b.name,
    town: Number(b.town),
  }));
  if (branches.length < 4) return;
  const branchOf = new Map(branches.map((b) => [b.id, b]));
  // a model branch (db/demo-model.ts) receives no one: a newcomer's dues and standard are settled
  // from the month after arrival, which would cost it a target it otherwise keeps
  const model = new Set(await demoModelBranches(ctx.db, ctx.demo));
  const receivers = branches.filter((b) => !model.has(b.id));

  // the deciders: each town's admin (the receiving side accepts, the sending side issues)
  const { rows: admins } = await ctx.db.execute<{
    id: string;
    org_id: string;
    username: string;
    display_name: string;
  }>(sql`select id, org_id, username, display_name from users
          where username in ('town_admin', 'town2_admin') and org_id = any(${`{${towns.join(',')}}`}::int8[])`);
  const adminOf = (town: number) => {
    const a = admins.find((x) => Number(x.org_id) === town);
    return a
      ? { id: Number(a.id), label: actorLabel({ displayName: a.display_name, username: a.username }) }
      : { id: null, label: null };
  };

  // full members admitted well before any of the letters, with no account yet (the cards come after)
  const { rows: pool } = await ctx.db.execute<Candidate>(sql`
    select m.id, m.org_id, m.name, m.joined_on::text, m.dues_from_month, m.created_at::text, m.dues_category,
           m.dues_basis, m.monthly_income_fen, m.dues_standard_fen, m.record_updated_at::text,
           (select array_agg(p.month order by p.month) from dues_payments p where p.member_id = m.id) as paid
      from members m
     where m.org_id = any(${`{${branches.map((b) => b.id).join(',')}}`}::int8[])
       and m.status = 'full' and m.full_on < ${addDays(today, -200)}::date and m.user_id is null
       and m.left_at is null and m.party_standing = 'normal' and m.lost_contact_on is null
       and cardinality(m.positions) = 0
     order by m.id`);
  const used = new Set<string>();
  const takeMember = (): Candidate | undefined => {
    for (let i = 0; i < 50; i++) {
      const c = pool[Math.floor(r() * pool.length)];
      if (c && !used.has(c.id)) {
        used.add(c.id);
        return c;
      }
    }
    return undefined;
  };

  const at = (day: string) =>
    `${day}T${String(between(8, 17)).padStart(2, '0')}:${String(between(0, 59)).padStart(2, '0')}:00+08:00`;
  const daysIn = (month: string) => daysBetween(`${month}-01`, `${addMonthsToMonth(month, 1)}-01`);

  type Row = {
    kind: 'internal' | 'outgoing' | 'incoming';
    status: 'accepted' | 'returned' | 'cancelled';
    member: Candidate | null;
    from: Branch | null;
    fromName: string;
    to: Branch | null;
    toName: string;
    issuedOn: string;
    validUntil: string;
    decidedOn: string;
    decidedAt: string;
    createdAt: string;
    reason: string;
    returnReason: string | null;
    certificateNote: string | null;
    letterNo: string;
    duesPaidUntil: string;
    outside: number;
  };
  const rows: Row[] = [];

  PLAN.forEach((plan, k) => {
    const month = addMonthsToMonth(thisMonth, k - PLAN.length);
    const len = daysIn(month);
    const kinds: Kind[] = (Object.keys(plan) as Kind[]).flatMap((kind) => Array(plan[kind]).fill(kind));
    for (const kind of kinds) {
      const validDays = r() < 0.8 ? 90 : pick([30, 60]);
      let decidedOn: string;
      let issuedOn: string;
      let validUntil: string;
      if (kind === 'late') {
        // the letter ran out early in the month and was taken in days later, in the same month
        validUntil = `${month}-${String(between(1, 15)).padStart(2, '0')}`;
        decidedOn = addDays(validUntil, between(2, 10));
        issuedOn = addDays(validUntil, -validDays);
      } else {
        decidedOn = `${month}-${String(between(1, len)).padStart(2, '0')}`;
        issuedOn = addDays(decidedOn, -between(2, Math.min(25, validDays - 5)));
        validUntil = addDays(issuedOn, validDays);
      }
      const outside = Math.floor(r() * OUTSIDE.length);
      const reason = pick(REASONS);
      const decidedAt = at(decidedOn);
      const createdAt = kind === 'incoming' ? decidedAt : at(issuedOn);
      if (kind === 'incoming') {
        const to = pick(receivers);
        rows.push({
          kind: 'incoming',
          status: 'accepted',
          member: null,
          from: null,
          fromName: OUTSIDE[outside],
          to,
          toName: to.name,
          issuedOn,
          validUntil,
          decidedOn,
          decidedAt,
          createdAt,
          reason,
          returnReason: null,
          certificateNote: null,
          letterNo: `${OUTSIDE_TAG[outside]}〔${issuedOn.slice(0, 4)}〕${between(10, 199)}号`,
          duesPaidUntil: addMonthsToMonth(issuedOn.slice(0, 7), -between(0, 1)),
          outside,
        });
        continue;
      }
      const member = takeMember();
      if (!member) continue;
      const from = branchOf.get(Number(member.org_id))!;
      let to: Branch | null = null;
      if (kind !== 'outgoing') {
        // about half stay within the town, the others go to the other town
        const same = r() < 0.5;
        const open = receivers.filter((b) => b.id !== from.id);
        const choices = open.filter((b) => (b.town === from.town) === same);
        to = pick(choices.length ? choices : open);
      }
      rows.push({
        kind: kind === 'outgoing' ? 'outgoing' : 'internal',
        status: kind === 'returned' ? 'returned' : kind === 'cancelled' ? 'cancelled' : 'accepted',
        member,
        from,
        fromName: from.name,
        to,
        toName: to ? to.name : OUTSIDE[outside],
        issuedOn,
        validUntil,
        decidedOn,
        decidedAt,
        createdAt,
        reason,
        returnReason:
          kind === 'returned' ? pick(RETURNS) : kind === 'cancelled' ? '接收党组织选择有误' : null,
        certificateNote: kind === 'late' ? pick(CERTIFICATES) : null,
        letterNo: '',
        // "党费交到" as the payments stood in the month of issue (transfers/store.ts paidUntilOf)
        duesPaidUntil: duesPaidUntil({
          start:
            member.dues_from_month ??
            duesFromMonth({
              joinedOn: member.joined_on,
              arrivedMonth: shanghaiMonth(new Date(member.created_at)),
            }),
          paidMonths: (member.paid ?? []).filter((p) => p <= issuedOn.slice(0, 7)),
          thisMonth: issuedOn.slice(0, 7),
        }),
        outside,
      });
    }
  });

  // letter numbers: the town committee's, one sequence a year, in the order issued
  const issued = rows
    .filter((t) => t.kind !== 'incoming')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const lastSeq = new Map<string, number>();
  for (const t of issued) {
    const prefix = letterNoPrefix(t.issuedOn.slice(0, 4), letterTag(townOf.get(t.from!.town)!));
    if (!lastSeq.has(prefix)) {
      const { rows: known } = await ctx.db.execute<{ letter_no: string }>(
        sql`select letter_no from transfers where kind <> 'incoming' and letter_no like ${`${prefix}%`}`,
      );
      lastSeq.set(
        prefix,
        nextLetterSeq(
          prefix,
          known.map((x) => x.letter_no),
        ) - 1,
      );
    }
    const seq = lastSeq.get(prefix)! + 1;
    lastSeq.set(prefix, seq);
    t.letterNo = formatLetterNo(prefix, seq);
  }

  // arrivals from outside: their records, as register-incoming makes them
  const arrivals = rows.filter((t) => t.kind === 'incoming');
  const arrivalIds = await nextIds(ctx.db, 'members', arrivals.length);
  const newMembers: Record<string, unknown>[] = [];
  arrivals.forEach((t, i) => {
    const id = arrivalIds[i];
    const male = r() < 0.65;
    const name = `${pick(SURNAMES)}${pick(male ? GIVEN_M : GIVEN_F)}${r() < 0.6 ? pick(male ? GIVEN_M : GIVEN_F) : ''}`;
    const age = between(24, 58);
    const birthDate = addDays(`${Number(t.decidedOn.slice(0, 4)) - age}-01-01`, between(0, 364));
    const idNumber = makeIdCard('330212', birthDate, 600 + 2 * i, male ? 'male' : 'female');
    const joinedOn = addDays(
      addMonthsToDate(birthDate, 12 * between(20, Math.max(20, age - 2))),
      between(0, 300),
    );
    const latest = addDays(t.issuedOn, -400);
    // biome-ignore lint/complexity/useMathMinMax: dates are YYYY-MM-DD strings, compared as strings
    const joined = joinedOn < latest ? joinedOn : latest;
    const phone = `1${pick(['3', '5', '8'])}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`;
    const income = Math.round((3500 + r() * 9000) * 100);
    const keys = searchKeys(ctx.pii, { name, phone });
    const duesFrom = duesFromMonth({
      joinedOn: joined,
      arrivedMonth: t.decidedOn.slice(0, 7),
      paidUntil: t.duesPaidUntil,
    });
    newMembers.push({
      id,
      org_id: t.to!.id,
      name,
      gender: male ? 'male' : 'female',
      ethnicity: '汉族',
      birth_date: birthDate,
      id_number_enc: ctx.pii.encrypt(idNumber, bind('members', 'id_number', id)),
      id_number_index: ctx.pii.blindIndex('id', idNumber),
      education: pick(['大学本科', '大学专科', '高中', '研究生']),
      status: 'full',
      applied_on: addDays(joined, -between(700, 1100)),
      admission_resolution_on: joined,
      admission_approved_on: addDays(joined, 20),
      joined_on: joined,
      full_on: addDays(addMonthsToDate(joined, 12), between(0, 20)),
      phone_enc: ctx.pii.encrypt(phone, bind('members', 'phone', id)),
      phone_index: keys.phoneIndex,
      phone_tail_index: keys.phoneTailIndex,
      name_initials: keys.nameInitials,
      work_unit: t.to!.name.includes('村') ? null : t.to!.name.replace(/(机关)?党(总)?支部$/, ''),
      dues_category: 'salaried',
      monthly_income_fen: income,
      dues_standard_fen: duesStandard('salaried', income),
      dues_from_month: duesFrom,
      at: t.decidedAt,
      history: {
        orgName: [t.fromName, t.to!.name],
        name: [null, name],
        gender: [null, male ? 'male' : 'female'],
        status: [null, 'full'],
        joinedOn: [null, joined],
      },
    });
    t.member = {
      id: String(id),
      org_id: String(t.to!.id),
      name,
      joined_on: joined,
      dues_from_month: duesFrom,
      created_at: t.decidedAt,
      dues_category: 'salaried',
      dues_basis: null,
      monthly_income_fen: income,
      dues_standard_fen: duesStandard('salaried', income),
      record_updated_at: t.decidedAt,
      paid: null,
    };
  });
  if (newMembers.length)
    await ctx.db.execute(sql`
      insert into members (id, org_id, name, gender, ethnicity, birth_date, id_number_enc, id_number_index, education, status,
        applied_on, admission_resolution_on, admission_approved_on, joined_on, full_on, phone_enc, phone_index,
        phone_tail_index, name_initials, work_unit, dues_category, monthly_income_fen, dues_standard_fen, dues_from_month,
        record_updated_at, created_at, updated_at)
      select id, org_id, name, gender, ethnicity, birth_date, id_number_enc, id_number_index, education, status,
        applied_on, admission_resolution_on, admission_approved_on, joined_on, full_on, phone_enc, phone_index,
        phone_tail_index, name_initials, work_unit, dues_category, monthly_income_fen, dues_standard_fen, dues_from_month,
        at, at, at
      from jsonb_to_recordset(${JSON.stringify(newMembers)}::jsonb) as x(id int8, org_id int8, name text, gender text,
        ethnicity text, birth_date date, id_number_enc text, id_number_index text, education text, status text,
        applied_on date, admission_resolution_on date, admission_approved_on date, joined_on date, full_on date,
        phone_enc text, phone_index text, phone_tail_index text, name_initials text, work_unit text, dues_category text,
        monthly_income_fen int, dues_standard_fen int, dues_from_month text, at timestamptz)`);

  // the transfers, with their decisions and receipts
  const receiptOf = (t: Row) => {
    if (t.status !== 'accepted') return { due: null, on: null };
    if (t.kind === 'outgoing') return { due: null, on: t.decidedOn };
    const due = addMonthsToDate(t.decidedOn, 1);
    // most receipts are back within a few weeks; a few recent ones are still out
    const back = addDays(t.decidedOn, between(3, 20));
    return { due, on: back < today && r() < 0.85 ? back : null };
  };
  const transferRows = rows.map((t) => {
    const receipt = receiptOf(t);
    const deciderTown =
      t.status === 'accepted' && t.kind !== 'outgoing'
        ? t.to!.town
        : t.status === 'returned'
          ? t.to!.town
          : t.from!.town;
    return {
      kind: t.kind,
      status: t.status,
      member_id: Number(t.member!.id),
      from_org_id: t.from?.id ?? null,
      from_org_name: t.fromName,
      to_org_id: t.to?.id ?? null,
      to_org_name: t.toName,
      letter_no: t.letterNo,
      issued_on: t.issuedOn,
      valid_until: t.validUntil,
      dues_paid_until: t.duesPaidUntil,
      reason: t.reason,
      return_reason: t.returnReason,
      receipt_due_on: receipt.due,
      receipt_on: receipt.on,
      certificate_note: t.certificateNote,
      created_by: t.kind === 'incoming' ? adminOf(t.to!.town).id : adminOf(t.from!.town).id,
      decided_by: adminOf(deciderTown).id,
      decided_at: t.decidedAt,
      created_at: t.createdAt,
    };
  });
  await ctx.db.execute(sql`
    insert into transfers (kind, status, member_id, from_org_id, from_org_name, to_org_id, to_org_name, letter_no,
      issued_on, valid_until, dues_paid_until, reason, return_reason, receipt_due_on, receipt_on, certificate_note,
      created_by, decided_by, decided_at, created_at)
    select kind, status, member_id, from_org_id, from_org_name, to_org_id, to_org_name, letter_no,
      issued_on, valid_until, dues_paid_until, reason, return_reason, receipt_due_on, receipt_on, certificate_note,
      created_by, decided_by, decided_at, created_at
      from jsonb_to_recordset(${JSON.stringify(transferRows)}::jsonb) as x(kind text, status text, member_id int8,
        from_org_id int8, from_org_name text, to_org_id int8, to_org_name text, letter_no text, issued_on date,
        valid_until date, dues_paid_until text, reason text, return_reason text, receipt_due_on date, receipt_on date,
        certificate_note text, created_by int8, decided_by int8, decided_at timestamptz, created_at timestamptz)
     order by x.created_at`);

  // what accepting did to the records (accept-transfer.ts): moved, or gone out of the deployment
  const moves: Record<string, unknown>[] = [];
  const history: Record<string, unknown>[] = [];
  const standards: Record<string, unknown>[] = [];
  for (const t of rows) {
    const m = t.member!;
    const decider = adminOf(t.kind === 'outgoing' ? t.from!.town : t.to!.town);
    if (t.kind === 'incoming') {
      const n = newMembers.find((x) => Number(x.id) === Number(m.id))!;
      history.push({
        member_id: m.id,
        at: t.decidedAt,
        actor_id: decider.id,
        actor_name: decider.label,
        changes: n.history,
      });
    } else if (t.status === 'accepted' && t.kind === 'outgoing') {
      moves.push({ id: m.id, org_id: null, left_at: t.decidedAt, dues_from_month: null, at: t.decidedAt });
      history.push({
        member_id: m.id,
        at: t.decidedAt,
        actor_id: decider.id,
        actor_name: decider.label,
        changes: { leftAt: [null, new Date(t.decidedAt).toISOString()], orgName: [t.fromName, t.toName] },
      });
      continue;
    } else if (t.status === 'accepted') {
      const duesFrom = duesFromMonth({
        joinedOn: m.joined_on,
        arrivedMonth: t.decidedOn.slice(0, 7),
        paidUntil: t.duesPaidUntil,
      });
      moves.push({ id: m.id, org_id: t.to!.id, left_at: null, dues_from_month: duesFrom, at: t.decidedAt });
      history.push({
        member_id: m.id,
        at: t.decidedAt,
        actor_id: decider.id,
        actor_name: decider.label,
        changes: {
          orgId: [String(t.from!.id), String(t.to!.id)],
          orgName: [t.fromName, t.toName],
          ...(m.dues_from_month !== duesFrom ? { duesFromMonth: [m.dues_from_month, duesFrom] } : {}),
        },
      });
      m.dues_from_month = duesFrom;
    } else continue;
    // the receiving branch's standard history starts at arrival (dues/standards.ts keepStandardHistory)
    if (m.dues_standard_fen != null && m.dues_category)
      standards.push({
        member_id: m.id,
        from_month: m.dues_from_month,
        category: m.dues_category,
        basis: m.dues_basis,
        base_fen: m.monthly_income_fen,
        standard_fen: m.dues_standard_fen,
        recorded_by: decider.id,
        recorded_at: t.decidedAt,
      });
  }
  if (moves.length)
    await ctx.db.execute(sql`
      update members m
         set org_id = coalesce(x.org_id, m.org_id), left_at = x.left_at,
             dues_from_month = coalesce(x.dues_from_month, m.dues_from_month),
             record_updated_at = case when x.left_at is null then greatest(m.record_updated_at, x.at) else m.record_updated_at end,
             updated_at = x.at
        from jsonb_to_recordset(${JSON.stringify(moves)}::jsonb) as x(id int8, org_id int8, left_at timestamptz, dues_from_month text, at timestamptz)
       where m.id = x.id`);
  if (history.length)
    await ctx.db.execute(sql`
      insert into member_history (member_id, at, actor_id, actor_name, source, changes)
      select member_id, at, actor_id, actor_name, 'transfer', changes
        from jsonb_to_recordset(${JSON.stringify(history)}::jsonb) as x(member_id int8, at timestamptz, actor_id int8, actor_name text, changes jsonb)
       order by at`);
  if (standards.length)
    await ctx.db.execute(sql`
      insert into dues_standards (member_id, from_month, category, basis, base_fen, standard_fen, recorded_by, recorded_at)
      select member_id, from_month, category, basis, base_fen, standard_fen, recorded_by, recorded_at
        from jsonb_to_recordset(${JSON.stringify(standards)}::jsonb) as x(member_id int8, from_month text, category text,
          basis text, base_fen int, standard_fen int, recorded_by int8, recorded_at timestamptz)
      on conflict (member_id, from_month) do nothing`);
  // the arrivals pay at their new branch from the month their dues are counted, up to last month
  if (arrivalIds.length)
    await ctx.db.execute(sql`
      insert into dues_payments (member_id, month, amount_fen)
      select m.id, to_char(d, 'YYYY-MM'), m.dues_standard_fen
        from members m
        cross join lateral generate_series(to_date(m.dues_from_month, 'YYYY-MM'),
                                           date_trunc('month', ${today}::date) - interval '1 month', interval '1 month') d
       where m.id = any(${`{${arrivalIds.join(',')}}`}::int8[])`);
  ctx.log(`组织关系转接 ${rows.length} 件`);
}
