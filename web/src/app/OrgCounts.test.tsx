import { describe, expect, it } from 'vitest';
import type { MessageCounts } from '../../../contracts/openness/messages.ts';
import { ApiError } from './api.ts';
import { type OrgCount, OrgCounts, type OrgCountsBars, stackedBars } from './OrgCounts.tsx';
import { byTestId, renderHtml, textOf } from './testing.tsx';

// A town's messages of a month (GET /messages/counts): its own totals and two villages below it.
const town: MessageCounts = {
  orgId: '2',
  orgName: '清河镇党委',
  received: 5,
  answered: 3,
  answeredInTime: 2,
  overdue: 1,
};
const east: MessageCounts = {
  orgId: '21',
  orgName: '东村党支部',
  received: 4,
  answered: 2,
  answeredInTime: 1,
  overdue: 1,
};
const west: MessageCounts = {
  orgId: '22',
  orgName: '西村党支部',
  received: 1,
  answered: 1,
  answeredInTime: 1,
  overdue: 0,
};
const counts: OrgCount<MessageCounts>[] = [
  { key: 'received', title: '收到', value: (c) => c.received },
  { key: 'inTime', title: '按时答复', value: (c) => c.answeredInTime },
  { key: 'overdue', title: '逾期未答复', value: (c) => c.overdue, alarm: true },
];
const bars: OrgCountsBars<MessageCounts> = {
  rows: [west, east],
  order: (a, b) => a.answeredInTime / a.received - b.answeredInTime / b.received,
  parts: [
    { name: '按时', color: '#389e0d', value: (c) => c.answeredInTime },
    { name: '未答复', color: '#cf1322', value: (c) => c.received - c.answered },
  ],
  label: '各组织留言答复情况',
  testId: 'messages-chart',
};

describe('an org’s counts, its orgs below in a table and a chart', () => {
  it('shows the totals and one row per org below, each count in its column', async () => {
    const html = await renderHtml(
      <OrgCounts
        title="留言统计 · 清河镇党委"
        testId="messages-counts"
        total={town}
        counts={counts}
        orgTitle="组织"
        rows={[east, west]}
        hint="按留言提交的月份统计"
        tableTestId="messages-counts-table"
      />,
    );
    const card = textOf(byTestId(html, 'messages-counts'));
    expect(card).toMatch(/^留言统计 · 清河镇党委 收到 ?5 按时答复 ?2 逾期未答复 ?1 按留言提交的月份统计/);
    const table = textOf(byTestId(html, 'messages-counts-table'));
    expect(table).toContain('组织 收到 按时答复 逾期未答复');
    expect(table).toContain('东村党支部 4 1 1');
    expect(table).toContain('西村党支部 1 1 0');
  });

  it('shows a count marked as an alarm in red when above zero, and plain at zero', async () => {
    const html = await renderHtml(
      <OrgCounts
        title="t"
        testId="c"
        total={town}
        counts={counts}
        orgTitle="组织"
        rows={[east, west]}
        tableTestId="tbl"
      />,
    );
    expect(html).toContain('color:#cf1322');
    const table = byTestId(html, 'tbl');
    // east's one overdue message is red, west's none is not
    expect(table).toMatch(/ant-typography-danger[^>]*>1</);
    expect(table.match(/ant-typography-danger/g)).toHaveLength(1);
    const calm = await renderHtml(
      <OrgCounts
        title="t"
        testId="c"
        total={{ ...town, overdue: 0 }}
        counts={counts}
        orgTitle="组织"
        rows={[]}
      />,
    );
    expect(calm).not.toContain('color:#cf1322');
  });

  it('says what went wrong in place of the figures when they could not be read', async () => {
    const html = await renderHtml(
      <OrgCounts
        title="t"
        testId="c"
        total={undefined}
        counts={counts}
        orgTitle="组织"
        rows={[]}
        error={new ApiError(403, 'forbidden', '无权查看该组织的统计')}
      />,
    );
    expect(textOf(byTestId(html, 'c'))).toContain('无权查看该组织的统计');
    expect(html).not.toContain('收到');
  });

  it('charts the orgs in the order asked, each part one figure per org', () => {
    expect(stackedBars(bars)).toEqual({
      names: ['东村党支部', '西村党支部'],
      series: [
        { name: '按时', color: '#389e0d', data: [1, 1] },
        { name: '未答复', color: '#cf1322', data: [2, 0] },
      ],
      label: '各组织留言答复情况',
      testId: 'messages-chart',
    });
  });
});
