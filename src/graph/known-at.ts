import { rankPredicate } from './best-rank.js';
import type { CypherBuilder } from './cypher.js';
import type { Direction, RelationsFieldPlan, RelationPlan } from './plan.js';

/**
 * The graph as it was known at an instant (`knownAt`), reconstructed from the ledger in the same statement as the
 * read. The loads committed by then are those whose commit sequence is at most `known` (one writer at a time, so
 * sequences follow commit order); a record's state then is the "before" of its first revision after `known`, or
 * the record as it stands if nothing changed it since. Reverted loads count as they were until their revert
 * committed; failed loads left nothing. Best rank is recomputed from the reconstructed ranks of each fact's
 * (subject, type) group, since the stored flag reflects today's siblings.
 */

/** The variables a knownAt read binds once: the sequence, the ids of facts changed since, their states then. */
export interface KnownAtScope {
  known: string;
  changed: string;
  firsts: string;
}

/**
 * Clauses binding `known`, `changed` and `firsts` for the instant (ISO 8601, UTC), written without aggregation so
 * that they also open a COLLECT subquery nested in a projection. `carry`: keep the variables already in scope.
 */
export function knownAtCall(b: CypherBuilder, instant: string, carry = true): { call: string; scope: KnownAtScope } {
  const known = b.variable('known');
  const changed = b.variable('changed');
  const firsts = b.variable('firsts');
  const t = b.param(instant);
  const [ld, x, y] = [b.variable('r'), b.variable('r'), b.variable('r')];
  return {
    scope: { known, changed, firsts },
    call: `WITH ${carry ? '*, ' : ''}coalesce(COLLECT { MATCH (${ld}:Load) WHERE ${ld}.commitSeq IS NOT NULL AND ${ld}.finishedAt <= ${t} RETURN ${ld}.commitSeq ORDER BY ${ld}.commitSeq DESC LIMIT 1 }[0], 0) AS ${known}
  WITH *, COLLECT {
    MATCH (${x}:Revision) WHERE ${x}._seq > ${known} AND ${x}._category = 'FACT'
      AND NOT EXISTS { MATCH (${y}:Revision {_record: ${x}._record}) WHERE ${y}._category = 'FACT' AND ${y}._seq > ${known} AND ${y}._seq < ${x}._seq }
    RETURN ${x}
  } AS ${firsts}
  WITH *, [${x} IN ${firsts} | ${x}._record] AS ${changed}`,
  };
}

/** The state of the entity with id `idExpr` then: a node (current, or its revision), or null when it did not exist. */
export function entityThen(b: CypherBuilder, idExpr: string, scope: KnownAtScope, into: string): string {
  const cur = b.variable('v');
  const x = b.variable('r');
  return `OPTIONAL MATCH (${cur}:Entity {id: ${idExpr}})
CALL {
  WITH ${scope.known}
  OPTIONAL MATCH (${x}:Revision {_record: ${idExpr}}) WHERE ${x}._category = 'ENTITY' AND ${x}._seq > ${scope.known}
  RETURN ${x} ORDER BY ${x}._seq LIMIT 1
}
WITH *, CASE WHEN ${x} IS NULL THEN ${cur} WHEN ${x}.id IS NULL THEN null ELSE ${x} END AS ${into}`;
}

/** A list expression of the facts touching the entity with id `idExpr` then, as maps {p: properties, from, to}. */
function factsThen(b: CypherBuilder, idExpr: string, scope: KnownAtScope): string {
  const r = b.variable('r');
  const x = b.variable('r');
  return `COLLECT { MATCH (:Entity {id: ${idExpr}})-[${r}:FACT]-() WHERE NOT ${r}.id IN ${scope.changed} RETURN {p: properties(${r}), from: startNode(${r}).id, to: endNode(${r}).id} }
    + [${x} IN ${scope.firsts} WHERE ${x}.id IS NOT NULL AND (${x}._from = ${idExpr} OR ${x}._to = ${idExpr}) | {p: properties(${x}), from: ${x}._from, to: ${x}._to}]`;
}

/** True when the fact map `m` was best-ranked then: Wikidata's rule over its group's reconstructed ranks. */
function bestThen(b: CypherBuilder, m: string, scope: KnownAtScope): string {
  const g = b.variable('r');
  const x = b.variable('r');
  const group = `COLLECT { MATCH (:Entity {id: ${m}.from})-[${g}:FACT]->() WHERE ${g}.type = ${m}.p.type AND NOT ${g}.id IN ${scope.changed} RETURN coalesce(${g}.rank, 'NORMAL') }
      + [${x} IN ${scope.firsts} WHERE ${x}.id IS NOT NULL AND ${x}._from = ${m}.from AND ${x}.type = ${m}.p.type | coalesce(${x}.rank, 'NORMAL')]`;
  return `coalesce(${m}.p.rank, 'NORMAL') = CASE WHEN 'PREFERRED' IN (${group}) THEN 'PREFERRED' ELSE 'NORMAL' END`;
}

