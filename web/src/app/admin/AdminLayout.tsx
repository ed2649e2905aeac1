import {
  DashboardOutlined,
  LogoutOutlined,
  MenuOutlined,
  MobileOutlined,
  UserOutlined,
} from '@ant-design/icons';
import {
  App as AntApp,
  Badge,
  Button,
  ConfigProvider,
  Drawer,
  Dropdown,
  Grid,
  Layout,
  Menu,
  type MenuProps,
  Spin,
} from 'antd';
import type { Locale } from 'antd/es/locale/index.js';
import enUSModule from 'antd/es/locale/en_US.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { type ComponentType, type LazyExoticComponent, lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { webModules } from '../../modules/index.ts';
// the header's bell: the signed-in account's unread notices (platform piece, every console user)
import NoticeBell from '../../modules/notify/NoticeBell.tsx';
import { can, useCurrentUser, useLogout } from '../auth.tsx';
import { syncZodLocale } from '../forms.ts';
import { addTranslations, toggleLang } from '../i18n.ts';
import { type IconLoader, iconOf, menuFor, selectedKey, type VisibleEntry } from '../modules.ts';
import { Logo } from '../pages/LoginPage.tsx';
import { useWorkbench } from '../workbench.ts';
import './admin.css';
import './i18n.ts';

// antd's type declarations are CommonJS-flavoured, so TypeScript sees a module where the bundler
// hands over its default export; accept either.
const unwrap = (m: unknown): Locale => ((m as { default?: Locale }).default ?? m) as Locale;
const zhCN = unwrap(zhCNModule);
const enUS = unwrap(enUSModule);

// The modules' menu labels (their screens bring the rest of their strings when opened).
for (const m of webModules) addTranslations(m.strings);

type IconComponent = LazyExoticComponent<ComponentType<{ className?: string }>>;
const icons = new Map<IconLoader, IconComponent>();

/** A module's menu icon, loaded with the console; until it arrives, an empty slot of its size. */
function ModuleIcon({ load, className }: { load: IconLoader; className?: string }) {
  let Icon = icons.get(load);
  if (!Icon) {
    Icon = lazy(() => iconOf(load));
    icons.set(load, Icon);
  }
  return (
    <Suspense fallback={<span className={`anticon ${className ?? ''}`} aria-hidden="true" />}>
      <Icon className={className} />
    </Suspense>
  );
}

const theme = {
  token: {
    colorPrimary: '#c8161d',
    colorLink: '#c8161d',
    borderRadius: 6,
    fontSize: 14,
    // secondary text, labels and danger buttons at 4.5:1 on white or better (WCAG AA): antd's
    // defaults (45% black, #ff4d4f) are too faint for the figures' captions older admins read
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorError: '#cf1322',
  },
};

function useLocaleSync(lang: string) {
  useEffect(() => {
    dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
    syncZodLocale();
  }, [lang]);
}

/** The admin console: header (user, language, logout), side menu, and the screen in the middle. */
export default function AdminLayout() {
  // useTranslation re-renders the console when the language changes.
  const { i18n } = useTranslation();
  const lang = i18n.language;
  useLocaleSync(lang);
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp>
        <Shell />
      </AntApp>
    </ConfigProvider>
  );
}

/** A side-menu label with the count of its to-dos waiting (none shown at 0). */
function MenuLabel({ text, count }: { text: string; count: number }) {
  if (!count) return text;
  return (
    <span className="hy-admin-menu-label">
      <span>{text}</span>
      <Badge count={count} overflowCount={99} size="small" className="hy-admin-menu-badge" />
    </span>
  );
}

