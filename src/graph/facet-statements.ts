import type { EntityKindName } from '../model/kinds.js';
import { firstDay, lastDay } from '../model/dates.js';
import { DEFAULT_RANK, type RankSelection } from '../model/ranks.js';
import { rankPredicate } from './best-rank.js';
import { checkedInt, CypherBuilder, CypherSpliceError, label, type Statement } from './cypher.js';
import { entityThen, factsThen, factsTouching, knownAtCall, rankThen, scopeVariables, type KnownAtScope } from './known-at.js';
import type { Direction } from './plan.js';
import { factPattern, validOn } from './projection.js';
import { MAX_NEIGHBORHOOD_DEPTH } from './read-statements.js';

/**
 * The Cypher of `facets`: one statement that selects the facts of a filter once and counts them by every
 * requested dimension (each a CALL subquery over the same list), so that a dashboard's bars and donuts cost one
 * round trip and no fact travels to Node to be counted. With `knownAt`, the same statement over the facts as they
 * were known then (fact maps, see known-at.ts), the ledger scope bound once at its start.
 */

/** The dimensions facts are counted by, each naming the values a fact has in it. */
export const FACET_DIMENSIONS = ['FACT_TYPE', 'STATUS', 'RANK', 'YEAR', 'SOURCE', 'OTHER_KIND', 'OTHER_ENTITY'] as const;
export type FacetDimension = (typeof FACET_DIMENSIONS)[number];

/** Which facts are counted; every given condition must hold. */
export interface FacetFilter {
  /** Facts of this entity (or, with `depth`, of its neighborhood); all facts when null. */
  entity: string | null;
  /** Which way the entity's facts point (only without `depth`). */
  direction: Direction;
  /** Facts between the entities within `depth` facts of `entity`, as `neighborhood` draws them (without its limit). */
  depth: number | null;
  types: string[] | null;
  /** Every end of a fact other than `entity` is of one of these kinds. */
  kinds: EntityKindName[] | null;
  /** Dated (start, else end) on or after the first day of this ISO date. */
  from: string | null;
  /** Dated on or before the last day of this ISO date. */
  to: string | null;
  /** Valid on this day (the first day of the requested date). */
  asOf: string | null;
  /** Which ranks of facts are counted (and, with `depth`, followed): the best-ranked ones, as reads default to. */
  rank: RankSelection;
  /** As the graph was known at this instant (ISO 8601, UTC); now when null. */
  knownAt: string | null;
}

export interface FacetArgs {
  where: FacetFilter;
  by: FacetDimension[];
  /** Buckets per dimension, largest first. */
  top: number;
}

/** Counts a bucket list may hold; any count Cypher reads. */
const MAX_LITERAL = 2 ** 31 - 1;

interface Scope {
  /** Cypher binding `facts` (a list of distinct facts) and, when the filter has an entity, the centre variable. */
  cypher: string;
  centre: string | undefined;
}

function relationPredicates(b: CypherBuilder, r: string, f: FacetFilter): { follow: string[]; dates: string[] } {
  const follow: string[] = [];
  if (f.types !== null) follow.push(`${r}.type IN ${b.param(f.types)}`);
  if (f.asOf !== null) follow.push(validOn(r, b.param(f.asOf)));
  const ranked = rankPredicate(r, f.rank);
  if (ranked !== undefined) follow.push(ranked);
  const dates: string[] = [];
  const when = `coalesce(${r}.validFrom, ${r}.validTo)`;
  if (f.from !== null) dates.push(`${when} >= ${b.param(firstDay(f.from))}`);
  if (f.to !== null) dates.push(`${when} <= ${b.param(lastDay(f.to))}`);
  return { follow, dates };
}

const where = (preds: string[]): string => (preds.length ? ` WHERE ${preds.join(' AND ')}` : '');

