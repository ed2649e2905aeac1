// Aiken 导入 (issue 15 item 2), from Moodle's published syntax (docs.moodle.org/en/Aiken_format): the
// stem, one line per option `A.` or `A)`, then `ANSWER: B`; every question is single choice. Members of
// a Party organisation type it with a Chinese input method, so full-width `Ａ．`, `Ａ）`, `A、` and
// `答案：B` are read too. Each question is read on its own; a broken one is reported and the rest parse.
import { type Parsed, QuestionBody } from '../../../../../contracts/exams/questions.ts';
import { describeIssue, type Problem } from './gift.ts';

const OPTION = /^([A-ZＡ-Ｚ])(?:[.)](?:\s+|$)|[．）、]\s*)(.*)$/s;
const ANSWER = /^(?:ANSWER|答案)\s*[:：]\s*(.*)$/is;

const halfWidth = (letter: string) =>
  letter >= 'Ａ' && letter <= 'Ｚ' ? String.fromCharCode(letter.charCodeAt(0) - 0xfee0) : letter;

type Pending = {
  line: number;
  stem: string[];
  options: { letter: string; text: string }[];
  problem?: Problem;
};

/** Reads an Aiken file into one result per question, in file order. */
export function parseAiken(text: string): Parsed[] {
  const out: Parsed[] = [];
  let q: Pending | null = null;
  const finish = (answer: string | null) => {
    if (q) out.push(readQuestion(q, answer, out.length + 1));
    q = null;
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t === '') {
      // A blank line ends a question that never got its ANSWER line.
      finish(null);
      continue;
    }
    const answer = ANSWER.exec(t);
    if (answer) {
      q ??= { line: i + 1, stem: [], options: [] };
      finish(answer[1].trim());
      continue;
    }
    if (q === null) {
      q = { line: i + 1, stem: [t], options: [] };
      continue;
    }
    const option = OPTION.exec(t);
    if (option) q.options.push({ letter: halfWidth(option[1]), text: option[2].trim() });
    else if (q.options.length === 0) q.stem.push(t);
    else {
      q.problem ??= {
        zh: `第 ${i + 1} 行既不是选项也不是答案行（上一题是否缺少 ANSWER: 行？）`,
        en: `line ${i + 1} is neither an option nor the ANSWER line (is an ANSWER: line missing above it?)`,
      };
    }
  }
  finish(null);
  return out;
}

function readQuestion(q: Pending, answer: string | null, index: number): Parsed {
  const problem = check(q, answer);
  if (problem) return { ok: false, index, line: q.line, error: problem };
  const letter = halfWidth(answer!).toUpperCase();
  const checked = QuestionBody.safeParse({
    type: 'single',
    stem: q.stem.join('\n'),
    choices: q.options.map((o) => ({ text: o.text, weight: o.letter === letter ? 100 : 0 })),
  });
  if (!checked.success)
    return { ok: false, index, line: q.line, error: describeIssue(checked.error.issues[0]) };
  return { ok: true, index, line: q.line, category: null, question: checked.data };
}

function check(q: Pending, answer: string | null): Problem | undefined {
  if (q.problem) return q.problem;
  if (q.stem.length === 0) {
    return { zh: 'ANSWER: 行前面没有题目', en: 'an ANSWER: line with no question before it' };
  }
  if (answer === null) {
    return { zh: '缺少答案行（ANSWER: B 或 答案：B）', en: 'the ANSWER: line is missing (ANSWER: B)' };
  }
  if (q.options.length < 2) {
    return { zh: '至少要有两个选项（A. … B. …）', en: 'at least two options are needed (A. … B. …)' };
  }
  const letters = q.options.map((o) => o.letter);
  const repeated = letters.find((l, i) => letters.indexOf(l) !== i);
  if (repeated) return { zh: `选项 ${repeated} 出现了两次`, en: `option ${repeated} appears twice` };
  const empty = q.options.find((o) => o.text === '');
  if (empty) return { zh: `选项 ${empty.letter} 是空的`, en: `option ${empty.letter} is empty` };
  const letter = halfWidth(answer).toUpperCase();
  if (!/^[A-Z]$/.test(letter)) {
    return {
      zh: `答案「${answer}」应为一个选项字母（Aiken 格式只有单选题）`,
      en: `the answer "${answer}" must be one option letter (Aiken has single choice only)`,
    };
  }
  if (!letters.includes(letter)) {
    return {
      zh: `答案 ${letter} 不在选项 ${letters.join('、')} 之中`,
      en: `the answer ${letter} is not among the options ${letters.join(', ')}`,
    };
  }
  return undefined;
}
