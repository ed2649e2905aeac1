import type { Bulletin } from './api.ts';

/**
 * 唱票: the tallies after the first `n` ballots of the bulletin, in its (chain) order. A 赞成 (or
 * 优秀) counts in the first column, a 不赞成 (or 不合格) in the second, a 弃权 (or 合格, 基本合格) in the
 * third; a written-in name gets a row
 * of its own; an invalid ballot counts for nobody.
 */
export function runningTally(b: Bulletin, n: number) {
  const rows = new Map(b.candidates.map((c) => [c.name, { name: c.name, yes: 0, no: 0, other: 0 }]));
  const idOf = new Map(b.candidates.map((c) => [c.id, c.name]));
  for (const ballot of b.ballots.slice(0, n)) {
    if (!ballot.valid) continue;
    for (const [cid, m] of Object.entries(ballot.choices.marks)) {
      const row = rows.get(idOf.get(cid) ?? '');
      if (!row) continue;
      if (m === 'yes' || m === 'excellent') row.yes++;
      else if (m === 'no' || m === 'unqualified') row.no++;
      else row.other++;
    }
    for (const w of ballot.choices.writeIns) {
      const row = rows.get(w) ?? { name: w, yes: 0, no: 0, other: 0 };
      row.yes++;
      rows.set(w, row);
    }
  }
  return [...rows.values()];
}