/** Every fact in the graph that passes the filter. */
function allFacts(b: CypherBuilder, f: FacetFilter): Scope {
  const [a, r, z] = [b.variable('v'), b.variable('r'), b.variable('o')];
  const { follow, dates } = relationPredicates(b, r, f);
  const kinds = f.kinds === null ? [] : ((k: string) => [`${a}.kind IN ${k}`, `${z}.kind IN ${k}`])(b.param(f.kinds));
  return {
    cypher: `CALL {
  MATCH (${a})-[${r}:FACT]->(${z})${where([...follow, ...dates, ...kinds])}
  RETURN collect(${r}) AS facts
}`,
    centre: undefined,
  };
}

/** The facts of one entity, in a direction. */
function entityFacts(b: CypherBuilder, id: string, f: FacetFilter): Scope {
  const [c, r, o] = [b.variable('v'), b.variable('r'), b.variable('o')];
  const centre = b.param(id);
  const { follow, dates } = relationPredicates(b, r, f);
  const kinds = f.kinds === null ? [] : [`${o}.kind IN ${b.param(f.kinds)}`];
  // DISTINCT: an undirected pattern meets a fact from the entity to itself twice.
  return {
    cypher: `MATCH (${c}${label('ENTITY')} {id: ${centre}})
CALL {
  WITH ${c}
  MATCH ${factPattern(c, r, o, f.direction)}${where([...follow, ...dates, ...kinds])}
  RETURN collect(DISTINCT ${r}) AS facts
}`,
    centre: c,
  };
}

/**
 * The facts between the entities within `depth` facts of the centre: the `neighborhood` query's levels (facts
 * followed by type and date, entities kept by kind) without its per-level cap, then every fact among them.
 */
function neighborhoodFacts(b: CypherBuilder, id: string, depth: number, f: FacetFilter): Scope {
  const c = b.variable('v');
  const centre = b.param(id);
  const types = f.types === null ? undefined : b.param(f.types);
  const asOf = f.asOf === null ? undefined : b.param(f.asOf);
  const kinds = f.kinds === null ? undefined : b.param(f.kinds);
  const followed = (r: string): string[] => [
    ...(types === undefined ? [] : [`${r}.type IN ${types}`]),
    ...(asOf === undefined ? [] : [validOn(r, asOf)]),
    ...[rankPredicate(r, f.rank)].filter((p) => p !== undefined),
  ];
  const levels: string[] = [];
  let seen = b.variable('seen');
  let frontier = b.variable('level');
  levels.push(`WITH ${c}, [${c}] AS ${seen}, [${c}] AS ${frontier}`);
  for (let level = 1; level <= depth; level++) {
    const [x, r, n, found] = [b.variable('v'), b.variable('r'), b.variable('n'), b.variable('found')];
    const nodePreds = [...(kinds === undefined ? [] : [`${n}.kind IN ${kinds}`]), `NOT ${n} IN ${seen}`];
    levels.push(`CALL {
  WITH ${seen}, ${frontier}
  UNWIND ${frontier} AS ${x}
  MATCH (${x})-[${r}:FACT]-(${n}${label('ENTITY')})${where([...followed(r), ...nodePreds])}
  RETURN collect(DISTINCT ${n}) AS ${found}
}`);
    const [nextSeen, nextFrontier] = [b.variable('seen'), b.variable('level')];
    levels.push(`WITH ${c}, ${seen} + ${found} AS ${nextSeen}, ${found} AS ${nextFrontier}`);
    [seen, frontier] = [nextSeen, nextFrontier];
  }
  const [a, r, z] = [b.variable('v'), b.variable('r'), b.variable('o')];
  const { dates } = relationPredicates(b, r, { ...f, types: null, asOf: null, rank: 'ALL' });
  return {
    cypher: `MATCH (${c}${label('ENTITY')} {id: ${centre}})
${levels.join('\n')}
CALL {
  WITH ${seen}
  UNWIND ${seen} AS ${a}
  MATCH (${a})-[${r}:FACT]->(${z})${where([`${z} IN ${seen}`, ...followed(r), ...dates])}
  RETURN collect(${r}) AS facts
}`,
    centre: c,
  };
}

