import { describe, expect, it } from 'vitest';
import type { Parsed, QuestionBody } from '../../../../../contracts/exams/questions.ts';
import { parseGift } from './gift.ts';

/** The one question a text holds, read successfully. */
function question(text: string): QuestionBody {
  const all = parseGift(text);
  expect(all).toHaveLength(1);
  const [r] = all;
  if (!r.ok) throw new Error(`expected to parse, got: ${r.error.en}`);
  return r.question;
}

/** The one question a text holds, refused. */
function refusal(text: string) {
  const all = parseGift(text);
  expect(all).toHaveLength(1);
  const [r] = all;
  if (r.ok) throw new Error(`expected a refusal, parsed: ${JSON.stringify(r.question)}`);
  expect(r.error.zh).not.toBe('');
  expect(r.error.en).not.toBe('');
  return r;
}

const ok = (r: Parsed) => (r.ok ? r.question : null);

describe('multiple choice, as the Moodle GIFT page writes it', () => {
  it("reads Who's buried in Grant's tomb?{~Grant ~Jefferson =no one} as single choice with one right answer", () => {
    expect(question("Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}")).toEqual({
      type: 'single',
      stem: "Who's buried in Grant's tomb?",
      format: 'plain',
      choices: [
        { text: 'Grant', weight: 0 },
        { text: 'Jefferson', weight: 0 },
        { text: 'no one', weight: 100 },
      ],
      difficulty: 'medium',
      tags: [],
    });
  });

  it('reads answers written one per line', () => {
    const q = question("Who's buried in Grant's tomb?{\n~Grant\n~Jefferson\n=no one\n}");
    expect(q.choices?.map((c) => c.text)).toEqual(['Grant', 'Jefferson', 'no one']);
  });

  it('reads a missing word: the block in the middle of the stem becomes a blank', () => {
    const q = question('Moodle costs {~lots of money =nothing ~a small amount} to download from moodle.org.');
    expect(q.type).toBe('single');
    expect(q.stem).toBe('Moodle costs ____ to download from moodle.org.');
    expect(q.choices?.find((c) => c.weight === 100)?.text).toBe('nothing');
  });

  it('reads the per-answer feedback after #', () => {
    const q = question(
      "What's the answer to this multiple-choice question? {\n~wrong answer#feedback comment on the wrong answer\n~another wrong answer#feedback comment on this wrong answer\n=right answer#Very good!}",
    );
    expect(q.choices).toEqual([
      { text: 'wrong answer', weight: 0, feedback: 'feedback comment on the wrong answer' },
      { text: 'another wrong answer', weight: 0, feedback: 'feedback comment on this wrong answer' },
      { text: 'right answer', weight: 100, feedback: 'Very good!' },
    ]);
  });

  it('reads weights on wrong answers of a single choice question (negative marks for a wrong guess)', () => {
    const q = question('Which is right? {=this ~%-50%that ~%-100%the other}');
    expect(q.type).toBe('single');
    expect(q.choices?.map((c) => c.weight)).toEqual([100, -50, -100]);
  });
});

describe('multiple answers with partial credit', () => {
  it("reads the page's example (weights %50% and %-100%) as multiple choice scored partially", () => {
    const q = question(
      "What two people are entombed in Grant's tomb? {\n   ~%-100%No one\n   ~%50%Grant\n   ~%50%Grant's wife\n   ~%-100%Grant's father\n}",
    );
    expect(q).toMatchObject({ type: 'multiple', scoring: 'partial' });
    expect(q.choices?.map((c) => [c.text, c.weight])).toEqual([
      ['No one', -100],
      ['Grant', 50],
      ["Grant's wife", 50],
      ["Grant's father", -100],
    ]);
  });

  it('accepts thirds written as %33.333% (they add up to 100 within rounding)', () => {
    const q = question('Pick the three. {~%33.333%a ~%33.333%b ~%33.333%c ~%-100%d}');
    expect(q).toMatchObject({ type: 'multiple', scoring: 'partial' });
  });

  it('reads [scoring:all-or-nothing] in the comment before a question as all-or-nothing multiple choice', () => {
    const q = question(
      '// [scoring:all-or-nothing]\n以下属于党的纪律的是 {~%50%政治纪律 ~%50%组织纪律 ~生活作风}',
    );
    expect(q).toMatchObject({ type: 'multiple', scoring: 'all-or-nothing' });
  });

  it('reads [scoring:partial] as multiple choice even with one right answer at 100%', () => {
    const q = question('// [scoring:partial]\nPick all that apply {~%100%a ~b ~c}');
    expect(q).toMatchObject({ type: 'multiple', scoring: 'partial' });
  });
});

