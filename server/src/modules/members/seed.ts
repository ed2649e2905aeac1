import { lastCompletedMonth } from './dues/arrears.ts';
import { computeMonthAfterSeed } from './dues/arrears-summary.ts';
import { sql } from 'drizzle-orm';
import { nextIds } from '../../db/client.ts';
import { bind } from '../../platform/pii/index.ts';
import { seedStudyCards } from './study-cards/seed.ts';
import { demoModelBranches } from '../../db/demo-model.ts';
import { seedTransfers } from './transfers/seed.ts';
import type { SeedContext } from '../../platform/module.ts';
import { demoRandom as rng } from '../../db/demo-random.ts';
import { refreshStandings } from './pipeline/pipeline-due.ts';
import { seedRecruitmentFiles } from './pipeline/seed-file.ts';
import { duesStandard } from './dues/rules.ts';
import { makeIdCard } from './record/id-card.ts';
import { fillSearchKeys, nameInitials, searchKeys } from './record/search-keys.ts';
import { addDays, addMonthsToDate, shanghaiToday } from '../../platform/time.ts';

/**
 * About 50,000 members for the demo district (680,000 for a city): real-looking names, fictitious
 * ID numbers with valid check digits, ages, join dates and pipeline dates that make sense, and
 * record quality like a real district's (most records recently updated, about three in four with
 * a dues standard).
 */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
const GIVEN_M = '伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林建国志成文海春晓东红光'.split('');
const GIVEN_F = '芳娜敏静丽艳娟霞秀英华慧巧美玲兰凤洁琳素云莲真环雪荣爱妹香月莺媛瑶怡婷丹佳'.split('');
const ETHNIC = ['回族', '满族', '苗族', '土家族', '壮族', '蒙古族'];
const PLACES = [
  '广东省深圳市',
  '浙江省杭州市',
  '江苏省苏州市',
  '上海市浦东新区',
  '福建省厦门市',
  '北京市朝阳区',
];
const ORDINAL_POSITIONS = ['书记', '组织委员', '宣传委员', '纪检委员', '副书记'];

const addYears = (s: string, n: number) => addMonthsToDate(s, 12 * n);

type Branch = { id: number; name: string; sector: string; districtIndex: number };

function weight(b: Branch) {
  if (b.name.includes('村')) return 2.2;
  if (b.name.includes('社区')) return 1.4;
  if (b.sector === 'non_public') return 0.35;
  if (b.name.includes('离退休')) return 1.6;
  return 0.9;
}

