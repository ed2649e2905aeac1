import { CHILD_KINDS, type OrgKind } from '../../../../contracts/orgs.ts';

export const KIND_LABEL: Record<OrgKind, { zh: string; en: string }> = {
  committee: { zh: '党委', en: 'Party committee' },
  working_committee: { zh: '党工委', en: 'working committee' },
  general_branch: { zh: '党总支', en: 'general branch' },
  branch: { zh: '党支部', en: 'branch' },
  group: { zh: '党小组', en: 'Party group' },
};

export function mayContain(parent: OrgKind, child: OrgKind): boolean {
  return CHILD_KINDS[parent].includes(child);
}

/** '/1/17/' + 342 → '/1/17/342/' */
export const childPath = (parentPath: string, id: number) => `${parentPath}${id}/`;

export const depthOf = (path: string) => path.split('/').length - 3;

/** Would moving `path` under `newParentPath` put an org inside its own subtree? */
export const wouldCycle = (path: string, newParentPath: string) => newParentPath.startsWith(path);
