import { type Column, type SQL, sql } from 'drizzle-orm';

/**
 * Chinese full-text search in PostgreSQL, with no extension (ARCHITECTURE.md, "Chinese search"):
 * text is cut into words by `Intl.Segmenter('zh', { granularity: 'word' })` — ICU's dictionary
 * segmenter, which Node ships and keeps — and the words, joined by spaces, become a `simple`
 * tsvector (no stemming, no stop words: the words are already what we index). The query is cut
 * the same way and its words ANDed.
 *
 * The segmenter's cut depends on the context: 中国共产党历史 gives 中国|共产|党|历史 while the query
 * 共产党 on its own may stay one word. So the short fields (title, tags, summary) are also indexed
 * character by character, in order, and a query word of two or more Chinese characters matches
 * either as the word or as its characters side by side (a phrase: 共 <-> 产 <-> 党). The body is
 * indexed by words only, to keep the index small. Synonyms (党史 ↔ 中国共产党历史) are the
 * caller's: it indexes a tag together with its expansions.
 */

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;
// what a tsquery reads as an operator or a quote: never part of a word we hand it
const SPECIAL = /['\\:&|!()<>*]/g;

/** The words of a text, lower-cased (for Latin letters), in order, without punctuation or spaces. */
export function wordsOf(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text.normalize('NFKC'))) {
    if (!s.isWordLike) continue;
    const w = s.segment.replace(SPECIAL, '').toLowerCase();
    if (w) out.push(w);
  }
  return out;
}

/** The Chinese characters of a text, in order. */
export function hanCharsOf(text: string): string[] {
  return [...text.normalize('NFKC')].filter((c) => HAN.test(c));
}

/**
 * Function words a query is better without (如何学习党章 → 学习 党章): they say nothing about
 * which course is meant and would require the course to use them too.
 */
const QUERY_STOP = new Set([
  '的',
  '了',
  '和',
  '与',
  '及',
  '或',
  '在',
  '是',
  '有',
  '把',
  '被',
  '对',
  '等',
  '之',
  '其',
  '这',
  '那',
  '也',
  '都',
  '就',
  '吗',
  '呢',
  '吧',
  '啊',
  '如何',
  '怎么',
  '怎样',
  '什么',
  '哪些',
  '关于',
  '有关',
]);

/** A document's fields by weight: A (title, tags), B (summary), C (body). */
export type SearchFields = { a: string[]; b?: string[]; c?: string[] };

/** What goes into to_tsvector for each weight: words, then (A and B) the characters. */
export function searchTextOf(f: SearchFields): { a: string; b: string; c: string } {
  const short = (parts: string[] = []) =>
    parts
      .map((p) => [...wordsOf(p), ...hanCharsOf(p)].join(' '))
      .filter(Boolean)
      .join(' ');
  return { a: short(f.a), b: short(f.b), c: (f.c ?? []).flatMap(wordsOf).join(' ') };
}

/**
 * The tsvector of a document from the texts of searchTextOf (SQL expressions: parameters, or the
 * columns of a batch), each weighted.
 */
export function searchVector(t: { a: SQL; b: SQL; c: SQL }): SQL {
  return sql`(setweight(to_tsvector('simple', ${t.a}), 'A') || setweight(to_tsvector('simple', ${t.b}), 'B') || setweight(to_tsvector('simple', ${t.c}), 'C'))`;
}

/**
 * The tsquery text of what a user typed (for to_tsquery('simple', …)): its words ANDed, each
 * Chinese word of two or more characters as itself or as its characters side by side. Null when
 * nothing searchable is left (only punctuation or function words).
 */
export function queryTextOf(typed: string): string | null {
  const all = wordsOf(typed.slice(0, 200));
  const kept = all.filter((w) => !QUERY_STOP.has(w));
  const words = [...new Set(kept.length ? kept : all)].slice(0, 12);
  if (!words.length) return null;
  const quote = (w: string) => `'${w}'`;
  return words
    .map((w) => {
      const chars = hanCharsOf(w);
      if (chars.length < 2 || chars.length !== [...w].length) return quote(w);
      return `(${quote(w)} | ${chars.map(quote).join(' <-> ')})`;
    })
    .join(' & ');
}

/** The tsquery of what a user typed, as SQL; null when nothing searchable is left. */
export function searchQuery(typed: string): SQL | null {
  const q = queryTextOf(typed);
  return q === null ? null : sql`to_tsquery('simple', ${q})`;
}

/**
 * How well a row matches: by how often the words occur, weights C 0.1, B 0.4, A 1.0 (the title and
 * tags count most), normalized by the document's length (flag 1: divided by 1 + log(length)) so a
 * long body does not win by size alone. Not cover density (ts_rank_cd): with the character phrases
 * of a Chinese query it cost 6× as much, 95–187 ms to rank a city member's 583 matches of 三会一课
 * against 7 ms (docs/SCALE.md).
 */
export function searchRank(vector: Column | SQL, query: SQL): SQL<number> {
  // the weights array is {D, C, B, A}
  return sql<number>`ts_rank('{0.05, 0.1, 0.4, 1.0}', ${vector}, ${query}, 1)`;
}
