import { ENTITY_KINDS, FACT_TYPES, type EntityKindName } from '../model/kinds.js';
import { firstDay, lastDay } from '../model/dates.js';
import { foldText } from '../model/text.js';
import type { GraphScope } from './graph-client.js';
import type { EntityModel, NodeModel, RelationModel } from './models.js';
import type { EntityPlan, RelationPlan } from './plan.js';
import {
  CypherBuilder,
  entityProjection,
  hydrateEntity,
  hydrateRelation,
  hydrateSource,
  relationMatch,
  relationProjection,
  validOn,
} from './projection.js';

/** The read side of the graph: one Cypher statement (one round trip) per call. */

type Raw = Record<string, unknown>;

/** A Cypher expression collecting the facts in the list expression `rels`, projected by the plan. */
function relationsOf(b: CypherBuilder, rels: string, plan: RelationPlan): string {
  const r = b.variable('r');
  const { match, ends } = relationMatch(b, r, plan);
  return `COLLECT { UNWIND ${rels} AS ${r} ${match} RETURN ${relationProjection(b, r, plan, ends)} }`;
}

/**
 * True when a subgraph's or path's edges need their endpoints only as plain entities: those are among the
 * answer's nodes already, so the edges carry the endpoint ids and are joined to the nodes here rather than
 * projecting every endpoint again in Cypher (two full entities per edge, most of such a query's work).
 */
function endpointsAmongNodes(plan: RelationPlan): boolean {
  const plain = (p: EntityPlan | undefined): boolean => p === undefined || p.related.length === 0;
  return (plan.from !== undefined || plan.to !== undefined) && plain(plan.from) && plain(plan.to);
}

/** The facts in the list expression `rels`, whose endpoints are all in the answer's nodes. */
function edgesOf(b: CypherBuilder, rels: string, plan: RelationPlan): string {
  if (!endpointsAmongNodes(plan)) return relationsOf(b, rels, plan);
  const r = b.variable('r');
  const bare = relationProjection(b, r, { ...plan, from: undefined, to: undefined }, undefined);
  return `COLLECT { UNWIND ${rels} AS ${r} RETURN { fact: ${bare}, from: startNode(${r}).id, to: endNode(${r}).id } }`;
}

function hydrateEdges(raws: Raw[], plan: RelationPlan, nodes: EntityModel[]): RelationModel[] {
  if (!endpointsAmongNodes(plan)) return raws.map((r) => hydrateRelation(r, plan));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const bare = { ...plan, from: undefined, to: undefined };
  return raws.map((raw) => ({
    ...hydrateRelation(raw['fact'] as Raw, bare),
    from: plan.from && byId.get(raw['from'] as string),
    to: plan.to && byId.get(raw['to'] as string),
  }));
}

/** A Cypher expression projecting the entities in the list expression `nodes`, keeping their order. */
function entitiesOf(b: CypherBuilder, nodes: string, plan: EntityPlan): string {
  const n = b.variable('n');
  const i = b.variable('i');
  return `COLLECT { UNWIND range(0, size(${nodes}) - 1) AS ${i} WITH ${nodes}[${i}] AS ${n}, ${i} RETURN ${entityProjection(b, n, plan)} ORDER BY ${i} }`;
}

async function single(scope: GraphScope, b: CypherBuilder, cypher: string): Promise<Raw | undefined> {
  const records = await scope.query(cypher, b.params);
  return records[0]?.toObject() as Raw | undefined;
}

export async function getEntity(scope: GraphScope, id: string, plan: EntityPlan): Promise<EntityModel | null> {
  const b = new CypherBuilder();
  const row = await single(scope, b, `MATCH (v:Entity {id: ${b.param(id)}}) RETURN ${entityProjection(b, 'v', plan)} AS value`);
  return row ? hydrateEntity(row['value'] as Raw, plan) : null;
}

export async function getNode(
  scope: GraphScope,
  id: string,
  plans: { entity: EntityPlan; relation: RelationPlan },
): Promise<NodeModel | null> {
  const b = new CypherBuilder();
  if (id.startsWith('source:')) {
    const row = await single(scope, b, `MATCH (s:Source {id: ${b.param(id)}}) RETURN s { .* } AS value`);
    return row ? hydrateSource(row['value'] as Raw) : null;
  }
  if (id.startsWith('fact:')) {
    const { match, ends } = relationMatch(b, 'r', plans.relation);
    const row = await single(
      scope,
      b,
      `MATCH ()-[r:FACT {id: ${b.param(id)}}]->() ${match} RETURN ${relationProjection(b, 'r', plans.relation, ends)} AS value`,
    );
    return row ? hydrateRelation(row['value'] as Raw, plans.relation) : null;
  }
  return getEntity(scope, id, plans.entity);
}

