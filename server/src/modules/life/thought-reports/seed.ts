import { demoModelBranches } from '../../../db/demo-model.ts';
import { sql } from 'drizzle-orm';
import { demoRandom as rng } from '../../../db/demo-random.ts';
import type { SeedContext } from '../../../platform/module.ts';
import { addDays, shanghaiToday } from '../../../platform/time.ts';
import { thoughtReportWriters } from '../../members/index.ts';
import { defaultTitle, isDue, periodOf, previousPeriod } from './rules.ts';

/**
 * A year of 思想汇报 in the two demo towns (the other towns stay empty, so a city's seed grows by
 * no more than a district's), at the default frequency (quarterly): most writers handed in most
 * quarters and the branch reviewed them; some did not, so the missing list has names. This
 * quarter some are in and waiting for review. In the demo secretary's own branch the probationers
 * have not handed in this quarter yet (the end-to-end test hands one in), its activists have.
 * About one branch in three (never the demo secretary's) has set monthly reports a year ago, so
 * every month, not only a quarter's last, has reports due (思想汇报按期提交 of the assessment):
 * most writers hand in within the month, some a few days late, some not at all; a few of the
 * quarterly writers hand in after their quarter too.
 */
const OPENINGS = [
  '敬爱的党组织：\n这一季度，我认真学习了党的创新理论，结合本职工作，对照党员标准查找差距。',
  '敬爱的党组织：\n近三个月来，我在支部的教育帮助下，坚持参加组织生活，按时学习党的基本知识。',
  '敬爱的党组织：\n本季度我重点学习了《中国共产党章程》，进一步端正了入党动机。',
];
/** The same, for a month's report. */
const MONTHLY_OPENINGS = [
  '敬爱的党组织：\n这个月，我认真学习了党的创新理论，结合本职工作，对照党员标准查找差距。',
  '敬爱的党组织：\n本月我坚持参加支部的组织生活，按时学习党的基本知识，现将思想情况汇报如下。',
];
const MIDDLES = [
  '在工作中，我主动承担村里的环境整治任务，带头清理河道，帮助困难群众解决实际问题。',
  '我积极参加主题党日和志愿服务，走访了辖区内的独居老人，体会到全心全意为人民服务的含义。',
  '通过学习，我认识到自己在理论学习上还不够系统，在工作中有时急于求成，今后要努力改正。',
];
const CLOSINGS = [
  '今后我将继续加强学习，严格要求自己，以实际行动争取早日成为一名合格的共产党员。请党组织继续考察。\n汇报人：{name}',
  '恳请党组织对我进行批评和指导，我将虚心接受，不断进步。\n汇报人：{name}',
];
const COMMENTS = [
  '汇报认真，学习体会深刻，望继续发挥带头作用。',
  '思想认识有提高，今后要把学习成果更多地落实到工作中。',
  '已阅。请结合本职工作，进一步谈谈如何发挥模范作用。',
  '能够正视自身不足，态度端正，望继续努力。',
];

/** Monthly periods seeded for the branches that report monthly: this one and the half-year before it. */
const MONTHLY_PERIODS = 7;

