import { lazy } from 'react';
import { strings, type WebModule } from '../../app/modules.ts';

/** 全区设置: what the department configures, each with the regulation's default and its source. */
export const settingsModule: WebModule = {
  name: 'settings',
  routes: [{ path: 'settings', page: lazy(() => import('./SettingsPage.tsx')) }],
  menu: [
    {
      to: '/settings',
      label: 'nav.settings',
      action: 'settings.view',
      icon: () => import('@ant-design/icons/SettingOutlined'),
    },
  ],
  strings: strings({ nav: { settings: '全区设置' } }, { nav: { settings: 'Settings' } }),
};