/**
 * A Lucene query for text typed by a person: words are folded (case, accents) and matched whole, as prefixes,
 * and (when long enough) with one typo. Only letters and digits survive, so Lucene syntax in the input is inert.
 */
export function luceneQuery(text: string): string | undefined {
  const terms = foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 16);
  if (terms.length === 0) return undefined;
  return terms.map((t) => `(${t}^4 OR ${t}*${t.length >= 5 ? ` OR ${t}~1` : ''})`).join(' AND ');
}

export async function searchEntities(
  scope: GraphScope,
  args: { text: string; kinds: EntityKindName[] | null; first: number },
  plan: EntityPlan,
): Promise<EntityModel[]> {
  const query = luceneQuery(args.text);
  if (query === undefined) return [];
  const b = new CypherBuilder();
  const kinds = args.kinds === null ? '' : ` WHERE v.kind IN ${b.param(args.kinds)}`;
  const cypher = `CALL db.index.fulltext.queryNodes('entity_search', ${b.param(query)}) YIELD node AS v, score${kinds}
WITH v, score ORDER BY score DESC, v.sortName LIMIT ${b.int(args.first)}
RETURN ${entityProjection(b, 'v', plan)} AS value`;
  const records = await scope.query(cypher, b.params);
  return records.map((r) => hydrateEntity(r.get('value') as Raw, plan));
}

export interface NeighborhoodArgs {
  id: string;
  depth: 1 | 2 | 3;
  relationTypes: string[] | null;
  kinds: EntityKindName[] | null;
  /** First day of the requested date. */
  asOf: string | null;
  limit: number;
}

export interface SubgraphModel {
  nodes: EntityModel[];
  edges: RelationModel[];
}

/**
 * Breadth first: each level adds the nearest entities not yet included, ordered by id, until `limit`; then every
 * fact between included entities. Capping each level keeps hubs with thousands of facts cheap: a level never
 * needs more than `limit - 1` entities, so it keeps the first ones in id order (a top-k, not a full sort).
 */
export async function neighborhood(
  scope: GraphScope,
  args: NeighborhoodArgs,
  plans: { node: EntityPlan; edge: RelationPlan },
): Promise<SubgraphModel> {
  const b = new CypherBuilder();
  const relPred = (r: string): string =>
    [
      args.relationTypes === null ? undefined : `${r}.type IN ${b.param(args.relationTypes)}`,
      args.asOf === null ? undefined : validOn(r, b.param(args.asOf)),
    ]
      .filter((p) => p !== undefined)
      .join(' AND ') || 'true';
  const nodePred = (n: string): string => (args.kinds === null ? 'true' : `${n}.kind IN ${b.param(args.kinds)}`);
  const max = b.int(args.limit - 1);
  const levels: string[] = [];
  const found: string[] = [];
  for (let level = 1; level <= args.depth; level++) {
    const prior = found.map((l) => `, ${l}`).join('');
    const seen = ['[c]', ...found].join(' + ');
    const taken = found.length ? found.map((l) => `size(${l})`).join(' + ') : '0';
    const start = level === 1 ? 'c' : 'm';
    const unwind = level === 1 ? '' : `UNWIND l${level - 1} AS m\n  `;
    levels.push(`CALL {
  WITH c${prior}
  WITH c${prior}, ${seen} AS seen
  ${unwind}MATCH (${start})-[r:FACT]-(n:Entity)
  WHERE ${relPred('r')} AND ${nodePred('n')} AND NOT n IN seen
  WITH DISTINCT n ORDER BY n.id LIMIT ${max}
  RETURN collect(n) AS found${level}
}
WITH c${prior}, CASE WHEN ${max} - (${taken}) > 0 THEN found${level}[..(${max} - (${taken}))] ELSE [] END AS l${level}`);
    found.push(`l${level}`);
  }
  const all = ['[c]', ...found].join(' + ');
  const cypher = `MATCH (c:Entity {id: ${b.param(args.id)}})
${levels.join('\n')}
WITH ${all} AS nodes
CALL {
  WITH nodes
  UNWIND nodes AS a
  MATCH (a)-[r:FACT]->(z) WHERE z IN nodes AND ${relPred('r')}
  WITH r ORDER BY r.id
  RETURN collect(r) AS rels
}
RETURN ${entitiesOf(b, 'nodes', plans.node)} AS nodes, ${edgesOf(b, 'rels', plans.edge)} AS edges`;
  const row = await single(scope, b, cypher);
  if (!row) return { nodes: [], edges: [] };
  const nodes = (row['nodes'] as Raw[]).map((n) => hydrateEntity(n, plans.node));
  return { nodes, edges: hydrateEdges(row['edges'] as Raw[], plans.edge, nodes) };
}