export async function seedMembers(ctx: SeedContext) {
  const target = ctx.scale === 'city' ? 680_000 : 50_000;
  const { rows: raw } = await ctx.db.execute<{ id: number; name: string; sector: string; path: string }>(
    sql`select id, name, sector, path from orgs where kind = 'branch' order by path`,
  );
  const districtOf = new Map<string, number>();
  const branches: Branch[] = raw.map((b) => {
    const key = b.path
      .split('/')
      .slice(0, ctx.scale === 'city' ? 3 : 2)
      .join('/');
    if (!districtOf.has(key)) districtOf.set(key, districtOf.size);
    return { id: b.id, name: b.name, sector: b.sector, districtIndex: districtOf.get(key)! };
  });
  const total = branches.reduce((s, b) => s + weight(b), 0);
  const r = rng(20261125);
  // the search keys as every write derives them (searchKeys); names repeat, so their initials are kept
  const initials = new Map<string, string>();
  const keysOf = (name: string, phone: string | null) => {
    const k = searchKeys(ctx.pii, { name: '', phone });
    const i = initials.get(name) ?? nameInitials(name);
    initials.set(name, i);
    return { phone_index: k.phoneIndex, phone_tail_index: k.phoneTailIndex, name_initials: i };
  };
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  const today = shanghaiToday();
  const seqs = new Map<string, number>();
  const rows: Record<string, unknown>[] = [];
  let written = 0;

  const flush = async () => {
    if (!rows.length) return;
    // personal numbers are encrypted bound to their row: the ids come first
    const ids = await nextIds(ctx.db, 'members', rows.length);
    rows.forEach((row, i) => {
      const id = ids[i];
      row.id = id;
      row.id_number_enc = ctx.pii.encrypt(row.id_number as string, bind('members', 'id_number', id));
      row.phone_enc = row.phone ? ctx.pii.encrypt(row.phone as string, bind('members', 'phone', id)) : null;
      delete row.id_number;
      delete row.phone;
    });
    await ctx.db.execute(sql`
      insert into members (id, org_id, name, gender, ethnicity, birth_date, id_number_enc, id_number_index, education, degree, status,
        applied_on, talked_on, activist_on, candidate_on, political_review_on, training_on, admission_resolution_on,
        admission_approved_on, joined_on, full_on, positions, phone_enc, phone_index, phone_tail_index, name_initials, photo, work_unit, mobile, mobile_location,
        dues_category, monthly_income_fen, dues_standard_fen, record_updated_at, created_at)
      select id, org_id, name, gender, ethnicity, birth_date, id_number_enc, id_number_index, education, degree, status,
        applied_on, talked_on, activist_on, candidate_on, political_review_on, training_on, admission_resolution_on,
        admission_approved_on, joined_on, full_on, positions, phone_enc, phone_index, phone_tail_index, name_initials, photo, work_unit, mobile, mobile_location,
        dues_category, monthly_income_fen, dues_standard_fen, record_updated_at, created_at
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id int8, org_id int8, name text, gender text, ethnicity text,
        birth_date date, id_number_enc text, id_number_index text, education text, degree text, status text, applied_on date,
        talked_on date, activist_on date, candidate_on date, political_review_on date, training_on date,
        admission_resolution_on date, admission_approved_on date, joined_on date, full_on date, positions text[],
        phone_enc text, phone_index text, phone_tail_index text, name_initials text, photo text, work_unit text, mobile bool, mobile_location text, dues_category text,
        monthly_income_fen int, dues_standard_fen int, record_updated_at timestamptz, created_at timestamptz)`);
    written += rows.length;
    rows.length = 0;
  };

  for (const b of branches) {
    const n = Math.max(3, Math.round((target * weight(b)) / total));
    const village = b.name.includes('村');
    const region = `3301${String(2 + b.districtIndex).padStart(2, '0')}`;
    for (let i = 0; i < n; i++) {
      const male = r() < 0.71;
      const roll = r();
      const status =
        roll < 0.88
          ? 'full'
          : roll < 0.91
            ? 'probationary'
            : roll < 0.93
              ? 'candidate'
              : roll < 0.96
                ? 'activist'
                : 'applicant';
      const admitted = status === 'full' || status === 'probationary';
      // villages and retiree branches are older; applicants are young
      const age = admitted
        ? Math.floor((village || b.name.includes('离退休') ? 35 : 24) + r() * (village ? 55 : 38))
        : Math.floor(19 + r() * 20);
      const birthDate = addDays(`${2026 - age}-01-01`, Math.floor(r() * 365));
      const key = `${region}${birthDate}`;
      const seq = (seqs.get(key) ?? 0) + 2;
      seqs.set(key, seq);
      const idNumber = makeIdCard(region, birthDate, seq, male ? 'male' : 'female');
      const adult = addYears(birthDate, 18);
      const dates: Record<string, string | null> = {
        applied_on: null,
        talked_on: null,
        activist_on: null,
        candidate_on: null,
        political_review_on: null,
        training_on: null,
        admission_resolution_on: null,
        admission_approved_on: null,
        joined_on: null,
        full_on: null,
      };
      if (admitted) {
        const span = (Date.parse(today) - Date.parse(adult)) / 86_400_000;
        const joined =
          status === 'probationary'
            ? addDays(today, -Math.floor(30 + r() * 300))
            : addDays(adult, Math.floor(r() * Math.max(1, span - 400)));
        dates.joined_on = joined;
        dates.admission_resolution_on = joined;
        dates.admission_approved_on = addDays(joined, 20);
        dates.applied_on = addDays(joined, -Math.floor(800 + r() * 600));
        if (status === 'full') {
          dates.full_on = addDays(addYears(joined, 1), Math.floor(r() * 20));
          dates.conversion_resolution_on = dates.full_on;
        }
      } else {
        const applied = addDays(today, -Math.floor(60 + r() * 900));
        dates.applied_on = applied;
        dates.talked_on = addDays(applied, Math.floor(5 + r() * 20));
        if (status !== 'applicant') dates.activist_on = addDays(applied, Math.floor(60 + r() * 120));
        if (status === 'candidate') {
          dates.candidate_on = addYears(dates.activist_on!, 1);
          if (dates.candidate_on > today) dates.candidate_on = today;
          if (r() < 0.6) dates.political_review_on = addDays(dates.candidate_on, 30);
          if (r() < 0.5) dates.training_on = addDays(dates.candidate_on, 15);
        }
      }
      for (const k of Object.keys(dates)) if (dates[k] && dates[k]! > today) dates[k] = today;
      const eduRoll = r() - (age > 60 ? 0.35 : 0) + (village ? -0.15 : 0.15);
      const education =
        eduRoll > 0.85
          ? '研究生'
          : eduRoll > 0.55
            ? '大学本科'
            : eduRoll > 0.35
              ? '大学专科'
              : eduRoll > 0.25
                ? '高中'
                : eduRoll > 0.1
                  ? '初中'
                  : '小学及以下';
      const retired = age >= 60 && !village;
      const category = village && !retired ? 'farmer' : retired ? 'retired' : 'salaried';
      const income =
        category === 'farmer'
          ? null
          : Math.round((category === 'retired' ? 3000 + r() * 5000 : 2800 + r() * 12000) * 100);
      const withDues = admitted && r() < 0.78;
      const phone =
        r() < 0.86 ? `1${pick(['3', '5', '8', '9'])}${String(Math.floor(r() * 1e9)).padStart(9, '0')}` : null;
      const mobile = village && admitted && r() < 0.06;
      const updated =
        r() < 0.95 ? addDays(today, -Math.floor(r() * 330)) : addDays(today, -Math.floor(400 + r() * 800));
      const name = `${pick(SURNAMES)}${pick(male ? GIVEN_M : GIVEN_F)}${r() < 0.7 ? pick(male ? GIVEN_M : GIVEN_F) : ''}`;
      rows.push({
        org_id: b.id,
        name,
        gender: male ? 'male' : 'female',
        ethnicity: r() < 0.95 ? '汉族' : pick(ETHNIC),
        birth_date: birthDate,
        id_number: idNumber,
        id_number_index: ctx.pii.blindIndex('id', idNumber),
        education,
        degree:
          education === '研究生' ? (r() < 0.2 ? '博士' : '硕士') : education === '大学本科' ? '学士' : null,
        status,
        ...dates,
        positions: admitted && i < ORDINAL_POSITIONS.length - 1 ? [ORDINAL_POSITIONS[i]] : [],
        phone,
        ...keysOf(name, phone),
        photo: r() < 0.63 ? 'demo' : null,
        work_unit: village ? null : b.name.replace(/(机关)?党(总)?支部$/, '').replace(/第.党支部$/, ''),
        mobile,
        mobile_location: mobile ? pick(PLACES) : null,
        dues_category: withDues ? category : null,
        monthly_income_fen: withDues ? income : null,
        dues_standard_fen: withDues ? duesStandard(category as 'farmer', income) : null,
        record_updated_at: `${updated}T08:00:00+08:00`,
        created_at: `${dates.applied_on ?? '2020-01-01'}T08:00:00+08:00`,
      });
      if (rows.length >= 5000) await flush();
    }
  }
  await flush();
  const model = await demoModelBranches(ctx.db, ctx.demo);
  await keepModelRecords(ctx, model, today);
  // the demo member account is a member of the village branch it belongs to
  await ctx.db.execute(sql`
    update members set user_id = u.id, name = u.display_name, gender = 'female', name_initials = null
      from users u
     where u.username = 'member'
       and members.id = (select id from members where org_id = u.org_id and gender = 'female' and status = 'full' order by id limit 1)`);
  // and the demo secretary account is the branch's 书记 on record (the branch's own, or a full
  // member without a post made it): notices to secretaries, and messages left for the branch, reach it
  await ctx.db.execute(sql`
    update members set user_id = u.id, name = u.display_name, name_initials = null,
           positions = case when '书记' = any(members.positions) then members.positions else '{书记}' end
      from users u
     where u.username = 'secretary'
       and members.id = (
         select id from members m
          where m.org_id = u.org_id and m.user_id is null and m.status in ('full', 'probationary')
            and m.party_standing = 'normal' and m.left_at is null
          order by '书记' = any(m.positions) desc, m.status = 'full' desc, cardinality(m.positions), m.id
          limit 1)`);
  // their initials are those of the account's name (any other row without keys gets them too)
  for (let n = 1; n > 0; ) n = await fillSearchKeys(ctx.db, ctx.pii);
  // dues paid this year (the last three months for a city): most on time, some gaps, and one
  // member in fifty who has paid nothing, so the arrears report has something to flag
  const { rows: paid } = await ctx.db.execute<{ n: number }>(sql`
    with months as (
      select to_char(d, 'YYYY-MM') as month
        from generate_series(
               greatest(date_trunc('year', ${today}::date), date_trunc('month', ${today}::date) - ${ctx.scale === 'city' ? '3 months' : '12 months'}::interval),
               date_trunc('month', ${today}::date) - interval '1 month', interval '1 month') d),
    ins as (
      insert into dues_payments (member_id, month, amount_fen)
      select m.id, months.month, m.dues_standard_fen
        from members m cross join months
       where m.dues_standard_fen is not null and months.month >= to_char(m.joined_on, 'YYYY-MM')
         and ((m.id % 50 <> 0 and abs(hashtext(m.id || months.month)) % 100 < 96)
              or m.org_id = any(${`{${model.join(',')}}`}::int8[]))
      returning 1)
    select count(*)::int as n from ins`);
  // the platform has kept dues since the first of those months: counting starts there, or at the
  // join month when later (dues/rules.ts duesFromMonth)
  await ctx.db.execute(sql`
    update members set dues_from_month = greatest(
        to_char(greatest(date_trunc('year', ${today}::date), date_trunc('month', ${today}::date) - ${ctx.scale === 'city' ? '3 months' : '12 months'}::interval), 'YYYY-MM'),
        to_char(joined_on, 'YYYY-MM'))
     where status in ('probationary', 'full') and dues_from_month is null`);
  await seedRecruitmentFiles(ctx.db, today);
  // the last months' transfers in the two demo towns, before the cards: a moved member's account is made where they are
  await seedTransfers(ctx);
  // the two demo towns' members hold study cards, and signed in with them
  await seedStudyCards(ctx);
  // the due list ranks stored standings: derive them now rather than on the first look
  await refreshStandings(ctx.db, sql`true`);
  // and the arrears pages read kept figures: compute them for the last completed month
  await computeMonthAfterSeed(ctx.db, lastCompletedMonth(new Date()));
  ctx.log(`党员 ${written} 名，党费缴纳记录 ${paid[0].n} 条`);
}

