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

/**
 * A group a write touched. `ranked`: a fact it wrote, moved or removed had a rank other than NORMAL or an
 * `outranked` flag, before or after; a caller that cannot tell leaves it out, which counts as ranked.
 */
export interface TouchedGroup extends FactGroup {
  ranked?: boolean;
}

/** The Cypher (fixed text) of "fact `r` has a rank or a flag", which makes its group one to refresh whole. */
export function rankedFact(r: string): string {
  return `(${r}.outranked IS NOT NULL OR coalesce(${r}.rank, 'NORMAL') <> 'NORMAL')`;
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

// Which of the subjects' groups hold a PREFERRED fact, through the rank index (facts without a rank are not in
// it, so this reads the preferred facts only, not the subjects' facts).
const PREFERRED_GROUPS = `
MATCH (a:Entity)-[p:FACT]->() USING INDEX p:FACT(rank)
WHERE p.rank = 'PREFERRED' AND a.id IN $froms
RETURN DISTINCT a.id AS from, p.type AS type`;

const groupKey = (g: FactGroup): string => `${g.from}\u0000${g.type}`;

/** Distinct groups, dropping incomplete ones (a fact that did not exist has no old group); ranked if any touch was. */
export function distinctGroups(groups: ReadonlyArray<Partial<TouchedGroup> | null>): Array<Required<TouchedGroup>> {
  const out = new Map<string, Required<TouchedGroup>>();
  for (const g of groups) {
    if (!g || typeof g.from !== 'string' || typeof g.type !== 'string') continue;
    const key = groupKey({ from: g.from, type: g.type });
    const ranked = g.ranked !== false || out.get(key)?.ranked === true;
    out.set(key, { from: g.from, type: g.type, ranked });
  }
  return [...out.values()];
}

/**
 * Recomputes `outranked` for every fact of the groups whose flags may have changed, in the caller's (write)
 * transaction. Adding, changing or removing facts of rank NORMAL without a flag changes no flag unless the group
 * holds a PREFERRED fact (which outranks the added ones), so such groups are refreshed only then: a load of
 * unranked facts no longer reads every touched group (a hub's whole group once per batch) but only the
 * preferred facts of its subjects.
 */
export async function refreshBestRanks(tx: Tx, groups: ReadonlyArray<Partial<TouchedGroup> | null>): Promise<void> {
  const distinct = distinctGroups(groups);
  const plain = distinct.filter((g) => !g.ranked);
  const preferred = new Set<string>();
  if (plain.length > 0) {
    const records = await tx.run(PREFERRED_GROUPS, { froms: [...new Set(plain.map((g) => g.from))] });
    for (const r of records) preferred.add(groupKey({ from: r.get('from') as string, type: r.get('type') as string }));
  }
  const stale = distinct.filter((g) => g.ranked || preferred.has(groupKey(g))).map(({ from, type }) => ({ from, type }));
  if (stale.length === 0) return;
  await tx.run(REFRESH, { groups: stale });
}