describe('true/false', () => {
  it.each([
    ['{T}', true],
    ['{TRUE}', true],
    ['{F}', false],
    ['{FALSE}', false],
    ['{true}', true],
  ])('reads %s', (block, correct) => {
    expect(question(`Grant is buried in Grant's tomb.${block}`)).toMatchObject({
      type: 'truefalse',
      correct,
    });
  });

  it('reads the #feedback#feedback form (the bank keeps no per-answer feedback for true/false)', () => {
    const q = question("Grant is buried in Grant's tomb.{FALSE#No one is buried there.#You're right!}");
    expect(q).toMatchObject({ type: 'truefalse', correct: false, stem: "Grant is buried in Grant's tomb." });
  });

  it('reads a Chinese true/false question with an explanation', () => {
    const q = question('预备党员的预备期为一年。{T####《中国共产党章程》第七条。}');
    expect(q).toMatchObject({ type: 'truefalse', correct: true, explanation: '《中国共产党章程》第七条。' });
  });
});

describe('short answer (fill in the blank)', () => {
  it('reads only = answers as a fill question with every answer accepted', () => {
    const q = question("Who's buried in Grant's tomb?{=no one =nobody}");
    expect(q).toMatchObject({
      type: 'fill',
      accepted: [
        { text: 'no one', weight: 100 },
        { text: 'nobody', weight: 100 },
      ],
    });
  });

  it('reads Two plus {=two =2} equals four. with the blank where the block was', () => {
    const q = question('Two plus {=two =2} equals four.');
    expect(q.stem).toBe('Two plus ____ equals four.');
    expect(q.accepted?.map((a) => a.text)).toEqual(['two', '2']);
  });

  it('treats a full stop after the block as text after it, as Moodle does', () => {
    expect(question('Two plus two equals {=four =4}.').stem).toBe('Two plus two equals ____.');
  });

  it('reads weights and feedback on accepted answers', () => {
    const q = question("Who's buried in Grant's tomb?{=no one#excellent answer! =%50%Grant#half right}");
    expect(q.accepted).toEqual([
      { text: 'no one', weight: 100, feedback: 'excellent answer!' },
      { text: 'Grant', weight: 50, feedback: 'half right' },
    ]);
  });

  it('reads a Chinese fill-in-the-blank with several accepted answers', () => {
    const q = question('::宗旨::党的根本宗旨是全心全意为{=人民 =人民群众}服务。');
    expect(q).toMatchObject({
      type: 'fill',
      name: '宗旨',
      stem: '党的根本宗旨是全心全意为____服务。',
      accepted: [{ text: '人民' }, { text: '人民群众' }],
    });
  });
});

describe('numeric', () => {
  it('reads value:tolerance as a range', () => {
    expect(question('When was Ulysses S. Grant born?{#1822:5}').numeric).toEqual([
      { min: 1817, max: 1827, weight: 100 },
    ]);
  });

  it('reads a decimal tolerance (pi to three places)', () => {
    const [n] = question('What is the value of pi (to 3 decimal places)? {#3.14159:0.0005}').numeric ?? [];
    expect(n.min).toBeCloseTo(3.14109, 10);
    expect(n.max).toBeCloseTo(3.14209, 10);
  });

  it('reads min..max end points', () => {
    expect(question('What is the value of pi (to 3 decimal places)? {#3.141..3.142}').numeric).toEqual([
      // biome-ignore lint/suspicious/noApproximativeNumericConstant: the GIFT page's own end points for pi
      { min: 3.141, max: 3.142, weight: 100 },
    ]);
  });

  it('reads a bare number as exactly that number, and negative numbers', () => {
    expect(question('2 - 4 = ? {#-2}').numeric).toEqual([{ min: -2, max: -2, weight: 100 }]);
    expect(question('A negative number? {#-5..-1}').numeric).toEqual([{ min: -5, max: -1, weight: 100 }]);
  });

  it('reads several = alternatives with weights and feedback', () => {
    const q = question(
      '::Q7:: When was Ulysses S. Grant born? {#\n         =1822:0      # Correct! Full credit.\n         =%50%1822:2  # He was born in 1822. Half credit for being close.\n}',
    );
    expect(q).toMatchObject({ type: 'numeric', name: 'Q7', stem: 'When was Ulysses S. Grant born?' });
    expect(q.numeric).toEqual([
      { min: 1822, max: 1822, weight: 100, feedback: 'Correct! Full credit.' },
      { min: 1820, max: 1824, weight: 50, feedback: 'He was born in 1822. Half credit for being close.' },
    ]);
  });
});