function scopeOf(b: CypherBuilder, f: FacetFilter): Scope {
  if (f.entity === null) {
    if (f.depth !== null) throw new CypherSpliceError('a facet depth needs an entity');
    return allFacts(b, f);
  }
  if (f.depth === null) return entityFacts(b, f.entity, f);
  return neighborhoodFacts(b, f.entity, checkedInt(f.depth, 1, MAX_NEIGHBORHOOD_DEPTH), f);
}

/** The other end of fact `r`, which has the centre at one end (the centre itself for a fact from it to itself). */
function otherEnd(r: string, centre: string): string {
  return `CASE WHEN startNode(${r}) = ${centre} THEN endNode(${r}) ELSE startNode(${r}) END`;
}

/** The ends of fact `r` that count as its "other" entities: not the centre, or both without one. */
function otherEnds(r: string, centre: string | undefined): string {
  const [s, e] = [`startNode(${r})`, `endNode(${r})`];
  if (centre === undefined) return `[${s}, ${e}]`;
  return `CASE WHEN ${s} = ${centre} THEN [${e}] WHEN ${e} = ${centre} THEN [${s}] ELSE [${s}, ${e}] END`;
}

interface Counted {
  /** The subquery, returning its three columns. */
  cypher: string;
  columns: [buckets: string, other: string, valued: string];
}

/**
 * A dimension whose facts have at most one value each: `item(r)` (null when missing), counted by `key(item)`
 * and labelled by `labelOf(item)`; buckets by count, the facts beyond the top ones, and how many facts have a
 * value at all.
 */
function singleValued(
  b: CypherBuilder,
  inputs: string,
  top: string,
  item: (r: string) => string,
  key: (item: string) => string = (i) => i,
  labelOf?: (item: string) => string,
): Counted {
  const [r, i, v, l, n, all] = [b.variable('r'), b.variable('i'), b.variable('value'), b.variable('label'), b.variable('count'), b.variable('buckets')];
  const columns: Counted['columns'] = [b.variable('kept'), b.variable('other'), b.variable('valued')];
  return {
    cypher: `CALL {
  WITH ${inputs}
  UNWIND facts AS ${r}
  WITH ${item(r)} AS ${i} WHERE ${i} IS NOT NULL
  WITH ${key(i)} AS ${v}${labelOf === undefined ? '' : `, ${labelOf(i)} AS ${l}`}, count(*) AS ${n} ORDER BY ${n} DESC, ${v}
  WITH collect({ value: ${v}${labelOf === undefined ? '' : `, label: ${l}`}, count: ${n} }) AS ${all}
  RETURN ${all}[..${top}] AS ${columns[0]},
    reduce(s = 0, x IN ${all}[${top}..] | s + x.count) AS ${columns[1]},
    reduce(s = 0, x IN ${all} | s + x.count) AS ${columns[2]}
}`,
    columns,
  };
}

/**
 * A dimension where a fact may have several values (`values(r)`, a list; `key` and `labelOf` read a value and
 * its label off each item): a fact counts once in each of its values' buckets, and beyond the top ones only
 * when none of its values is among them.
 */
