import ExcelJS from 'exceljs';
import { type Parsed, QuestionBody, type QuestionType } from '../../../../../contracts/exams/questions.ts';
import { TYPE_ZH } from './rules.ts';

/**
 * The Excel template of the bank (题库导入模板) and its reader: one question a row, the columns
 * below. Answers are written as an examiner writes them: letters for choices (B, ACD), 对/错 or
 * 正确/错误 for true/false, several accepted fill answers separated by `|`, a number, `5:0.5`
 * (value:tolerance) or `4..6` for numeric ones.
 */
export const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const HEADERS = [
  '题型',
  '题干',
  ...LETTERS.map((l) => `选项${l}`),
  '答案',
  '解析',
  '难度',
  '标签',
  '分类',
] as const;
const COL = Object.fromEntries(HEADERS.map((h, i) => [h, i + 1])) as Record<(typeof HEADERS)[number], number>;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The example row's stem begins so: an import leaves it out, so it may stay in a filled template. */
export const EXAMPLE_MARK = '（示例）';

const TYPE_OF: Record<string, QuestionType> = {
  单选题: 'single',
  单选: 'single',
  多选题: 'multiple',
  多选: 'multiple',
  判断题: 'truefalse',
  判断: 'truefalse',
  填空题: 'fill',
  填空: 'fill',
  数值题: 'numeric',
  数值: 'numeric',
  简答题: 'short',
  简答: 'short',
};
const DIFFICULTY_OF: Record<string, 'easy' | 'medium' | 'hard'> = {
  易: 'easy',
  简单: 'easy',
  容易: 'easy',
  中: 'medium',
  中等: 'medium',
  一般: 'medium',
  难: 'hard',
  困难: 'hard',
  较难: 'hard',
};
const DIFFICULTY_ZH = { easy: '易', medium: '中', hard: '难' } as const;
const TRUE_WORDS = ['对', '正确', '√', 'T', 'TRUE', '是'];
const FALSE_WORDS = ['错', '错误', '×', 'F', 'FALSE', '否'];

export type SheetQuestion = { category: string | null; question: QuestionBody };

/** The template: the header row, one filled example row, widths and a drop-down of the types. */
export async function buildBankTemplate(): Promise<Buffer> {
  return writeBankWorkbook([
    {
      category: '党章/总纲',
      question: {
        type: 'single',
        stem: `${EXAMPLE_MARK}中国共产党的最高理想和最终目标是（ ）。`,
        format: 'plain',
        choices: [
          { text: '实现共产主义', weight: 100 },
          { text: '全面建成小康社会', weight: 0 },
          { text: '实现社会主义现代化', weight: 0 },
          { text: '实现中华民族伟大复兴', weight: 0 },
        ],
        explanation: '党章总纲：党的最高理想和最终目标是实现共产主义。',
        difficulty: 'easy',
        tags: ['党章'],
      },
    },
  ]);
}

const numberText = (n: number) => String(Number(n.toFixed(6)));

/** The 答案 cell of a question, as the reader reads it back. */
export function answerCell(q: QuestionBody): string {
  switch (q.type) {
    case 'single':
    case 'multiple':
      return (q.choices ?? []).map((c, i) => (c.weight > 0 ? LETTERS[i] : '')).join('');
    case 'truefalse':
      return q.correct ? '对' : '错';
    case 'fill':
      return (q.accepted ?? []).map((a) => a.text).join('|');
    case 'numeric':
      return (q.numeric ?? [])
        .map((n) => {
          if (n.min === n.max) return numberText(n.min);
          const mid = (n.min + n.max) / 2;
          return `${numberText(mid)}:${numberText((n.max - n.min) / 2)}`;
        })
        .join('|');
    case 'short':
      return '';
  }
}

