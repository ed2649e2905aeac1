import { sql } from 'drizzle-orm';
import type { AnswerValue } from '../../../../../contracts/exams/sittings.ts';
import { demoRandom } from '../../../db/demo-random.ts';
import type { SeedContext } from '../../../platform/module.ts';
import { addMonthsToMonth, shanghaiMonth, shanghaiMonthRange } from '../../../platform/time.ts';
import { activityPeople } from '../../members/index.ts';
import { paperDraw } from '../papers/pool.ts';
import { papers } from '../schema.ts';
import { scoreOf } from '../scoring.ts';
import { drawFor } from './attempts.ts';
import type { Sitting } from './store.ts';

/**
 * The demo's exams: last month each demo town held a 知识测试 for all its members, drawn from the
 * department's bank by a random paper (papers/), closed and graded — so the assessment's 参考率 and
 * 及格率 of last month are real figures. Most members sat it, most of those passed, some did not;
 * every attempt was drawn from its own seed as startAttempt draws it, its answers scored as submit
 * scores them (scoring.ts), its total settled as settle.ts settles it, and its wrong answers filed
 * in the member's book of wrong answers as practice/book.ts files them. Nothing is open: no member
 * (the demo `member` account included) finds an exam waiting. No notice is sent (a month-old
 * 考试通知 would only crowd the members' inboxes) and no audit entry is written: the demo's admins
 * did not publish it through this platform's audit trail. Bounded by the two towns' members.
 */

const PASS = 60;
const DURATION = 60;
const DAY = 86_400_000;
const HOUR = 3_600_000;

type Row = {
  memberId: number;
  orgId: number;
  orgPath: string;
  seed: number;
  slots: string;
  startedAt: string;
  dueAt: string;
  submittedAt: string;
  submittedBy: 'member' | 'clock';
  score: number;
  passed: boolean;
};

