import { lazy } from 'react';
import { strings, type WebModule } from '../../app/modules.ts';

/** 用户管理: accounts of the actor's scope and the roles granted on orgs. */
export const usersModule: WebModule = {
  name: 'users',
  routes: [{ path: 'users', page: lazy(() => import('./UsersPage.tsx')) }],
  menu: [
    {
      to: '/users',
      label: 'nav.users',
      action: 'user.view',
      icon: () => import('@ant-design/icons/TeamOutlined'),
    },
  ],
  strings: strings({ nav: { users: '用户管理' } }, { nav: { users: 'Users' } }),
};
