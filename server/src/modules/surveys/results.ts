import { inArray, sql } from 'drizzle-orm';
import { GENDER_LABELS, MEMBER_STATUS_LABELS, SURVEY_AGE_BAND_LABELS } from '../../../../contracts/labels.ts';
import type { SurveyQuestion } from '../../../../contracts/surveys/definition.ts';
import type {
  CrossBy,
  CrossTab,
  OrgRate,
  QuestionResult,
  SurveyResults,
  WordFrequency,
} from '../../../../contracts/surveys/surveys.ts';
import type { Queryable } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { fieldError } from '../../platform/http/errors.ts';
import { wordsOf } from '../../platform/search/index.ts';
import { orgs } from '../../platform/tree/index.ts';
import { questionsOf, range, STOP_WORDS } from './rules.ts';
import type { SurveyRow } from './schema.ts';
import { surveyFor } from './store.ts';

// Results are SQL aggregates over the responses' jsonb, one pass per figure, so a survey of tens of
// thousands of responses is counted in the database, not in the process.

const pct = (n: number, of: number) => (of ? Math.round((n * 1000) / of) / 10 : 0);
const COUNTED = new Set(['single', 'multiple', 'rating', 'matrix', 'ranking']);

/** The values a counted question is tallied over: option indexes, or the scale's scores. */
export function valuesOf(q: SurveyQuestion): { value: number; label: string }[] {
  if (q.kind === 'rating' || q.kind === 'matrix')
    return range(q.scaleMin, q.scaleMax).map((v) => ({ value: v, label: `${v}分` }));
  return q.options.map((label, value) => ({ value, label }));
}

/** The survey's results as its admin sees them: per question, and the response rate per org. */
export async function surveyResults(ctx: Ctx, id: number): Promise<SurveyResults> {
  const s = await surveyFor(ctx, ctx.db, id, 'survey.view');
  return resultsOf(ctx.db, s);
}

