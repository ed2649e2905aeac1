// 试题分析 (issue 15 item 6): the figures Moodle's quiz statistics report, over each examinee's
// first graded attempt. Pure: the database hands in sums, these turn them into percentages.

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * What a question's figures are computed from, over the attempts that had it: x is the score on
 * the question, y the rest of the attempt's score (its total minus x). Sums, so one grouped query
 * can produce them for any number of attempts.
 */
export type Moments = { n: number; sx: number; sxx: number; sy: number; syy: number; sxy: number };

/** The sums of pairs (x = the question's score, y = the rest of the attempt's). */
export function momentsOf(pairs: readonly (readonly [number, number])[]): Moments {
  const m: Moments = { n: 0, sx: 0, sxx: 0, sy: 0, syy: 0, sxy: 0 };
  for (const [x, y] of pairs) {
    m.n += 1;
    m.sx += x;
    m.sxx += x * x;
    m.sy += y;
    m.syy += y * y;
    m.sxy += x * y;
  }
  return m;
}

export type QuestionFigures = { facility: number | null; sd: number | null; discrimination: number | null };

/**
 * - 难度系数 facility: the mean score as a percentage of the question's points (100: all right);
 * - 标准差 sd: the sample standard deviation (n − 1) of the score, as a percentage of the points;
 *   null under 2 attempts;
 * - 区分度 discrimination index: Pearson's correlation between the question's score and the rest
 *   of the attempt's score, × 100 (Moodle's "discrimination index"); null under 2 attempts or when
 *   either varies not at all (everyone scored the same: it tells nothing apart).
 * Rounded to one decimal.
 */
export function questionFigures(points: number, m: Moments): QuestionFigures {
  if (m.n === 0 || points <= 0) return { facility: null, sd: null, discrimination: null };
  const facility = round1(((m.sx / m.n) * 100) / points);
  if (m.n < 2) return { facility, sd: null, discrimination: null };
  // sums of squared deviations and of cross products; tiny negatives from floating point are 0
  const ssx = Math.max(0, m.sxx - (m.sx * m.sx) / m.n);
  const ssy = Math.max(0, m.syy - (m.sy * m.sy) / m.n);
  const sxy = m.sxy - (m.sx * m.sy) / m.n;
  const sd = round1((Math.sqrt(ssx / (m.n - 1)) * 100) / points);
  const eps = 1e-9;
  const discrimination = ssx < eps || ssy < eps ? null : round1((sxy / Math.sqrt(ssx * ssy)) * 100);
  return { facility, sd, discrimination };
}

/** How many scores fall in each of `bands` equal bands of the total (the full mark in the last). */
export function histogramOf(scores: readonly number[], total: number, bands = 10): number[] {
  const out = Array.from({ length: bands }, () => 0);
  if (total <= 0) return out;
  for (const s of scores) {
    const i = Math.min(bands - 1, Math.max(0, Math.floor((s / total) * bands)));
    out[i] += 1;
  }
  return out;
}

/** The middle score (the mean of the two middle ones for an even count); null for none. */
export function medianOf(scores: readonly number[]): number | null {
  if (!scores.length) return null;
  const s = [...scores].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : Math.round(((s[mid - 1] + s[mid]) / 2) * 100) / 100;
}

/** The mean to the hundredth; null for none. */
export function meanOf(scores: readonly number[]): number | null {
  if (!scores.length) return null;
  return Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100;
}

/** The share of attempts that passed, as a percentage to one decimal; null for none. */
export function passRateOf(passed: number, attempts: number): number | null {
  return attempts ? round1((passed * 100) / attempts) : null;
}
