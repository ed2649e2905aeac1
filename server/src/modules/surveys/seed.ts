import { type SQL, sql } from 'drizzle-orm';
import {
  type SurveyDefinition,
  SurveyDefinition as Def,
  type SurveyQuestion,
} from '../../../../contracts/surveys/definition.ts';
import type { SeedContext } from '../../platform/module.ts';
import { addMonthsToMonth, shanghaiMonth, shanghaiMonthRange } from '../../platform/time.ts';
import { respondentsSql } from '../members/index.ts';
import { checkDefinition, questionsOf } from './rules.ts';

/**
 * The demo: the district's 党员教育培训需求调查 — 6 categories, 28 items — answered anonymously by
 * 11,780 of its members, as one district's was. Made in a few set-based statements (every test
 * database is cloned from the seeded template, so the seed must stay quick): each answer is a
 * deterministic function of the member's id (hashint4), skewed towards the first options as real
 * answers are, and a question hidden by its show-if rule is left out as the form leaves it out.
 */
export const DEMO_SURVEY_TITLE = '2026年度党员教育培训需求调查';
export const DEMO_RESPONSES = 11_780;

const SATISFY = ['非常满意', '满意', '基本满意', '不满意'];
const TEXTS = [
  '希望多组织到红色教育基地现场教学，讲好身边的党史故事',
  '建议党课内容更贴近农村实际，多讲惠农政策和乡村振兴',
  '远程教育站点的设备老化，希望更新电视和网络',
  '希望增加实用技术培训，比如种植养殖和电商直播',
  '学习时间和农忙冲突，建议农闲时集中学习',
  '老党员看手机不方便，希望保留纸质学习材料和集中收看',
  '希望党课多请身边的先进典型来讲，接地气',
  '建议加强对流动党员的线上学习提醒和服务',
];

const q = (id: string, kind: SurveyQuestion['kind'], title: string, extra: Partial<SurveyQuestion> = {}) => ({
  id,
  kind,
  title,
  required: kind !== 'textarea' && kind !== 'text',
  ...extra,
});

export const DEMO_DEFINITION: SurveyDefinition = Def.parse({
  sections: [
    {
      title: '一、基本情况',
      questions: [
        q('q1', 'single', '您目前的工作领域', {
          options: ['农村', '社区', '机关事业单位', '国有企业', '非公企业和社会组织', '离退休'],
        }),
        q('q2', 'single', '您平时主要通过什么方式学习', {
          options: ['手机', '电脑', '远教站点集中收看', '纸质材料'],
        }),
        q('q3', 'number', '您每月用于理论学习的大约小时数', { min: 0, max: 200 }),
        q('q4', 'single', '您是否参加过远程教育站点的集中学习', {
          options: ['经常参加', '偶尔参加', '从未参加'],
        }),
        q('q5', 'rating', '对远教站点集中学习的满意度', {
          showIf: { questionId: 'q4', anyOf: [0, 1] },
          minLabel: '很不满意',
          maxLabel: '非常满意',
        }),
      ],
    },
    {
      title: '二、学习内容',
      questions: [
        q('q6', 'multiple', '您最希望学习的内容（最多选3项）', {
          options: ['党的创新理论', '党史', '党章党规', '惠农政策', '实用技术', '法律知识', '乡村振兴'],
          minPicks: 1,
          maxPicks: 3,
        }),
        q('q7', 'ranking', '请按需要程度对以下内容排序', {
          options: ['理论学习', '业务技能', '政策解读', '党性教育'],
        }),
        q('q8', 'single', '您认为目前学习内容的针对性', { options: ['很强', '较强', '一般', '较弱'] }),
        q('q9', 'rating', '对现有课件质量的评价', { minLabel: '很差', maxLabel: '很好' }),
      ],
    },
    {
      title: '三、学习方式',
      questions: [
        q('q10', 'multiple', '您喜欢的学习方式（可多选）', {
          options: ['集中授课', '现场教学', '网络自学', '专题讨论', '观看视频'],
          minPicks: 1,
          maxPicks: 5,
        }),
        q('q11', 'single', '您认为每次集中学习的合适时长', {
          options: ['1小时以内', '1–2小时', '半天', '一天'],
        }),
        q('q12', 'single', '您最方便参加学习的时间', {
          options: ['工作日白天', '工作日晚上', '周末', '农闲时节'],
        }),
        q('q13', 'rating', '对“学习强国”等网络平台的使用熟练程度'),
        q('q14', 'single', '您是否愿意参加线上考试', { options: ['愿意', '无所谓', '不愿意'] }),
      ],
    },
    {
      title: '四、组织生活',
      questions: [
        q('q15', 'matrix', '对本支部组织生活的评价', {
          rows: ['支部党员大会', '支委会', '党小组会', '党课', '主题党日'],
        }),
        q('q16', 'single', '本支部“三会一课”是否按时召开', { options: ['按时召开', '基本按时', '不够规范'] }),
        q('q17', 'single', '您对本支部组织生活会质量的总体评价', { options: SATISFY }),
        q('q18', 'rating', '支部书记讲党课的效果'),
        q('q19', 'single', '您是否在组织生活中开展过批评和自我批评', { options: ['经常', '有时', '很少'] }),
      ],
    },
    {
      title: '五、服务保障',
      questions: [
        q('q20', 'single', '对远教站点设备和网络的满意度', { options: SATISFY }),
        q('q21', 'single', '对学习资料发放的满意度', { options: SATISFY }),
        q('q22', 'single', '流动期间能否及时参加学习', { options: ['能', '有时能', '不能', '不适用'] }),
        q('q23', 'rating', '对上级党组织培训指导的评价'),
        q('q24', 'date', '您最近一次参加集中培训的日期', { required: false }),
      ],
    },
    {
      title: '六、意见建议',
      questions: [
        q('q25', 'single', '您对今年党员教育培训工作的总体评价', { options: SATISFY }),
        q('q26', 'multiple', '您认为最需要改进的方面（最多选2项）', {
          options: ['内容', '形式', '时间安排', '设备条件', '师资'],
          minPicks: 1,
          maxPicks: 2,
        }),
        q('q27', 'single', '是否愿意担任宣讲员', { options: ['愿意', '视情况', '不愿意'] }),
        q('q28', 'textarea', '对党员教育培训工作的意见和建议'),
      ],
    },
  ],
});