function multiValued(
  b: CypherBuilder,
  inputs: string,
  top: string,
  values: (r: string) => string,
  key: (item: string) => string,
  labelOf: ((item: string) => string) | undefined,
): Counted {
  const [r, item, v, l, n, all, kept, keptValues, x] = [
    b.variable('r'), b.variable('i'), b.variable('value'), b.variable('label'), b.variable('count'),
    b.variable('buckets'), b.variable('kept'), b.variable('value'), b.variable('r'),
  ];
  const columns: Counted['columns'] = [kept, b.variable('other'), b.variable('valued')];
  const keysOf = (fact: string): string => `[${item} IN ${values(fact)} | ${key(item)}]`;
  return {
    cypher: `CALL {
  WITH ${inputs}
  UNWIND facts AS ${r}
  UNWIND ${values(r)} AS ${item}
  WITH ${key(item)} AS ${v}${labelOf === undefined ? '' : `, ${labelOf(item)} AS ${l}`}, count(DISTINCT ${r}) AS ${n}
  ORDER BY ${n} DESC, ${v}
  WITH collect({ value: ${v}${labelOf === undefined ? '' : `, label: ${l}`}, count: ${n} }) AS ${all}
  RETURN ${all}[..${top}] AS ${kept}
}
CALL {
  WITH ${inputs}, ${kept}
  WITH ${inputs}, [b IN ${kept} | b.value] AS ${keptValues}
  RETURN size([${x} IN facts WHERE size(${values(x)}) > 0 AND none(k IN ${keysOf(x)} WHERE k IN ${keptValues})]) AS ${columns[1]},
    size([${x} IN facts WHERE size(${values(x)}) > 0]) AS ${columns[2]}
}`,
    columns,
  };
}

/** The SOURCE dimension, a fact's sources read by `sourceIds(r)`; titles (today's) looked up for the kept buckets only, after counting. */
function bySource(b: CypherBuilder, inputs: string, top: string, sourceIds: (r: string) => string): Counted {
  const c = multiValued(b, inputs, top, (r) => `coalesce(${sourceIds(r)}, [])`, (i) => i, undefined);
  const s = b.variable('s');
  const bucket = b.variable('i');
  const titled = b.variable('kept');
  return {
    cypher: `${c.cypher}
CALL {
  WITH ${c.columns[0]}
  UNWIND ${c.columns[0]} AS ${bucket}
  OPTIONAL MATCH (${s}:Source {id: ${bucket}.value})
  RETURN collect(${bucket} { .*, label: ${s}.title }) AS ${titled}
}`,
    columns: [titled, c.columns[1], c.columns[2]],
  };
}

/**
 * The subquery counting one dimension. `single`: every fact has the centre at one end (an entity's own facts), so
 * it has one other end and the cheaper single-valued count applies.
 */
function counted(b: CypherBuilder, dimension: FacetDimension, top: string, centre: string | undefined, single: boolean): Counted {
  const inputs = centre === undefined ? 'facts' : `${centre}, facts`;
  switch (dimension) {
    case 'FACT_TYPE':
      return singleValued(b, inputs, top, (r) => `${r}.type`);
    case 'STATUS':
      return singleValued(b, inputs, top, (r) => `${r}.status`);
    case 'RANK':
      return singleValued(b, inputs, top, (r) => `coalesce(${r}.rank, ${b.param(DEFAULT_RANK)})`);
    case 'YEAR':
      return singleValued(b, inputs, top, (r) => `left(${r}.validFrom, 4)`);
    case 'SOURCE':
      return bySource(b, inputs, top, (r) => `${r}.sourceIds`);
    case 'OTHER_KIND':
      return single
        ? singleValued(b, inputs, top, (r) => otherEnd(r, centre!), (i) => `${i}.kind`)
        : multiValued(b, inputs, top, (r) => otherEnds(r, centre), (i) => `${i}.kind`, undefined);
    case 'OTHER_ENTITY':
      return single
        ? singleValued(b, inputs, top, (r) => otherEnd(r, centre!), (i) => `${i}.id`, (i) => `${i}.name`)
        : multiValued(b, inputs, top, (r) => otherEnds(r, centre), (i) => `${i}.id`, (i) => `${i}.name`);
    default:
      throw new CypherSpliceError(`${JSON.stringify(dimension)} is not a facet dimension`);
  }
}

// ---- As known at an instant ----
//
// The same scopes, filters and dimensions over the facts then: fact maps `{p, from, to}` (known-at.ts), whose
// properties are read through `p` and whose ends are ids. An end's kind and name are those of the entity then.

