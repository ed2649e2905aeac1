import type { Actor } from '../../../platform/access/index.ts';
import { managesPage } from '../page/policy.ts';
import { statusOf } from './rules.ts';

/**
 * What the actor may do with one item, sent with it: the org's admins (and those above) edit an
 * item until it is withdrawn, publish a draft, and withdraw a published one. A withdrawn item
 * stays as it was: what was published and then taken back is part of the record.
 */
export function postAbilities(
  actor: Actor | null,
  p: { orgPath: string; publishedAt: Date | null; withdrawnAt: Date | null },
) {
  const manage = managesPage(actor, p.orgPath);
  const status = statusOf(p);
  return {
    edit: manage && status !== 'withdrawn',
    publish: manage && status === 'draft',
    withdraw: manage && status === 'published',
  };
}
