import type { RankSelection } from '../model/ranks.js';
import { rankPredicate } from './best-rank.js';
import type { CypherBuilder } from './cypher.js';
import type { Direction } from './plan.js';

/**
 * The graph as it was known at an instant (`knownAt`), reconstructed from the ledger in the same statement as the
 * read. The loads committed by then are those whose commit sequence is at most `known` (one writer at a time, so
 * sequences follow commit order); a record's state then is the "before" of its first revision after `known`, or
 * the record as it stands if nothing changed it since. Reverted loads count as they were until their revert
 * committed; failed loads left nothing. Best rank is recomputed from the reconstructed ranks of each fact's
 * (subject, type) group, since the stored flag reflects today's siblings.
 *
 * Facts then are maps `{p, from: id, to: id}` where `p` is what holds the fact's properties: the relationship
 * itself when nothing changed it since, else its revision (read lazily either way, as a read of now does);
 * entities then are nodes (the current one, or its revision, which holds the same properties). The projections
 * of both are in projection.ts.
 *
 * Best rank then equals the stored flag for every (subject, type) group that no change since touched: only the
 * groups of the facts changed since (as they were then, and as they are now) are recomputed.
 */

/**
 * The instant and the variables a knownAt read binds once: the sequence, the ids of facts changed since, their
 * states then, and the (subject, type) groups those changes touched.
 */
export interface KnownAtScope {
  /** ISO 8601, UTC. */
  instant: string;
  known: string;
  changed: string;
  firsts: string;
  /** `[from, type]` pairs. */
  dirty: string;
}

/** The variables of a scope, for clauses that import or carry them by name (CALL subqueries, WITH). */
export function scopeVariables(scope: KnownAtScope): string[] {
  return [scope.known, scope.changed, scope.firsts, scope.dirty];
}

/**
 * Clauses binding `known`, `changed`, `firsts` and `dirty` for the instant (ISO 8601, UTC), written without aggregation so
 * that they also open a COLLECT subquery nested in a projection. `carry`: keep the variables already in scope.
 */
export function knownAtCall(b: CypherBuilder, instant: string, carry = true): { call: string; scope: KnownAtScope } {
  const known = b.variable('known');
  const changed = b.variable('changed');
  const firsts = b.variable('firsts');
  const dirty = b.variable('dirty');
  const t = b.param(instant);
  const [ld, x, y, id, a, r] = [b.variable('r'), b.variable('r'), b.variable('r'), b.variable('r'), b.variable('v'), b.variable('r')];
  return {
    scope: { instant, known, changed, firsts, dirty },
    call: `WITH ${carry ? '*, ' : ''}coalesce(COLLECT { MATCH (${ld}:Load) WHERE ${ld}.commitSeq IS NOT NULL AND ${ld}.finishedAt <= ${t} RETURN ${ld}.commitSeq ORDER BY ${ld}.commitSeq DESC LIMIT 1 }[0], 0) AS ${known}
  WITH *, COLLECT {
    MATCH (${x}:Revision) WHERE ${x}._seq > ${known} AND ${x}._category = 'FACT'
      AND NOT EXISTS { MATCH (${y}:Revision {_record: ${x}._record}) WHERE ${y}._category = 'FACT' AND ${y}._seq > ${known} AND ${y}._seq < ${x}._seq }
    RETURN ${x}
  } AS ${firsts}
  WITH *, [${x} IN ${firsts} | ${x}._record] AS ${changed}
  WITH *, [${x} IN ${firsts} WHERE ${x}.id IS NOT NULL | [${x}._from, ${x}.type]]
    + COLLECT { UNWIND ${changed} AS ${id} MATCH (${a})-[${r}:FACT {id: ${id}}]->() RETURN [${a}.id, ${r}.type] } AS ${dirty}`,
  };
}

/**
 * Clauses binding `into` to the entity whose id is `idExpr` as it was then: the node, its first revision since
 * (through the `_record` index), or null when it did not exist. No aggregation: usable inside a COLLECT subquery.
 */
export function entityThen(b: CypherBuilder, idExpr: string, scope: KnownAtScope, into: string): string {
  const cur = b.variable('v');
  const x = b.variable('r');
  const revs = b.variable('rels');
  return `OPTIONAL MATCH (${cur}:Entity {id: ${idExpr}})
  WITH *, COLLECT { MATCH (${x}:Revision {_record: ${idExpr}}) WHERE ${x}._category = 'ENTITY' AND ${x}._seq > ${scope.known} RETURN ${x} ORDER BY ${x}._seq LIMIT 1 } AS ${revs}
  WITH *, CASE WHEN size(${revs}) = 0 THEN ${cur} WHEN ${revs}[0].id IS NULL THEN null ELSE ${revs}[0] END AS ${into}`;
}

