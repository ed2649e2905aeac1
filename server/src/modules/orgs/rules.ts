import { CHILD_KINDS, type OrgKind } from '../../../../contracts/orgs.ts';

export function mayContain(parent: OrgKind, child: OrgKind): boolean {
  return CHILD_KINDS[parent].includes(child);
}

/** '/1/17/' + 342 → '/1/17/342/' */
export const childPath = (parentPath: string, id: number) => `${parentPath}${id}/`;

export const depthOf = (path: string) => path.split('/').length - 3;

/** Would moving `path` under `newParentPath` put an org inside its own subtree? */
export const wouldCycle = (path: string, newParentPath: string) => newParentPath.startsWith(path);
