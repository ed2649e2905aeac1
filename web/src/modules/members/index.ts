import { lazy } from 'react';
import { strings, type WebModule } from '../../app/modules.ts';

// Where everything of the members module lives: one folder per sub-capability, mirroring
// server/src/modules/members/ and contracts/members/ — record/, transfers/, dues/, pipeline/,
// study-cards/, corrections/, quality/, excel/ — each with its pages, parts, api.ts (hooks typed
// from contracts/members/<same>.ts) and i18n.ts. Here at the root only what they share: the query
// keys (keys.ts), the category tag (StatusTag.tsx), field names and values in words
// (changeWords.ts, i18n.ts) and the table styles (members.css).

/** 党员管理: member records and the work done on them. */
export const membersModule: WebModule = {
  name: 'members',
  routes: [
    // record/
    { path: 'members', page: lazy(() => import('./record/MembersPage.tsx')) },
    { path: 'members/:id', page: lazy(() => import('./record/MemberDetailPage.tsx')) },
    // excel/
    { path: 'members/import', page: lazy(() => import('./excel/ImportPage.tsx')) },
    // quality/
    { path: 'members/quality', page: lazy(() => import('./quality/QualityPage.tsx')) },
    { path: 'members/quality/gaps', page: lazy(() => import('./quality/QualityGapsPage.tsx')) },
    // study-cards/
    { path: 'members/cards', page: lazy(() => import('./study-cards/CardsPage.tsx')) },
    // corrections/
    { path: 'members/corrections', page: lazy(() => import('./corrections/CorrectionsPage.tsx')) },
    // transfers/
    { path: 'transfers', page: lazy(() => import('./transfers/TransfersPage.tsx')) },
    { path: 'transfers/:id/print', page: lazy(() => import('./transfers/LetterPrintPage.tsx')) },
    // mobile/
    { path: 'members/mobile', page: lazy(() => import('./mobile/MobilePage.tsx')) },
    // standing/
    { path: 'members/standing', page: lazy(() => import('./standing/StandingPage.tsx')) },
    // pipeline/
    { path: 'pipeline', page: lazy(() => import('./pipeline/PipelinePage.tsx')) },
    // dues/
    { path: 'dues', page: lazy(() => import('./dues/DuesPage.tsx')) },
    { path: 'dues/arrears/print', page: lazy(() => import('./dues/ArrearsPrintPage.tsx')) },
  ],
  menu: [
    {
      group: 'members',
      label: 'nav.membersGroup',
      icon: () => import('@ant-design/icons/SolutionOutlined'),
      items: [
        { to: '/members', label: 'nav.members', action: 'member.view' },
        { to: '/transfers', label: 'nav.transfers', action: 'member.view' },
        { to: '/members/mobile', label: 'nav.mobile', action: 'member.view' },
        { to: '/pipeline', label: 'nav.pipeline', action: 'member.view' },
        { to: '/members/standing', label: 'nav.standing', action: 'standing.manage' },
        { to: '/dues', label: 'nav.dues', action: 'dues.manage' },
        { to: '/members/cards', label: 'nav.cards', action: 'member.manage' },
        { to: '/members/corrections', label: 'nav.corrections', action: 'member.manage' },
        { to: '/members/quality', label: 'nav.quality', action: 'member.view' },
      ],
    },
  ],
  strings: strings(
    {
      nav: {
        membersGroup: '党员管理',
        members: '党员信息',
        transfers: '组织关系转接',
        mobile: '流动党员',
        pipeline: '发展党员',
        standing: '党籍管理',
        dues: '党费管理',
        cards: '学习卡',
        corrections: '信息更正审核',
        quality: '档案质量',
      },
    },
    {
      nav: {
        membersGroup: 'Members',
        members: 'Member records',
        transfers: 'Transfers',
        mobile: 'Migrant members',
        pipeline: 'Recruitment',
        standing: 'Party standing',
        dues: 'Party dues',
        cards: 'Study cards',
        corrections: 'Correction requests',
        quality: 'Record quality',
      },
    },
  ),
};
