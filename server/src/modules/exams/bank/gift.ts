// GIFT 导入 (issue 15 item 2), implemented from Moodle's published syntax (docs.moodle.org/en/GIFT_format):
// questions separated by blank lines; `//` comment lines; `$CATEGORY: a/b/c`; `::name::`; `[html]`,
// `[plain]`, `[markdown]` before the stem; escapes `\~ \= \# \{ \} \: \n \\`; one answer block `{…}`.
// Every question is read on its own: a malformed one becomes `ok: false` naming what is wrong and the
// rest still parse. Scanning is linear (indexes, no backtracking regexes) so a 10 MB question cannot hang.
//
// Beyond Moodle, so that an export round-trips (gift-write.ts): a comment line before the question may
// carry `[tag:…]` (as Moodle 3.6+ writes it), `[difficulty:easy|medium|hard]` and
// `[scoring:partial|all-or-nothing]` (Moodle reads neither and ignores them), and `\>` escapes a `>` so
// that a blank's answer may contain `->` without reading as a matching pair.
import type { z } from 'zod';
import { QuestionBody, type Parsed, type TextFormat } from '../../../../../contracts/exams/questions.ts';

export type Problem = { zh: string; en: string };
type Scoring = 'partial' | 'all-or-nothing';
type Draft = z.input<typeof QuestionBody>;

/** What a blank in the middle of a stem shows where GIFT's answer block was (Moodle's missing word). */
export const BLANK = '____';

class GiftError extends Error {
  problem: Problem;
  constructor(problem: Problem) {
    super(problem.en);
    this.problem = problem;
  }
}

function fail(zh: string, en: string): never {
  throw new GiftError({ zh, en });
}

/** What may follow a backslash; each stands for itself except `\n`, a new line. */
const ESCAPABLE = new Set(['~', '=', '#', '{', '}', ':', 'n', '\\', '>']);

const BACKSLASH = 0x5c;
const LETTER_N = 0x6e;
const NEWLINE = 0x0a;

const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

const isSpace = (c: string | undefined) => c !== undefined && c.trim() === '';

/** First position in [from, to) holding one of `chars` not escaped by a backslash, or −1. */
function findAny(raw: string, chars: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = raw[i];
    if (c === '\\') i++;
    else if (chars.includes(c)) return i;
  }
  return -1;
}

/** First unescaped occurrence of `seq` (no backslashes in it) in [from, to), or −1. */
function findSeq(raw: string, seq: string, from: number, to: number): number {
  for (let i = from; i <= to - seq.length; i++) {
    if (raw[i] === '\\') i++;
    else if (raw.startsWith(seq, i)) return i;
  }
  return -1;
}

function trimRange(raw: string, from: number, to: number): [number, number] {
  let a = from;
  let b = to;
  while (a < b && isSpace(raw[a])) a++;
  while (b > a && isSpace(raw[b - 1])) b--;
  return [a, b];
}

type Line = { no: number; text: string };

