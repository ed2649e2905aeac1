import { lazy } from 'react';
import { strings, type WebModule } from '../../app/modules.ts';

// The console's side of the kiosk module (server/src/modules/kiosk/, contracts/kiosk/): the
// department's list of touch-screen terminals, their codes and commands. The kiosk itself, the
// screen at the village service centre, is its own light app: web/src/kiosk/.

/** 触摸屏终端: register terminals, see them online, send them commands. */
export const kioskModule: WebModule = {
  name: 'kiosk',
  routes: [{ path: 'kiosk-terminals', page: lazy(() => import('./TerminalsPage.tsx')) }],
  menu: [
    {
      to: '/kiosk-terminals',
      label: 'nav.kioskTerminals',
      action: 'kiosk.manage',
      icon: () => import('@ant-design/icons/DesktopOutlined'),
    },
  ],
  strings: strings({ nav: { kioskTerminals: '触摸屏终端' } }, { nav: { kioskTerminals: 'Kiosk terminals' } }),
};
