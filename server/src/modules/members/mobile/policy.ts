import { type Actor, can } from '../../../platform/access/index.ts';

/**
 * Who does what with a migrant's periods: the home branch (and its superiors) records the period
 * and the return, since the record is theirs; the host branch only sees them (条例第三十二条,
 * 组织关系一方隶属). The actions are the record's own (member.view, member.manage).
 */
export function mobileAbilities(actor: Actor, p: { backOn: string | null; homePath: string }) {
  return { end: !p.backOn && can(actor, 'member.manage', p.homePath) };
}