/** A number from the member's id and the question's place: the same every seed, spread like a hash. */
const h = (k: number) => sql`abs(hashint4((m.member_id * 37 + ${sql.raw(String(k))})::int))`;

/** The SQL of one question's answer for the member `m`: skewed to the first options (least of two draws). */
function answerSql(question: SurveyQuestion, k: number): SQL {
  const n = question.options.length;
  const low = (mod: number, a = 0) =>
    sql`least(${h(k * 7 + a)} % ${sql.raw(String(mod))}, ${h(k * 7 + a + 1)} % ${sql.raw(String(mod))})`;
  const span = question.scaleMax - question.scaleMin + 1;
  const score = (a = 0) => sql`(${sql.raw(String(question.scaleMax))} - ${low(span, a)})`;
  switch (question.kind) {
    case 'single':
      return sql`to_jsonb(${low(n)})`;
    case 'multiple':
      // two different options (the second shifted from the first), or one
      return sql`case when ${h(k * 7 + 3)} % 3 = 0 then jsonb_build_array(${low(n)})
                      else jsonb_build_array(${low(n)}, (${low(n)} + 1 + ${h(k * 7 + 4)} % ${sql.raw(String(n - 1))}) % ${sql.raw(String(n))}) end`;
    case 'rating':
      return sql`to_jsonb(${score()})`;
    case 'matrix':
      return sql`jsonb_build_array(${sql.join(
        question.rows.map((_, r) => score(r * 2 + 10)),
        sql`, `,
      )})`;
    case 'ranking': {
      const s = sql`(${h(k * 7 + 5)} % ${sql.raw(String(n))})`;
      return sql`jsonb_build_array(${sql.join(
        question.options.map((_, i) => sql`(${s} + ${sql.raw(String(i))}) % ${sql.raw(String(n))}`),
        sql`, `,
      )})`;
    }
    case 'number':
      return sql`to_jsonb(${h(k)} % 30)`;
    case 'date':
      return sql`case when ${h(k)} % 4 = 0 then null else to_jsonb(to_char(date '2026-01-05' + (${h(k + 1)} % 300)::int, 'YYYY-MM-DD')) end`;
    default:
      return sql`case when ${h(k)} % 3 = 0 then null
                      else to_jsonb((${sql.param(TEXTS)}::text[])[1 + ${h(k + 1)} % ${sql.raw(String(TEXTS.length))}]) end`;
  }
}