/** One question's lines joined with '\n', remembering which file line each offset came from. */
class Source {
  raw: string;
  private lines: Line[];
  private starts: number[] = [];
  constructor(lines: Line[]) {
    this.lines = lines;
    let offset = 0;
    for (const l of lines) {
      this.starts.push(offset);
      offset += l.text.length + 1;
    }
    this.raw = lines.map((l) => l.text).join('\n');
  }

  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.lines[lo].no;
  }

  /** The text of [from, to) with escapes resolved; an unknown escape is an error, not a guess. */
  decode(from: number, to: number): string {
    // Sliced first so that each search stops at `to`: many answers must not each scan the whole file.
    const raw = this.raw.slice(from, to);
    const at = (i: number) => this.lineAt(from + i);
    let i = raw.indexOf('\\');
    if (i < 0) return raw;
    while (i >= 0) {
      if (i + 1 >= raw.length) {
        fail(
          `第 ${at(i)} 行的反斜杠 \\ 后缺少要转义的字符（反斜杠本身请写作 \\\\）`,
          `line ${at(i)}: a backslash escapes nothing (write \\\\ for a backslash)`,
        );
      }
      const next = String.fromCodePoint(raw.codePointAt(i + 1)!);
      if (!ESCAPABLE.has(next)) {
        fail(
          `第 ${at(i)} 行有无效的转义 \\${next}：只能转义 ~ = # { } : n 和 \\`,
          `line ${at(i)}: bad escape \\${next}; only ~ = # { } : n and \\ may be escaped`,
        );
      }
      i = raw.indexOf('\\', i + 2);
    }
    // Copied code unit by code unit: a regex with a callback takes seconds on millions of escapes.
    const units = new Uint16Array(raw.length);
    let n = 0;
    for (let k = 0; k < raw.length; k++) {
      let c = raw.charCodeAt(k);
      if (c === BACKSLASH) {
        k++;
        c = raw.charCodeAt(k) === LETTER_N ? NEWLINE : raw.charCodeAt(k);
      }
      units[n++] = c;
    }
    let out = '';
    for (let a = 0; a < n; a += 8192) out += String.fromCharCode(...units.subarray(a, Math.min(n, a + 8192)));
    return out;
  }
}

/** Reads a GIFT file into one result per question, in file order. */
export function parseGift(text: string): Parsed[] {
  const out: Parsed[] = [];
  let category: string | null = null;
  let block: Line[] = [];
  const flush = () => {
    const comments = block.filter((l) => l.text.startsWith('//')).map((l) => l.text);
    const content = block.filter((l) => !l.text.startsWith('//'));
    block = [];
    if (content.length > 0 && /^\$CATEGORY:/i.test(content[0].text)) {
      category = readCategory(content.shift()!.text.slice('$CATEGORY:'.length));
    }
    if (content.length > 0) out.push(readQuestion(content, comments, out.length + 1, category));
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t === '') flush();
    else block.push({ no: i + 1, text: t });
  }
  flush();
  return out;
}

/** `$course$/top/党史/第一章` → `top/党史/第一章`: Moodle's context prefix means nothing here. */
function readCategory(path: string): string | null {
  const parts = path
    .trim()
    .replace(/^\$[a-z0-9_]+\$(?:\/|$)/i, '')
    .split('/')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parts.length > 0 ? parts.join('/') : null;
}

function readQuestion(lines: Line[], comments: string[], index: number, category: string | null): Parsed {
  const line = lines[0].no;
  const state: { name?: string } = {};
  const named = () => (state.name !== undefined ? { name: state.name } : {});
  try {
    const directives = readDirectives(comments);
    const draft = readText(new Source(lines), state, directives.scoring);
    if (directives.tags.length > 0) draft.tags = directives.tags;
    if (directives.difficulty !== undefined) draft.difficulty = directives.difficulty;
    const checked = QuestionBody.safeParse(draft);
    if (!checked.success)
      return { ok: false, index, line, ...named(), error: describeIssue(checked.error.issues[0]) };
    return { ok: true, index, line, category, question: checked.data };
  } catch (e) {
    const error =
      e instanceof GiftError
        ? e.problem
        : { zh: `无法读取这道题：${String(e)}`, en: `could not read this question: ${String(e)}` };
    return { ok: false, index, line, ...named(), error };
  }
}

const DIRECTIVE = /\[(tag|difficulty|scoring):((?:[^\\\]]|\\.)*)\]/gs;
const DIFFICULTY: Record<string, 'easy' | 'medium' | 'hard'> = {
  easy: 'easy',
  medium: 'medium',
  hard: 'hard',
  易: 'easy',
  中: 'medium',
  难: 'hard',
};

