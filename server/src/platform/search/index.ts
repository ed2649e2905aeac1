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
 * by their characters and by each pair of characters side by side (共产, 产党), and a run of two or
 * more Chinese characters in a query matches either as its words or as all its pairs (共产党 →
 * 共产 & 产党). Pairs, not a phrase of characters (共 <-> 产 <-> 党): a phrase is checked against
 * every candidate row's positions, which at 18,000 courses cost a member's search 100–300 ms
 * (docs/SCALE.md); pairs are answered by the index alone. The body is indexed by words only, to
 * keep the index small. Synonyms (党史 ↔ 中国共产党历史) are the caller's: it indexes a tag together
 * with its expansions.
 */

/** The keys' version: a row indexed by an older one is indexed again (the caller's job). */
export const SEARCH_KEYS_VERSION = 3;

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

/** Each pair of Chinese characters side by side in a text (党史学习 → 党史 史学 学习), in order. */
export function hanPairsOf(text: string): string[] {
  const out: string[] = [];
  let prev = '';
  for (const c of text.normalize('NFKC')) {
    if (HAN.test(c)) {
      if (prev) out.push(prev + c);
      prev = c;
    } else prev = '';
  }
  return out;
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

/**
 * A document's fields by weight: A (title, tags), B (synonyms of the tags, summary), C (body).
 * The head of a document is its A and its synonyms: short, so a search ranks it cheaply (headVector).
 */
export type SearchFields = { a: string[]; synonyms?: string[]; b?: string[]; c?: string[] };

export type SearchText = { a: string; b: string; c: string; s: string };

/**
 * What goes into to_tsvector for each weight: words, then (A and B) the characters and their
 * pairs; `s` is the synonyms' alone (they are in `b` too).
 */
export function searchTextOf(f: SearchFields): SearchText {
  const short = (parts: string[] = []) =>
    parts
      .map((p) => [...wordsOf(p), ...hanCharsOf(p), ...hanPairsOf(p)].join(' '))
      .filter(Boolean)
      .join(' ');
  const s = short(f.synonyms);
  const b = [s, short(f.b)].filter(Boolean).join(' ');
  return { a: short(f.a), b, c: (f.c ?? []).flatMap(wordsOf).join(' '), s };
}

/**
 * The tsvector of a document from the texts of searchTextOf (SQL expressions: parameters, or the
 * columns of a batch), each weighted.
 */
export function searchVector(t: { a: SQL; b: SQL; c: SQL }): SQL {
  return sql`(setweight(to_tsvector('simple', ${t.a}), 'A') || setweight(to_tsvector('simple', ${t.b}), 'B') || setweight(to_tsvector('simple', ${t.c}), 'C'))`;
}

/** The tsvector of a document's head (A, and the synonyms as B): every lexeme of it is in searchVector's too. */
export function headVector(t: { a: SQL; s: SQL }): SQL {
  return sql`(setweight(to_tsvector('simple', ${t.a}), 'A') || setweight(to_tsvector('simple', ${t.s}), 'B'))`;
}

/**
 * The tsquery text of what a user typed (for to_tsquery('simple', …)): its terms ANDed. A run of
 * Chinese characters (no space or punctuation between them) is one term: its words (function words
 * left out, unless nothing else is left) or, for two characters or more, all its pairs of
 * characters side by side; any other word is a term of its own. Null when nothing searchable is
 * left (only punctuation).
 */
export function queryTextOf(typed: string): string | null {
  const text = typed.slice(0, 200).normalize('NFKC');
  const quote = (w: string) => `'${w}'`;
  // runs of Chinese words side by side, and the other words, in order
  const runs: { han: boolean; text: string; words: string[] }[] = [];
  let end = -1;
  for (const s of segmenter.segment(text)) {
    if (!s.isWordLike) continue;
    const w = s.segment.replace(SPECIAL, '').toLowerCase();
    if (!w) continue;
    const han = [...w].every((c) => HAN.test(c));
    const last = runs[runs.length - 1];
    if (han && last?.han && s.index === end) {
      last.text += w;
      last.words.push(w);
    } else runs.push({ han, text: w, words: [w] });
    end = s.index + s.segment.length;
  }
  const terms: string[] = [];
  for (const r of runs) {
    const kept = r.words.filter((w) => !QUERY_STOP.has(w));
    const words = [...new Set(kept.length ? kept : r.words)];
    if (!r.han || [...r.text].length < 2) {
      terms.push(...words.map(quote));
      continue;
    }
    const pairs = [...new Set(hanPairsOf(r.text))];
    const asWords = words.map(quote).join(' & ');
    const asPairs = pairs.map(quote).join(' & ');
    terms.push(asWords === asPairs ? asWords : `(${asWords} | ${asPairs})`);
  }
  const unique = [...new Set(terms)].slice(0, 12);
  return unique.length ? unique.join(' & ') : null;
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
