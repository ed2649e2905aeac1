import { describe, expect, it } from 'vitest';
import { parseAiken } from './aiken.ts';

const MOODLE_EXAMPLE = `What is the correct answer to this question?
A. Is it this one?
B. Maybe this answer?
C. Possibly this one?
D. Must be this one!
ANSWER: D

Which LMS has the most quiz import formats?
A) Moodle
B) ATutor
C) Claroline
D) Blackboard
E) WebCT
F) Ilias
ANSWER: A
`;

function refusal(text: string) {
  const all = parseAiken(text);
  expect(all).toHaveLength(1);
  const [r] = all;
  if (r.ok) throw new Error(`expected a refusal, parsed: ${JSON.stringify(r.question)}`);
  expect(r.error.zh).not.toBe('');
  return r;
}

describe('Aiken, as the Moodle Aiken page writes it', () => {
  it('reads both examples (A. and A) options) as single choice questions', () => {
    const parsed = parseAiken(MOODLE_EXAMPLE);
    expect(parsed.map((p) => [p.ok, p.index, p.line])).toEqual([
      [true, 1, 1],
      [true, 2, 8],
    ]);
    const [first, second] = parsed.map((p) => (p.ok ? p.question : null));
    expect(first).toEqual({
      type: 'single',
      stem: 'What is the correct answer to this question?',
      format: 'plain',
      choices: [
        { text: 'Is it this one?', weight: 0 },
        { text: 'Maybe this answer?', weight: 0 },
        { text: 'Possibly this one?', weight: 0 },
        { text: 'Must be this one!', weight: 100 },
      ],
      difficulty: 'medium',
      tags: [],
    });
    expect(second?.choices?.map((c) => c.weight)).toEqual([100, 0, 0, 0, 0, 0]);
    expect(parsed.every((p) => p.ok && p.category === null)).toBe(true);
  });

  it('reads questions with no blank line between them (the ANSWER line ends each)', () => {
    const parsed = parseAiken('Q1?\nA. a\nB. b\nANSWER: B\nQ2?\nA. c\nB. d\nANSWER: A');
    expect(parsed.map((p) => (p.ok ? p.question.stem : p.error.en))).toEqual(['Q1?', 'Q2?']);
  });

  it('reads a stem over several lines', () => {
    const [p] = parseAiken(
      '阅读以下材料：\n“不忘初心，方得始终。”\n这句话强调的是\nA. 初心\nB. 结果\nANSWER: A',
    );
    expect(p.ok && p.question.stem).toBe('阅读以下材料：\n“不忘初心，方得始终。”\n这句话强调的是');
  });

  it('reads a Windows file with a byte-order mark and CRLF line ends', () => {
    const parsed = parseAiken(`\uFEFF${MOODLE_EXAMPLE.replace(/\n/g, '\r\n')}`);
    expect(parsed.map((p) => p.ok)).toEqual([true, true]);
  });

  it('reads nothing from an empty file', () => {
    expect(parseAiken('\n\n')).toEqual([]);
  });
});

describe('Aiken as members of a Party organisation type it with a Chinese input method', () => {
  it('accepts full-width option letters and stops (Ａ．Ｂ．) and 答案：B', () => {
    const [p] = parseAiken(
      '中国共产党的最高领导机关是\nＡ．党的全国代表大会和它所产生的中央委员会\nＢ．中央政治局\nＣ．中央书记处\n答案：Ａ',
    );
    expect(p.ok).toBe(true);
    expect(p.ok && p.question.choices?.map((c) => [c.text, c.weight])).toEqual([
      ['党的全国代表大会和它所产生的中央委员会', 100],
      ['中央政治局', 0],
      ['中央书记处', 0],
    ]);
  });

  it('accepts full-width brackets (Ａ）) and the enumeration comma (A、)', () => {
    const parsed = parseAiken(
      '入党誓词的第一句是？\nＡ）我志愿加入中国共产党\nＢ）拥护党的纲领\n答案：A\n\n党员的预备期是\nA、半年\nB、一年\n答案: B',
    );
    expect(parsed.map((p) => p.ok && p.question.choices?.findIndex((c) => c.weight === 100))).toEqual([0, 1]);
  });

  it('accepts a lower-case answer letter and ANSWER written Answer', () => {
    const [p] = parseAiken('Q?\nA. a\nB. b\nAnswer: b');
    expect(p.ok && p.question.choices?.[1].weight).toBe(100);
  });
});

describe('a broken Aiken question is refused on its own, naming what is wrong', () => {
  it('refuses a question without its ANSWER line (at a blank line and at the end of the file)', () => {
    const parsed = parseAiken('Q1?\nA. a\nB. b\n\nQ2?\nA. c\nB. d\nANSWER: A\n\nQ3?\nA. e\nB. f');
    expect(parsed.map((p) => [p.ok, p.index, p.line])).toEqual([
      [false, 1, 1],
      [true, 2, 5],
      [false, 3, 10],
    ]);
    const [missing] = parsed;
    expect(!missing.ok && missing.error).toEqual({
      zh: '缺少答案行（ANSWER: B 或 答案：B）',
      en: 'the ANSWER: line is missing (ANSWER: B)',
    });
  });

  it('refuses an answer letter that is not among the options', () => {
    const r = refusal('Q?\nA. a\nB. b\nC. c\nANSWER: E');
    expect(r.error).toEqual({
      zh: '答案 E 不在选项 A、B、C 之中',
      en: 'the answer E is not among the options A, B, C',
    });
  });

  it('refuses fewer than two options', () => {
    expect(refusal('Q?\nA. only\nANSWER: A').error.en).toContain('at least two options');
    expect(refusal('Q?\nANSWER: A').error.en).toContain('at least two options');
  });

  it('refuses several answer letters (Aiken is single choice only)', () => {
    expect(refusal('Q?\nA. a\nB. b\nC. c\n答案：AC').error.zh).toContain('Aiken 格式只有单选题');
  });

  it('refuses an option letter used twice', () => {
    expect(refusal('Q?\nA. a\nA. b\nANSWER: A').error.en).toBe('option A appears twice');
  });

  it('refuses an empty option', () => {
    expect(refusal('Q?\nA. a\nB.\nANSWER: A').error.en).toBe('option B is empty');
  });

  it('refuses a line after the options that is neither an option nor ANSWER, naming the line', () => {
    expect(refusal('Q?\nA. a\nB. b\nthis line is stray\nANSWER: A').error.en).toContain('line 4');
  });

  it('refuses an ANSWER line with no question before it', () => {
    expect(refusal('ANSWER: A').error.en).toContain('no question');
  });

  it('refuses a stem over 20,000 characters through the bank’s own limits', () => {
    expect(refusal(`${'长'.repeat(20_001)}\nA. a\nB. b\nANSWER: A`).error.en).toBe(
      'stem is longer than 20000 characters',
    );
  });

  it('keeps reading after a broken question', () => {
    const parsed = parseAiken(`Broken?\nA. a\nANSWER: A\n\n${MOODLE_EXAMPLE}`);
    expect(parsed.map((p) => p.ok)).toEqual([false, true, true]);
  });
});
