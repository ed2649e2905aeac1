import type { OrgKind } from '../../../../contracts/orgs.ts';

/**
 * Which kind of org may sit directly under which (Party constitution, ch. 5): committees hold
 * committees, working committees, general branches and branches; a general branch holds branches;
 * a branch holds groups; a group is a leaf.
 */
const CHILDREN: Record<OrgKind, readonly OrgKind[]> = {
  committee: ['committee', 'working_committee', 'general_branch', 'branch'],
  working_committee: ['committee', 'working_committee', 'general_branch', 'branch'],
  general_branch: ['branch'],
  branch: ['group'],
  group: [],
};

export const KIND_LABEL: Record<OrgKind, { zh: string; en: string }> = {
  committee: { zh: '党委', en: 'Party committee' },
  working_committee: { zh: '党工委', en: 'working committee' },
  general_branch: { zh: '党总支', en: 'general branch' },
  branch: { zh: '党支部', en: 'branch' },
  group: { zh: '党小组', en: 'Party group' },
};

export function mayContain(parent: OrgKind, child: OrgKind): boolean {
  return CHILDREN[parent].includes(child);
}

/** '/1/17/' + 342 → '/1/17/342/' */
export const childPath = (parentPath: string, id: number) => `${parentPath}${id}/`;

export const depthOf = (path: string) => path.split('/').length - 3;

/** Would moving `path` under `newParentPath` put an org inside its own subtree? */
export const wouldCycle = (path: string, newParentPath: string) => newParentPath.startsWith(path);