export async function seedSittings(ctx: SeedContext) {
  const towns = [ctx.demo.town1, ctx.demo.town2].filter(Boolean);
  if (!towns.length) return;
  const { rows: roots } = await ctx.db.execute<{ id: number; path: string }>(
    sql`select id, path from orgs where parent_id is null order by id limit 1`,
  );
  const { rows: cats } = await ctx.db.execute<{ id: number; name: string }>(
    sql`select id, name from question_categories where org_id = ${roots[0].id} and parent_id is null`,
  );
  const cat = (name: string) => cats.find((c) => c.name === name)?.id;
  if (!cat('党章') || !cat('党史') || !cat('三会一课')) return;

  const month = addMonthsToMonth(shanghaiMonth(new Date()), -1);
  const { from } = shanghaiMonthRange(month);
  const at = (days: number, hours = 0) => new Date(from.getTime() + days * DAY + hours * HOUR);
  const [, mm] = month.split('-').map(Number);

  // the department's paper: 10 单选 (6 points) and 10 判断 (4 points), 100 in all
  const [paper] = await ctx.db
    .insert(papers)
    .values({
      orgId: roots[0].id,
      orgPath: roots[0].path,
      title: '党章党史和组织生活知识测试卷（随机组卷）',
      kind: 'random',
      points: { single: 6, multiple: 6, truefalse: 4, fill: 4, numeric: 4, short: 10 },
      shuffleOptions: true,
      createdAt: at(5, 10),
      updatedAt: at(5, 10),
    })
    .returning();
  const rules: [string, 'single' | 'truefalse', number][] = [
    ['党章', 'single', 4],
    ['党史', 'single', 4],
    ['三会一课', 'single', 2],
    ['党章', 'truefalse', 4],
    ['党史', 'truefalse', 3],
    ['三会一课', 'truefalse', 3],
  ];
  await ctx.db.execute(sql`
    insert into paper_rules (paper_id, position, category_id, include_subcategories, type, difficulty, count)
    select ${paper.id}::int8, x.pos, x.cat, true, x.type, null, x.n
      from unnest(${sql.param(rules.map((_, i) => i + 1))}::int[], ${sql.param(rules.map((r) => cat(r[0])!))}::int8[],
                  ${sql.param(rules.map((r) => r[1]))}::text[], ${sql.param(rules.map((r) => r[2]))}::int[]) as x(pos, cat, type, n)`);
  const pool = await paperDraw(ctx.db, paper);
  if (!pool.ok) throw new Error(`demo paper: ${pool.en}`);

  const rand = demoRandom(1518);
  let exams = 0;
  let sat = 0;
  let passed = 0;
  let candidates = 0;
  for (const [t, townId] of towns.entries()) {
    const { rows: townRows } = await ctx.db.execute<{ path: string; place: string | null }>(
      sql`select path, place from orgs where id = ${townId}`,
    );
    const town = townRows[0];
    const people = await activityPeople(ctx.db, { orgPath: town.path });
    if (!people.length) continue;
    const opensAt = at(13 + t, 9);
    const closesAt = at(20 + t, 18);
    const title = `${mm}月党章党史和组织生活知识测试`;
    const { rows: made } = await ctx.db.execute<{ id: number }>(sql`
      insert into exams (org_id, org_path, paper_id, title, description, opens_at, closes_at, duration_minutes,
                         attempts_allowed, total_points, pass_score, audience_kind, audience_org_id, candidate_count,
                         draw, status, created_at, updated_at)
      values (${townId}, ${town.path}, ${paper.id}, ${title},
              ${`${town.place ?? '本镇'}全体党员参加，随机组卷，限时 ${DURATION} 分钟，满分 ${pool.totalPoints} 分，${PASS} 分及格。`},
              ${opensAt}, ${closesAt}, ${DURATION}, 1, ${pool.totalPoints}, ${PASS}, 'org', ${townId}, ${people.length},
              ${JSON.stringify(pool.draw)}::jsonb, 'published', ${at(10 + t, 10)}, ${at(10 + t, 10)})
      returning id`);
    const examId = Number(made[0].id);
    exams++;
    const qs = pool.questions;
    const pointsOf = (type: string) => paper.points[type as keyof typeof paper.points] ?? 0;
    await ctx.db.execute(sql`
      insert into exam_questions (exam_id, question_id, category_id, type, difficulty, body, points)
      select ${examId}::int8, q.id, q.category_id, q.type, q.difficulty, q.body, x.p
        from unnest(${sql.param(qs.map((q) => q.id))}::int8[], ${sql.param(qs.map((q) => pointsOf(q.type)))}::float8[]) as x(id, p)
        join questions q on q.id = x.id`);
    await ctx.db.execute(sql`
      insert into exam_candidates (exam_id, member_id, org_id, org_path)
      select ${examId}::int8, m, o, p
        from unnest(${sql.param(people.map((p) => p.memberId))}::int8[], ${sql.param(people.map((p) => p.orgId))}::int8[],
                    ${sql.param(people.map((p) => p.orgPath))}::text[]) as x(m, o, p)`);
    candidates += people.length;

    const sitting: Sitting = {
      exam: { closesAt } as Sitting['exam'],
      draw: pool.draw,
      questions: new Map(
        qs.map((q) => [q.id, { body: q.body, points: pointsOf(q.type), type: q.body.type }]),
      ),
    };
    // a branch's members sat alike (one branch organized its members well, another less so): a
    // branch's turnout and strength, then each member's
    const branchTurnout = new Map<number, number>();
    const branchStrength = new Map<number, number>();
    const attempts: Row[] = [];
    const answers: { member: number; slot: number; answer: string; score: number; savedAt: string }[] = [];
    const book: { member: number; q: number; answer: string | null; right: boolean; at: string }[] = [];
    for (const p of people) {
      if (!branchTurnout.has(p.orgId)) {
        const weak = rand() < 0.15;
        branchTurnout.set(p.orgId, weak ? 0.7 + rand() * 0.15 : 0.9 + rand() * 0.1);
        branchStrength.set(p.orgId, weak ? 0.55 + rand() * 0.1 : 0.68 + rand() * 0.12);
      }
      if (rand() > branchTurnout.get(p.orgId)!) continue; // 缺考
      const seed = 1 + Math.floor(rand() * 2_147_483_646);
      const slots = drawFor(sitting, seed);
      const skill = Math.min(0.98, Math.max(0.3, branchStrength.get(p.orgId)! + (rand() - 0.5) * 0.4));
      const start =
        opensAt.getTime() +
        Math.floor(rand() * 6) * DAY +
        Math.floor(rand() * 12) * HOUR +
        Math.floor(rand() * 60) * 60_000;
      const due = Math.min(start + DURATION * 60_000, closesAt.getTime());
      const byClock = rand() < 0.03;
      const took = byClock ? due + 10_000 : start + (12 + Math.floor(rand() * 40)) * 60_000;
      let score = 0;
      for (const [i, slot] of slots.entries()) {
        const q = sitting.questions.get(slot.q)!;
        const savedAt = new Date(
          start + ((i + 1) * (Math.min(took, due) - start)) / (slots.length + 1),
        ).toISOString();
        // one in fifty left blank by a hurried member, otherwise right by the member's skill
        const blank = rand() < 0.02;
        let answer: AnswerValue | null = null;
        if (!blank) {
          const right = rand() < skill;
          if (q.type === 'truefalse')
            answer = { truth: right ? q.body.correct === true : q.body.correct !== true };
          else {
            const choices = q.body.choices ?? [];
            const good = choices.findIndex((c) => c.weight >= 100);
            const wrong = choices.map((_, k) => k).filter((k) => k !== good);
            answer = { choices: [right ? good : wrong[Math.floor(rand() * wrong.length)]] };
          }
        }
        const s = scoreOf(q.body, answer, slot.points) ?? 0;
        score += s;
        if (answer)
          answers.push({ member: p.memberId, slot: i, answer: JSON.stringify(answer), score: s, savedAt });
        book.push({
          member: p.memberId,
          q: slot.q,
          answer: answer ? JSON.stringify(answer) : null,
          right: s >= slot.points && slot.points > 0,
          at: new Date(took).toISOString(),
        });
      }
      score = Math.round(score * 100) / 100;
      attempts.push({
        memberId: p.memberId,
        orgId: p.orgId,
        orgPath: p.orgPath,
        seed,
        slots: JSON.stringify(slots),
        startedAt: new Date(start).toISOString(),
        dueAt: new Date(due).toISOString(),
        submittedAt: new Date(took).toISOString(),
        submittedBy: byClock ? 'clock' : 'member',
        score,
        passed: score >= PASS,
      });
      sat++;
      if (score >= PASS) passed++;
    }
    // submitted and graded: nothing here waits for a grader (no short answer on the paper)
    await ctx.db.execute(sql`
      insert into exam_attempts (exam_id, member_id, org_id, org_path, attempt_no, seed, slots, started_at, due_at,
                                 submitted_at, submitted_by, status, score, pending, passed)
      select ${examId}::int8, x."memberId", x."orgId", x."orgPath", 1, x.seed, x.slots::jsonb, x."startedAt", x."dueAt",
             x."submittedAt", x."submittedBy", 'graded', x.score, 0, x.passed
        from jsonb_to_recordset(${JSON.stringify(attempts)}::jsonb)
          as x("memberId" int8, "orgId" int8, "orgPath" text, seed int8, slots text, "startedAt" timestamptz,
               "dueAt" timestamptz, "submittedAt" timestamptz, "submittedBy" text, score float8, passed bool)`);
    await ctx.db.execute(sql`
      insert into exam_answers (attempt_id, slot, answer, saved_at, auto_score)
      select a.id, x.slot, x.answer::jsonb, x.saved_at, x.score
        from unnest(${sql.param(answers.map((r) => r.member))}::int8[], ${sql.param(answers.map((r) => r.slot))}::int[],
                    ${sql.param(answers.map((r) => r.answer))}::text[], ${sql.param(answers.map((r) => r.savedAt))}::timestamptz[],
                    ${sql.param(answers.map((r) => r.score))}::float8[]) as x(member, slot, answer, saved_at, score)
        join exam_attempts a on a.exam_id = ${examId} and a.member_id = x.member and a.attempt_no = 1`);
    // the book of wrong answers, as submit files them (one exam a member, so one row a question)
    await ctx.db.execute(sql`
      insert into practice_records as r (member_id, question_id, answered, correct, in_book, last_answer, last_source, last_at)
      select x.m, x.q, 1, case when x.ok then 1 else 0 end, not x.ok, case when x.ok then null else x.a::jsonb end, 'exam', x.at
        from unnest(${sql.param(book.map((b) => b.member))}::int8[], ${sql.param(book.map((b) => b.q))}::int8[],
                    ${sql.param(book.map((b) => b.answer))}::text[], ${sql.param(book.map((b) => b.right))}::bool[],
                    ${sql.param(book.map((b) => b.at))}::timestamptz[]) as x(m, q, a, ok, at)
      on conflict (member_id, question_id) do update
         set answered = r.answered + 1,
             correct = r.correct + excluded.correct,
             in_book = r.in_book or excluded.in_book,
             last_answer = case when excluded.in_book then excluded.last_answer else r.last_answer end,
             last_source = case when excluded.in_book then 'exam' else r.last_source end,
             last_at = case when excluded.in_book then excluded.last_at else r.last_at end`);
  }
  ctx.log(`考试 ${exams} 场（${month}），应考 ${candidates} 人，参考 ${sat} 人，及格 ${passed} 人`);
}