export async function resultsOf(db: Queryable, s: SurveyRow): Promise<SurveyResults> {
  const qs = questionsOf(s.definition);
  const counted = qs.filter((q) => COUNTED.has(q.kind)).map((q) => q.id);
  const numbers = qs.filter((q) => q.kind === 'number').map((q) => q.id);
  const [{ rows: tallies }, { rows: answered }, { rows: means }, { rows: total }] = await Promise.all([
    // (question, position in an array answer or null, value) → count: a single answer, each pick of a
    // multiple, each row of a matrix (position = row), each place of a ranking (position = place)
    db.execute<{ q: string; ord: number | null; val: number; n: number }>(sql`
      select e.key as q, x.ord, x.val, count(*)::int as n
        from survey_responses r
        cross join lateral jsonb_each(r.answers) e(key, v)
        cross join lateral (
          select null::int as ord, (e.v #>> '{}')::float8 as val where jsonb_typeof(e.v) = 'number'
          union all
          select a.ord::int, (a.val #>> '{}')::float8
            from jsonb_array_elements(case when jsonb_typeof(e.v) = 'array' then e.v else '[]'::jsonb end)
                 with ordinality a(val, ord)
           where jsonb_typeof(a.val) = 'number') x
       where r.survey_id = ${s.id} and e.key = any(${sql.param(counted)}::text[])
       group by 1, 2, 3`),
    db.execute<{ q: string; n: number }>(sql`
      select e.key as q, count(*)::int as n from survey_responses r cross join lateral jsonb_object_keys(r.answers) e(key)
       where r.survey_id = ${s.id} group by 1`),
    db.execute<{ q: string; mean: number | null }>(sql`
      select e.key as q, avg((e.v #>> '{}')::float8) as mean
        from survey_responses r cross join lateral jsonb_each(r.answers) e(key, v)
       where r.survey_id = ${s.id} and e.key = any(${sql.param(numbers)}::text[]) and jsonb_typeof(e.v) = 'number'
       group by 1`),
    db.execute<{ n: number }>(sql`select count(*)::int as n from survey_responses where survey_id = ${s.id}`),
  ]);
  const byQ = new Map<string, { ord: number | null; val: number; n: number }[]>();
  for (const t of tallies) {
    const list = byQ.get(t.q) ?? [];
    list.push({ ord: t.ord == null ? null : Number(t.ord), val: Number(t.val), n: Number(t.n) });
    byQ.set(t.q, list);
  }
  const answeredOf = new Map(answered.map((a) => [a.q, Number(a.n)]));
  const meanOf = new Map(means.map((m) => [m.q, m.mean == null ? null : Number(m.mean)]));
  const questions = qs.map((q) =>
    questionResult(q, byQ.get(q.id) ?? [], answeredOf.get(q.id) ?? 0, meanOf.get(q.id) ?? null),
  );
  return {
    surveyId: String(s.id),
    responseCount: Number(total[0].n),
    invitedCount: s.invitedCount,
    questions,
    orgRates: await orgRates(db, s),
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function questionResult(
  q: SurveyQuestion,
  tally: { ord: number | null; val: number; n: number }[],
  answered: number,
  numberMean: number | null,
): QuestionResult {
  const base: QuestionResult = {
    id: q.id,
    kind: q.kind,
    title: q.title,
    answered,
    options: [],
    mean: null,
    ranks: [],
    matrix: null,
  };
  const sumOf = (pred: (t: { ord: number | null; val: number }) => boolean) =>
    tally.filter(pred).reduce((a, t) => a + t.n, 0);
  switch (q.kind) {
    case 'single':
    case 'multiple':
    case 'rating': {
      const options = valuesOf(q).map(({ value, label }) => {
        const n = sumOf((t) => t.val === value);
        return { label, count: n, percent: pct(n, answered) };
      });
      let mean: number | null = null;
      if (q.kind === 'rating' && answered)
        mean = round2(tally.reduce((a, t) => a + t.val * t.n, 0) / answered);
      return { ...base, options, mean };
    }
    case 'ranking': {
      const options = valuesOf(q).map(({ value, label }) => {
        const n = sumOf((t) => t.ord === 1 && t.val === value);
        return { label, count: n, percent: pct(n, answered) };
      });
      const ranks = valuesOf(q).map(({ value, label }) => {
        const mine = tally.filter((t) => t.val === value && t.ord != null);
        const n = mine.reduce((a, t) => a + t.n, 0);
        return { label, meanRank: n ? round2(mine.reduce((a, t) => a + (t.ord ?? 0) * t.n, 0) / n) : null };
      });
      return { ...base, options, ranks };
    }
    case 'matrix': {
      const scale = range(q.scaleMin, q.scaleMax);
      const counts = q.rows.map((_, r) => scale.map((v) => sumOf((t) => t.ord === r + 1 && t.val === v)));
      const means = counts.map((row) => {
        const n = row.reduce((a, b) => a + b, 0);
        return n ? round2(row.reduce((a, c, i) => a + c * scale[i], 0) / n) : null;
      });
      return { ...base, matrix: { rows: q.rows, scale, counts, means } };
    }
    case 'number':
      return { ...base, mean: numberMean == null ? null : round2(numberMean) };
    default:
      return base;
  }
}

/**
 * The org a respondent is counted under: the child of the survey's org whose subtree holds them
 * (a town under the district, a branch under a town), or the survey's org itself.
 */
const childOf = (surveyPath: string, column: ReturnType<typeof sql>) =>
  sql`coalesce(nullif(split_part(substr(${column}, ${surveyPath.length + 1}), '/', 1), ''), ${surveyPath.split('/').at(-2) ?? ''})`;

async function orgNames(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, ids));
  return new Map(rows.map((o) => [o.id, o.name]));
}

/** 参与率: per child org, members asked and members who answered (the participation list, not the responses). */
async function orgRates(db: Queryable, s: SurveyRow): Promise<OrgRate[]> {
  if (s.audienceKind === 'public') return [];
  const { rows } = await db.execute<{ org: string; invited: number; answered: number }>(sql`
    select ${childOf(s.orgPath, sql`i.org_path`)} as org, count(*)::int as invited, count(p.member_id)::int as answered
      from survey_invitees i
      left join survey_participations p on p.survey_id = i.survey_id and p.member_id = i.member_id
     where i.survey_id = ${s.id}
     group by 1`);
  const names = await orgNames(
    db,
    rows.map((r) => Number(r.org)),
  );
  return rows
    .map((r) => ({
      orgId: r.org,
      orgName: names.get(Number(r.org)) ?? r.org,
      invited: r.invited,
      answered: r.answered,
      rate: r.invited ? pct(r.answered, r.invited) : null,
    }))
    .sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0) || a.orgName.localeCompare(b.orgName, 'zh'));
}

