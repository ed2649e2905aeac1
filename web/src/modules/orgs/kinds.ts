import type { OrgKind } from '../../../../contracts/index.ts';

export { CHILD_KINDS, ORG_KINDS } from '../../../../contracts/orgs.ts';

/** Tag colours per kind; the kind is always also written out, never told by colour alone. */
export const KIND_COLOR: Record<OrgKind, string> = {
  committee: 'red',
  working_committee: 'volcano',
  general_branch: 'orange',
  branch: 'gold',
  group: 'default',
};
