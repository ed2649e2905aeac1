import { describe, expect, it } from 'vitest';
import type { DuesMonth, MemberDues } from '../../../contracts/members/dues.ts';
import { byTestId, renderHtml, textOf } from '../app/testing.tsx';
import { MyDues } from './MyDues.tsx';

const month = (m: string, o: Partial<DuesMonth>): DuesMonth => ({
  month: m,
  standardFen: 1500,
  dueFen: 1500,
  relief: null,
  paidFen: null,
  extraFen: 0,
  shortFen: 0,
  state: 'unpaid',
  ...o,
});

// GET /me/dues on 2026-12-10 for a member who paid October and part of December, not November
const dues: MemberDues = {
  memberId: '7',
  name: '李红',
  standardFen: 1500,
  category: 'salaried',
  basis: 'salary',
  incomeFen: 300_000,
  fromMonth: '2026-10',
  thisMonth: '2026-12',
  months: [
    month('2026-12', { paidFen: 1000, shortFen: 500, state: 'pending' }),
    month('2026-11', { shortFen: 1500, state: 'unpaid' }),
    month('2026-10', { paidFen: 1500, state: 'paid' }),
  ],
  history: [],
  reliefs: [],
  paidFen: 2500,
  extraFen: 0,
  owedFen: 1500,
  can: { manage: false, approve: false },
};

/** Each month's row as [state, its words], the row's parts (month, state, figures) apart. */
const rows = (html: string) =>
  [...byTestId(html, 'my-dues-months').matchAll(/<li[^>]*data-state="([a-z_]+)"[^>]*>(.*?)<\/li>/g)].map(
    ([, state, li]) => [state, textOf(li.replaceAll('</span>', ' </span>'))],
  );

describe('我的党费 on the phone', () => {
  it('owes only the completed months: this month reads 本月待交 with what is still to pay, not 未交 or 尚欠', async () => {
    const html = await renderHtml(<MyDues />, { queries: [[['me', 'dues'], dues]] });
    expect(rows(html)).toEqual([
      ['pending', '2026-12 本月待交 交 ¥10.00 · 还需交 ¥5.00'],
      ['unpaid', '2026-11 未交 应交 ¥15.00'],
      ['paid', '2026-10 ✓ 已交 交 ¥15.00'],
    ]);
    // 尚欠 is said once, of November's 15 yuan, as the branch's arrears list counts it
    expect(textOf(byTestId(html, 'my-dues-owed'))).toMatch(/^¥15\.00 /);
    expect(textOf(html).match(/尚欠/g)).toHaveLength(1);
  });

  it('this month with nothing paid yet says what is due; a month paid ahead still open is not yet owed', async () => {
    const html = await renderHtml(<MyDues />, {
      queries: [
        [
          ['me', 'dues'],
          {
            ...dues,
            months: [
              month('2027-01', { shortFen: 1500, state: 'pending' }),
              month('2026-12', { shortFen: 1500, state: 'pending' }),
              month('2026-11', { paidFen: 1500, state: 'paid' }),
            ],
            owedFen: 0,
          },
        ],
      ],
    });
    expect(rows(html)).toEqual([
      ['pending', '2027-01 待交（未到期） 应交 ¥15.00'],
      ['pending', '2026-12 本月待交 应交 ¥15.00'],
      ['paid', '2026-11 ✓ 已交 交 ¥15.00'],
    ]);
    // nothing owed: no 尚欠 line at all
    expect(html).not.toContain('my-dues-owed');
    expect(textOf(html)).not.toContain('尚欠');
  });

  it('draws the symbols of owed and pending months, which the phone’s font may lack, instead of typing them', async () => {
    const html = await renderHtml(<MyDues />, { queries: [[['me', 'dues'], dues]] });
    const list = byTestId(html, 'my-dues-months');
    expect(list.match(/<svg class="hy-m-dues-icon"/g)).toHaveLength(2);
    expect(list).not.toMatch(/[…⋯]/);
  });
});
