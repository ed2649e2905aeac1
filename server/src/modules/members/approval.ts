import { type Actor, can } from '../../platform/access/index.ts';
import { AppError, type Text } from '../../platform/http/errors.ts';

/**
 * 上级党组织批准: the branch meeting decides, the Party organization above it approves (党章第七条,
 * 第九条, 第四十二条; 发展党员工作细则第三十二条; 2008 党费规定（三）). On the platform the approval is the
 * act of whoever keeps an org strictly above the member's branch; a grant on the branch itself
 * records the branch's own decisions but never their approval. Each sub-capability states its
 * regulation beside its own rule (standing/policy.ts, pipeline/policy.ts, dues/policy.ts).
 */

/** The path of the org directly above: '/1/17/342/' → '/1/17/'; the root's is '/'. */
export const parentPath = (path: string) => path.replace(/[^/]+\/$/, '');

/**
 * Whether `actor` holds `action` on an org strictly above the branch at `branchPath` (the branch's
 * parent or any ancestor). Paths are whole segments, so a grant above the branch is exactly a grant
 * that covers its parent.
 */
export function holdsAbove(actor: Actor | null, action: string, branchPath: string): boolean {
  const above = parentPath(branchPath);
  return !!actor && above.length > 1 && can(actor, action, above);
}

/**
 * Said when someone of the branch itself records an approval: 403, nothing written; `path` names
 * the field when the approval came inside a form that records the branch's decision too.
 */
export function approvalFromAboveOnly(what: Text, path?: string): AppError {
  const text = {
    zh: `${what.zh}须由上级党组织登记：党支部登记本支部党员大会的决定，批准或不予批准由上级党组织登记`,
    en: `${what.en} is recorded by the Party organization above: a branch records its own meeting's decision, never its approval`,
  };
  return new AppError(
    403,
    'approval_from_above',
    text,
    path ? [{ path, message: text.zh, messageEn: text.en }] : undefined,
  );
}
