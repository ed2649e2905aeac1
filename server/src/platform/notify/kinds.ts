import type { Text } from '../http/errors.ts';

/**
 * A kind of notice a module sends ('openness.announcement', 'life.activity', 'notify.direct'…),
 * declared in its manifest's `notices` with the words users read for it. sendNotice refuses a kind
 * no manifest declared, so every notice the platform sends can be named and filtered.
 */
export type NoticeKindDef = { kind: string; label: Text };

const kinds = new Map<string, NoticeKindDef>();

/** Called for every manifest when the app (or the seed) is built, as settings are. */
export function declareNoticeKinds(list: readonly NoticeKindDef[]) {
  for (const k of list) {
    const had = kinds.get(k.kind);
    if (had && had !== k) throw new Error(`notice kind ${k.kind} declared twice`);
    kinds.set(k.kind, k);
  }
}

export function noticeKind(kind: string): NoticeKindDef | undefined {
  return kinds.get(kind);
}

export function allNoticeKinds(): NoticeKindDef[] {
  return [...kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind));
}