const optional = (predicate: string | undefined): string[] => (predicate === undefined ? [] : [predicate]);

/** The filter's predicates on the fact map `m` (properties `p`) then: followed (types, asOf, rank) and dates. */
function predicatesThen(b: CypherBuilder, m: string, p: string, f: FacetFilter, scope: KnownAtScope): { follow: string[]; dates: string[] } {
  const { follow, dates } = relationPredicates(b, p, { ...f, rank: 'ALL' });
  return { follow: [...follow, ...optional(rankThen(b, m, p, scope, f.rank))], dates };
}

/** The other end's id of the fact map `m`, which has the centre (an id expression) at one end. */
function otherIdThen(m: string, centre: string): string {
  return `CASE WHEN ${m}.from = ${centre} THEN ${m}.to ELSE ${m}.from END`;
}

/** The ids of the ends of the fact map `m` that count as its "other" entities: not the centre, or both without one. */
function otherIdsThen(m: string, centre: string | undefined): string {
  if (centre === undefined) return `[${m}.from, ${m}.to]`;
  return `CASE WHEN ${m}.from = ${centre} THEN [${m}.to] WHEN ${m}.to = ${centre} THEN [${m}.from] ELSE [${m}.from, ${m}.to] END`;
}

interface ScopeThen {
  /** Cypher binding `facts` (a list of distinct fact maps). */
  cypher: string;
  /** The centre's id (a parameter), when the filter has an entity. */
  centre: string | undefined;
}

/** Every fact then that passes the filter. */
function allFactsThen(b: CypherBuilder, f: FacetFilter, scope: KnownAtScope): ScopeThen {
  const [m, p] = [b.variable('r'), b.variable('r')];
  const { follow, dates } = predicatesThen(b, m, p, f, scope);
  let ends = '';
  if (f.kinds !== null) {
    const [a, z] = [b.variable('v'), b.variable('o')];
    const k = b.param(f.kinds);
    ends = `
  ${entityThen(b, `${m}.from`, scope, a)}
  ${entityThen(b, `${m}.to`, scope, z)}
  WITH * WHERE ${a}.kind IN ${k} AND ${z}.kind IN ${k}`;
  }
  return {
    cypher: `CALL {
  WITH ${scopeVariables(scope).join(', ')}
  UNWIND ${factsThen(b, scope)} AS ${m}
  WITH *, ${m}.p AS ${p}${where([...follow, ...dates])}${ends}
  RETURN collect(${m}) AS facts
}`,
    centre: undefined,
  };
}

/** The facts of one entity then (which existed then), in a direction. */
function entityFactsThen(b: CypherBuilder, id: string, f: FacetFilter, scope: KnownAtScope): ScopeThen {
  const c = b.variable('v');
  const centre = b.param(id);
  const [m, p] = [b.variable('r'), b.variable('r')];
  const { follow, dates } = predicatesThen(b, m, p, f, scope);
  let ends = '';
  if (f.kinds !== null) {
    const o = b.variable('o');
    ends = `
  ${entityThen(b, otherIdThen(m, centre), scope, o)}
  WITH * WHERE ${o}.kind IN ${b.param(f.kinds)}`;
  }
  // DISTINCT: an undirected pattern meets a fact from the entity to itself twice.
  return {
    cypher: `${entityThen(b, centre, scope, c)}
WITH * WHERE ${c} IS NOT NULL
CALL {
  WITH ${scopeVariables(scope).join(', ')}
  UNWIND ${factsTouching(b, centre, scope, f.direction)} AS ${m}
  WITH *, ${m}.p AS ${p}${where([...follow, ...dates])}${ends}
  RETURN collect(DISTINCT ${m}) AS facts
}`,
    centre,
  };
}

/**
 * The facts then between the entities within `depth` facts then of the centre: the levels of `neighborhood`
 * with knownAt (entity ids, reached over the facts then, kept by their kind then) without its cap, then every
 * fact then among them.
 */
