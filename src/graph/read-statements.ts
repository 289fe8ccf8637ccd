import { FACT_TYPES, type EntityKindName } from '../model/kinds.js';
import { firstDay, lastDay } from '../model/dates.js';
import { foldText } from '../model/text.js';
import { DEFAULT_RANK_SELECTION, type RankSelection } from '../model/ranks.js';
import { rankPredicate } from './best-rank.js';
import { checkedInt, CypherBuilder, CypherSpliceError, factType, int, label, type Statement } from './cypher.js';
import { entityThen, factsTouching, factThen, knownAtCall, rankThen, scopeVariables } from './known-at.js';
import { luceneQuery } from './lucene.js';
import type { PageRequest, SortField } from './paging.js';
import { nodePlanFor, type Direction, type EntityPlan, type RelationPlan } from './plan.js';
import {
  edgesOf,
  entitiesOf,
  entitiesThenOf,
  entityProjection,
  factMapEdgesOf,
  factMapReturn,
  factPattern,
  relationMatch,
  relationProjection,
  validOn,
} from './projection.js';

/**
 * The Cypher of each read: one statement (one round trip) per call, written from the arguments and the plans
 * alone, with no database (tests/cypher snapshots them). src/graph/read-queries.ts runs them.
 */

const optional = (predicate: string | undefined): string[] => (predicate === undefined ? [] : [predicate]);

/** Counts spliced as literals: any count Cypher reads (the API's own bounds are checked before a read). */
const MAX_LITERAL = 2 ** 31 - 1;
/** The neighborhood statement is written level by level, for depths up to this. */
export const MAX_NEIGHBORHOOD_DEPTH = 3;

/** With `knownAt`, the entity as it was then, and everything under it (see known-at.ts). */
export function entityStatement(id: string, plan: EntityPlan, knownAt: string | null = null): Statement {
  const b = new CypherBuilder();
  if (knownAt !== null) {
    const { call, scope } = knownAtCall(b, knownAt, false);
    const v = b.variable('v');
    return b.statement(`${call}
${entityThen(b, b.param(id), scope, v)}
WITH * WHERE ${v} IS NOT NULL
RETURN ${entityProjection(b, v, plan, scope)} AS value`);
  }
  const v = b.variable('v');
  return b.statement(`MATCH (${v}${label('ENTITY')} {id: ${b.param(id)}}) RETURN ${entityProjection(b, v, plan)} AS value`);
}

export function sourceStatement(id: string): Statement {
  const b = new CypherBuilder();
  const s = b.variable('s');
  return b.statement(`MATCH (${s}:Source {id: ${b.param(id)}}) RETURN ${s} { .* } AS value`);
}

export function factStatement(id: string, plan: RelationPlan, knownAt: string | null = null): Statement {
  const b = new CypherBuilder();
  if (knownAt !== null) {
    const { call, scope } = knownAtCall(b, knownAt, false);
    const then = factThen(b, b.param(id), scope);
    const [m, p] = [b.variable('r'), b.variable('r')];
    return b.statement(`${call}
${then.match}
UNWIND ${then.list} AS ${m}
WITH *, ${m}.p AS ${p}
${factMapReturn(b, m, p, plan, scope, (fact) => `${fact} AS value`)}`);
  }
  const r = b.variable('r');
  const { match, ends } = relationMatch(b, r, plan);
  return b.statement(`MATCH ()-[${r}:FACT {id: ${b.param(id)}}]->() ${match} RETURN ${relationProjection(b, r, plan, ends)} AS value`);
}

export interface SearchArgs {
  text: string;
  kinds: EntityKindName[] | null;
  first: number;
}