/** A workbook of questions in the template's columns (the export; the template is one example). */
export async function writeBankWorkbook(items: readonly SheetQuestion[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '红云智慧党建';
  const ws = wb.addWorksheet('题目');
  ws.addRow([...HEADERS]);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.columns.forEach((c, i) => {
    c.width = i === 1 ? 50 : i >= 2 && i <= 7 ? 20 : 12;
  });
  for (const { category, question: q } of items) {
    const row: (string | number)[] = [];
    row[COL.题型 - 1] = TYPE_ZH[q.type];
    row[COL.题干 - 1] = q.stem;
    LETTERS.forEach((_, i) => {
      row[COL.选项A - 1 + i] = q.choices?.[i]?.text ?? '';
    });
    row[COL.答案 - 1] = answerCell(q);
    row[COL.解析 - 1] = q.explanation ?? '';
    row[COL.难度 - 1] = DIFFICULTY_ZH[q.difficulty];
    row[COL.标签 - 1] = q.tags.join('、');
    row[COL.分类 - 1] = category ?? '';
    ws.addRow(row);
  }
  const types = Object.values(TYPE_ZH).join(',');
  for (let r = 2; r <= Math.max(items.length + 1, 500); r++) {
    ws.getCell(r, COL.题型).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${types}"`],
    };
    ws.getCell(r, COL.难度).dataValidation = { type: 'list', allowBlank: true, formulae: ['"易,中,难"'] };
  }
  const guide = wb.addWorksheet('填写说明');
  for (const line of [
    ['题型', '单选题、多选题、判断题、填空题、数值题、简答题'],
    [
      '答案',
      '单选、多选写选项字母（如 B、ACD）；判断写 对/错（或 正确/错误）；填空的多个答案用 | 分隔；数值写 5、5:0.5（值:误差）或 4..6；简答可写参考答案（并入解析）',
    ],
    ['难度', '易、中、难（不填为中）'],
    ['标签', '多个用顿号、逗号分隔'],
    ['分类', '导入时所选分类下的子分类，多级用 / 分隔（如 党史/新中国成立），没有的自动新建'],
    ['示例行', `题干以“${EXAMPLE_MARK}”开头的行不会导入`],
  ])
    guide.addRow(line);
  guide.getColumn(1).width = 10;
  guide.getColumn(2).width = 100;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** What a cell holds as text: rich text joined, numbers as written, formulas by their result. */
function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  }
  return '';
}

const bad = (index: number, line: number, zh: string, en: string, name?: string): Parsed => ({
  ok: false,
  index,
  line,
  ...(name ? { name } : {}),
  error: { zh, en },
});

/** Reads the first sheet of the template: a Parsed per filled row (`line` is the row number). */
export async function readBankWorkbook(body: Buffer): Promise<Parsed[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const header = HEADERS.map((_, i) => cellText(ws.getRow(1).getCell(i + 1).value));
  const missing = HEADERS.filter((h, i) => header[i] !== h);
  if (missing.length)
    return [
      bad(
        1,
        1,
        `表头与模板不符（应为：${HEADERS.join('、')}），请下载模板后填写`,
        'the header row is not the template’s; download the template',
      ),
    ];
  const out: Parsed[] = [];
  let index = 0;
  const last = Math.min(ws.rowCount, 20_001);
  for (let r = 2; r <= last; r++) {
    const row = ws.getRow(r);
    const cell = (col: number) => cellText(row.getCell(col).value);
    const cells = HEADERS.map((_, i) => cell(i + 1));
    if (cells.every((c) => !c)) continue;
    if (cell(COL.题干).startsWith(EXAMPLE_MARK)) continue;
    index++;
    out.push(readRow(index, r, cell));
  }
  return out;
}