function neighborhoodFactsThen(b: CypherBuilder, id: string, depth: number, f: FacetFilter, scope: KnownAtScope): ScopeThen {
  const c = b.variable('v');
  const centre = b.param(id);
  const types = f.types === null ? undefined : b.param(f.types);
  const asOf = f.asOf === null ? undefined : b.param(f.asOf);
  const kinds = f.kinds === null ? undefined : b.param(f.kinds);
  const followed = (m: string, p: string): string[] => [
    ...(types === undefined ? [] : [`${p}.type IN ${types}`]),
    ...(asOf === undefined ? [] : [validOn(p, asOf)]),
    ...optional(rankThen(b, m, p, scope, f.rank)),
  ];
  const carried = scopeVariables(scope).join(', ');
  const levels: string[] = [];
  let seen = b.variable('seen');
  let frontier = b.variable('level');
  levels.push(`WITH ${carried}, [${c}.id] AS ${seen}, [${c}.id] AS ${frontier}`);
  for (let level = 1; level <= depth; level++) {
    const [x, m, p, nid, n, found] = [b.variable('v'), b.variable('r'), b.variable('r'), b.variable('n'), b.variable('n'), b.variable('found')];
    // Each entity reached is looked up once (its kind then, and whether it existed then).
    levels.push(`CALL {
  WITH ${carried}, ${seen}, ${frontier}
  UNWIND ${frontier} AS ${x}
  UNWIND ${factsTouching(b, x, scope)} AS ${m}
  WITH *, ${m}.p AS ${p}, ${otherIdThen(m, x)} AS ${nid}
  WITH *${where([...followed(m, p), `NOT ${nid} IN ${seen}`])}
  WITH DISTINCT ${scope.known}, ${nid}
  ${entityThen(b, nid, scope, n)}
  WITH *${where([`${n} IS NOT NULL`, ...(kinds === undefined ? [] : [`${n}.kind IN ${kinds}`])])}
  RETURN collect(${nid}) AS ${found}
}`);
    const [nextSeen, nextFrontier] = [b.variable('seen'), b.variable('level')];
    levels.push(`WITH ${carried}, ${seen} + ${found} AS ${nextSeen}, ${found} AS ${nextFrontier}`);
    [seen, frontier] = [nextSeen, nextFrontier];
  }
  const [a, m, p] = [b.variable('v'), b.variable('r'), b.variable('r')];
  const { dates } = relationPredicates(b, p, { ...f, types: null, asOf: null, rank: 'ALL' });
  return {
    cypher: `${entityThen(b, centre, scope, c)}
WITH * WHERE ${c} IS NOT NULL
${levels.join('\n')}
CALL {
  WITH ${carried}, ${seen}
  UNWIND ${seen} AS ${a}
  UNWIND ${factsTouching(b, a, scope, 'OUTGOING')} AS ${m}
  WITH *, ${m}.p AS ${p}${where([`${m}.to IN ${seen}`, ...followed(m, p), ...dates])}
  RETURN collect(${m}) AS facts
}`,
    centre,
  };
}

function scopeThenOf(b: CypherBuilder, f: FacetFilter, scope: KnownAtScope): ScopeThen {
  if (f.entity === null) {
    if (f.depth !== null) throw new CypherSpliceError('a facet depth needs an entity');
    return allFactsThen(b, f, scope);
  }
  if (f.depth === null) return entityFactsThen(b, f.entity, f, scope);
  return neighborhoodFactsThen(b, f.entity, checkedInt(f.depth, 1, MAX_NEIGHBORHOOD_DEPTH), f, scope);
}