function readDirectives(comments: string[]) {
  const tags: string[] = [];
  let difficulty: 'easy' | 'medium' | 'hard' | undefined;
  let scoring: Scoring | undefined;
  for (const comment of comments) {
    for (const m of comment.matchAll(DIRECTIVE)) {
      const value = m[2].replace(/\\(.)/gs, (_, c: string) => (c === 'n' ? '\n' : c));
      if (m[1] === 'tag') tags.push(value);
      else if (m[1] === 'difficulty') {
        difficulty = DIFFICULTY[value.trim().toLowerCase()];
        if (difficulty === undefined) {
          fail(
            `难度「${value}」无法识别：应为 easy、medium 或 hard`,
            `unknown difficulty "${value}": use easy, medium or hard`,
          );
        }
      } else {
        const v = value.trim().toLowerCase();
        if (v !== 'partial' && v !== 'all-or-nothing') {
          fail(
            `计分方式「${value}」无法识别：应为 partial 或 all-or-nothing`,
            `unknown scoring "${value}": use partial or all-or-nothing`,
          );
        }
        scoring = v;
      }
    }
  }
  return { tags, difficulty, scoring };
}

/** `::name:: [format] stem {answers} rest of the stem` */
function readText(src: Source, state: { name?: string }, scoring: Scoring | undefined): Draft {
  const raw = src.raw;
  const end = raw.length;
  let pos = 0;
  if (raw.startsWith('::')) {
    const close = findSeq(raw, '::', 2, end);
    if (close < 0) fail('题目名称 ::…:: 缺少结尾的 ::', 'the question name ::…:: has no closing ::');
    state.name = src.decode(2, close).trim();
    pos = close + 2;
  }
  while (pos < end && isSpace(raw[pos])) pos++;
  let format: TextFormat = 'plain';
  const tag = /^\[(html|plain|markdown|moodle)\]/i.exec(raw.slice(pos, pos + 10));
  if (tag) {
    const f = tag[1].toLowerCase();
    format = f === 'html' || f === 'markdown' ? f : 'plain';
    pos += tag[0].length;
  }
  const open = findAny(raw, '{}', pos, end);
  if (open < 0) {
    fail(
      '缺少答案块 {…}：没有答案的说明文字不是题目',
      'no answer block {…}: text without answers (a Moodle "description") is not a question',
    );
  }
  if (raw[open] === '}') {
    fail(
      `第 ${src.lineAt(open)} 行的 } 前面没有 {（文字中的 } 请写作 \\}）`,
      `line ${src.lineAt(open)}: } without an opening { (write \\} for a literal brace)`,
    );
  }
  const close = findAny(raw, '{}', open + 1, end);
  if (close < 0 || raw[close] === '{') {
    fail(
      `第 ${src.lineAt(open)} 行的答案块 { 没有闭合的 }（文字中的花括号请写作 \\{ \\}）`,
      `unclosed brace: the answer block opened on line ${src.lineAt(open)} has no } (write \\{ \\} for literal braces)`,
    );
  }
  const extra = findAny(raw, '{}', close + 1, end);
  if (extra >= 0) {
    fail(
      `第 ${src.lineAt(extra)} 行又有 ${raw[extra]}：一道题只能有一个答案块（文字中的花括号请写作 \\{ \\}）`,
      `line ${src.lineAt(extra)}: another ${raw[extra]}; a question has one answer block (write \\{ \\} for literal braces)`,
    );
  }
  const before = src.decode(pos, open);
  const after = src.decode(close + 1, end);
  // Moodle: text after the block makes it a missing-word question, the blank where the block was.
  const stem = after.trim() === '' ? before.trim() : `${before}${BLANK}${after}`.trim();
  const answers = readAnswers(src, open + 1, close, scoring);
  return { ...(state.name !== undefined && { name: state.name }), stem, format, ...answers };
}

type Answers = Omit<Draft, 'stem' | 'name' | 'format' | 'difficulty' | 'tags'>;