function readRow(index: number, line: number, cell: (col: number) => string): Parsed {
  const stem = cell(COL.题干);
  const name = stem.slice(0, 30) || undefined;
  const type = TYPE_OF[cell(COL.题型).replace(/\s/g, '')];
  if (!type)
    return bad(
      index,
      line,
      `题型“${cell(COL.题型)}”无法识别（应为${Object.values(TYPE_ZH).join('、')}）`,
      `unknown type "${cell(COL.题型)}"`,
      name,
    );
  if (!stem) return bad(index, line, '题干不能为空', 'the stem is empty', name);
  const options = LETTERS.map((_, i) => cell(COL.选项A + i));
  const lastOption = options.reduce((n, o, i) => (o ? i + 1 : n), 0);
  const answer = cell(COL.答案);
  const difficultyText = cell(COL.难度);
  const difficulty = difficultyText ? DIFFICULTY_OF[difficultyText] : 'medium';
  if (!difficulty)
    return bad(index, line, `难度“${difficultyText}”应为 易、中 或 难`, 'difficulty is 易, 中 or 难', name);
  let explanation = cell(COL.解析) || undefined;
  const draft: Record<string, unknown> = {
    type,
    stem,
    format: 'plain',
    difficulty,
    tags: cell(COL.标签)
      .split(/[、,，;；\s]+/)
      .filter(Boolean),
  };
  if (type === 'single' || type === 'multiple') {
    if (options.slice(0, lastOption).some((o) => !o))
      return bad(
        index,
        line,
        '选项之间不能有空缺（从 A 起依次填写）',
        'fill the choices from A without gaps',
        name,
      );
    const letters = answer.toUpperCase().replace(/[\s,，、]/g, '');
    if (!letters) return bad(index, line, '答案不能为空：请写正确选项的字母', 'give the right letters', name);
    const picked = [...new Set(letters.split(''))];
    const wrong = picked.filter(
      (l) =>
        LETTERS.indexOf(l as (typeof LETTERS)[number]) < 0 ||
        LETTERS.indexOf(l as (typeof LETTERS)[number]) >= lastOption,
    );
    if (wrong.length)
      return bad(
        index,
        line,
        `答案中的 ${wrong.join('、')} 没有对应的选项`,
        `no choice for ${wrong.join(', ')}`,
        name,
      );
    if (type === 'single' && picked.length !== 1)
      return bad(index, line, '单选题只能有一个答案字母', 'a single choice has one right letter', name);
    const share = Number((100 / picked.length).toFixed(5));
    draft.choices = options.slice(0, lastOption).map((text, i) => ({
      text,
      weight: picked.includes(LETTERS[i]) ? (type === 'single' ? 100 : share) : 0,
    }));
    if (type === 'multiple') draft.scoring = 'all-or-nothing';
  } else if (type === 'truefalse') {
    const a = answer.toUpperCase();
    if (TRUE_WORDS.includes(a)) draft.correct = true;
    else if (FALSE_WORDS.includes(a)) draft.correct = false;
    else return bad(index, line, '判断题答案应为 对 或 错（正确/错误）', 'answer 对 or 错', name);
  } else if (type === 'fill') {
    const accepted = answer
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!accepted.length) return bad(index, line, '填空题答案不能为空', 'give an accepted answer', name);
    draft.accepted = accepted.map((text) => ({ text, weight: 100 }));
  } else if (type === 'numeric') {
    const ranges = [];
    for (const part of answer
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const m = /^(-?[\d.]+)(?:\s*(:|\.\.)\s*(-?[\d.]+))?$/.exec(part);
      const a = m ? Number(m[1]) : Number.NaN;
      const b = m?.[3] !== undefined ? Number(m[3]) : 0;
      if (!m || !Number.isFinite(a) || !Number.isFinite(b))
        return bad(
          index,
          line,
          `数值答案“${part}”应为 5、5:0.5 或 4..6`,
          `numeric answer "${part}" unreadable`,
          name,
        );
      ranges.push(m[2] === '..' ? { min: a, max: b, weight: 100 } : { min: a - b, max: a + b, weight: 100 });
    }
    if (!ranges.length) return bad(index, line, '数值题答案不能为空', 'give a number', name);
    draft.numeric = ranges;
  } else if (answer) {
    // a short answer is graded by a person: a reference answer goes to them with the 解析
    explanation = explanation ? `参考答案：${answer}\n${explanation}` : `参考答案：${answer}`;
  }
  if (explanation) draft.explanation = explanation;
  const parsed = QuestionBody.safeParse(draft);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return bad(
      index,
      line,
      `${issue.path.join('.') || '题目'}：${issue.message}`,
      `${issue.path.join('.')}: ${issue.message}`,
      name,
    );
  }
  return { ok: true, index, line, category: cell(COL.分类) || null, question: parsed.data };
}