/** Undefined when the text has no word to search for. */
export function searchStatement(args: SearchArgs, plan: EntityPlan): Statement | undefined {
  const query = luceneQuery(args.text);
  if (query === undefined) return undefined;
  const b = new CypherBuilder();
  const v = b.variable('v');
  const score = b.variable('score');
  const lucene = b.param(query);
  const kinds = args.kinds === null ? '' : ` WHERE ${v}.kind IN ${b.param(args.kinds)}`;
  return b.statement(`CALL db.index.fulltext.queryNodes('entity_search', ${lucene}) YIELD node AS ${v}, score AS ${score}${kinds}
WITH ${v}, ${score} ORDER BY ${score} DESC, ${v}.sortName LIMIT ${b.intParam(args.first)}
RETURN ${entityProjection(b, v, plan)} AS value`);
}

export interface NeighborhoodArgs {
  id: string;
  depth: 1 | 2 | 3;
  relationTypes: string[] | null;
  kinds: EntityKindName[] | null;
  /** First day of the requested date. */
  asOf: string | null;
  /** Best-ranked facts when omitted. */
  rank?: RankSelection;
  /** As the graph was known at this instant (ISO 8601, UTC); now when omitted. */
  knownAt?: string | null;
  limit: number;
}

/**
 * Breadth first: each level adds the nearest entities not yet included, ordered by id, until `limit`; then every
 * fact between included entities. Capping each level keeps hubs with thousands of facts cheap: a level never
 * needs more than `limit - 1` entities, so it keeps the first ones in id order (a top-k, not a full sort).
 */
export function neighborhoodStatement(args: NeighborhoodArgs, plans: { node: EntityPlan; edge: RelationPlan }): Statement {
  const b = new CypherBuilder();
  if (args.knownAt != null) return neighborhoodThenStatement(b, args, plans, args.knownAt);
  const depth = checkedInt(args.depth, 1, MAX_NEIGHBORHOOD_DEPTH);
  const center = b.variable('v');
  const id = b.param(args.id);
  const types = args.relationTypes === null ? undefined : b.param(args.relationTypes);
  const asOf = args.asOf === null ? undefined : b.param(args.asOf);
  const kinds = args.kinds === null ? undefined : b.param(args.kinds);
  const relPreds = (r: string): string[] => [
    ...(types === undefined ? [] : [`${r}.type IN ${types}`]),
    ...(asOf === undefined ? [] : [validOn(r, asOf)]),
    ...optional(rankPredicate(r, args.rank ?? DEFAULT_RANK_SELECTION)),
  ];
  const nodePreds = (n: string): string[] => (kinds === undefined ? [] : [`${n}.kind IN ${kinds}`]);
  const max = b.intParam(args.limit - 1);
  const levels: string[] = [];
  const found: string[] = [];
  for (let level = 1; level <= depth; level++) {
    const prior = found.map((l) => `, ${l}`).join('');
    const seen = b.variable('seen');
    const start = level === 1 ? center : b.variable('v');
    const unwind = level === 1 ? '' : `UNWIND ${found.at(-1)} AS ${start}\n  `;
    const r = b.variable('r');
    const n = b.variable('n');
    const hits = b.variable('found');
    const list = b.variable('level');
    const taken = found.length ? found.map((l) => `size(${l})`).join(' + ') : '0';
    levels.push(`CALL {
  WITH ${center}${prior}
  WITH ${center}${prior}, ${[`[${center}]`, ...found].join(' + ')} AS ${seen}
  ${unwind}MATCH (${start})-[${r}:FACT]-(${n}${label('ENTITY')})
  WHERE ${[...relPreds(r), ...nodePreds(n), `NOT ${n} IN ${seen}`].join(' AND ')}
  WITH DISTINCT ${n} ORDER BY ${n}.id LIMIT ${max}
  RETURN collect(${n}) AS ${hits}
}
WITH ${center}${prior}, CASE WHEN ${max} - (${taken}) > 0 THEN ${hits}[..(${max} - (${taken}))] ELSE [] END AS ${list}`);
    found.push(list);
  }
  const nodes = b.variable('nodes');
  const a = b.variable('v');
  const r = b.variable('r');
  const z = b.variable('o');
  const rels = b.variable('rels');
  return b.statement(`MATCH (${center}${label('ENTITY')} {id: ${id}})
${levels.join('\n')}
WITH ${[`[${center}]`, ...found].join(' + ')} AS ${nodes}
CALL {
  WITH ${nodes}
  UNWIND ${nodes} AS ${a}
  MATCH (${a})-[${r}:FACT]->(${z}) WHERE ${[`${z} IN ${nodes}`, ...relPreds(r)].join(' AND ')}
  WITH ${r} ORDER BY ${r}.id
  RETURN collect(${r}) AS ${rels}
}
RETURN ${entitiesOf(b, nodes, nodePlanFor(plans.node, plans.edge))} AS nodes, ${edgesOf(b, rels, plans.edge)} AS edges`);
}