export async function seedSurveys(ctx: SeedContext) {
  if (!ctx.demo.town1) return;
  const problem = checkDefinition(DEMO_DEFINITION);
  if (problem) throw new Error(`demo survey: ${problem.en}`);
  // the district: town 1's parent (the root of a district demo; one district of a city's)
  const { rows: at } = await ctx.db.execute<{ id: number; path: string }>(sql`
    select d.id, d.path from orgs t join orgs d on d.id = t.parent_id where t.id = ${ctx.demo.town1}`);
  const district = at[0];
  const qs = questionsOf(DEMO_DEFINITION);
  const byId = new Map(qs.map((x, i) => [x.id, { x, i }]));
  const fields = qs.map((x, i) => {
    let value = answerSql(x, i + 1);
    if (x.showIf) {
      const src = byId.get(x.showIf.questionId)!;
      value = sql`case when (${answerSql(src.x, src.i + 1)})::int = any(${sql.param(x.showIf.anyOf)}::int[]) then ${value} end`;
    }
    return sql`${x.id}::text, ${value}`;
  });
  const { rows: made } = await ctx.db.execute<{ id: number }>(sql`
    insert into surveys (org_id, org_path, title, description, anonymous, audience_kind, audience_org_id, status, version,
                         definition, closes_at, published_at, summary, created_at, updated_at)
    values (${district.id}, ${district.path}, ${DEMO_SURVEY_TITLE},
            '了解全区党员对教育培训内容、方式和保障的需求，为制定下年度培训计划提供依据。本问卷匿名填写。',
            true, 'org', ${district.id}, 'closed', 1, ${JSON.stringify(DEMO_DEFINITION)}::jsonb,
            '2026-10-31T23:59:59+08:00', '2026-10-08T09:00:00+08:00',
            ${'全区共收回有效答卷 11780 份。党员最希望学习党的创新理论和惠农政策，喜欢集中授课和现场教学相结合的方式。\n建议下年度培训计划增加实用技术课程，合理安排农闲时节集中学习，并更新部分远教站点设备。'},
            '2026-10-08T09:00:00+08:00', '2026-11-01T09:00:00+08:00')
    returning id`);
  const id = made[0].id;
  await ctx.db.execute(sql`
    insert into survey_invitees (survey_id, member_id, org_id, org_path)
    select ${id}::int8, m.member_id, m.org_id, m.org_path from (${respondentsSql([district.path])}) m`);
  await ctx.db.execute(
    sql`update surveys set invited_count = (select count(*) from survey_invitees where survey_id = ${id}) where id = ${id}`,
  );
  const respondents = sql`(select m.* from (${respondentsSql([district.path])}) m
     order by hashint4(m.member_id::int), m.member_id limit ${DEMO_RESPONSES})`;
  await ctx.db.execute(sql`
    insert into survey_participations (survey_id, member_id) select ${id}::int8, member_id from ${respondents} r`);
  // anonymous: no member id; the time to the hour, spread over the three weeks the survey was open
  await ctx.db.execute(sql`
    insert into survey_responses (survey_id, version, answers, org_id, org_path, gender, age_band, category, submitted_at)
    select ${id}::int8, 1, jsonb_strip_nulls(jsonb_build_object(${sql.join(fields, sql`, `)})), m.org_id, m.org_path, m.gender,
           case when age < 35 then 'under35' when age <= 45 then '35to45' when age <= 60 then '46to60' else 'over60' end,
           m.status,
           timestamptz '2026-10-08 09:00+08' + ((abs(hashint4(m.member_id::int)) % 500) * interval '1 hour')
      from (select r.*, extract(year from age(date '2026-10-08', r.birth_date))::int as age from ${respondents} r) m`);
  ctx.log(`问卷 1 份，答卷 ${DEMO_RESPONSES} 份`);
  await seedMonthSurveys(ctx);
}

/**
 * The demo towns' surveys of the last two months: each town asks its members, publishing early in
 * the month and closing by the deadline late in it; most of each branch's members answer
 * anonymously (a branch's turnout from 70% to all, by a fixed hash of the branch and the survey) —
 * so the assessment's 问卷调查参与率 of last month, and the month before, are real figures with
 * branches to name. Dates from the day the seed runs; bounded by the two towns.
 */
export const MONTH_SURVEY_TITLE = '党员学习需求和组织生活满意度调查';

const MONTH_SURVEYS: {
  monthsAgo: number;
  title: string;
  description: string;
  definition: SurveyDefinition;
}[] = [
  {
    monthsAgo: 1,
    title: MONTH_SURVEY_TITLE,
    description:
      '为安排好下一阶段党员集中学习培训，了解党员的学习需求和对组织生活的意见。本问卷匿名填写，约需3分钟。',
    definition: Def.parse({
      sections: [
        {
          title: '一、学习需求',
          questions: [
            q('q1', 'multiple', '您最希望学习的内容（最多选2项）', {
              options: ['党的创新理论', '党史党章', '惠农政策', '实用技术', '法律知识'],
              minPicks: 1,
              maxPicks: 2,
            }),
            q('q2', 'single', '您最方便参加集中学习的时间', { options: ['上午', '下午', '晚上', '周末'] }),
            q('q3', 'rating', '对上一次集中学习效果的评价', { minLabel: '很差', maxLabel: '很好' }),
          ],
        },
        {
          title: '二、组织生活',
          questions: [
            q('q4', 'single', '您对本支部组织生活的总体评价', { options: SATISFY }),
            q('q5', 'textarea', '对学习培训和组织生活的意见建议'),
          ],
        },
      ],
    }),
  },
  {
    monthsAgo: 2,
    title: '“三会一课”开展情况调查',
    description: '了解各党支部“三会一课”和主题党日的开展情况，听取党员意见。本问卷匿名填写，约需2分钟。',
    definition: Def.parse({
      sections: [
        {
          title: '“三会一课”',
          questions: [
            q('q1', 'single', '本支部“三会一课”是否按时召开', {
              options: ['按时召开', '基本按时', '不够规范'],
            }),
            q('q2', 'rating', '支部书记讲党课的效果'),
            q('q3', 'single', '您对本支部主题党日活动的总体评价', { options: SATISFY }),
            q('q4', 'textarea', '对开展“三会一课”的意见建议'),
          ],
        },
      ],
    }),
  },
];