function readAnswers(src: Source, from: number, to: number, scoring: Scoring | undefined): Answers {
  const raw = src.raw;
  const general = findSeq(raw, '####', from, to);
  const explanation = general < 0 ? {} : { explanation: src.decode(general + 4, to).trim() };
  const [a, b] = trimRange(raw, from, general < 0 ? to : general);
  if (a === b) return { type: 'short', ...explanation };
  if (raw[a] === '#') return { ...readNumeric(src, a + 1, b), ...explanation };
  if (findAny(raw, '~', a, b) >= 0) return { ...readChoices(src, a, b, scoring), ...explanation };
  if (findSeq(raw, '->', a, b) >= 0 && findAny(raw, '=', a, b) >= 0) {
    fail('不支持配对题（=… -> …）', 'matching questions (=… -> …) are not supported');
  }
  const hash = findAny(raw, '#', a, b);
  const head = raw
    .slice(a, hash < 0 ? b : hash)
    .trim()
    .toUpperCase();
  // T/TRUE/F/FALSE, optionally #feedback-if-wrong#feedback-if-right, which the bank has no place for.
  if (head === 'T' || head === 'TRUE' || head === 'F' || head === 'FALSE') {
    if (hash >= 0) src.decode(hash + 1, b); // still refuses a bad escape in the feedback
    return { type: 'truefalse', correct: head.startsWith('T'), ...explanation };
  }
  return { ...readFill(src, a, b), ...explanation };
}

type Part = { marker: string; from: number; to: number };

/** Splits [a, b) (already trimmed) at unescaped markers; the first character must be one. */
function splitAnswers(
  src: Source,
  a: number,
  b: number,
  markers: string,
  max: number,
  what: Problem,
): Part[] {
  const raw = src.raw;
  if (!markers.includes(raw[a])) {
    const shown = raw.slice(a, Math.min(b, a + 30));
    const expected = markers === '=' ? '=' : '= 或 ~';
    fail(
      `无法识别的答案「${shown}」：答案应以 ${expected} 开头（正确答案 =，错误选项 ~），判断题写 T 或 F`,
      `cannot read the answers "${shown}": each starts with ${markers === '=' ? '=' : '= or ~'} (= right, ~ wrong); true/false is T or F`,
    );
  }
  const parts: Part[] = [];
  let i = a;
  while (i >= 0) {
    // Stops counting at the bank's limit rather than building a million answers out of a huge file.
    if (parts.length === max) fail(`${what.zh}超过 ${max} 个`, `more than ${max} ${what.en}`);
    const next = findAny(raw, markers, i + 1, b);
    parts.push({ marker: raw[i], from: i + 1, to: next < 0 ? b : next });
    i = next;
  }
  return parts;
}

/** `%weight%text#feedback` of one answer. */
function readAnswer(src: Source, part: Part) {
  const raw = src.raw;
  let p = part.from;
  while (p < part.to && isSpace(raw[p])) p++;
  let weight: number | undefined;
  if (raw[p] === '%') {
    let q = p + 1;
    while (q < part.to && raw[q] !== '%') q++;
    const w = q < part.to ? raw.slice(p + 1, q).trim() : '';
    if (!NUMBER.test(w)) {
      const shown = raw.slice(p, Math.min(part.to, p + 12));
      fail(
        `权重「${shown}」格式不对：应写作 %50% 或 %-100%`,
        `bad weight "${shown}": write it like %50% or %-100%`,
      );
    }
    weight = Number(w);
    p = q + 1;
  }
  const hash = findAny(raw, '#', p, part.to);
  const text = src.decode(p, hash < 0 ? part.to : hash).trim();
  const feedback = hash < 0 ? undefined : src.decode(hash + 1, part.to).trim();
  return { weight, text, ...(feedback !== undefined && { feedback }) };
}

/**
 * Which kind of choice question the weights make: exactly one right choice at 100% is single choice;
 * several right choices whose weights add up to 100% are multiple choice with partial credit (Moodle's
 * rule). `[scoring:…]` makes it multiple choice whatever the weights (all-or-nothing needs one right).
 */
