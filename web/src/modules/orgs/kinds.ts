import type { OrgKind } from '../../../../contracts/index.ts';

export const ORG_KINDS: readonly OrgKind[] = [
  'committee',
  'working_committee',
  'general_branch',
  'branch',
  'group',
];

/**
 * Which kinds may sit directly under which (Party constitution, ch. 5). Mirrors
 * server/src/modules/orgs/rules.ts so the form offers only what the server will accept;
 * the server stays the judge.
 */
export const CHILD_KINDS: Record<OrgKind, readonly OrgKind[]> = {
  committee: ['committee', 'working_committee', 'general_branch', 'branch'],
  working_committee: ['committee', 'working_committee', 'general_branch', 'branch'],
  general_branch: ['branch'],
  branch: ['group'],
  group: [],
};

/** Tag colours per kind; the kind is always also written out, never told by colour alone. */
export const KIND_COLOR: Record<OrgKind, string> = {
  committee: 'red',
  working_committee: 'volcano',
  general_branch: 'orange',
  branch: 'gold',
  group: 'default',
};