describe('essay', () => {
  it('reads an empty block {} as a short answer graded by a person', () => {
    expect(question('::Q8:: How are you? {}')).toMatchObject({
      type: 'short',
      name: 'Q8',
      stem: 'How are you?',
    });
    expect(question('谈谈你对“两个确立”的理解。{ }').type).toBe('short');
  });
});

describe('general feedback', () => {
  it('reads #### as the explanation', () => {
    const q = question("::Q1:: What's 2 + 2? {\n=4 #correct\n=four #correct\n####The answer is 4.\n}");
    expect(q).toMatchObject({ type: 'fill', explanation: 'The answer is 4.' });
    expect(q.accepted?.map((a) => a.feedback)).toEqual(['correct', 'correct']);
  });

  it('reads #### after choices and after numeric answers', () => {
    expect(question('Q {=a ~b ####因为 a。}').explanation).toBe('因为 a。');
    expect(question('Q {#5 ####五}').explanation).toBe('五');
  });
});

describe('names, formats, escapes', () => {
  it('reads ::name:: with the stem on the next line', () => {
    expect(question('::Grant::\nWho is buried here? {=Grant ~nobody}')).toMatchObject({
      name: 'Grant',
      stem: 'Who is buried here?',
    });
  });

  it.each([
    ['[markdown]', 'markdown'],
    ['[html]', 'html'],
    ['[plain]', 'plain'],
    ['[moodle]', 'plain'],
  ])('reads %s before the stem as the text format', (tag, format) => {
    const q = question(`::Q:: ${tag}Who's buried in **Grant's tomb**?{~Grant ~Jefferson =no one}`);
    expect(q).toMatchObject({ format, stem: "Who's buried in **Grant's tomb**?" });
  });

  it('reads the page’s escaped = answers (\\= 2 + 3)', () => {
    const q = question('Which answer equals 5? {\n~ \\= 2 + 2\n= \\= 2 + 3\n~ \\= 2 + 4\n}');
    expect(q.choices?.map((c) => [c.text, c.weight])).toEqual([
      ['= 2 + 2', 0],
      ['= 2 + 3', 100],
      ['= 2 + 4', 0],
    ]);
  });

  it('reads the page’s control-characters question, with \\\\ and feedback over two lines', () => {
    const q = question(
      '::GIFT Control Characters::\nWhich of the following is NOT a control character for the GIFT import format? {\n   ~\\~     # \\~ is a control character.\n   ~\\=     # \\= is a control character.\n   ~\\#     # \\# is a control character.\n   ~\\{     # \\{ is a control character.\n   ~\\}     # \\} is a control character.\n   =\\\\     # Correct! \\\\ (backslash) is not a control character. BUT,\n               it is used to escape the control characters.\n}',
    );
    expect(q.choices?.map((c) => c.text)).toEqual(['~', '=', '#', '{', '}', '\\']);
    expect(q.choices?.[0].feedback).toBe('~ is a control character.');
    expect(q.choices?.[5].feedback).toBe(
      'Correct! \\ (backslash) is not a control character. BUT,\nit is used to escape the control characters.',
    );
  });

  it('reads \\{ \\} and \\: in the stem and \\: in the name', () => {
    const q = question('::Time\\: 10\\:30::The set \\{1, 2\\} has how many elements? {#2}');
    expect(q).toMatchObject({ name: 'Time: 10:30', stem: 'The set {1, 2} has how many elements?' });
  });

  it('reads \\n as a new line and \\# inside an answer', () => {
    const q = question('第一行\\n第二行 {=C\\# ~Java}');
    expect(q.stem).toBe('第一行\n第二行');
    expect(q.choices?.[0].text).toBe('C#');
  });

  it('keeps // inside a line (a web address), which is not a comment', () => {
    expect(question('Is http://moodle.org a site? {T}').stem).toBe('Is http://moodle.org a site?');
  });
});