function Shell() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [openKeys, setOpenKeys] = useState<string[]>(() =>
    webModules.flatMap((m) => m.menu.flatMap((e) => ('group' in e ? [e.group] : []))),
  );
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const holdsWorkbench = can(me, 'workbench.view');
  const workbench = useWorkbench(holdsWorkbench);

  useEffect(() => {
    document.title = `${t('admin.console')} · ${t('app.title')}`;
  }, [t]);

  // Close the phone drawer once a menu entry took the user somewhere.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation on purpose
  useEffect(() => setDrawerOpen(false), [location.pathname]);

  if (me.mustChangePassword && location.pathname !== '/account') return <Navigate to="/account" replace />;

  // The modules' entries the user may see, then the shell's own: the member app and the account.
  const visible = menuFor(webModules, me.actions);
  // the workbench's to-do counts as badges on the entries they belong to (a group: its entries' sum)
  const badges = new Map<string, number>();
  for (const todo of workbench.data?.todos ?? [])
    badges.set(todo.menu, (badges.get(todo.menu) ?? 0) + todo.count);
  const countOf = (e: VisibleEntry): number =>
    e.children ? e.children.reduce((n, c) => n + countOf(c), 0) : (badges.get(e.key) ?? 0);
  const toItem = (e: VisibleEntry): NonNullable<MenuProps['items']>[number] => ({
    key: e.key,
    label: <MenuLabel text={t(e.label)} count={countOf(e)} />,
    icon: e.icon && <ModuleIcon load={e.icon} />,
    children: e.children?.map(toItem),
  });
  const items = [
    holdsWorkbench && { key: '/workbench', icon: <DashboardOutlined />, label: t('workbench.nav') },
    ...visible.map(toItem),
    can(me, 'member.self') && { key: '/m', icon: <MobileOutlined />, label: t('admin.nav.memberApp') },
    { key: '/account', icon: <UserOutlined />, label: t('admin.nav.account') },
  ].filter((x) => x !== false);
  const selected = selectedKey(
    [...visible, { key: '/account', label: '' }, { key: '/workbench', label: '' }],
    location.pathname,
  );
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      openKeys={openKeys}
      onOpenChange={setOpenKeys}
      onClick={({ key }) => navigate(key)}
      data-testid="side-menu"
      style={{ borderInlineEnd: 0 }}
    />
  );

  const doLogout = () => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });

  return (
    <Layout className="hy-admin">
      <Layout.Header className="hy-admin-header">
        {narrow && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('admin.menu')}
            onClick={() => setDrawerOpen(true)}
            className="hy-admin-header-btn"
            data-testid="menu-toggle"
          />
        )}
        <Link to={holdsWorkbench ? '/workbench' : '/'} className="hy-admin-brand">
          <Logo size={32} />
          <span className="hy-admin-title">{narrow ? t('app.short') : t('app.title')}</span>
        </Link>
        <div className="hy-admin-header-right">
          <NoticeBell className="hy-admin-header-btn" />
          <Button
            type="text"
            className="hy-admin-header-btn"
            onClick={toggleLang}
            // the name read out is the text seen (axe label-content-name-mismatch); the purpose is a hint
            title={t('lang.label')}
            data-testid="lang-switch"
          >
            {t('lang.switchTo')}
          </Button>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'account', icon: <UserOutlined />, label: t('admin.nav.account') },
                { key: 'logout', icon: <LogoutOutlined />, label: t('admin.logout'), danger: true },
              ],
              onClick: ({ key }) => (key === 'logout' ? doLogout() : navigate('/account')),
            }}
          >
            <Button type="text" className="hy-admin-header-btn" data-testid="user-menu">
              <UserOutlined />
              <span className="hy-admin-username">{me.displayName}</span>
            </Button>
          </Dropdown>
        </div>
      </Layout.Header>
      <Layout>
        {!narrow && (
          <Layout.Sider width={208} theme="light" className="hy-admin-sider">
            {menu}
          </Layout.Sider>
        )}
        {narrow && (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={260}
            title={t('app.title')}
            styles={{ body: { padding: 0 } }}
          >
            {menu}
            <div className="hy-admin-drawer-foot">
              <Button block danger icon={<LogoutOutlined />} onClick={doLogout} data-testid="drawer-logout">
                {t('admin.logout')}
              </Button>
            </div>
          </Drawer>
        )}
        <Layout.Content className="hy-admin-content">
          <Suspense fallback={<Spin size="large" className="hy-admin-spin" />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
