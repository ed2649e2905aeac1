// GIFT 导出 (issue 15 item 2): the inverse of gift.ts, so that parseGift(writeGift(x)) gives x back.
// Every piece of text is written on one line with its newlines as `\n`, so no question ever holds a
// blank line (which would end it) or a line starting with `//` (which would be a comment).
import type { QuestionBody } from '../../../../../contracts/exams/questions.ts';
import { BLANK, choiceKind } from './gift.ts';

/** Writes questions in order, with `$CATEGORY:` wherever the category changes. */
export function writeGift(items: { category: string | null; question: QuestionBody }[]): string {
  const out: string[] = [];
  let category: string | null = null;
  for (const item of items) {
    if (item.category !== category) {
      out.push(`$CATEGORY: ${(item.category ?? '').replace(/[\r\n]+/g, ' ')}`, '');
      category = item.category;
    }
    out.push(...questionLines(item.question), '');
  }
  return out.join('\n');
}

function questionLines(q: QuestionBody): string[] {
  const lines: string[] = [];
  const directives = q.tags.map((t) => `[tag:${directiveValue(t)}]`);
  if (q.difficulty !== 'medium') directives.push(`[difficulty:${q.difficulty}]`);
  if (q.type === 'multiple') {
    const scoring = q.scoring ?? 'partial';
    const read = choiceKind((q.choices ?? []).map((c) => c.weight));
    if (!('type' in read && read.type === 'multiple' && read.scoring === scoring)) {
      directives.push(`[scoring:${scoring}]`);
    }
  }
  if (directives.length > 0) lines.push(`// ${directives.join(' ')}`);

  const name = q.name !== undefined ? `::${escapeGift(q.name)}:: ` : '';
  // A stem that itself starts with `[` or `/` gets its format written, so it is not read as one or as a comment.
  const format = q.format !== 'plain' || /^[[/]/.test(q.stem) ? `[${q.format}]` : '';
  // The block goes where the blank is, unless the blank ends the stem (text after the block makes the blank).
  const at = q.stem.indexOf(BLANK);
  const inside = at >= 0 && at + BLANK.length < q.stem.length;
  const before = inside ? q.stem.slice(0, at) : q.stem;
  const after = inside ? q.stem.slice(at + BLANK.length) : '';
  lines.push(`${name}${format}${escapeGift(before)}${inside ? '' : ' '}{`, ...answerLines(q));
  if (q.explanation !== undefined) lines.push(`####${escapeGift(q.explanation)}`);
  lines.push(`}${escapeGift(after)}`);
  return lines;
}

function answerLines(q: QuestionBody): string[] {
  switch (q.type) {
    case 'single':
      return (q.choices ?? []).map((c) =>
        c.weight === 100
          ? `=${weight(100, c.text, 100)}${answer(c)}`
          : `~${weight(c.weight, c.text, 0)}${answer(c)}`,
      );
    case 'multiple':
      return (q.choices ?? []).map((c) => `~${weight(c.weight, c.text, 0)}${answer(c)}`);
    case 'truefalse':
      return [q.correct ? 'TRUE' : 'FALSE'];
    case 'fill':
      return (q.accepted ?? []).map((a) => `=${weight(a.weight, a.text, 100)}${answer(a)}`);
    case 'numeric':
      return [
        '#',
        ...(q.numeric ?? []).map((n) => {
          const range = n.min === n.max ? String(n.min) : `${n.min}..${n.max}`;
          return `=${weight(n.weight, '', 100)}${range}${feedback(n.feedback)}`;
        }),
      ];
    case 'short':
      return [];
  }
}

/** `%w%` unless the marker already means it; always when the text itself starts with `%`. */
function weight(w: number, text: string, implied: number): string {
  return w !== implied || text.startsWith('%') ? `%${w}%` : '';
}

function answer(a: { text: string; feedback?: string }): string {
  return `${escapeGift(a.text)}${feedback(a.feedback)}`;
}

function feedback(f: string | undefined): string {
  return f === undefined ? '' : `#${escapeGift(f)}`;
}

/** GIFT's escapes; `->` is written `-\>` so that a blank's answer is not read as a matching pair. */
function escapeGift(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[\\~=#{}:\n]|->/g, (m) => (m === '\n' ? '\\n' : m === '->' ? '-\\>' : `\\${m}`));
}

function directiveValue(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/[\\\]\n]/g, (m) => (m === '\n' ? '\\n' : `\\${m}`));
}