/** The labels of the kept buckets of an OTHER_ENTITY count (entity ids): each entity's name then, looked up after counting. */
function namedThen(b: CypherBuilder, c: Counted, scope: KnownAtScope): Counted {
  const [bucket, n, named] = [b.variable('i'), b.variable('n'), b.variable('kept')];
  return {
    cypher: `${c.cypher}
CALL {
  WITH ${c.columns[0]}, ${scope.known}
  UNWIND ${c.columns[0]} AS ${bucket}
  ${entityThen(b, `${bucket}.value`, scope, n)}
  RETURN collect(${bucket} { .*, label: ${n}.name }) AS ${named}
}`,
    columns: [named, c.columns[1], c.columns[2]],
  };
}

/**
 * OTHER_KIND then when each fact has one other end (an entity's own facts): facts counted by the other end's id,
 * each entity looked up once for its kind then, the counts summed by kind.
 */
function kindOfOneThen(b: CypherBuilder, top: string, centre: string, scope: KnownAtScope): Counted {
  const [m, id, c, n, i, v, count, all] = [
    b.variable('r'), b.variable('i'), b.variable('count'), b.variable('n'), b.variable('i'), b.variable('value'), b.variable('count'), b.variable('buckets'),
  ];
  const columns: Counted['columns'] = [b.variable('kept'), b.variable('other'), b.variable('valued')];
  return {
    cypher: `CALL {
  WITH facts, ${scope.known}
  UNWIND facts AS ${m}
  WITH ${scope.known}, ${otherIdThen(m, centre)} AS ${id}, count(*) AS ${c}
  ${entityThen(b, id, scope, n)}
  WITH ${n}.kind AS ${i}, ${c} WHERE ${i} IS NOT NULL
  WITH ${i} AS ${v}, sum(${c}) AS ${count} ORDER BY ${count} DESC, ${v}
  WITH collect({ value: ${v}, count: ${count} }) AS ${all}
  RETURN ${all}[..${top}] AS ${columns[0]},
    reduce(s = 0, x IN ${all}[${top}..] | s + x.count) AS ${columns[1]},
    reduce(s = 0, x IN ${all} | s + x.count) AS ${columns[2]}
}`,
    columns,
  };
}

/**
 * OTHER_KIND then when a fact may have two other ends: the facts of each other end's id, each entity looked up once
 * for its kind then; a fact counts once in each of its kinds' buckets, and beyond the top ones only when none of its
 * kinds is among them (the facts valued less those in a kept bucket).
 */
function kindsThen(b: CypherBuilder, top: string, centre: string | undefined, scope: KnownAtScope): Counted {
  const [m, id, fs, n, v, f, ofKind, count, all] = [
    b.variable('r'), b.variable('i'), b.variable('found'), b.variable('n'), b.variable('value'), b.variable('i'), b.variable('found'),
    b.variable('count'), b.variable('buckets'),
  ];
  const columns: Counted['columns'] = [b.variable('kept'), b.variable('other'), b.variable('valued')];
  const factsIn = (buckets: string): string => {
    const [x, y] = [b.variable('r'), b.variable('i')];
    return `size(COLLECT { UNWIND ${buckets} AS ${x} UNWIND ${x}.facts AS ${y} RETURN DISTINCT ${y} })`;
  };
  const bucket = b.variable('r');
  return {
    cypher: `CALL {
  WITH facts, ${scope.known}
  UNWIND facts AS ${m}
  UNWIND ${otherIdsThen(m, centre)} AS ${id}
  WITH ${scope.known}, ${id}, collect(${m}.p.id) AS ${fs}
  ${entityThen(b, id, scope, n)}
  WITH ${n}.kind AS ${v}, ${fs} WHERE ${v} IS NOT NULL
  UNWIND ${fs} AS ${f}
  WITH DISTINCT ${v}, ${f}
  WITH ${v}, collect(${f}) AS ${ofKind}, count(*) AS ${count} ORDER BY ${count} DESC, ${v}
  WITH collect({ value: ${v}, count: ${count}, facts: ${ofKind} }) AS ${all}
  RETURN [${bucket} IN ${all}[..${top}] | ${bucket} { .value, .count }] AS ${columns[0]},
    ${factsIn(all)} - ${factsIn(`${all}[..${top}]`)} AS ${columns[1]},
    ${factsIn(all)} AS ${columns[2]}
}`,
    columns,
  };
}