export interface PathsArgs {
  fromId: string;
  toId: string;
  maxHops: number;
  relationTypes: string[] | null;
  first: number;
}

export interface PathModel {
  length: number;
  nodes: EntityModel[];
  edges: RelationModel[];
}

export async function paths(
  scope: GraphScope,
  args: PathsArgs,
  plans: { node: EntityPlan; edge: RelationPlan },
): Promise<PathModel[]> {
  const b = new CypherBuilder();
  const typeFilter = args.relationTypes === null ? '' : ` WHERE r.type IN ${b.param(args.relationTypes)}`;
  // Path bounds must be literals in Cypher: these are integers checked against their limits, not input text.
  const k = Math.trunc(args.first);
  const hops = Math.trunc(args.maxHops);
  const cypher = `MATCH (a:Entity {id: ${b.param(args.fromId)}}), (z:Entity {id: ${b.param(args.toId)}})
MATCH p = SHORTEST ${k} (a)-[r:FACT${typeFilter}]-{1,${hops}}(z)
WITH p, nodes(p) AS ns, relationships(p) AS rs
RETURN length(p) AS length, ${entitiesOf(b, 'ns', plans.node)} AS nodes, ${edgesOf(b, 'rs', plans.edge)} AS edges
ORDER BY length`;
  const records = await scope.query(cypher, b.params);
  return records.map((rec) => {
    const nodes = (rec.get('nodes') as Raw[]).map((n) => hydrateEntity(n, plans.node));
    return { length: rec.get('length') as number, nodes, edges: hydrateEdges(rec.get('edges') as Raw[], plans.edge, nodes) };
  });
}

export async function timeline(
  scope: GraphScope,
  args: { id: string; from: string | null; to: string | null; first: number },
  plan: RelationPlan,
): Promise<RelationModel[]> {
  const b = new CypherBuilder();
  const where = ['coalesce(r.validFrom, r.validTo) IS NOT NULL'];
  if (args.from !== null) where.push(`coalesce(r.validFrom, r.validTo) >= ${b.param(firstDay(args.from))}`);
  if (args.to !== null) where.push(`coalesce(r.validFrom, r.validTo) <= ${b.param(lastDay(args.to))}`);
  const { match, ends } = relationMatch(b, 'r', plan);
  const cypher = `MATCH (:Entity {id: ${b.param(args.id)}})-[r:FACT]-()
WHERE ${where.join(' AND ')}
WITH r ORDER BY coalesce(r.validFrom, r.validTo), r.id LIMIT ${b.int(args.first)}
${match}
RETURN ${relationProjection(b, 'r', plan, ends)} AS value`;
  const records = await scope.query(cypher, b.params);
  return records.map((rec) => hydrateRelation(rec.get('value') as Raw, plan));
}

export async function relationTypes(scope: GraphScope): Promise<string[]> {
  const records = await scope.query(
    'MATCH ()-[r:FACT]->() RETURN r.type AS type, count(*) AS n ORDER BY n DESC, type',
  );
  return records.map((r) => r.get('type') as string);
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
}

export type SortField = 'NAME' | 'ID' | 'SIGNED_ON';
export type SortDirection = 'ASC' | 'DESC';

/** A position in a sorted list: the sort key and the id of the item there. */
export interface Position {
  key: string;
  id: string;
}

export interface PageRequest {
  sort: SortField;
  direction: SortDirection;
  /** How many items, and from which end. */
  size: number;
  backward: boolean;
  after: Position | null;
  before: Position | null;
  withTotal: boolean;
}

export interface Page {
  items: Array<{ position: Position; node: EntityModel }>;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  total: number | null;
}

const SORT_KEYS: Record<SortField, (v: string) => string> = {
  NAME: (v) => `${v}.sortName`,
  ID: (v) => `${v}.id`,
  // Unsigned treaties sort after every date.
  SIGNED_ON: (v) => `coalesce(${v}.signedOnKey, '~')`,
};

