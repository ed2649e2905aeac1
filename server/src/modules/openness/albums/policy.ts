import type { Actor } from '../../../platform/access/index.ts';
import { managesPage } from '../page/policy.ts';

/** The org's admins (and those above) edit an album and its photos. */
export const albumAbilities = (actor: Actor | null, orgPath: string) => ({
  edit: managesPage(actor, orgPath),
});
