import { describe, expect, it } from 'vitest';
import { byTestId, renderHtml, textOf } from '../../../app/testing.tsx';
import { memberKeys } from '../keys.ts';
import type { HistoryEntryT } from './api.ts';
import { HistoryPanel } from './HistoryPanel.tsx';

// Two changes to one record, as GET /members/7/history answers (newest first).
const history: HistoryEntryT[] = [
  {
    id: '12',
    at: '2026-03-02T02:00:00.000Z',
    actorName: '王秘书',
    source: 'edit',
    changes: {
      workUnit: ['清河镇农技站', '清河镇人民政府'],
      status: ['probationary', 'full'],
      orgId: ['41', '42'],
    },
  },
  {
    id: '11',
    at: '2025-07-01T01:00:00.000Z',
    actorName: null,
    source: 'import',
    changes: { name: [null, '李红'], degree: [null, null], mobile: [null, false] },
  },
];

const render = (lang: 'zh-CN' | 'en' = 'zh-CN') =>
  renderHtml(<HistoryPanel memberId="7" enabled />, { queries: [[memberKeys.history('7'), history]], lang });

describe("a record's history, as the branch reads it", () => {
  it('says each change in the form’s words: field, old value struck through, new value', async () => {
    const text = textOf(byTestId(await render(), 'member-history'));
    expect(text).toContain('工作单位：清河镇农技站 → 清河镇人民政府');
    expect(text).toContain('人员类别：预备党员 → 正式党员');
    expect(await render()).toMatch(/<del>清河镇农技站<\/del>/);
  });
  it('names who changed it and how, and the system when nobody did', async () => {
    const text = textOf(await render());
    expect(text).toContain('王秘书');
    expect(text).toContain('编辑');
    expect(text).toContain('系统');
    expect(text).toContain('Excel 导入');
  });
  it('leaves out what stayed empty and bare org ids', async () => {
    const text = textOf(await render());
    expect(text).toContain('姓名：李红');
    expect(text).toContain('流动党员：否');
    expect(text).not.toContain('学位');
    expect(text).not.toContain('所在党支部');
  });
  it('reads the same in English', async () => {
    const text = textOf(await render('en'));
    expect(text).toContain('Category：Probationary member → Full member');
    expect(text).toContain('Edited');
  });
});