describe('categories and comments', () => {
  const file = [
    '// 党史题库',
    '$CATEGORY: 党史/第一章',
    '',
    '::Q1:: 中国共产党成立于1921年。{T}',
    '',
    '// 一行注释',
    '::Q2:: 遵义会议召开于1935年。{T}',
    '',
    '$CATEGORY: $course$/top/党史/第二章',
    '',
    '::Q3:: 1949 {T}',
    '',
    '$CATEGORY:',
    '',
    '::Q4:: no category {F}',
  ].join('\n');

  it('gives each question the $CATEGORY in effect, until the next one', () => {
    const parsed = parseGift(file);
    expect(parsed.map((p) => (p.ok ? p.category : 'failed'))).toEqual([
      '党史/第一章',
      '党史/第一章',
      'top/党史/第二章',
      null,
    ]);
  });

  it('counts questions from 1 and gives the line each starts on, past comments and categories', () => {
    expect(parseGift(file).map((p) => [p.index, p.line])).toEqual([
      [1, 4],
      [2, 7],
      [3, 11],
      [4, 15],
    ]);
  });

  it('reads $CATEGORY followed directly by a question, and trims the parts of its path', () => {
    const [p] = parseGift('$CATEGORY:  党史 / 第三章 /\n::Q:: x {T}');
    expect(p).toMatchObject({ ok: true, category: '党史/第三章' });
  });

  it('skips a block of comments only and comment lines inside a question', () => {
    const parsed = parseGift('// only a comment\n// and another\n\nQ {\n// the right one:\n=a\n~b\n}');
    expect(parsed).toHaveLength(1);
    expect(ok(parsed[0])?.choices?.map((c) => c.text)).toEqual(['a', 'b']);
  });

  it('reads [tag:…] (as Moodle writes them) and [difficulty:…] from the comment before the question', () => {
    const q = question('// [id:Q1] [tag:党史] [tag:基础\\]知识] [difficulty:hard]\n::Q1:: x {T}');
    expect(q).toMatchObject({ tags: ['党史', '基础]知识'], difficulty: 'hard' });
  });

  it('reads a Windows file with a byte-order mark and CRLF line ends', () => {
    const parsed = parseGift('\uFEFF::A:: one {T}\r\n\r\n::B:: two {F}\r\n');
    expect(parsed.map((p) => ok(p)?.name)).toEqual(['A', 'B']);
  });

  it('reads nothing from an empty file', () => {
    expect(parseGift('')).toEqual([]);
    expect(parseGift('\n\n// just a comment\n')).toEqual([]);
  });
});

describe('types the bank does not support are refused per question, never thrown', () => {
  it('refuses the page’s matching question, in both languages', () => {
    const r = refusal('::Q4:: Which animal eats which food? { =cat -> cat food =dog -> dog food }');
    expect(r).toMatchObject({ index: 1, line: 1, name: 'Q4' });
    expect(r.error.zh).toContain('配对');
    expect(r.error.en).toContain('matching');
  });

  it('refuses a text without an answer block (a Moodle description)', () => {
    expect(refusal('This is only a description.').error.en).toContain('no answer block');
  });

  it('keeps reading after a refused question', () => {
    const parsed = parseGift(
      'Match {\n=Canada -> Ottawa\n=Italy -> Rome\n}\n\nThe sun rises in the East.{T}\n\n中国的首都是{=北京}。',
    );
    expect(parsed.map((p) => p.ok)).toEqual([false, true, true]);
    expect(parsed.map((p) => p.line)).toEqual([1, 6, 8]);
  });
});