/**
 * The neighborhood as known at an instant: the same levels, caps and order over the facts and entities as they
 * were then (see known-at.ts). Levels hold entity ids, since an entity then may exist only as a revision.
 */
function neighborhoodThenStatement(b: CypherBuilder, args: NeighborhoodArgs, plans: { node: EntityPlan; edge: RelationPlan }, instant: string): Statement {
  const depth = checkedInt(args.depth, 1, MAX_NEIGHBORHOOD_DEPTH);
  const { call, scope } = knownAtCall(b, instant, false);
  const center = b.variable('v');
  const id = b.param(args.id);
  const types = args.relationTypes === null ? undefined : b.param(args.relationTypes);
  const asOf = args.asOf === null ? undefined : b.param(args.asOf);
  const kinds = args.kinds === null ? undefined : b.param(args.kinds);
  const relPreds = (m: string, p: string): string[] => [
    ...(types === undefined ? [] : [`${p}.type IN ${types}`]),
    ...(asOf === undefined ? [] : [validOn(p, asOf)]),
    ...optional(rankThen(b, m, p, scope, args.rank ?? DEFAULT_RANK_SELECTION)),
  ];
  const carried = scopeVariables(scope);
  const max = b.intParam(args.limit - 1);
  const levels: string[] = [];
  const found: string[] = [];
  for (let level = 1; level <= depth; level++) {
    const prior = [...carried, ...found].join(', ');
    const seen = b.variable('seen');
    const start = b.variable('v');
    const [m, p, nid, n] = [b.variable('r'), b.variable('r'), b.variable('n'), b.variable('n')];
    const hits = b.variable('found');
    const list = b.variable('level');
    const taken = found.length ? found.map((l) => `size(${l})`).join(' + ') : '0';
    levels.push(`CALL {
  WITH ${center}, ${prior}
  WITH *, ${[`[${center}.id]`, ...found].join(' + ')} AS ${seen}
  UNWIND ${level === 1 ? `[${center}.id]` : found.at(-1)} AS ${start}
  UNWIND ${factsTouching(b, start, scope)} AS ${m}
  WITH *, ${m}.p AS ${p}, CASE WHEN ${m}.from = ${start} THEN ${m}.to ELSE ${m}.from END AS ${nid}
  WITH * WHERE ${[...relPreds(m, p), `NOT ${nid} IN ${seen}`].join(' AND ')}
  ${entityThen(b, nid, scope, n)}
  WITH * WHERE ${[`${n} IS NOT NULL`, ...(kinds === undefined ? [] : [`${n}.kind IN ${kinds}`])].join(' AND ')}
  WITH DISTINCT ${nid} ORDER BY ${nid} LIMIT ${max}
  RETURN collect(${nid}) AS ${hits}
}
WITH ${center}, ${prior}, CASE WHEN ${max} - (${taken}) > 0 THEN ${hits}[..(${max} - (${taken}))] ELSE [] END AS ${list}`);
    found.push(list);
  }
  const nodes = b.variable('nodes');
  const [a, m, p] = [b.variable('v'), b.variable('r'), b.variable('r')];
  const rels = b.variable('rels');
  return b.statement(`${call}
${entityThen(b, id, scope, center)}
WITH * WHERE ${center} IS NOT NULL
${levels.join('\n')}
WITH ${[...carried].join(', ')}, ${[`[${center}.id]`, ...found].join(' + ')} AS ${nodes}
CALL {
  WITH ${[...carried, nodes].join(', ')}
  UNWIND ${nodes} AS ${a}
  UNWIND ${factsTouching(b, a, scope, 'OUTGOING')} AS ${m}
  WITH *, ${m}.p AS ${p}
  WITH * WHERE ${[`${m}.to IN ${nodes}`, ...relPreds(m, p)].join(' AND ')}
  WITH ${m} ORDER BY ${m}.p.id
  RETURN collect(${m}) AS ${rels}
}
RETURN ${entitiesThenOf(b, nodes, nodePlanFor(plans.node, plans.edge), scope)} AS nodes, ${factMapEdgesOf(b, rels, plans.edge, scope)} AS edges`);
}

