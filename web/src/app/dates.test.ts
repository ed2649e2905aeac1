import { describe, expect, it } from 'vitest';
import { currentMonth } from './dates.ts';

describe("this month in Asia/Shanghai, where dues months and letters' months are counted", () => {
  it('is already February in Beijing at 00:30 on 1 February, while UTC still says January', () => {
    expect(currentMonth(new Date('2026-01-31T16:30:00Z'))).toBe('2026-02');
  });
  it('is still January at 23:59 on 31 January in Beijing', () => {
    expect(currentMonth(new Date('2026-01-31T15:59:00Z'))).toBe('2026-01');
  });
});

describe('what a date box takes as it is typed', () => {
  it('reads each complete form as contracts/dates.ts does, the shown form first', async () => {
    const dayjs = (await import('dayjs')).default;
    const custom = (await import('dayjs/plugin/customParseFormat.js')).default;
    dayjs.extend(custom);
    const { DATE_INPUT_FORMATS } = await import('./dates.ts');
    const { parseDateText } = await import('../../../contracts/dates.ts');
    expect(DATE_INPUT_FORMATS[0]).toBe('YYYY-MM-DD');
    for (const typed of ['2005-06-01', '20050601', '2005/06/01', '2005.06.01', '2005年06月01日']) {
      const byBox = DATE_INPUT_FORMATS.map((f) => dayjs(typed, f, true)).find((d) => d.isValid());
      expect(byBox?.format('YYYY-MM-DD'), typed).toBe(parseDateText(typed));
    }
  });
});
