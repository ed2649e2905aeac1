import { useQuery } from '@tanstack/react-query';
import type { SsoTiles } from '../../../contracts/sso/tiles.ts';
import type { MemberWorkbench, Workbench, WorkbenchText } from '../../../contracts/workbench.ts';
import { ApiError, api } from './api.ts';
import { addTranslations, currentLang } from './i18n.ts';
import { strings } from './modules.ts';

// The workbench's API hooks (platform/workbench on the server), shared by the console's 工作台, its
// side menu's badges and the member home: light (types only from the contracts, no antd).

export const workbenchKeys = {
  admin: ['workbench'] as const,
  member: ['workbench', 'member'] as const,
  tiles: ['sso', 'tiles'] as const,
};

/** The admin's to-dos and key figures; refreshed every minute and when the window comes back. */
export function useWorkbench(enabled = true) {
  return useQuery({
    queryKey: workbenchKeys.admin,
    queryFn: ({ signal }) => api.get<Workbench>('/workbench', undefined, signal),
    refetchInterval: 60_000,
    staleTime: 15_000,
    enabled,
  });
}

/** The member's own to-dos for /m. */
export function useMemberTodos(enabled = true) {
  return useQuery({
    queryKey: workbenchKeys.member,
    queryFn: ({ signal }) => api.get<MemberWorkbench>('/workbench/member', undefined, signal),
    refetchInterval: 60_000,
    staleTime: 15_000,
    enabled,
  });
}

/** The sub-platforms the user may open (GET /sso/tiles); none when the deployment has no SSO (404). */
export function useSsoTiles() {
  return useQuery({
    queryKey: workbenchKeys.tiles,
    queryFn: async ({ signal }) => {
      try {
        return await api.get<SsoTiles>('/sso/tiles', undefined, signal);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return { items: [] };
        throw e;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** A to-do's or figure's words in the language shown. */
export const say = (text: WorkbenchText): string => (currentLang() === 'en' ? text.en : text.zh);

addTranslations(
  strings(
    {
      workbench: {
        title: '工作台',
        todos: '待办事项',
        noTodos: '暂无待办，所有事项都已办理',
        figures: '关键数据',
        tiles: '子平台',
        open: '去办理',
        count: '{{count}} 项',
        loadFailed: '待办加载失败',
        retry: '重试',
        nav: '工作台',
      },
      memberHome: {
        today: '今日待办',
        allDone: '今天没有待办事项',
        hoursToGo: '还差 {{count}} 学时',
        tabs: '主导航',
        tab: { home: '首页', study: '学习', messages: '消息', me: '我的' },
      },
    },
    {
      workbench: {
        title: 'Workbench',
        todos: 'To-dos',
        noTodos: 'Nothing waiting: every item is done',
        figures: 'Key figures',
        tiles: 'Sub-platforms',
        open: 'Open',
        count: '{{count}} items',
        loadFailed: 'The to-dos could not be loaded',
        retry: 'Retry',
        nav: 'Workbench',
      },
      memberHome: {
        today: 'To do today',
        allDone: 'Nothing to do today',
        hoursToGo: '{{count}} hours to go',
        tabs: 'Main navigation',
        tab: { home: 'Home', study: 'Study', messages: 'Messages', me: 'Me' },
      },
    },
  ),
);
