import type { Tx } from './graph-client.js';

/**
 * Best rank, precomputed on write. A fact that is not best-ranked in its group (same subject, that is `from`, and
 * same type; see src/model/ranks.ts) carries `outranked: true`; a best one carries nothing, so facts written
 * before ranks existed, and every group without ranks, cost no property. Every write path that creates, changes,
 * moves or deletes facts refreshes the groups it touched (old and new) in the same transaction, so default reads
 * filter on one property instead of comparing a fact with its siblings.
 */

/** A (subject, type) group: the facts from `from` of type `type`. */
export interface FactGroup {
  from: string;
  type: string;
}

/** The Cypher predicate of a rank selection on the fact bound to `r` (fixed text), or undefined for ALL. */
export function rankPredicate(r: string, selection: 'BEST' | 'NON_DEPRECATED' | 'ALL'): string | undefined {
  if (selection === 'BEST') return `${r}.outranked IS NULL`;
  if (selection === 'NON_DEPRECATED') return `coalesce(${r}.rank, 'NORMAL') <> 'DEPRECATED'`;
  return undefined;
}

// Writes only the facts whose flag changes, so a refresh of a group without ranks writes nothing. The group is
// the subject's facts filtered by type in a list: with the type inside the pattern (`WHERE r.type = g.type`,
// even in a pattern comprehension on the bound node) the planner may seek every fact of the type through the
// type index, once per group, which stalled loads (100k facts: a refresh still running after 4 minutes).
const REFRESH = `
UNWIND $groups AS g
MATCH (e:Entity {id: g.from})
WITH g, [r IN [(e)-[f:FACT]->() | f] WHERE r.type = g.type] AS rs
WITH rs, CASE WHEN any(x IN rs WHERE x.rank = 'PREFERRED') THEN 'PREFERRED' ELSE 'NORMAL' END AS top
UNWIND rs AS r
WITH r, coalesce(r.rank, 'NORMAL') = top AS best
CALL {
  WITH r, best
  WITH r WHERE best AND r.outranked IS NOT NULL
  REMOVE r.outranked
}
CALL {
  WITH r, best
  WITH r WHERE NOT best AND r.outranked IS NULL
  SET r.outranked = true
}
RETURN count(*) AS n`;

/** Distinct groups, dropping incomplete ones (a fact that did not exist has no old group). */
export function distinctGroups(groups: ReadonlyArray<Partial<FactGroup> | null>): FactGroup[] {
  const out = new Map<string, FactGroup>();
  for (const g of groups) {
    if (!g || typeof g.from !== 'string' || typeof g.type !== 'string') continue;
    out.set(`${g.from}\u0000${g.type}`, { from: g.from, type: g.type });
  }
  return [...out.values()];
}

/** Recomputes `outranked` for every fact of these groups, in the caller's (write) transaction. */
export async function refreshBestRanks(tx: Tx, groups: ReadonlyArray<Partial<FactGroup> | null>): Promise<void> {
  const distinct = distinctGroups(groups);
  if (distinct.length === 0) return;
  await tx.run(REFRESH, { groups: distinct });
}