/**
 * The model 党支部's records are what the department asks of every branch (db/demo-model.ts):
 * every record complete (a phone where the draw gave none), with a photo, changed this year, and
 * each Party member's dues standard set (their dues are then paid every month). After the draw, with
 * a generator of its own, so the rest of the demo is the same with or without them.
 */
async function keepModelRecords(ctx: SeedContext, model: number[], today: string) {
  if (!model.length) return;
  const r = rng(20261204);
  const { rows } = await ctx.db.execute<{
    id: string;
    name: string;
    village: boolean;
    need_phone: boolean;
  }>(sql`
    select m.id, m.name, o.name like '%村%' as village, m.phone_enc is null as need_phone
      from members m join orgs o on o.id = m.org_id
     where m.org_id = any(${`{${model.join(',')}}`}::int8[])`);
  const fixes = rows.map((m) => {
    const id = Number(m.id);
    const phone = m.need_phone ? `139${String(Math.floor(r() * 1e8)).padStart(8, '0')}` : null;
    const keys = phone ? searchKeys(ctx.pii, { name: m.name, phone }) : null;
    const income = Math.round((2800 + r() * 12000) * 100);
    return {
      id,
      phone_enc: phone ? ctx.pii.encrypt(phone, bind('members', 'phone', id)) : null,
      phone_index: keys?.phoneIndex ?? null,
      phone_tail_index: keys?.phoneTailIndex ?? null,
      category: m.village ? 'farmer' : 'salaried',
      income: m.village ? null : income,
      standard: m.village ? duesStandard('farmer', null) : duesStandard('salaried', income),
      updated: `${addDays(today, -Math.floor(r() * 200))}T08:00:00+08:00`,
    };
  });
  await ctx.db.execute(sql`
    update members m
       set photo = coalesce(m.photo, 'demo'),
           phone_enc = coalesce(m.phone_enc, x.phone_enc),
           phone_index = coalesce(m.phone_index, x.phone_index),
           phone_tail_index = coalesce(m.phone_tail_index, x.phone_tail_index),
           dues_category = case when m.dues_standard_fen is null and m.status in ('probationary', 'full') then x.category else m.dues_category end,
           monthly_income_fen = case when m.dues_standard_fen is null and m.status in ('probationary', 'full') then x.income else m.monthly_income_fen end,
           dues_standard_fen = case when m.status in ('probationary', 'full') then coalesce(m.dues_standard_fen, x.standard) end,
           record_updated_at = greatest(m.record_updated_at, x.updated::timestamptz),
           mobile_location = case when m.mobile then coalesce(m.mobile_location, '浙江省杭州市') else m.mobile_location end
      from jsonb_to_recordset(${JSON.stringify(fixes)}::jsonb)
        as x(id int8, phone_enc text, phone_index text, phone_tail_index text, category text, income int, standard int, updated text)
     where m.id = x.id`);
}