export interface FactsThenFilter {
  types: string[] | null;
  direction: Direction;
  asOf: string | null;
  rank?: RelationsFieldPlan['rank'];
  /** Extra predicates on the fact's properties map `p`. */
  where?: (p: string) => string[];
  order: (p: string) => string;
  first: number;
}

/** A COLLECT of the facts touching `idExpr` then, filtered, ordered, limited and projected like relationProjection. */
export function factsThenList(b: CypherBuilder, idExpr: string, scope: KnownAtScope, filter: FactsThenFilter, plan: RelationPlan, prefix = ''): string {
  return factsThenOf(b, factsThen(b, idExpr, scope), idExpr, scope, filter, plan, prefix);
}

/** The fact with this id as it was then, as a list of at most one fact map for factsThenOf. */
export function factThen(b: CypherBuilder, id: string, scope: KnownAtScope): { match: string; list: string } {
  const [a, r, z, old, m] = [b.variable('v'), b.variable('r'), b.variable('o'), b.variable('r'), b.variable('r')];
  return {
    match: `OPTIONAL MATCH (${a})-[${r}:FACT {id: ${id}}]->(${z})
WITH *, [x IN ${scope.firsts} WHERE x._record = ${id}][0] AS ${old}
WITH *, CASE
  WHEN ${id} IN ${scope.changed} THEN CASE WHEN ${old}.id IS NULL THEN null ELSE {p: properties(${old}), from: ${old}._from, to: ${old}._to} END
  WHEN ${r} IS NULL THEN null
  ELSE {p: properties(${r}), from: ${a}.id, to: ${z}.id}
END AS ${m}`,
    list: `CASE WHEN ${m} IS NULL THEN [] ELSE [${m}] END`,
  };
}

/** Like factsThenList, over a list expression of fact maps. */
export function factsThenOf(b: CypherBuilder, listExpr: string, idExpr: string, scope: KnownAtScope, filter: FactsThenFilter, plan: RelationPlan, prefix = ''): string {
  const m = b.variable('r');
  const p = b.variable('r');
  const preds: string[] = [];
  if (filter.types !== null) preds.push(`${p}.type IN ${b.param(filter.types)}`);
  if (filter.direction === 'OUTGOING') preds.push(`${m}.from = ${idExpr}`);
  if (filter.direction === 'INCOMING') preds.push(`${m}.to = ${idExpr}`);
  if (filter.asOf !== null) {
    const asOf = b.param(filter.asOf);
    preds.push(`((${p}.validFrom IS NULL OR ${p}.validFrom <= ${asOf}) AND (${p}.validTo IS NULL OR ${p}.validTo >= ${asOf}))`);
  }
  preds.push(...(filter.where?.(p) ?? []));
  const selection = filter.rank ?? 'BEST';
  if (selection === 'BEST') preds.push(bestThen(b, m, scope));
  else if (selection === 'NON_DEPRECATED') preds.push(rankPredicate(p, 'NON_DEPRECATED')!);
  const f = b.variable('f');
  const t = b.variable('t');
  const parts = ['.id', '.type', '.status', '.startDate', '.endDate', '.role', '.summary', '.rank', '.rankReason'];
  const ends: string[] = [];
  if (plan.from !== undefined) {
    ends.push(`OPTIONAL MATCH (${f}:Entity {id: ${m}.from})`);
    parts.push(`__from: ${f} { .* }`);
  }
  if (plan.to !== undefined) {
    ends.push(`OPTIONAL MATCH (${t}:Entity {id: ${m}.to})`);
    parts.push(`__to: ${t} { .* }`);
  }
  if (plan.citations) {
    const i = b.variable('i');
    const s = b.variable('s');
    parts.push(`__cit: COLLECT {
    UNWIND range(0, size(${p}.sourceIds) - 1) AS ${i}
    MATCH (${s}:Source {id: ${p}.sourceIds[${i}]})
    RETURN { source: ${s} { .* }, quote: ${p}.quotes[${i}] } ORDER BY ${i}
  }`);
  }
  return `COLLECT {
  ${prefix}
  UNWIND ${listExpr} AS ${m}
  WITH ${m}, ${m}.p AS ${p}
  ${preds.length ? `WHERE ${preds.join(' AND ')}` : ''}
  WITH ${m}, ${p} ORDER BY ${filter.order(p)} LIMIT ${b.intParam(filter.first)}
  ${ends.join('\n  ')}
  RETURN ${p} { ${parts.join(', ')} }
}`;
}