export async function seedMonthSurveys(ctx: SeedContext) {
  const towns = [ctx.demo.town1, ctx.demo.town2].filter(Boolean);
  if (!towns.length) return;
  let answered = 0;
  for (const [k, s] of MONTH_SURVEYS.entries()) {
    const problem = checkDefinition(s.definition);
    if (problem) throw new Error(`demo survey ${s.title}: ${problem.en}`);
    const month = addMonthsToMonth(shanghaiMonth(new Date()), -s.monthsAgo);
    const { from } = shanghaiMonthRange(month);
    const at = (days: number, hours: number) =>
      new Date(from.getTime() + days * 86_400_000 + hours * 3_600_000);
    // published on the 3rd at 09:00, closing on the 25th at 18:00 (Shanghai): inside any month
    const published = at(2, 9);
    const closes = at(24, 18);
    const fields = questionsOf(s.definition).map(
      (x, i) => sql`${x.id}::text, ${answerSql(x, i + 41 + k * 10)}`,
    );
    const salt = sql.raw(String(5 + k * 101));
    for (const town of towns) {
      const { rows } = await ctx.db.execute<{ path: string }>(sql`select path from orgs where id = ${town}`);
      const path = rows[0].path;
      const { rows: made } = await ctx.db.execute<{ id: number }>(sql`
        insert into surveys (org_id, org_path, title, description, anonymous, audience_kind, audience_org_id, status, version,
                             definition, closes_at, published_at, summary, created_at, updated_at)
        values (${town}, ${path}, ${s.title}, ${s.description}, true, 'org', ${town}, 'closed', 1,
                ${JSON.stringify(s.definition)}::jsonb, ${closes}, ${published}, '', ${at(1, 16)}, ${closes})
        returning id`);
      const id = made[0].id;
      await ctx.db.execute(sql`
        insert into survey_invitees (survey_id, member_id, org_id, org_path)
        select ${id}::int8, m.member_id, m.org_id, m.org_path from (${respondentsSql([path])}) m`);
      await ctx.db.execute(
        sql`update surveys set invited_count = (select count(*) from survey_invitees where survey_id = ${id}) where id = ${id}`,
      );
      // a branch's turnout: 70% to 100% by a hash of the branch (one in five of them below 85%)
      const respondents = sql`(select m.* from (${respondentsSql([path])}) m
         where abs(hashint4((m.member_id * 13 + ${salt})::int)) % 100 <
               case when abs(hashint4(m.org_id::int + ${salt})) % 5 = 0 then 70 + abs(hashint4(m.org_id::int + 1)) % 15
                    else 88 + abs(hashint4(m.org_id::int + 1)) % 13 end)`;
      const { rows: n } = await ctx.db.execute<{ n: number }>(sql`
        insert into survey_participations (survey_id, member_id)
        select ${id}::int8, member_id from ${respondents} r returning 1 as n`);
      answered += n.length;
      const span = Math.floor((closes.getTime() - published.getTime()) / 3_600_000);
      await ctx.db.execute(sql`
        insert into survey_responses (survey_id, version, answers, org_id, org_path, gender, age_band, category, submitted_at)
        select ${id}::int8, 1, jsonb_strip_nulls(jsonb_build_object(${sql.join(fields, sql`, `)})), m.org_id, m.org_path, m.gender,
               case when age < 35 then 'under35' when age <= 45 then '35to45' when age <= 60 then '46to60' else 'over60' end,
               m.status,
               ${published}::timestamptz + ((abs(hashint4(m.member_id::int + 7)) % ${span}) * interval '1 hour')
          from (select r.*, extract(year from age(${published}::date, r.birth_date))::int as age from ${respondents} r) m`);
    }
  }
  ctx.log(`问卷 ${MONTH_SURVEYS.length * towns.length} 份（近两个月），答卷 ${answered} 份`);
}
