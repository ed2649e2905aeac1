import { lazy } from 'react';
import { strings, type WebModule } from '../../app/modules.ts';

// Where everything of single sign-on lives on the web, mirroring server/src/modules/sso/ and
// contracts/sso/: the department's registry of sub-platforms. The tiles (GET /sso/tiles) are shown
// by the workbench (useSsoTiles in ./api.ts).

/** 子平台接入: the sub-platforms that sign their users in with Hongyun (OpenID Connect). */
export const ssoModule: WebModule = {
  name: 'sso',
  routes: [{ path: 'sso/clients', page: lazy(() => import('./ClientsPage.tsx')) }],
  menu: [
    {
      to: '/sso/clients',
      label: 'nav.ssoClients',
      action: 'sso.manage',
      icon: () => import('@ant-design/icons/ApiOutlined'),
    },
  ],
  strings: strings({ nav: { ssoClients: '子平台接入' } }, { nav: { ssoClients: 'Sub-platforms' } }),
};
