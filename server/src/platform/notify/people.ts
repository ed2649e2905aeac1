import type { Queryable } from '../../db/client.ts';
import type { Recipient } from './send-notice.ts';

/**
 * What the notice centre asks about people. Members are a module's (members/), and the platform
 * imports no module: the members module provides this (its `noticePeople`) and modules/index.ts
 * hands it to notifyModule, as config is handed to authModule.
 */
export type NoticePeople = {
  /** The members of the subtree at `orgPath` a notice may reach; with `positions`, only those holding one. */
  inOrg(db: Queryable, orgPath: string, opts?: { positions?: readonly string[] }): Promise<Recipient[]>;
  /** Names and orgs of members, for the read/unread lists. */
  describe(
    db: Queryable,
    memberIds: readonly number[],
  ): Promise<Map<number, { name: string; orgId: number; orgName: string }>>;
};
