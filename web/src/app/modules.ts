import type { ComponentType, LazyExoticComponent } from 'react';

// The web side of a module manifest (server: server/src/platform/module.ts). Each module's
// index.ts exports one WebModule; web/src/modules/index.ts lists them; the router takes their
// routes and the admin console's side menu their menu entries. A manifest is imported by the
// router, so by the login page and the member app too: it holds only paths, keys, strings and
// loaders. Pages and icons are loaded when first shown, never with the first page.

/** A screen of the admin console: a path below / and its page, loaded when first opened. */
export type WebRoute = { path: string; page: LazyExoticComponent<ComponentType> };

type Icon = ComponentType<{ className?: string }>;

/**
 * An icon of the side menu, e.g. () => import('@ant-design/icons/TeamOutlined'). The icons' type
 * declarations are CommonJS-flavoured, so TypeScript sees the module where the bundler hands over
 * its default export; iconOf accepts either.
 */
export type IconLoader = () => Promise<{ default: Icon | { default: Icon } }>;

export const iconOf = async (load: IconLoader): Promise<{ default: Icon }> => {
  const m = (await load()).default;
  return { default: 'default' in m ? m.default : m };
};

/** An entry of the side menu: a screen, shown to users whose GET /auth/me `actions` hold `action`. */
export type MenuItem = { to: string; label: string; action: string; icon?: IconLoader };

/** Entries under one heading (党员管理), shown when at least one of them is. */
export type MenuGroup = { group: string; label: string; icon?: IconLoader; items: MenuItem[] };

export type MenuEntry = MenuItem | MenuGroup;

/** i18n resources, merged into the one translation namespace (both languages, same keys). */
export type Strings = { 'zh-CN': object; en: object };

/** A module's strings in both languages; the English must have the Chinese's keys (compile time). */
export const strings = <T extends object>(zh: T, en: NoInfer<T>): Strings => ({ 'zh-CN': zh, en });

/**
 * A big button on the member app's home (/m), opening one of the module's member screens. Shown to
 * every signed-in member, or only to those whose GET /auth/me `actions` hold `action`.
 */
export type MemberTile = {
  to: string;
  label: string;
  action?: string;
  /** An API path (below /api/v1) answering {count}: shown on the tile when above 0 (e.g. unread notices). */
  badge?: string;
  /**
   * An API path answering {value, max}: a bar under the label, "value / max" (e.g. this year's study
   * hours against the requirement). Progress of the member's own, never a ranking.
   */
  progress?: string;
};

/**
 * A short section of the member home (/m), under the tiles (e.g. recommended courses): a light
 * component (no antd, big targets), loaded when the home is first shown. Shown to every signed-in
 * member, or only to those whose GET /auth/me `actions` hold `action`.
 */
export type MemberSection = { key: string; action?: string; section: LazyExoticComponent<ComponentType> };

/**
 * A hall (大厅入口) of the touch kiosk's home (/kiosk): a big tile opening one of the module's
 * screens inside the kiosk frame (with a big 返回首页 bar). `to` is an existing public (/p) or member
 * (/m) screen; `{orgId}` in it becomes the terminal's org. With `signIn` the villager first signs in
 * with a study card on the kiosk's keypad.
 */
export type KioskHall = {
  key: string;
  /** An i18n key (the module's strings). */
  label: string;
  /** An i18n key: one short line under the label. */
  hint?: string;
  to: string;
  signIn: boolean;
};

export type WebModule = {
  name: string;
  routes: WebRoute[];
  /**
   * Screens of the phone-first member app, below /m (path relative to it, e.g. 'notices'). They
   * must stay light: no antd, big targets, text ≥ 16 px (web/src/member/, light.css).
   */
  memberRoutes?: WebRoute[];
  memberTiles?: MemberTile[];
  memberSections?: MemberSection[];
  /** Pages anyone may open without logging in (the public org pages), below /p. Light as above. */
  publicRoutes?: WebRoute[];
  /** The kiosk home's halls (web/src/kiosk/), in module order. */
  kioskHalls?: KioskHall[];
  /** In the order shown; modules follow each other in the order of web/src/modules/index.ts. */
  menu: MenuEntry[];
  /** The menu's labels: needed before any of the module's screens (and their strings) is loaded. */
  strings: Strings;
};

/** A menu entry this user may see: `key` is the address of a screen, or a group's name. */
export type VisibleEntry = { key: string; label: string; icon?: IconLoader; children?: VisibleEntry[] };

const isGroup = (e: MenuEntry): e is MenuGroup => 'group' in e;

/** The side menu for a user: entries whose action they hold, groups that keep at least one entry. */
export function menuFor(modules: readonly WebModule[], actions: readonly string[]): VisibleEntry[] {
  const item = (i: MenuItem): VisibleEntry[] =>
    actions.includes(i.action) ? [{ key: i.to, label: i.label, icon: i.icon }] : [];
  return modules.flatMap((m) =>
    m.menu.flatMap((e): VisibleEntry[] => {
      if (!isGroup(e)) return item(e);
      const children = e.items.flatMap(item);
      return children.length ? [{ key: e.group, label: e.label, icon: e.icon, children }] : [];
    }),
  );
}

/** The screens of a menu, groups opened up, in the order shown. */
export const screensOf = (menu: readonly VisibleEntry[]): VisibleEntry[] =>
  menu.flatMap((e) => (e.children ? e.children : [e]));

/** Where the console opens: the first screen of the user's menu (undefined when there is none). */
export const homeOf = (menu: readonly VisibleEntry[]): string | undefined => screensOf(menu)[0]?.key;

/**
 * The menu entry to highlight on a page: the one whose address is the longest prefix of the
 * page's, so /members/cards selects 学习卡 and /members/42 selects 党员信息.
 */
export function selectedKey(menu: readonly VisibleEntry[], pathname: string): string | undefined {
  return screensOf(menu)
    .map((e) => e.key)
    .filter((k) => pathname === k || pathname.startsWith(`${k}/`))
    .sort((a, b) => b.length - a.length)[0];
}

/** The console's routes from every module, for the router. */
export const routesOf = (modules: readonly WebModule[]): WebRoute[] => modules.flatMap((m) => m.routes);

/** The member app's screens from every module (paths below /m). */
export const memberRoutesOf = (modules: readonly WebModule[]): WebRoute[] =>
  modules.flatMap((m) => m.memberRoutes ?? []);

/** The touch kiosk's halls from every module, in module order. */
export const kioskHallsOf = (modules: readonly WebModule[]): KioskHall[] =>
  modules.flatMap((m) => m.kioskHalls ?? []);

/** The public pages from every module (paths below /p). */
export const publicRoutesOf = (modules: readonly WebModule[]): WebRoute[] =>
  modules.flatMap((m) => m.publicRoutes ?? []);

/** The member home's sections under the tiles for a user, in module order. */
export const memberSectionsFor = (
  modules: readonly WebModule[],
  actions: readonly string[],
): MemberSection[] =>
  modules.flatMap((m) => (m.memberSections ?? []).filter((s) => !s.action || actions.includes(s.action)));

/** The member home's big buttons for a user, in module order. */
export const memberTilesFor = (modules: readonly WebModule[], actions: readonly string[]): MemberTile[] =>
  modules.flatMap((m) => (m.memberTiles ?? []).filter((t) => !t.action || actions.includes(t.action)));