export async function seedThoughtReports(ctx: SeedContext) {
  const r = rng(20261305);
  // the monthly branches and the late reports draw from their own sequence, so the quarterly
  // branches' reports stay those the tests have known
  const rm = rng(20261314);
  const models = new Set(await demoModelBranches(ctx.db, ctx.demo));
  const now = new Date();
  const today = shanghaiToday(now);
  const current = periodOf(today, 'quarterly');
  const periods = [current];
  for (let i = 0; i < 3; i++) periods.push(previousPeriod(periods[periods.length - 1]));
  const currentMonth = periodOf(today, 'monthly');
  const months = [currentMonth];
  for (let i = 1; i < MONTHLY_PERIODS; i++) months.push(previousPeriod(months[months.length - 1]));
  const pick = <T>(a: readonly T[], rnd = r) => a[Math.floor(rnd() * a.length)];
  const { rows: reviewers } = await ctx.db.execute<{ username: string; id: number }>(
    sql`select username, id from users where username in ('secretary', 'town_admin', 'town2_admin')`,
  );
  const reviewer = (town: number) =>
    reviewers.find((u) => u.username === (town === ctx.demo.town1 ? 'town_admin' : 'town2_admin'))?.id;
  const secretary = reviewers.find((u) => u.username === 'secretary')?.id;

  const rows: Record<string, unknown>[] = [];
  for (const town of [ctx.demo.town1, ctx.demo.town2]) {
    if (!town) continue;
    const { rows: t } = await ctx.db.execute<{ path: string }>(sql`select path from orgs where id = ${town}`);
    if (!t[0]) continue;
    const writers = await thoughtReportWriters(ctx.db, t[0].path, periods.at(-1)!.start);
    // about one branch in three reports monthly, set by the town a year ago (not the demo secretary's)
    const branchIds = [...new Set(writers.map((w) => Number(w.org_id)))].sort((a, b) => a - b);
    const monthly = new Map<number, number>();
    for (const id of branchIds) {
      if (id === ctx.demo.villageBranch) continue;
      // how faithfully its writers hand in: most well, some poorly; a model branch (db/demo-model.ts)
      // reports monthly, and every report on time
      const diligence = rm() < 0.35 ? (rm() < 0.25 ? 0.55 + rm() * 0.2 : 0.85 + rm() * 0.15) : null;
      if (models.has(id)) monthly.set(id, 1);
      else if (diligence !== null) monthly.set(id, diligence);
    }
    if (monthly.size)
      await ctx.db.execute(sql`
        insert into thought_report_frequencies (org_id, frequency, set_by, set_at)
        select unnest(${`{${[...monthly.keys()].join(',')}}`}::int8[]), 'monthly', ${reviewer(town) ?? null}::int8,
               ${new Date(`${periods.at(-1)!.start}T10:00:00+08:00`).toISOString()}::timestamptz`);
    for (const w of writers) {
      const ownBranch = Number(w.org_id) === ctx.demo.villageBranch;
      const diligence = monthly.get(Number(w.org_id));
      for (const p of diligence === undefined ? periods : months) {
        if (!isDue({ writerFrom: w.writer_from, writerUntil: w.writer_until }, p)) continue;
        const isCurrent = p.label === current.label || p.label === currentMonth.label;
        if (isCurrent && ownBranch && w.status === 'probationary') continue;
        const rnd = diligence === undefined ? r : rm;
        if (rnd() > (isCurrent ? 0.5 : (diligence ?? 0.82))) continue;
        // handed in some day of the period, this period's before today; some past ones a few days late
        const span = Math.max(1, (Date.parse(isCurrent ? today : p.last) - Date.parse(p.start)) / 86_400_000);
        let day = addDays(p.start, Math.floor(rnd() * span));
        if (!isCurrent && rm() < (diligence === undefined ? 0.06 : 0.12) && diligence !== 1) {
          const late = addDays(p.last, 1 + Math.floor(rm() * 12));
          if (late < today) day = late;
        }
        // never after now (on a period's first day the hour drawn may be still to come)
        const submittedAt = new Date(
          Math.min(
            Date.parse(`${day}T${String(8 + Math.floor(rnd() * 12)).padStart(2, '0')}:20:00+08:00`),
            now.getTime() - 600_000,
          ),
        );
        const reviewed = isCurrent ? rnd() < 0.3 : rnd() < 0.9;
        const reviewedAt = new Date(
          Math.min(submittedAt.getTime() + (1 + Math.floor(rnd() * 10)) * 86_400_000, now.getTime()),
        );
        // a writer who is full now was a probationer when they wrote
        const stage = w.status === 'full' ? 'probationary' : w.status;
        rows.push({
          member_id: w.member_id,
          member_name: w.name,
          stage,
          org_id: w.org_id,
          org_path: w.org_path,
          period: p.label,
          title: defaultTitle(p.label),
          body: `${pick(p.frequency === 'monthly' ? MONTHLY_OPENINGS : OPENINGS, rnd)}\n${pick(MIDDLES, rnd)}\n${pick(CLOSINGS, rnd).replace('{name}', w.name)}\n${day}`,
          submitted_at: submittedAt.toISOString(),
          reviewed_at: reviewed ? reviewedAt.toISOString() : null,
          reviewed_by: reviewed ? ((ownBranch ? secretary : reviewer(town)) ?? null) : null,
          comment: reviewed ? pick(COMMENTS, rnd) : null,
        });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 5000)
    await ctx.db.execute(sql`
      insert into thought_reports (member_id, member_name, stage, org_id, org_path, period, title, body, submitted_at,
                                   reviewed_at, reviewed_by, comment)
      select member_id, member_name, stage, org_id, org_path, period, title, body, submitted_at,
             case when reviewed_by is null then null else reviewed_at end, reviewed_by,
             case when reviewed_by is null then null else comment end
        from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 5000))}::jsonb)
          as x(member_id int8, member_name text, stage text, org_id int8, org_path text, period text, title text,
               body text, submitted_at timestamptz, reviewed_at timestamptz, reviewed_by int8, comment text)`);
  ctx.log(`思想汇报 ${rows.length} 份`);
}