export interface PathsArgs {
  fromId: string;
  toId: string;
  maxHops: number;
  relationTypes: string[] | null;
  /** Best-ranked facts when omitted. */
  rank?: RankSelection;
  first: number;
}

export function pathsStatement(args: PathsArgs, plans: { node: EntityPlan; edge: RelationPlan }): Statement {
  const b = new CypherBuilder();
  const a = b.variable('v');
  const z = b.variable('v');
  const path = b.variable('path');
  const r = b.variable('r');
  const ns = b.variable('nodes');
  const rs = b.variable('rels');
  const [fromId, toId] = [b.param(args.fromId), b.param(args.toId)];
  const relPreds = [...(args.relationTypes === null ? [] : [`${r}.type IN ${b.param(args.relationTypes)}`]), ...optional(rankPredicate(r, args.rank ?? DEFAULT_RANK_SELECTION))];
  const typeFilter = relPreds.length ? ` WHERE ${relPreds.join(' AND ')}` : '';
  // Path bounds must be literals in Cypher.
  const k = int(args.first, 1, MAX_LITERAL);
  const hops = int(args.maxHops, 1, MAX_LITERAL);
  return b.statement(`MATCH (${a}${label('ENTITY')} {id: ${fromId}}), (${z}${label('ENTITY')} {id: ${toId}})
MATCH ${path} = SHORTEST ${k} (${a})-[${r}:FACT${typeFilter}]-{1,${hops}}(${z})
WITH ${path}, nodes(${path}) AS ${ns}, relationships(${path}) AS ${rs}
RETURN length(${path}) AS length, ${entitiesOf(b, ns, nodePlanFor(plans.node, plans.edge))} AS nodes, ${edgesOf(b, rs, plans.edge)} AS edges
ORDER BY length`);
}

export interface TimelineArgs {
  id: string;
  from: string | null;
  to: string | null;
  /** Best-ranked facts when omitted. */
  rank?: RankSelection;
  /** As the graph was known at this instant (ISO 8601, UTC); now when omitted. */
  knownAt?: string | null;
  first: number;
}

