import { type Column, or, type SQL, eq } from 'drizzle-orm';
import { type Actor, can, type Policy, scopePaths } from '../../../platform/access/index.ts';
import { inSubtrees } from '../../../platform/tree/index.ts';

export const bankPolicies: Policy[] = [
  {
    action: 'question.view',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description:
      '查看题库：本组织及下级的题目和分类，以及组织部的题库 / see the question bank of my subtree and the department’s',
  },
  {
    action: 'question.manage',
    roles: ['dept_admin', 'org_admin'],
    description:
      '维护题库：分类、题目、导入导出（本组织及下级） / keep the question bank: categories, questions, import and export',
  },
];

/** The district root's path: the first segment of any path in the tree ("/1/4/9/" → "/1/"). */
export function rootPathOf(path: string): string {
  const first = path.split('/').filter(Boolean)[0];
  return first ? `/${first}/` : '/';
}

/**
 * Who sees a bank — the one rule of bank/: an admin (a secretary to look) sees the banks of the orgs
 * of their subtree, and also the department's (the root's), which every town draws its papers from;
 * a bank is changed only by those holding `question.manage` over its org (the department's by the
 * department alone).
 */
export function maySeeBank(actor: Actor, orgPath: string): boolean {
  if (can(actor, 'question.view', orgPath)) return true;
  const paths = scopePaths(actor, 'question.view');
  return paths.length > 0 && rootPathOf(paths[0]) === orgPath;
}

/** The same rule as a filter over `paths` (the caller's scope, or the org they chose). */
export function bankVisibleWhere(paths: readonly string[], pathColumn: Column): SQL {
  if (!paths.length) return inSubtrees(paths, pathColumn);
  return or(inSubtrees(paths, pathColumn), eq(pathColumn, rootPathOf(paths[0])))!;
}
