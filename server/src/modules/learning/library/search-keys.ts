import { inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import type { JobDef } from '../../../platform/module.ts';
import {
  SEARCH_KEYS_VERSION,
  type SearchFields,
  searchTextOf,
  headVector,
  searchVector,
} from '../../../platform/search/index.ts';
import { excerptOf } from '../../openness/index.ts';
import { courses } from '../schema.ts';

/**
 * What a course is found by (platform/search): its title and its tags (weight A), what its tags
 * also mean and its summary (B), its text (C). A tag's expansions work both ways: a course
 * tagged 党史 is indexed with 中国共产党历史 when the tag 党史 lists it, and a course tagged
 * 中国共产党历史 with 党史 likewise.
 */
export type Expansions = Map<string, Set<string>>;

/** Every tag's words (itself, its expansions, the tags that list it), from the department's list. */
export async function expansionsOf(db: Queryable): Promise<Expansions> {
  const { rows } = await db.execute<{ name: string; expansions: string[] }>(
    sql`select name, expansions from course_tags`,
  );
  const map: Expansions = new Map();
  const add = (k: string, words: string[]) => {
    const s = map.get(k) ?? new Set<string>();
    for (const w of words) s.add(w);
    map.set(k, s);
  };
  for (const r of rows) {
    const group = [r.name, ...r.expansions];
    for (const w of group) add(w, group);
  }
  return map;
}

export function tagWordsOf(tags: readonly string[], expansions: Expansions): string[] {
  const words = new Set(tags);
  for (const t of tags) for (const w of expansions.get(t) ?? []) words.add(w);
  return [...words];
}

export function searchFieldsOf(
  c: { title: string; summary: string; body: string | null; tags: readonly string[] },
  expansions: Expansions,
): SearchFields {
  // a tag's synonyms weigh less than the course's own title and tags: a course titled 中国共产党历史…
  // comes before the many tagged 党史 when someone searches 中国共产党历史
  const synonyms = tagWordsOf(c.tags, expansions).filter((w) => !c.tags.includes(w));
  return {
    a: [c.title, ...c.tags],
    synonyms,
    b: [c.summary],
    c: c.body ? [excerptOf(c.body, Number.POSITIVE_INFINITY)] : [],
  };
}

/**
 * Writes the search keys of many courses in one statement per thousand: the text of each weight is
 * cut into words here (Intl.Segmenter), the tsvector made by PostgreSQL.
 */
export async function writeSearchKeys(
  db: Queryable,
  rows: { id: number; fields: SearchFields }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000).map((r) => ({ id: r.id, ...searchTextOf(r.fields) }));
    await db.execute(sql`
      update courses k
         set search = ${searchVector({ a: sql`x.a`, b: sql`x.b`, c: sql`x.c` })},
             head_search = ${headVector({ a: sql`x.a`, s: sql`x.s` })},
             search_keys = ${SEARCH_KEYS_VERSION}
        from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as x(id int8, a text, b text, c text, s text)
       where k.id = x.id`);
  }
}

/** Indexes the courses named again (after an edit, or when a tag's expansions changed). */
export async function reindexCourses(db: Queryable, ids: readonly number[]): Promise<void> {
  if (!ids.length) return;
  const expansions = await expansionsOf(db);
  const rows = await db
    .select({
      id: courses.id,
      title: courses.title,
      summary: courses.summary,
      body: courses.body,
      tags: courses.tags,
    })
    .from(courses)
    .where(inArray(courses.id, [...ids]));
  await writeSearchKeys(
    db,
    rows.map((r) => ({ id: r.id, fields: searchFieldsOf(r, expansions) })),
  );
}

/** Courses indexed again per run of the job, at most. */
const REINDEX_PER_RUN = 20_000;

/**
 * Indexes again the courses whose keys an older platform/search made (SEARCH_KEYS_VERSION): after
 * an upgrade that changes how text is cut, every course, within minutes; searching works on the
 * old keys meanwhile, only less well. Returns how many were indexed.
 */
export async function reindexOutdated(db: Queryable): Promise<number> {
  let done = 0;
  while (done < REINDEX_PER_RUN) {
    const { rows } = await db.execute<{ id: string }>(
      sql`select id from courses where search_keys < ${SEARCH_KEYS_VERSION} order by id limit 1000`,
    );
    if (!rows.length) break;
    await reindexCourses(
      db,
      rows.map((r) => Number(r.id)),
    );
    done += rows.length;
  }
  return done;
}

export const searchKeysJob: JobDef = {
  name: 'learning-search-keys',
  cron: '*/5 * * * *',
  run: async (ctx) => ({ reindexed: await reindexOutdated(ctx.db) }),
};