/** 交叉分析: one question's answers counted by org, gender, age band or category (正式党员/预备党员…). */
export async function crossTab(ctx: Ctx, id: number, questionId: string, by: CrossBy): Promise<CrossTab> {
  const s = await surveyFor(ctx, ctx.db, id, 'survey.view');
  const q = questionsOf(s.definition).find((x) => x.id === questionId);
  if (!q || !['single', 'multiple', 'rating'].includes(q.kind))
    throw fieldError('questionId', {
      zh: '交叉分析只适用于单选、多选和评分题',
      en: 'cross-tabulation takes a single, multiple or rating question',
    });
  const dim =
    by === 'org'
      ? childOf(s.orgPath, sql`r.org_path`)
      : by === 'gender'
        ? sql`r.gender`
        : by === 'ageBand'
          ? sql`r.age_band`
          : sql`r.category`;
  const { rows } = await ctx.db.execute<{ g: string | null; val: number; n: number }>(sql`
    select ${dim} as g, (x.v #>> '{}')::float8 as val, count(*)::int as n
      from survey_responses r
      cross join lateral jsonb_array_elements(
        case when jsonb_typeof(r.answers -> ${questionId}) = 'array' then r.answers -> ${questionId}
             else jsonb_build_array(r.answers -> ${questionId}) end) x(v)
     where r.survey_id = ${s.id} and r.answers ? ${questionId}
     group by 1, 2`);
  const values = valuesOf(q);
  const keys = [...new Set(rows.map((r) => r.g ?? ''))];
  const names =
    by === 'org'
      ? await orgNames(ctx.db, keys.filter((k) => /^\d+$/.test(k)).map(Number))
      : new Map<number, string>();
  const labelOf = (k: string): string => {
    if (!k) return '未知';
    if (by === 'org') return names.get(Number(k)) ?? k;
    if (by === 'gender') return GENDER_LABELS[k as keyof typeof GENDER_LABELS]?.zh ?? k;
    if (by === 'ageBand') return SURVEY_AGE_BAND_LABELS[k as keyof typeof SURVEY_AGE_BAND_LABELS]?.zh ?? k;
    if (k === 'public') return '群众';
    return MEMBER_STATUS_LABELS[k as keyof typeof MEMBER_STATUS_LABELS]?.zh ?? k;
  };
  keys.sort((a, b) => labelOf(a).localeCompare(labelOf(b), 'zh'));
  const counts = keys.map((k) =>
    values.map((v) => rows.find((r) => (r.g ?? '') === k && Number(r.val) === v.value)?.n ?? 0),
  );
  return {
    by,
    groups: keys.map(labelOf),
    options: values.map((v) => v.label),
    counts,
    totals: counts.map((row) => row.reduce((a, b) => a + b, 0)),
  };
}

/**
 * 词频: the open answers to a text question cut into words by the platform's Chinese segmenter
 * (Intl.Segmenter), function words and single characters left out, the most frequent first.
 */
export async function wordFrequency(ctx: Ctx, id: number, questionId: string): Promise<WordFrequency> {
  const s = await surveyFor(ctx, ctx.db, id, 'survey.view');
  return wordsFor(ctx.db, s, questionId);
}

export async function wordsFor(
  db: Queryable,
  s: SurveyRow,
  questionId: string,
  top = 40,
): Promise<WordFrequency> {
  const q = questionsOf(s.definition).find((x) => x.id === questionId);
  if (!q || (q.kind !== 'text' && q.kind !== 'textarea'))
    throw fieldError('questionId', { zh: '词频只适用于填空题', en: 'word frequency takes a text question' });
  const { rows } = await db.execute<{ t: string }>(sql`
    select r.answers ->> ${questionId} as t from survey_responses r
     where r.survey_id = ${s.id} and r.answers ? ${questionId}
     order by r.id desc limit 20000`);
  return {
    answered: rows.length,
    words: topWords(
      rows.map((r) => r.t),
      top,
    ),
    samples: rows.slice(0, 10).map((r) => r.t),
  };
}

/** The most frequent words of the texts: no stop words, no single characters (mostly function words in Chinese). */
export function topWords(texts: string[], top: number): { word: string; count: number }[] {
  const freq = new Map<string, number>();
  for (const t of texts)
    for (const w of wordsOf(t)) {
      if ([...w].length < 2 || STOP_WORDS.has(w) || /^\d+$/.test(w)) continue;
      freq.set(w, (freq.get(w) ?? 0) + 1);
    }
  return [...freq.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh'))
    .slice(0, top)
    .map(([word, count]) => ({ word, count }));
}