describe('malformed GIFT names what is wrong', () => {
  it('refuses an unclosed brace and says where it was opened', () => {
    const r = refusal("::Q1:: Who's buried?\n{~Grant\n=no one");
    expect(r.error.en).toContain('unclosed brace');
    expect(r.error.en).toContain('line 2');
    expect(r.error.zh).toContain('没有闭合');
  });

  it('refuses a { inside the answer block', () => {
    expect(refusal('Q {=a {=b}').error.en).toContain('unclosed brace');
  });

  it('refuses a } without {', () => {
    expect(refusal('Q } {=a}').error.en).toContain('without an opening {');
  });

  it('refuses a second answer block', () => {
    expect(refusal('Q {=a} and {=b}').error.en).toContain('one answer block');
  });

  it('refuses a bad escape, naming it and its line', () => {
    const r = refusal('::Q:: line one\nC\\q is not an escape {T}');
    expect(r.error.en).toContain('bad escape \\q');
    expect(r.error.en).toContain('line 2');
    expect(r.error.zh).toContain('无效的转义');
  });

  it('refuses a bad escape inside an answer or feedback too', () => {
    expect(refusal('Q {=a\\x ~b}').error.en).toContain('\\x');
    expect(refusal('Q {T#wrong\\y}').error.en).toContain('\\y');
  });

  it('refuses a backslash that escapes nothing', () => {
    expect(refusal('Q {=a ~b\\}').error.en).toContain('unclosed brace');
    expect(refusal('Q \\ {=a}').error.en).toContain('bad escape');
  });

  it.each([
    ['Q {=}', 'answer 1 is empty'],
    ['Q {~a ~ =b}', 'choice 2 is empty'],
    ['Q {= =x}', 'answer 1 is empty'],
    ['Q {=a ~#feedback only}', 'choice 2 is empty'],
  ])('refuses an empty answer: %s', (text, message) => {
    expect(refusal(text).error.en).toContain(message);
  });

  it('refuses a choice question with one choice', () => {
    const r = refusal('Q {~only one}');
    expect(r.error.en).toContain('at least two choices');
    expect(r.error.zh).toContain('至少要有两个选项');
  });

  it.each([
    ['Q {~%150%a =b}', 'out of range'],
    ['Q {~%-101%a =b}', 'out of range'],
    ['Q {=%-50%a =b}', 'out of range (0%…100%)'],
    ['Q {#=%120%5}', 'out of range (0%…100%)'],
  ])('refuses weights out of range: %s', (text, message) => {
    expect(refusal(text).error.en).toContain(message);
  });

  it.each(['Q {~%abc%a =b}', 'Q {~%50a =b}'])('refuses a badly written weight: %s', (text) => {
    expect(refusal(text).error.en).toContain('bad weight');
  });

  it('refuses choices with no right answer', () => {
    expect(refusal('Q {~a ~b}').error.en).toContain('no right choice');
  });

  it('refuses two = answers among ~ (single choice has one) and right weights not adding up to 100', () => {
    expect(refusal('Q {=a =b ~c}').error.en).toContain('add up to 200%');
    expect(refusal('Q {~%50%a ~%30%b ~c}').error.zh).toContain('现为 80%');
  });

  it('refuses a fill question where no answer earns marks', () => {
    expect(refusal('Q {=%0%a}').error.en).toContain('no answer earns marks');
  });

  it.each([
    ['Q {#abc}', 'not a number'],
    ['Q {#5..1}', 'minimum exceeds the maximum'],
    ['Q {#5:-1}', 'tolerance cannot be negative'],
    ['Q {#=5 ~6}', 'not ~'],
    ['Q {#}', 'has no answer'],
  ])('refuses a malformed numeric answer: %s', (text, message) => {
    expect(refusal(text).error.en).toContain(message);
  });

  it('refuses a name without its closing ::', () => {
    expect(refusal('::Q1 stem {T}').error.en).toContain('no closing ::');
  });

  it('refuses answers that start with neither = nor ~', () => {
    expect(refusal('Q {abc}').error.en).toContain('cannot read the answers "abc"');
  });

  it('refuses an unknown [difficulty:…] or [scoring:…]', () => {
    expect(refusal('// [difficulty:very]\nQ {T}').error.en).toContain('unknown difficulty');
    expect(refusal('// [scoring:half]\nQ {=a ~b}').error.en).toContain('unknown scoring');
  });

  it('refuses a question with no stem through the bank’s own limits', () => {
    expect(refusal('{T}').error).toEqual({ zh: '题干是空的', en: 'stem is empty' });
  });

  it('refuses a stem over 20,000 characters through the bank’s own limits', () => {
    expect(refusal(`${'长'.repeat(20_001)} {T}`).error).toEqual({
      zh: '题干超过 20000 个字符',
      en: 'stem is longer than 20000 characters',
    });
  });

  it('refuses more than 26 choices without building them all', () => {
    expect(refusal(`Q {=a ${'~b '.repeat(30)}}`).error.en).toBe('more than 26 choices');
  });
});

describe('a 10 MB file of one question', () => {
  const tenMB = 10 * 1024 * 1024;

  it('with a huge stem: refused for its length, not hung', () => {
    const r = refusal(`::Big:: ${'x'.repeat(tenMB)} {T}`);
    expect(r.error.en).toBe('stem is longer than 20000 characters');
    expect(r.name).toBe('Big');
  });

  it('with an unclosed brace over 10 MB of answers: refused as unclosed', () => {
    expect(refusal(`Q {${'=a '.repeat(tenMB / 3)}`).error.en).toContain('unclosed brace');
  });

  it('with millions of answers: refused at the limit', () => {
    expect(refusal(`Q {${'~a '.repeat(tenMB / 3)}=b}`).error.en).toBe('more than 26 choices');
  });

  it('with ten million backslash escapes in the stem: still one linear pass', () => {
    expect(refusal(`${'\\{'.repeat(tenMB / 2)} {T}`).error.en).toBe('stem is longer than 20000 characters');
  });
});