/** A list expression of the facts touching the entity with id `idExpr` then, as fact maps; `direction` seen from it. */
export function factsTouching(b: CypherBuilder, idExpr: string, scope: KnownAtScope, direction: Direction = 'BOTH'): string {
  const [a, r, o, x] = [b.variable('v'), b.variable('r'), b.variable('o'), b.variable('r')];
  const pattern = direction === 'OUTGOING' ? `-[${r}:FACT]->` : direction === 'INCOMING' ? `<-[${r}:FACT]-` : `-[${r}:FACT]-`;
  const ends =
    direction === 'OUTGOING'
      ? `from: ${a}.id, to: ${o}.id`
      : direction === 'INCOMING'
        ? `from: ${o}.id, to: ${a}.id`
        : `from: CASE WHEN startNode(${r}) = ${a} THEN ${a}.id ELSE ${o}.id END, to: CASE WHEN startNode(${r}) = ${a} THEN ${o}.id ELSE ${a}.id END`;
  const touches =
    direction === 'OUTGOING' ? `${x}._from = ${idExpr}` : direction === 'INCOMING' ? `${x}._to = ${idExpr}` : `(${x}._from = ${idExpr} OR ${x}._to = ${idExpr})`;
  return `COLLECT { MATCH (${a}:Entity {id: ${idExpr}})${pattern}(${o}) WHERE NOT ${r}.id IN ${scope.changed} RETURN {p: ${r}, ${ends}} }
    + ${changedFactsThen(x, scope, touches)}`;
}

/** The facts changed since the instant that existed then (`where`: those of them to keep), as fact maps. */
function changedFactsThen(x: string, scope: KnownAtScope, where?: string): string {
  return `[${x} IN ${scope.firsts} WHERE ${x}.id IS NOT NULL${where === undefined ? '' : ` AND ${where}`} | {p: ${x}, from: ${x}._from, to: ${x}._to}]`;
}

/** A list expression of every fact then, as fact maps (what `facets` counts over the whole graph). */
export function factsThen(b: CypherBuilder, scope: KnownAtScope): string {
  const [a, r, z, x] = [b.variable('v'), b.variable('r'), b.variable('o'), b.variable('r')];
  return `COLLECT { MATCH (${a})-[${r}:FACT]->(${z}) WHERE NOT ${r}.id IN ${scope.changed} RETURN {p: ${r}, from: ${a}.id, to: ${z}.id} }
    + ${changedFactsThen(x, scope)}`;
}

/**
 * True when the fact map `m` was best-ranked then: the stored flag when no change since touched its group, else
 * Wikidata's rule over the group's reconstructed ranks.
 */
function bestThen(b: CypherBuilder, m: string, scope: KnownAtScope): string {
  const g = b.variable('r');
  const x = b.variable('r');
  const [e, k, f] = [b.variable('v'), b.variable('r'), b.variable('r')];
  // The subject's facts filtered by type in a list, never sought through the type index (see best-rank.ts's REFRESH).
  const group = `COLLECT { MATCH (${e}:Entity {id: ${m}.from}) UNWIND [${g} IN [(${e})-[${f}:FACT]->() | ${f}] WHERE ${g}.type = ${m}.p.type AND NOT ${g}.id IN ${scope.changed} | coalesce(${g}.rank, 'NORMAL')] AS ${k} RETURN ${k} }
      + [${x} IN ${scope.firsts} WHERE ${x}.id IS NOT NULL AND ${x}._from = ${m}.from AND ${x}.type = ${m}.p.type | coalesce(${x}.rank, 'NORMAL')]`;
  return `CASE WHEN [${m}.from, ${m}.p.type] IN ${scope.dirty}
    THEN coalesce(${m}.p.rank, 'NORMAL') = CASE WHEN 'PREFERRED' IN (${group}) THEN 'PREFERRED' ELSE 'NORMAL' END
    ELSE ${m}.p.outranked IS NULL END`;
}

/** The predicate of a rank selection on the fact map `m` (properties `p`) then, or undefined for ALL. */
export function rankThen(b: CypherBuilder, m: string, p: string, scope: KnownAtScope, selection: RankSelection): string | undefined {
  return selection === 'BEST' ? bestThen(b, m, scope) : rankPredicate(p, selection);
}

/** The fact with this id as it was then, as a list of at most one fact map. */
export function factThen(b: CypherBuilder, id: string, scope: KnownAtScope): { match: string; list: string } {
  const [a, r, z, old, m] = [b.variable('v'), b.variable('r'), b.variable('o'), b.variable('r'), b.variable('r')];
  return {
    match: `OPTIONAL MATCH (${a})-[${r}:FACT {id: ${id}}]->(${z})
WITH *, [x IN ${scope.firsts} WHERE x._record = ${id}][0] AS ${old}
WITH *, CASE
  WHEN ${id} IN ${scope.changed} THEN CASE WHEN ${old}.id IS NULL THEN null ELSE {p: ${old}, from: ${old}._from, to: ${old}._to} END
  WHEN ${r} IS NULL THEN null
  ELSE {p: ${r}, from: ${a}.id, to: ${z}.id}
END AS ${m}`,
    list: `CASE WHEN ${m} IS NULL THEN [] ELSE [${m}] END`,
  };
}