export function choiceKind(
  weights: number[],
  scoring?: Scoring,
): { type: 'single' } | { type: 'multiple'; scoring: Scoring } | { problem: Problem } {
  const right = weights.filter((w) => w > 0);
  if (right.length === 0) {
    return {
      problem: {
        zh: '没有正确选项：用 = 标出正确答案，或用 ~%50% 这样的正权重',
        en: 'no right choice: mark it with = or give it a positive weight like ~%50%',
      },
    };
  }
  if (scoring === 'all-or-nothing') return { type: 'multiple', scoring };
  if (scoring === undefined && right.length === 1 && right[0] === 100) return { type: 'single' };
  const sum = right.reduce((s, w) => s + w, 0);
  if (Math.abs(sum - 100) <= 0.1) return { type: 'multiple', scoring: 'partial' };
  const shown = Math.round(sum * 1000) / 1000;
  return {
    problem: {
      zh: `正确选项的权重之和应为 100%，现为 ${shown}%（单选题只能有一个 = 答案）`,
      en: `the right choices' weights must add up to 100%, they add up to ${shown}% (single choice has one = answer)`,
    },
  };
}

function readChoices(src: Source, a: number, b: number, scoring: Scoring | undefined): Answers {
  const choices = splitAnswers(src, a, b, '=~', 26, { zh: '选项', en: 'choices' }).map((part, k) => {
    const { weight: given, text, ...feedback } = readAnswer(src, part);
    if (text === '') fail(`第 ${k + 1} 个选项是空的`, `choice ${k + 1} is empty`);
    const weight = given ?? (part.marker === '=' ? 100 : 0);
    if (weight < -100 || weight > 100) {
      fail(
        `第 ${k + 1} 个选项的权重 ${weight}% 超出范围（−100%…100%）`,
        `choice ${k + 1}: weight ${weight}% is out of range (−100%…100%)`,
      );
    }
    return { text, weight, ...feedback };
  });
  if (choices.length < 2) {
    fail('选择题至少要有两个选项', 'a choice question needs at least two choices');
  }
  const kind = choiceKind(
    choices.map((c) => c.weight),
    scoring,
  );
  if ('problem' in kind) fail(kind.problem.zh, kind.problem.en);
  return kind.type === 'single'
    ? { type: 'single', choices }
    : { type: 'multiple', scoring: kind.scoring, choices };
}

/** Moodle's short answer: `{=答案一 =答案二 =%50%差一点}` — several accepted answers, with weights. */
function readFill(src: Source, a: number, b: number): Answers {
  const accepted = splitAnswers(src, a, b, '=', 50, { zh: '答案', en: 'answers' }).map((part, k) => {
    const { weight: given, text, ...feedback } = readAnswer(src, part);
    if (text === '') fail(`第 ${k + 1} 个答案是空的`, `answer ${k + 1} is empty`);
    const weight = given ?? 100;
    if (weight < 0 || weight > 100) {
      fail(
        `第 ${k + 1} 个答案的权重 ${weight}% 超出范围（0%…100%）`,
        `answer ${k + 1}: weight ${weight}% is out of range (0%…100%)`,
      );
    }
    return { text, weight, ...feedback };
  });
  if (!accepted.some((x) => x.weight > 0)) {
    fail(
      '没有得分的答案：至少一个答案的权重要大于 0',
      'no answer earns marks: at least one weight must be above 0%',
    );
  }
  return { type: 'fill', accepted };
}

/** `{#5:0.5}`, `{#4..6}`, `{#=1822:0 =%50%1822:2}` */
function readNumeric(src: Source, from: number, to: number): Answers {
  const raw = src.raw;
  const [a, b] = trimRange(raw, from, to);
  if (a === b) fail('数值题 {#…} 缺少答案', 'the numeric question {#…} has no answer');
  if (findAny(raw, '~', a, b) >= 0) {
    fail('数值题的答案以 = 开头，不能用 ~', 'numeric answers start with =, not ~');
  }
  const parts =
    raw[a] === '='
      ? splitAnswers(src, a, b, '=', 20, { zh: '数值答案', en: 'numeric answers' })
      : [{ marker: '=', from: a, to: b }];
  const numeric = parts.map((part, k) => {
    const { weight: given, text, ...feedback } = readAnswer(src, part);
    const weight = given ?? 100;
    if (weight < 0 || weight > 100) {
      fail(
        `第 ${k + 1} 个数值答案的权重 ${weight}% 超出范围（0%…100%）`,
        `numeric answer ${k + 1}: weight ${weight}% is out of range (0%…100%)`,
      );
    }
    return { ...numericRange(text, k + 1), weight, ...feedback };
  });
  return { type: 'numeric', numeric };
}