export function timelineStatement(args: TimelineArgs, plan: RelationPlan): Statement {
  const b = new CypherBuilder();
  if (args.knownAt != null) {
    const { call, scope } = knownAtCall(b, args.knownAt, false);
    const [m, p] = [b.variable('r'), b.variable('r')];
    const when = `coalesce(${p}.validFrom, ${p}.validTo)`;
    const list = factsTouching(b, b.param(args.id), scope);
    const where = [`${when} IS NOT NULL`];
    if (args.from !== null) where.push(`${when} >= ${b.param(firstDay(args.from))}`);
    if (args.to !== null) where.push(`${when} <= ${b.param(lastDay(args.to))}`);
    where.push(...optional(rankThen(b, m, p, scope, args.rank ?? DEFAULT_RANK_SELECTION)));
    return b.statement(`${call}
UNWIND ${list} AS ${m}
WITH *, ${m}.p AS ${p} WHERE ${where.join(' AND ')}
WITH * ORDER BY ${when}, ${p}.id LIMIT ${b.intParam(args.first)}
${factMapReturn(b, m, p, plan, scope, (fact) => `${fact} AS value`)}`);
  }
  const r = b.variable('r');
  const when = `coalesce(${r}.validFrom, ${r}.validTo)`;
  const id = b.param(args.id);
  const where = [`${when} IS NOT NULL`];
  if (args.from !== null) where.push(`${when} >= ${b.param(firstDay(args.from))}`);
  if (args.to !== null) where.push(`${when} <= ${b.param(lastDay(args.to))}`);
  where.push(...optional(rankPredicate(r, args.rank ?? DEFAULT_RANK_SELECTION)));
  const { match, ends } = relationMatch(b, r, plan);
  return b.statement(`MATCH (${label('ENTITY')} {id: ${id}})-[${r}:FACT]-()
WHERE ${where.join(' AND ')}
WITH ${r} ORDER BY ${when}, ${r}.id LIMIT ${b.intParam(args.first)}
${match}
RETURN ${relationProjection(b, r, plan, ends)} AS value`);
}

export function relationTypesStatement(): Statement {
  const b = new CypherBuilder();
  const r = b.variable('r');
  return b.statement(`MATCH ()-[${r}:FACT]->() RETURN ${r}.type AS type, count(*) AS n ORDER BY n DESC, type`);
}

// ---- Filtered, sorted, paged lists ----

export interface EntityFilter {
  ids?: string[] | null;
  nameContains?: string | null;
  region?: string | null;
  subregion?: string | null;
  memberOf?: string | null;
  partyToTreatyWith?: string | null;
  neighborOf?: string | null;
  holdsPositionIn?: string | null;
  hasMember?: string | null;
  status?: string[] | null;
  signedFrom?: string | null;
  signedTo?: string | null;
  party?: string | null;
  /** Which ranks of facts the fact filters (memberOf, neighborOf…) see: best ones when omitted. */
  rank?: RankSelection | null;
}

const SORT_KEYS: Record<SortField, (v: string) => string> = {
  NAME: (v) => `${v}.sortName`,
  ID: (v) => `${v}.id`,
  // Unsigned treaties sort after every date.
  SIGNED_ON: (v) => `coalesce(${v}.signedOnKey, '~')`,
};

function sortKey(sort: SortField): (v: string) => string {
  if (!Object.hasOwn(SORT_KEYS, sort)) throw new CypherSpliceError(`${JSON.stringify(sort)} is not a sort order`);
  return SORT_KEYS[sort];
}

