import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Org } from '../../../../contracts/index.ts';
import { fetchAllChildren, orgKeys, useRoots } from './api.ts';

/**
 * The tree as loaded so far: the actor's top orgs, plus the children of every node that was
 * opened. Children are fetched only when a node is opened, so a city of 25,000 orgs costs one
 * request per click, not one big download.
 */
export function useOrgTree() {
  const queryClient = useQueryClient();
  const roots = useRoots();
  const [kids, setKids] = useState<Record<string, Org[]>>({});
  const [expanded, setExpanded] = useState<string[]>([]);
  const kidsRef = useRef(kids);
  kidsRef.current = kids;
  const rootsRef = useRef(roots.data);
  rootsRef.current = roots.data;

  // Open the top orgs on arrival: one level down is what an admin looks at first.
  const rootIds = roots.data?.map((o) => o.id).join(',');
  useEffect(() => {
    if (rootIds) setExpanded((e) => [...new Set([...rootIds.split(','), ...e])]);
  }, [rootIds]);

  const load = useCallback(async (id: string) => {
    const list = await fetchAllChildren(id);
    setKids((k) => ({ ...k, [id]: list }));
    return list;
  }, []);

  const ensure = useCallback(async (id: string) => kidsRef.current[id] ?? load(id), [load]);

  /** Which list holds this org: 'root' for the top list, the parent's id, or undefined if not loaded. */
  const holderOf = useCallback((id: string): string | undefined => {
    if (rootsRef.current?.some((o) => o.id === id)) return 'root';
    for (const [parent, list] of Object.entries(kidsRef.current)) {
      if (list.some((o) => o.id === id)) return parent;
    }
    return undefined;
  }, []);

  /** Opens every ancestor of an org so it can be seen and selected in the tree. */
  const reveal = useCallback(
    async (org: Org) => {
      const path = (org.ancestors ?? []).map((a) => a.id);
      for (const id of path) await ensure(id);
      if (path.length > 0) setExpanded((e) => [...new Set([...e, ...path])]);
    },
    [ensure],
  );

  /**
   * Reloads what a change touched: the children of each given org that are on screen, and the list
   * each of them sits in (its child count may have changed).
   */
  const refresh = useCallback(
    async (ids: (string | null | undefined)[], opts: { open?: string } = {}) => {
      const lists = new Set<string>();
      let rootsToo = false;
      for (const id of ids) {
        if (!id) continue;
        if (kidsRef.current[id] || id === opts.open) lists.add(id);
        const holder = holderOf(id);
        if (holder === 'root') rootsToo = true;
        else if (holder) lists.add(holder);
      }
      await Promise.all([
        ...[...lists].map(load),
        rootsToo ? queryClient.invalidateQueries({ queryKey: orgKeys.roots }) : undefined,
      ]);
      const open = opts.open;
      if (open) setExpanded((e) => (e.includes(open) ? e : [...e, open]));
    },
    [holderOf, load, queryClient],
  );

  const forget = useCallback((id: string) => {
    setKids(({ [id]: _gone, ...rest }) => rest);
    setExpanded((e) => e.filter((k) => k !== id));
  }, []);

  /** The siblings of an org, as the tree shows them (for moving up and down). */
  const siblingsOf = useCallback(
    (id: string): { parentId: string; list: Org[] } | undefined => {
      const holder = holderOf(id);
      if (!holder || holder === 'root') return undefined;
      return { parentId: holder, list: kids[holder] ?? [] };
    },
    [holderOf, kids],
  );

  return { roots, kids, expanded, setExpanded, load, reveal, refresh, forget, siblingsOf, holderOf };
}

export type OrgTreeState = ReturnType<typeof useOrgTree>;