/** The subquery counting one dimension over the fact maps then (see counted). */
function countedThen(b: CypherBuilder, dimension: FacetDimension, top: string, centre: string | undefined, single: boolean, scope: KnownAtScope): Counted {
  const inputs = 'facts';
  switch (dimension) {
    case 'FACT_TYPE':
      return singleValued(b, inputs, top, (m) => `${m}.p.type`);
    case 'STATUS':
      return singleValued(b, inputs, top, (m) => `${m}.p.status`);
    case 'RANK':
      return singleValued(b, inputs, top, (m) => `coalesce(${m}.p.rank, ${b.param(DEFAULT_RANK)})`);
    case 'YEAR':
      return singleValued(b, inputs, top, (m) => `left(${m}.p.validFrom, 4)`);
    case 'SOURCE':
      return bySource(b, inputs, top, (m) => `${m}.p.sourceIds`);
    case 'OTHER_KIND':
      return single ? kindOfOneThen(b, top, centre!, scope) : kindsThen(b, top, centre, scope);
    case 'OTHER_ENTITY':
      return namedThen(
        b,
        single
          ? singleValued(b, inputs, top, (m) => otherIdThen(m, centre!))
          : multiValued(b, inputs, top, (m) => otherIdsThen(m, centre), (i) => i, undefined),
        scope,
      );
    default:
      throw new CypherSpliceError(`${JSON.stringify(dimension)} is not a facet dimension`);
  }
}

/** `facets` as known at the instant: the ledger scope bound once, then the facts then selected and counted. */
function facetsThenStatement(args: FacetArgs, instant: string): Statement {
  const b = new CypherBuilder();
  const { call, scope } = knownAtCall(b, instant, false);
  const selected = scopeThenOf(b, args.where, scope);
  const top = b.intParam(checkedInt(args.top, 0, MAX_LITERAL));
  const single = args.where.entity !== null && args.where.depth === null;
  const parts = args.by.map((dimension) => countedThen(b, dimension, top, selected.centre, single, scope));
  return b.statement(countedStatement(`${call}\n${selected.cypher}`, [scope.known], parts));
}

/**
 * One row: `total` (facts passing the filter) and `facets`, one map per requested dimension in order, with
 * `buckets` ({ value, label?, count }, largest first, then by value), `otherCount` and `valued` (facts with a
 * value in the dimension). No row when the filter's entity does not exist.
 */
export function facetsStatement(args: FacetArgs): Statement {
  if (args.where.knownAt !== null) return facetsThenStatement(args, args.where.knownAt);
  const b = new CypherBuilder();
  const scope = scopeOf(b, args.where);
  const top = b.intParam(checkedInt(args.top, 0, MAX_LITERAL));
  const single = args.where.entity !== null && args.where.depth === null;
  const parts = args.by.map((dimension) => counted(b, dimension, top, scope.centre, single));
  return b.statement(countedStatement(scope.cypher, scope.centre === undefined ? [] : [scope.centre], parts));
}

/** The selection, then each dimension's subquery carrying `kept` (and the facts) to the next, then the row. */
function countedStatement(selection: string, kept: string[], parts: Counted[]): string {
  const carried = (upTo: number): string => [...kept, 'facts', ...parts.slice(0, upTo).flatMap((p) => p.columns)].join(', ');
  const steps = parts.map((p, i) => `${i === 0 ? '' : `WITH ${carried(i)}\n`}${p.cypher}`);
  const facets = parts.map((p) => `{ buckets: ${p.columns[0]}, otherCount: ${p.columns[1]}, valued: ${p.columns[2]} }`);
  return `${selection}
${steps.join('\n')}
RETURN size(facts) AS total, [${facets.join(', ')}] AS facets`;
}