function numericRange(text: string, k: number): { min: number; max: number } {
  const num = (s: string) => {
    const t = s.trim();
    if (!NUMBER.test(t)) {
      fail(
        `第 ${k} 个数值答案「${text}」不是数字：应写作 5、5:0.5 或 4..6`,
        `numeric answer ${k} "${text}" is not a number: write 5, 5:0.5 or 4..6`,
      );
    }
    return Number(t);
  };
  const dots = text.indexOf('..');
  if (dots >= 0) {
    const min = num(text.slice(0, dots));
    const max = num(text.slice(dots + 2));
    if (min > max) {
      fail(
        `第 ${k} 个数值答案的范围 ${text} 下限大于上限`,
        `numeric answer ${k}: in ${text} the minimum exceeds the maximum`,
      );
    }
    return { min, max };
  }
  const colon = text.indexOf(':');
  const value = num(colon < 0 ? text : text.slice(0, colon));
  const tolerance = colon < 0 ? 0 : num(text.slice(colon + 1));
  if (tolerance < 0) {
    fail(`第 ${k} 个数值答案的误差不能为负`, `numeric answer ${k}: the tolerance cannot be negative`);
  }
  return { min: value - tolerance, max: value + tolerance };
}

const FIELDS: Record<string, [string, string]> = {
  stem: ['题干', 'stem'],
  name: ['题目名称', 'name'],
  choices: ['选项', 'choices'],
  accepted: ['答案', 'answers'],
  numeric: ['数值答案', 'numeric answers'],
  text: ['文字', 'text'],
  feedback: ['反馈', 'feedback'],
  weight: ['权重', 'weight'],
  explanation: ['解析', 'general feedback'],
  tags: ['标签', 'tags'],
};

/** A QuestionBody validation issue in words (the readers all end by checking the contract). */
export function describeIssue(issue: z.core.$ZodIssue): Problem {
  const zh = issue.path.map((p) =>
    typeof p === 'number' ? `第 ${p + 1} 项` : (FIELDS[String(p)]?.[0] ?? String(p)),
  );
  const en = issue.path.map((p) =>
    typeof p === 'number' ? `#${p + 1}` : (FIELDS[String(p)]?.[1] ?? String(p)),
  );
  const f = { zh: zh.join(''), en: en.join(' ') };
  if (issue.code === 'too_big') {
    const max = String(issue.maximum);
    if (issue.origin === 'string')
      return { zh: `${f.zh}超过 ${max} 个字符`, en: `${f.en} is longer than ${max} characters` };
    if (issue.origin === 'array') return { zh: `${f.zh}超过 ${max} 个`, en: `more than ${max} ${f.en}` };
    return { zh: `${f.zh}大于 ${max}`, en: `${f.en} is above ${max}` };
  }
  if (issue.code === 'too_small') {
    const min = String(issue.minimum);
    if (issue.origin === 'string') return { zh: `${f.zh}是空的`, en: `${f.en} is empty` };
    if (issue.origin === 'array') return { zh: `${f.zh}少于 ${min} 个`, en: `fewer than ${min} ${f.en}` };
    return { zh: `${f.zh}小于 ${min}`, en: `${f.en} is below ${min}` };
  }
  return { zh: `${f.zh}不合规：${issue.message}`, en: `${f.en}: ${issue.message}` };
}