function filterPredicates(b: CypherBuilder, v: string, f: EntityFilter): string[] {
  const preds: string[] = [];
  const t = FACT_TYPES;
  if (f.ids != null) preds.push(`${v}.id IN ${b.param(f.ids)}`);
  if (f.nameContains != null) {
    const p = b.param(foldText(f.nameContains));
    preds.push(`(${v}.sortName CONTAINS ${p} OR toLower(coalesce(${v}.aliasText, '')) CONTAINS ${p})`);
  }
  if (f.region != null) preds.push(`toLower(${v}.region) = ${b.param(f.region.toLowerCase())}`);
  if (f.subregion != null) preds.push(`toLower(${v}.subregion) = ${b.param(f.subregion.toLowerCase())}`);
  if (f.memberOf != null) {
    preds.push(`EXISTS { MATCH (${v})-[x:FACT]->(:Entity {id: ${b.param(f.memberOf)}}) WHERE x.type = '${t.memberOf}' }`);
  }
  if (f.partyToTreatyWith != null) {
    const other = b.param(f.partyToTreatyWith);
    preds.push(
      `EXISTS { MATCH (${v})-[x:FACT]->(:Treaty)<-[y:FACT]-(w:Entity {id: ${other}}) WHERE x.type = '${t.partyTo}' AND y.type = '${t.partyTo}' AND w <> ${v} }`,
    );
  }
  if (f.neighborOf != null) {
    preds.push(`EXISTS { MATCH (${v})-[x:FACT]-(:Entity {id: ${b.param(f.neighborOf)}}) WHERE x.type = '${t.borders}' }`);
  }
  if (f.holdsPositionIn != null) {
    preds.push(`EXISTS { MATCH (${v})-[x:FACT]->(:Entity {id: ${b.param(f.holdsPositionIn)}}) WHERE x.type = '${t.holdsPosition}' }`);
  }
  if (f.hasMember != null) {
    preds.push(`EXISTS { MATCH (${v})<-[x:FACT]-(:Entity {id: ${b.param(f.hasMember)}}) WHERE x.type = '${t.memberOf}' }`);
  }
  if (f.party != null) {
    preds.push(`EXISTS { MATCH (${v})<-[x:FACT]-(:Entity {id: ${b.param(f.party)}}) WHERE x.type = '${t.partyTo}' }`);
  }
  if (f.status != null) preds.push(`${v}.status IN ${b.param(f.status)}`);
  if (f.signedFrom != null) preds.push(`${v}.signedOnKey >= ${b.param(firstDay(f.signedFrom))}`);
  if (f.signedTo != null) preds.push(`${v}.signedOnKey <= ${b.param(lastDay(f.signedTo))}`);
  return preds;
}

/** Keyset pagination: a page is "after this (key, id)" in sort order, so cursors survive inserts. */
export async function listEntities(
  scope: GraphScope,
  kind: EntityKindName,
  filter: EntityFilter,
  page: PageRequest,
  plan: EntityPlan,
): Promise<Page> {
  const b = new CypherBuilder();
  const label = ENTITY_KINDS[kind].label;
  const key = SORT_KEYS[page.sort];
  // Backward pages walk the order in reverse, then flip.
  const ascending = (page.direction === 'ASC') !== page.backward;
  const dir = ascending ? 'ASC' : 'DESC';
  const cmp = (forward: boolean): string => (forward === (page.direction === 'ASC') ? '>' : '<');
  const preds = filterPredicates(b, 'v', filter);
  const cursorPreds: string[] = [];
  for (const [position, forward] of [
    [page.after, true],
    [page.before, false],
  ] as const) {
    if (position === null) continue;
    const k = b.param(position.key);
    const id = b.param(position.id);
    const op = cmp(forward);
    cursorPreds.push(`(${key('v')} ${op} ${k} OR (${key('v')} = ${k} AND v.id ${op} ${id}))`);
  }
  const where = (ps: string[]): string => (ps.length ? `WHERE ${ps.join(' AND ')}` : '');
  const pageOf = (from: string): string => `${from}
  WITH v ORDER BY ${key('v')} ${dir}, v.id ${dir} LIMIT ${b.int(page.size + 1)}
  RETURN collect({ key: ${key('v')}, node: ${entityProjection(b, 'v', plan)} }) AS rows`;
  // With a total, one pass over the matches gives both the count and the page (counting in a second MATCH would
  // evaluate the filters, EXISTS subqueries included, twice).
  const cypher = page.withTotal
    ? `MATCH (v:${label}) ${where(preds)}
WITH collect(v) AS matched
CALL {
  WITH matched
  ${pageOf(`UNWIND matched AS v
  WITH v ${where(cursorPreds)}`)}
}
RETURN rows, size(matched) AS total`
    : `CALL {
  ${pageOf(`MATCH (v:${label}) ${where([...preds, ...cursorPreds])}`)}
}
RETURN rows, null AS total`;
  const row = (await single(scope, b, cypher))!;
  const rows = row['rows'] as Array<{ key: string; node: Raw }>;
  const more = rows.length > page.size;
  const kept = rows.slice(0, page.size);
  if (page.backward) kept.reverse();
  return {
    items: kept.map((r) => ({
      position: { key: r.key, id: r.node['id'] as string },
      node: hydrateEntity(r.node, plan),
    })),
    hasNextPage: page.backward ? page.before !== null : more,
    hasPreviousPage: page.backward ? more : page.after !== null,
    total: (row['total'] as number | null) ?? null,
  };
}
