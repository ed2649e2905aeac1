import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuestionBody } from '../../../../../contracts/exams/questions.ts';
import { parseGift } from './gift.ts';
import { writeGift } from './gift-write.ts';

type Item = { category: string | null; question: QuestionBody };

const q = (body: Record<string, unknown>) => QuestionBody.parse(body);

/** Parses what was written, insisting every question parsed. */
function readBack(text: string): Item[] {
  return parseGift(text).map((p) => {
    if (!p.ok)
      throw new Error(`question ${p.index} (line ${p.line}) did not parse back: ${p.error.en}\n${text}`);
    return { category: p.category, question: p.question };
  });
}

const roundTrip = (items: Item[]) => expect(readBack(writeGift(items))).toEqual(items);

describe('writing GIFT', () => {
  it('writes single choice with = for the right answer and ~ for the rest, with feedback', () => {
    const text = writeGift([
      {
        category: null,
        question: q({
          type: 'single',
          name: 'Q1',
          stem: '党的最高领导机关是',
          choices: [
            { text: '全国代表大会', weight: 100, feedback: '对' },
            { text: '中央政治局', weight: 0 },
            { text: '中央书记处', weight: -50 },
          ],
        }),
      },
    ]);
    expect(text).toBe('::Q1:: 党的最高领导机关是 {\n=全国代表大会#对\n~中央政治局\n~%-50%中央书记处\n}\n');
  });

  it('writes true/false, short, numeric and the explanation after ####', () => {
    const text = writeGift([
      {
        category: null,
        question: q({ type: 'truefalse', stem: '预备期为一年。', correct: true, explanation: '党章第七条' }),
      },
      { category: null, question: q({ type: 'short', stem: '谈谈体会。' }) },
      {
        category: null,
        question: q({
          type: 'numeric',
          stem: '1921 + 1 = ?',
          numeric: [
            { min: 1922, max: 1922 },
            { min: 1920, max: 1924, weight: 50, feedback: 'close' },
          ],
        }),
      },
    ]);
    expect(text).toBe(
      [
        '预备期为一年。 {',
        'TRUE',
        '####党章第七条',
        '}',
        '',
        '谈谈体会。 {',
        '}',
        '',
        '1921 + 1 \\= ? {',
        '#',
        '=1922',
        '=%50%1920..1924#close',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('puts the answer block where the blank is in the middle of the stem', () => {
    const text = writeGift([
      {
        category: null,
        question: q({
          type: 'fill',
          stem: '党的根本宗旨是全心全意为____服务。',
          accepted: [{ text: '人民' }],
        }),
      },
    ]);
    expect(text).toBe('党的根本宗旨是全心全意为{\n=人民\n}服务。\n');
  });

  it('writes $CATEGORY only where the category changes', () => {
    const t = (stem: string) => q({ type: 'truefalse', stem, correct: false });
    const text = writeGift([
      { category: '党史/第一章', question: t('a') },
      { category: '党史/第一章', question: t('b') },
      { category: '党史/第二章', question: t('c') },
      { category: null, question: t('d') },
    ]);
    expect(text.match(/^\$CATEGORY:.*$/gm)).toEqual([
      '$CATEGORY: 党史/第一章',
      '$CATEGORY: 党史/第二章',
      '$CATEGORY: ',
    ]);
  });

  it('escapes ~ = # { } : \\ and new lines, and writes -> as -\\>', () => {
    const text = writeGift([
      {
        category: null,
        question: q({
          type: 'fill',
          name: 'a::b',
          stem: 'x {y} ~ = # : \\ \nz',
          accepted: [{ text: 'A->B' }],
        }),
      },
    ]);
    expect(text).toBe('::a\\:\\:b:: x \\{y\\} \\~ \\= \\# \\: \\\\ \\nz {\n=A-\\>B\n}\n');
  });
});

describe('GIFT export round-trips', () => {
  const hand: [string, Item[]][] = [
    [
      'a blank that ends the stem stays a blank',
      [{ category: null, question: q({ type: 'fill', stem: '首都是 ____', accepted: [{ text: '北京' }] }) }],
    ],
    [
      'a stem that starts with the blank',
      [{ category: null, question: q({ type: 'fill', stem: '____ 是首都', accepted: [{ text: '北京' }] }) }],
    ],
    [
      'a plain stem that looks like a format tag or a comment',
      [
        { category: null, question: q({ type: 'truefalse', stem: '[html] is a tag', correct: true }) },
        { category: null, question: q({ type: 'truefalse', stem: '// not a comment', correct: true }) },
        { category: null, question: q({ type: 'truefalse', stem: '$CATEGORY: not one', correct: true }) },
        { category: null, question: q({ type: 'truefalse', stem: '::not a name::', correct: true }) },
      ],
    ],
    [
      'answers whose text starts with % (not a weight)',
      [
        {
          category: null,
          question: q({
            type: 'single',
            stem: 'growth?',
            choices: [
              { text: '%5%', weight: 100 },
              { text: '%6', weight: 0 },
            ],
          }),
        },
        { category: null, question: q({ type: 'fill', stem: 'rate?', accepted: [{ text: '%50% off' }] }) },
      ],
    ],
    [
      'multiple choice with one right answer at 100% (needs [scoring:partial])',
      [
        {
          category: null,
          question: q({
            type: 'multiple',
            scoring: 'partial',
            stem: 'which?',
            choices: [
              { text: 'a', weight: 100 },
              { text: 'b', weight: -100 },
            ],
          }),
        },
      ],
    ],
    [
      'all-or-nothing multiple choice, tags and difficulty',
      [
        {
          category: '党史',
          question: q({
            type: 'multiple',
            scoring: 'all-or-nothing',
            stem: '以下属于党的纪律的是',
            choices: [
              { text: '政治纪律', weight: 100 },
              { text: '组织纪律', weight: 100 },
              { text: '生活作风', weight: 0 },
            ],
            difficulty: 'hard',
            tags: ['纪律', 'a]b\\c'],
          }),
        },
      ],
    ],
    [
      'empty feedback and an empty explanation',
      [
        {
          category: null,
          question: q({
            type: 'single',
            stem: 's',
            choices: [
              { text: 'a', weight: 100, feedback: '' },
              { text: 'b', weight: 0 },
            ],
            explanation: '',
          }),
        },
      ],
    ],
  ];

  it.each(hand)('%s', (_, items) => roundTrip(items));

  it('reads back what it wrote from the Moodle examples, unchanged', () => {
    const file =
      "::Q2:: What's between orange and green? { =yellow # right; good! ~red # wrong ~blue # wrong }\n\n::Q3:: Two plus {=two =2} equals four.\n\n::Q5:: A number from 1 to 5? {#3:2}\n\n::Q7:: When was Grant born? {#\n=1822:0 # Correct!\n=%50%1822:2 # Close.\n}\n\n::Q8:: How are you? {}\n\nWhat two people are entombed in Grant's tomb? {~%-100%No one ~%50%Grant ~%50%Grant's wife ~%-100%Grant's father}";
    const first = readBack(file);
    expect(first).toHaveLength(6);
    roundTrip(first);
  });

  // Text drawn from what GIFT treats specially, mixed with ordinary Latin and Chinese.
  const piece = fc.constantFrom(
    ...[
      '~',
      '=',
      '#',
      '{',
      '}',
      ':',
      '::',
      '\\',
      '\n',
      '->',
      '%',
      '%5%',
      '[',
      ']',
      '[html]',
      '/',
      '//',
      '____',
    ],
    ...[
      '_',
      ' ',
      '  ',
      '\t',
      'T',
      'a',
      'Z',
      '9',
      '-1',
      '.',
      '..',
      '####',
      '$CATEGORY:',
      '党',
      '纪律',
      '　',
      '，',
    ],
  );
  const text = (max: number) =>
    fc
      .array(piece, { minLength: 1, maxLength: 8 })
      .map((ps) => ps.join('').trim().slice(0, max).trim())
      .filter((s) => s.length > 0);
  const feedback = fc.option(
    fc.array(piece, { maxLength: 5 }).map((ps) => ps.join('').trim()),
    { nil: undefined },
  );
  const weight = (min: number, max: number) =>
    fc.oneof(
      fc.integer({ min, max }),
      fc.constantFrom(...[-33.333, -12.5, 0.5, 12.5, 33.333].filter((w) => w >= min && w <= max)),
    );
  const number = fc.oneof(
    fc.integer({ min: -1_000_000, max: 1_000_000 }),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((n) => n + 0),
  );
  const wrongs = fc.array(fc.record({ text: text(40), weight: weight(-100, 0), feedback }), {
    minLength: 1,
    maxLength: 4,
  });

  const single = fc
    .tuple(fc.record({ text: text(40), feedback }), wrongs, fc.nat())
    .map(([right, wrong, at]) => {
      const choices = [...wrong];
      choices.splice(at % (wrong.length + 1), 0, { ...right, weight: 100 });
      return { type: 'single', choices };
    });
  // Partial credit: right weights that add up to exactly 100.
  const partial = fc
    .tuple(fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 3 }), wrongs)
    .chain(([cuts, wrong]) => {
      const points = [0, ...cuts.sort((x, y) => x - y), 100];
      const rights = points.slice(1).map((p, k) => p - points[k]);
      return fc
        .array(fc.record({ text: text(40), feedback }), {
          minLength: rights.length,
          maxLength: rights.length,
        })
        .map((rs) => ({
          type: 'multiple',
          scoring: 'partial',
          choices: [...rs.map((r, k) => ({ ...r, weight: rights[k] })), ...wrong],
        }));
    });
  const allOrNothing = fc
    .tuple(
      fc.array(fc.record({ text: text(40), weight: weight(1, 100), feedback }), {
        minLength: 1,
        maxLength: 3,
      }),
      wrongs,
    )
    .map(([rights, wrong]) => ({
      type: 'multiple',
      scoring: 'all-or-nothing',
      choices: [...wrong, ...rights],
    }));
  const truefalse = fc.boolean().map((correct) => ({ type: 'truefalse', correct }));
  const fill = fc
    .array(fc.record({ text: text(30), weight: weight(0, 100), feedback }), { minLength: 1, maxLength: 4 })
    .map((accepted) => ({ type: 'fill', accepted: [{ ...accepted[0], weight: 100 }, ...accepted.slice(1)] }));
  const numeric = fc
    .array(
      fc.record({ a: number, b: number, weight: weight(0, 100), feedback }).map(({ a, b, ...rest }) => ({
        min: Math.min(a, b),
        max: Math.max(a, b),
        ...rest,
      })),
      { minLength: 1, maxLength: 3 },
    )
    .map((numeric) => ({ type: 'numeric', numeric }));
  const short = fc.constant({ type: 'short' });

  const question = fc
    .record({
      answers: fc.oneof(single, partial, allOrNothing, truefalse, fill, numeric, short),
      name: fc.option(text(60), { nil: undefined }),
      stem: text(200),
      format: fc.constantFrom('plain', 'html', 'markdown'),
      explanation: fc.option(text(100), { nil: undefined }),
      difficulty: fc.constantFrom('easy', 'medium', 'hard'),
      tags: fc.array(text(20), { maxLength: 3 }),
    })
    .map(({ answers, ...rest }) => QuestionBody.parse(stripUndefined({ ...rest, ...answers })));
  const category = fc.constantFrom(null, '党史', '党史/第一章', 'a/b/c');

  it('parseGift(writeGift(x)) equals x for generated questions of every type', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ category, question }), { minLength: 1, maxLength: 5 }), (items) => {
        roundTrip(items);
      }),
      { numRuns: 300 },
    );
  });
});

function stripUndefined(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.map((x) => (x && typeof x === 'object' ? stripUndefined(x) : x)) : v;
  }
  return out;
}
