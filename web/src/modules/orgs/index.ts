import { lazy } from 'react';
import { strings, type WebModule } from '../../app/modules.ts';

const OrgsPage = lazy(() => import('./OrgsPage.tsx'));

/** 党组织: the org tree, the heart of the console. */
export const orgsModule: WebModule = {
  name: 'orgs',
  routes: [
    { path: 'orgs', page: OrgsPage },
    { path: 'orgs/:id', page: OrgsPage },
  ],
  menu: [
    {
      to: '/orgs',
      label: 'nav.orgs',
      action: 'org.view',
      icon: () => import('@ant-design/icons/ApartmentOutlined'),
    },
  ],
  strings: strings({ nav: { orgs: '党组织' } }, { nav: { orgs: 'Organizations' } }),
};
