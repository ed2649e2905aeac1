import { describe, expect, it } from 'vitest';
import { COL, type ColumnKey } from './columns.ts';
import { describeProblems, parseRow } from './rows.ts';
import { sampleRow } from './test-workbooks.ts';

const TODAY = '2026-11-25';
/** exceljs row values: index 1 is column A. */
const cells = (over: Partial<Record<ColumnKey, unknown>> = {}) => [undefined, ...sampleRow('ZB-001', over)];
const problemsOf = (over: Partial<Record<ColumnKey, unknown>>) =>
  describeProblems(parseRow(cells(over), TODAY).problems);

describe('a workbook row', () => {
  it('given a filled row, reads it as a record: enumerations to codes, yuan to fen', () => {
    const { input, problems } = parseRow(
      cells({ monthlyIncome: 6500.5, positions: '书记、组织委员' }),
      TODAY,
    );
    expect(problems).toEqual([]);
    expect(input).toMatchObject({
      ethnicity: '汉族',
      status: 'full',
      education: '大学本科',
      degree: '学士',
      orgRef: 'ZB-001',
      positions: ['书记', '组织委员'],
      mobile: false,
      duesCategory: 'salaried',
      monthlyIncomeFen: 650_050,
    });
  });

  it('takes dates as people type them, and phone numbers typed as numbers', () => {
    const row = cells();
    const birth = (row[COL.birthDate] as Date).toISOString().slice(0, 10);
    const [y, m, d] = birth.split('-').map(Number);
    for (const typed of [
      `${y}/${m}/${d}`,
      `${y}年${m}月${d}日`,
      `${y}.${String(m).padStart(2, '0')}.${String(d).padStart(2, '0')}`,
      Number(birth.replaceAll('-', '')),
      // an Excel day number whose cell lost its date format
      Math.round((Date.parse(`${birth}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000),
    ]) {
      row[COL.birthDate] = typed;
      row[COL.phone] = 13912345678;
      const { input, problems } = parseRow(row, TODAY);
      expect(problems, String(typed)).toEqual([]);
      expect(input.birthDate).toBe(birth);
      expect(input.phone).toBe('13912345678');
    }
  });

  it('names each wrong field in the words of the error column', () => {
    const good = cells();
    const id = String(good[COL.idNumber]);
    const badCheck = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    const birthYear = Number(id.slice(6, 10));
    expect(problemsOf({ idNumber: badCheck })).toBe('身份证号：校验位不正确，请核对');
    expect(problemsOf({ joinedOn: `${birthYear + 17}-01-01`, fullOn: `${birthYear + 19}-01-01` })).toMatch(
      /^入党日期：早于年满 18 周岁之日（\d{4}-\d{2}-\d{2}）$/,
    );
    expect(problemsOf({ gender: good[COL.gender] === '男' ? '女' : '男' })).toBe('性别：与身份证号不符');
    expect(problemsOf({ fullOn: null })).toBe('转正日期：正式党员须填写转正日期');
    expect(problemsOf({ gender: '未知' })).toBe('性别：“未知”不是可选项，须为 男、女 之一');
    expect(problemsOf({ phone: '1381234567' })).toBe(
      // the number typed is echoed masked (issue 11, item 7)
      '手机号：“********67”不是有效的手机号，须为 11 位中国大陆手机号码',
    );
    expect(problemsOf({ name: null, ethnicity: null })).toBe('姓名：必填；民族：必填');
    expect(problemsOf({ mobile: '是' })).toBe('外出地点：流动党员须填写外出地点');
    expect(problemsOf({ monthlyIncome: null })).toBe('月收入（元）：在职和离退休党员须填写月收入以计算党费');
    expect(problemsOf({ positions: '主任' })).toContain('党内职务：“主任”不是可选职务');
  });

  it('refuses formulas, error values and ID numbers kept as numbers', () => {
    expect(problemsOf({ monthlyIncome: { formula: 'R3*2', result: 9000 } })).toBe(
      '月收入（元）：单元格中是公式，请改为直接填写内容（复制后“选择性粘贴 → 数值”）',
    );
    expect(problemsOf({ name: { sharedFormula: 'A2', result: '张三' } })).toContain('姓名：单元格中是公式');
    expect(problemsOf({ ethnicity: { error: '#N/A' } })).toBe('民族：单元格显示错误值 #N/A，请填写正确内容');
    expect(problemsOf({ idNumber: Number('110108198506150000') })).toContain('身份证号：单元格是数字格式');
  });

  it('reports every problem of a row at once, and none of the ones that follow from a field already wrong', () => {
    const text = problemsOf({ birthDate: '1985-02-30', status: '党员', phone: 'abc' });
    expect(text).toContain('出生日期：“1985-02-30”不是有效日期');
    expect(text).toContain('人员类别：“党员”不是可选项');
    expect(text).toContain('手机号：');
    // no "join date before 18th birthday" or "full date missing" noise from the bad status or date
    expect(text).not.toContain('入党日期');
    expect(text).not.toContain('转正日期');
  });
});

describe('a workbook row: national fields and ID numbers (issue 12)', () => {
  it('reads 工作岗位 by name, code or both, the address, the work start and the hardship kind', () => {
    for (const post of ['公务员', '0111', '0111 公务员']) {
      const { input, problems } = parseRow(
        cells({
          postCode: post,
          homeAddress: '青山区清河镇幸福村 3 组',
          workStartedOn: new Date(Date.UTC(2022, 6, 1)),
          hardshipKind: '因病致困',
        }),
        TODAY,
      );
      expect(problems, post).toEqual([]);
      expect(input).toMatchObject({
        postCode: '0111',
        homeAddress: '青山区清河镇幸福村 3 组',
        workStartedOn: '2022-07-01',
        hardshipKind: 'illness',
      });
    }
    expect(problemsOf({ postCode: '厂长' })).toBe(
      '工作岗位：“厂长”不在工作岗位代码表中，请按“代码表”填写岗位名称或代码',
    );
    expect(problemsOf({ hardshipKind: '很困难' })).toContain('困难党员类别：“很困难”不是可选项');
  });

  it('given 民族 "回", reads 回族 and says so in a note; a name not on the list is refused', () => {
    const { input, problems, notes } = parseRow(cells({ ethnicity: '回' }), TODAY);
    expect(problems).toEqual([]);
    expect(input.ethnicity).toBe('回族');
    expect(notes).toEqual([{ field: '民族', text: '民族“回”已按 GB/T 3304 规范为“回族”' }]);
    expect(problemsOf({ ethnicity: '穿青人' })).toBe(
      '民族：“穿青人”不在 56 个民族名录（GB/T 3304）中，请按“代码表”填写，如“汉族”“回族”',
    );
  });

  it('given an old 15-digit number (as text or as a number cell), upgrades it to 18 digits with a note', () => {
    const row = cells();
    const id18 = String(row[COL.idNumber]);
    const id15 = id18.slice(0, 6) + id18.slice(8, 17);
    for (const typed of [id15, Number(id15)]) {
      row[COL.idNumber] = typed;
      const { input, problems, notes } = parseRow(row, TODAY);
      expect(problems, String(typed)).toEqual([]);
      expect(input.idNumber).toBe(id18);
      expect(notes[0]).toMatchObject({ field: '身份证号' });
      expect(notes[0].text).toContain('15 位旧身份证号已按 GB 11643 升级为 18 位');
    }
  });

  it('given a full-width digit or a letter inside an 18-character number, names that problem, not the length', () => {
    const id = String(cells()[COL.idNumber]);
    expect(problemsOf({ idNumber: `${id.slice(0, 3)}０${id.slice(4)}` })).toBe(
      '身份证号：第 4 位“０”是全角字符，请改用半角数字（或末位的 X）重新输入',
    );
    expect(problemsOf({ idNumber: `${id.slice(0, 8)}I${id.slice(9)}` })).toBe(
      '身份证号：只有最后一位可以是字母 X，第 9 位是“I”',
    );
  });

  it('reads 党费已交至 as a month in the forms people type, and checks it against the join date', () => {
    for (const typed of ['2026-06', '2026/6', '2026年6月', 202606, new Date(Date.UTC(2026, 5, 1))]) {
      const { input, problems } = parseRow(cells({ duesPaidUntil: typed }), TODAY);
      expect(problems, String(typed)).toEqual([]);
      expect(input.duesPaidUntil).toBe('2026-06');
    }
    expect(problemsOf({ duesPaidUntil: '2028-01' })).toContain('党费已交至：党费最多预交 12 个月');
    expect(problemsOf({ duesPaidUntil: '六月' })).toContain('党费已交至：“六月”不是有效月份');
    expect(
      problemsOf({ status: '入党积极分子', joinedOn: null, fullOn: null, duesPaidUntil: '2026-06' }),
    ).toBe('党费已交至：尚未入党的人员不交纳党费，请不填');
  });

  it('says which cells were filled in, so an update keeps what a blank cell leaves', () => {
    const { given } = parseRow(cells({ workUnit: null, degree: null, monthlyIncome: 5000 }), TODAY);
    expect(given.has('workUnit')).toBe(false);
    expect(given.has('degree')).toBe(false);
    expect(given.has('monthlyIncomeFen')).toBe(true);
    expect(given.has('name')).toBe(true);
  });
});
