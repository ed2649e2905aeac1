import { describe, expect, it } from 'vitest';
import type { Workbench as WorkbenchData } from '../../../../contracts/workbench.ts';
import { byTestId, renderHtml, textOf } from '../testing.tsx';
import { workbenchKeys } from '../workbench.ts';
import Workbench from './Workbench.tsx';

const data: WorkbenchData = {
  todos: [
    {
      key: 'members.transfers.decide',
      module: 'members',
      label: { zh: '待接收的组织关系转接', en: 'Transfers to accept or return' },
      path: '/transfers?tab=in',
      menu: '/transfers',
      count: 3,
    },
    {
      key: 'openness.messages.answer',
      module: 'openness',
      label: { zh: '待答复的留言', en: 'Messages waiting for a reply' },
      path: '/messages',
      menu: '/messages',
      count: 1,
    },
  ],
  figures: [
    { key: 'members.count', label: { zh: '党员', en: 'Members' }, value: 1234, unit: { zh: '名', en: '' } },
  ],
};
const tiles = {
  items: [{ clientId: 'demo-rp', name: '示范子平台', iconUrl: null, launchUrl: 'http://rp.example/' }],
};

describe('the workbench (工作台)', () => {
  it('shows each to-do with its count, linking to the screen where it is done', async () => {
    const html = await renderHtml(<Workbench />, {
      queries: [
        [workbenchKeys.admin, data],
        [workbenchKeys.tiles, tiles],
      ],
    });
    const transfer = byTestId(html, 'todo-members.transfers.decide');
    expect(transfer).toContain('href="/transfers?tab=in"');
    expect(textOf(transfer)).toMatch(/^3待接收的组织关系转接去办理/);
    expect(textOf(byTestId(html, 'todo-openness.messages.answer'))).toMatch(/^1待答复的留言/);
    expect(textOf(html)).toContain('关键数据');
    expect(textOf(byTestId(html, 'figure-members.count'))).toContain('党员');
    expect(byTestId(html, 'sso-tile-demo-rp')).toContain('href="http://rp.example/"');
  });

  it('in English, the labels are the English ones', async () => {
    const html = await renderHtml(<Workbench />, { queries: [[workbenchKeys.admin, data]], lang: 'en' });
    expect(textOf(byTestId(html, 'todo-members.transfers.decide'))).toContain(
      'Transfers to accept or return',
    );
  });

  it('says in words that nothing is waiting, and shows no sub-platforms when there are none', async () => {
    const html = await renderHtml(<Workbench />, {
      queries: [
        [workbenchKeys.admin, { todos: [], figures: [] }],
        [workbenchKeys.tiles, { items: [] }],
      ],
    });
    expect(textOf(byTestId(html, 'workbench-empty'))).toContain('暂无待办');
    expect(html).not.toContain('子平台');
  });
});