function filterPredicates(b: CypherBuilder, v: string, f: EntityFilter): string[] {
  const preds: string[] = [];
  const t = FACT_TYPES;
  const ranked = (x: string): string => optional(rankPredicate(x, f.rank ?? DEFAULT_RANK_SELECTION)).map((p) => ` AND ${p}`).join('');
  /** "`v` has a fact of the type (a checked literal) with the entity whose id is `id`". */
  const linked = (direction: Direction, type: string, id: string): string => {
    const x = b.variable('r');
    const o = b.variable('o');
    return `EXISTS { MATCH ${factPattern(v, x, o, direction, 'ENTITY')} WHERE ${o}.id = ${b.param(id)} AND ${x}.type = ${type}${ranked(x)} }`;
  };
  if (f.ids != null) preds.push(`${v}.id IN ${b.param(f.ids)}`);
  if (f.nameContains != null) {
    const p = b.param(foldText(f.nameContains));
    preds.push(`(${v}.sortName CONTAINS ${p} OR toLower(coalesce(${v}.aliasText, '')) CONTAINS ${p})`);
  }
  if (f.region != null) preds.push(`toLower(${v}.region) = ${b.param(f.region.toLowerCase())}`);
  if (f.subregion != null) preds.push(`toLower(${v}.subregion) = ${b.param(f.subregion.toLowerCase())}`);
  if (f.memberOf != null) preds.push(linked('OUTGOING', factType(t.memberOf), f.memberOf));
  if (f.partyToTreatyWith != null) {
    const [x, y, w] = [b.variable('r'), b.variable('r'), b.variable('v')];
    const partyTo = factType(t.partyTo);
    preds.push(
      `EXISTS { MATCH (${v})-[${x}:FACT]->(${label('TREATY')})<-[${y}:FACT]-(${w}${label('ENTITY')} {id: ${b.param(f.partyToTreatyWith)}}) WHERE ${x}.type = ${partyTo} AND ${y}.type = ${partyTo}${ranked(x)}${ranked(y)} AND ${w} <> ${v} }`,
    );
  }
  if (f.neighborOf != null) preds.push(linked('BOTH', factType(t.borders), f.neighborOf));
  if (f.holdsPositionIn != null) preds.push(linked('OUTGOING', factType(t.holdsPosition), f.holdsPositionIn));
  if (f.hasMember != null) preds.push(linked('INCOMING', factType(t.memberOf), f.hasMember));
  if (f.party != null) preds.push(linked('INCOMING', factType(t.partyTo), f.party));
  if (f.status != null) preds.push(`${v}.status IN ${b.param(f.status)}`);
  if (f.signedFrom != null) preds.push(`${v}.signedOnKey >= ${b.param(firstDay(f.signedFrom))}`);
  if (f.signedTo != null) preds.push(`${v}.signedOnKey <= ${b.param(lastDay(f.signedTo))}`);
  return preds;
}

/**
 * Keyset pagination: a page is "after this (key, id)" in sort order, so cursors survive inserts. Returns `rows`
 * (up to `size + 1` of `{ key, node }`, the extra one telling whether there is more) and `total`.
 */
export function listStatement(kind: EntityKindName, filter: EntityFilter, page: PageRequest, plan: EntityPlan): Statement {
  const b = new CypherBuilder();
  const v = b.variable('v');
  const kindLabel = label(kind);
  const key = sortKey(page.sort)(v);
  // Backward pages walk the order in reverse, then flip.
  const ascending = (page.direction === 'ASC') !== page.backward;
  const dir = ascending ? 'ASC' : 'DESC';
  const cmp = (forward: boolean): string => (forward === (page.direction === 'ASC') ? '>' : '<');
  const preds = filterPredicates(b, v, filter);
  const cursorPreds: string[] = [];
  for (const [position, forward] of [
    [page.after, true],
    [page.before, false],
  ] as const) {
    if (position === null) continue;
    const k = b.param(position.key);
    const id = b.param(position.id);
    const op = cmp(forward);
    cursorPreds.push(`(${key} ${op} ${k} OR (${key} = ${k} AND ${v}.id ${op} ${id}))`);
  }
  const where = (ps: string[]): string => (ps.length ? `WHERE ${ps.join(' AND ')}` : '');
  const pageOf = (from: string): string => `${from}
  WITH ${v} ORDER BY ${key} ${dir}, ${v}.id ${dir} LIMIT ${b.intParam(page.size + 1)}
  RETURN collect({ key: ${key}, node: ${entityProjection(b, v, plan)} }) AS rows`;
  if (!page.withTotal) {
    return b.statement(`CALL {
  ${pageOf(`MATCH (${v}${kindLabel}) ${where([...preds, ...cursorPreds])}`)}
}
RETURN rows, null AS total`);
  }
  // With a total, one pass over the matches gives both the count and the page (counting in a second MATCH would
  // evaluate the filters, EXISTS subqueries included, twice).
  const matched = b.variable('matched');
  return b.statement(`MATCH (${v}${kindLabel}) ${where(preds)}
WITH collect(${v}) AS ${matched}
CALL {
  WITH ${matched}
  ${pageOf(`UNWIND ${matched} AS ${v}
  WITH ${v} ${where(cursorPreds)}`)}
}
RETURN rows, size(${matched}) AS total`);
}
