import { describe, expect, it } from 'vitest';
import { webModules } from '../modules/index.ts';
import {
  homeOf,
  type MenuEntry,
  memberSectionsFor,
  menuFor,
  routesOf,
  screensOf,
  selectedKey,
  type WebModule,
} from './modules.ts';

// What GET /auth/me answers in `actions` for each role (the server's policies decide; these are
// today's, so the examples read like the console people see).
const ACTIONS = {
  dept_admin: [
    'org.view',
    'org.manage',
    'user.view',
    'user.manage',
    'role.grant_dept_admin',
    'audit.view',
    'member.view',
    'member.manage',
    'member.reveal_pii',
    'dues.manage',
  ],
  secretary: ['org.view', 'member.view', 'member.manage', 'dues.manage'],
  station_manager: ['org.view'],
  member: ['member.self'],
};

const labelsOf = (menu: ReturnType<typeof menuFor>) =>
  menu.map((e) => (e.children ? { [e.label]: e.children.map((c) => c.label) } : e.label));

describe('the side menu, composed from the modules’ manifests and filtered by the user’s actions', () => {
  it('shows the organization department every module, in the order of web/src/modules/index.ts', () => {
    expect(labelsOf(menuFor(webModules, ACTIONS.dept_admin))).toEqual([
      'nav.orgs',
      {
        'nav.membersGroup': [
          'nav.members',
          'nav.transfers',
          'nav.mobile',
          'nav.pipeline',
          'nav.dues',
          'nav.cards',
          'nav.corrections',
          'nav.quality',
        ],
      },
      'nav.users',
      'nav.audit',
    ]);
  });

  it('shows a branch secretary the org tree and the member work, but no accounts and no audit log', () => {
    const menu = menuFor(webModules, ACTIONS.secretary);
    expect(menu.map((e) => e.key)).toEqual(['/orgs', 'members']);
    expect(screensOf(menu)).toHaveLength(9);
  });

  it('shows a station manager the org tree alone, and a plain member nothing of the console', () => {
    expect(menuFor(webModules, ACTIONS.station_manager).map((e) => e.key)).toEqual(['/orgs']);
    expect(menuFor(webModules, ACTIONS.member)).toEqual([]);
  });

  it('keeps a heading only for the entries under it the user may open', () => {
    const menu = menuFor(webModules, ['dues.manage']);
    expect(menu).toHaveLength(1);
    expect(menu[0].children?.map((c) => c.key)).toEqual(['/dues']);
  });
});

describe('where the console opens', () => {
  it('on the first screen of the user’s menu: the org tree for most', () => {
    expect(homeOf(menuFor(webModules, ACTIONS.secretary))).toBe('/orgs');
    expect(homeOf(menuFor(webModules, ['member.view']))).toBe('/members');
    expect(homeOf(menuFor(webModules, ['dues.manage']))).toBe('/dues');
  });
  it('nowhere for a user without any screen (the layout then opens the account page)', () => {
    expect(homeOf(menuFor(webModules, ACTIONS.member))).toBeUndefined();
  });
});

describe('the menu entry lit for a page', () => {
  const menu = menuFor(webModules, ACTIONS.dept_admin);
  it('is the longest address the page starts with', () => {
    expect(selectedKey(menu, '/members/cards')).toBe('/members/cards');
    expect(selectedKey(menu, '/members/42')).toBe('/members');
    expect(selectedKey(menu, '/orgs/17')).toBe('/orgs');
  });
  it('matches whole path segments only', () => {
    expect(selectedKey(menu, '/orgsx')).toBeUndefined();
    expect(selectedKey(menu, '/')).toBeUndefined();
  });
});

describe('every module manifest', () => {
  const paths = new Set(routesOf(webModules).map((r) => `/${r.path}`));
  const entries = (m: WebModule): MenuEntry[] =>
    m.menu.flatMap((e) => ('group' in e ? [e, ...e.items] : [e]));
  const lookup = (bundle: object, key: string): unknown =>
    key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], bundle);

  it.each(webModules.map((m) => [m.name, m]))('%s: its menu leads only to its own screens', (_name, m) => {
    const own = new Set(m.routes.map((r) => `/${r.path}`));
    for (const e of entries(m)) if ('to' in e) expect(own).toContain(e.to);
  });

  it.each(webModules.map((m) => [m.name, m]))('%s: its menu labels exist in both languages', (_name, m) => {
    for (const e of entries(m)) {
      expect(lookup(m.strings['zh-CN'], e.label), e.label).toEqual(expect.any(String));
      expect(lookup(m.strings.en, e.label), e.label).toEqual(expect.any(String));
    }
  });

  it('claims its addresses alone: no two modules route the same path', () => {
    expect(paths.size).toBe(routesOf(webModules).length);
  });
});

describe('the member home’s sections under the tiles', () => {
  it('show the recommended courses to whoever may study, and nothing to a login that may not', () => {
    expect(memberSectionsFor(webModules, ['course.study']).map((s) => s.key)).toContain('learning-recommend');
    expect(memberSectionsFor(webModules, ['member.self']).map((s) => s.key)).not.toContain(
      'learning-recommend',
    );
  });
});
