import { FACT_TYPES, type EntityKindName } from '../model/kinds.js';
import { DEFAULT_RANK_SELECTION } from '../model/ranks.js';
import { rankPredicate } from './best-rank.js';
import { CypherSpliceError, label, type CypherBuilder } from './cypher.js';
import { entityThen, factsTouching, knownAtCall, rankThen, type KnownAtScope } from './known-at.js';
import {
  endpointsAmongNodes,
  ENTITY_FIELDS,
  projectedFields,
  RELATION_FIELDS,
  REQUIRED_ENTITY_FIELDS,
  REQUIRED_RELATION_FIELDS,
  type Direction,
  type EntityPlan,
  type HopField,
  type RelatedFieldPlan,
  type RelationPlan,
} from './plan.js';

/**
 * Turns plans into Cypher map projections (nested COLLECT subqueries, so one statement answers a whole
 * selection). Every value from a request is a parameter; the only text spliced in is generated variable names
 * and checked fragments from src/graph/cypher.ts.
 */

interface HopDefinition {
  owner: EntityKindName;
  /** Which way the fact points, seen from the owner. */
  direction: Direction;
  types: readonly string[];
  /** The other entity's kind. */
  other: EntityKindName | 'ENTITY';
}

const HOPS: Record<HopField, HopDefinition> = {
  neighbors: { owner: 'COUNTRY', direction: 'BOTH', types: [FACT_TYPES.borders], other: 'COUNTRY' },
  memberships: { owner: 'COUNTRY', direction: 'OUTGOING', types: [FACT_TYPES.memberOf], other: 'ORGANIZATION' },
  treaties: { owner: 'COUNTRY', direction: 'OUTGOING', types: [FACT_TYPES.partyTo], other: 'TREATY' },
  officials: { owner: 'COUNTRY', direction: 'INCOMING', types: [FACT_TYPES.holdsPosition], other: 'PERSON' },
  positions: { owner: 'PERSON', direction: 'OUTGOING', types: [FACT_TYPES.holdsPosition], other: 'ENTITY' },
  members: { owner: 'ORGANIZATION', direction: 'INCOMING', types: [FACT_TYPES.memberOf], other: 'ENTITY' },
  leaders: { owner: 'ORGANIZATION', direction: 'INCOMING', types: [FACT_TYPES.leads, FACT_TYPES.holdsPosition], other: 'ENTITY' },
  parties: { owner: 'TREATY', direction: 'INCOMING', types: [FACT_TYPES.partyTo], other: 'ENTITY' },
};

/**
 * The pattern of a fact `r` between `v` and `o`. Without `other` there is no label check on the other end: it is
 * always an entity (facts join entities only), and on a hub that check is a db hit for each of thousands of facts.
 */
export function factPattern(v: string, r: string, o: string, direction: Direction, other?: EntityKindName | 'ENTITY'): string {
  const end = `(${o}${other === undefined ? '' : label(other)})`;
  if (direction === 'OUTGOING') return `(${v})-[${r}:FACT]->${end}`;
  if (direction === 'INCOMING') return `(${v})<-[${r}:FACT]-${end}`;
  return `(${v})-[${r}:FACT]-${end}`;
}

/** "The fact is valid on $asOf", where $asOf is the first day of the requested date. */
export function validOn(r: string, asOf: string): string {
  return `((${r}.validFrom IS NULL OR ${r}.validFrom <= ${asOf}) AND (${r}.validTo IS NULL OR ${r}.validTo >= ${asOf}))`;
}

/** `.a, .b` for the properties to read, each checked against its table (they are spliced into the Cypher). */
function properties<F extends string>(all: readonly F[], required: readonly F[], selected: readonly F[]): string[] {
  for (const f of selected) {
    if (!all.includes(f)) throw new CypherSpliceError(`${JSON.stringify(f)} is not a property the API reads`);
  }
  return projectedFields(all, required, selected).map((f) => `.${f}`);
}

/**
 * A map projection of the entity bound to `v`: the properties its selection reads, and its related lists. `at`:
 * the entity was read as known at that instant (see known-at.ts), and so are its related lists (unless one names
 * its own instant) and everything under them.
 */
export function entityProjection(b: CypherBuilder, v: string, plan: EntityPlan, at?: KnownAtScope): string {
  const parts = properties(ENTITY_FIELDS, REQUIRED_ENTITY_FIELDS, plan.fields);
  if (plan.related.length > 0) parts.push(`__r: [${plan.related.map((field) => relatedList(b, v, field, at)).join(', ')}]`);
  return `${v} { ${parts.join(', ')} }`;
}

/** `list` only for entities of the kind (a field of a concrete type), written before the list so parameters read in order. */
function guarded(b: CypherBuilder, v: string, guard: EntityKindName | undefined): (list: string) => string {
  if (guard === undefined) return (list) => list;
  const kind = b.param(guard);
  return (list) => `CASE WHEN ${v}.kind = ${kind} THEN ${list} ELSE [] END`;
}

function relatedList(b: CypherBuilder, v: string, field: RelatedFieldPlan, at: KnownAtScope | undefined): string {
  const instant = (field.field === 'relations' ? field.knownAt : undefined) ?? at?.instant;
  if (instant != null) return relatedListThen(b, v, field, instant, at);
  const r = b.variable('r');
  const o = b.variable('o');
  if (field.field === 'relations') {
    const guard = guarded(b, v, field.guard);
    const where = [
      field.types === null ? undefined : `${r}.type IN ${b.param(field.types)}`,
      field.asOf === null ? undefined : validOn(r, b.param(field.asOf)),
      rankPredicate(r, field.rank ?? DEFAULT_RANK_SELECTION),
    ].filter((w) => w !== undefined);
    const list = `COLLECT {
  MATCH ${factPattern(v, r, o, field.direction)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
  WITH ${r} ORDER BY coalesce(${r}.validFrom, '') DESC, ${r}.id LIMIT ${b.intParam(field.first)}
  ${relationReturn(b, r, field.relation)}
}`;
    return guard(list);
  }
  const hop = HOPS[field.field];
  const guard = guarded(b, v, field.guard ?? hop.owner);
  const where = [
    `${r}.type IN ${b.param(hop.types)}`,
    field.asOf === null ? undefined : validOn(r, b.param(field.asOf)),
    field.status === null ? undefined : `${o}.status IN ${b.param(field.status)}`,
    rankPredicate(r, field.rank ?? DEFAULT_RANK_SELECTION),
  ].filter((w) => w !== undefined);
  const { match, ends } = relationMatch(b, r, field.relation);
  const list = `COLLECT {
  MATCH ${factPattern(v, r, o, hop.direction, hop.other)} WHERE ${where.join(' AND ')}
  WITH ${r}, ${o} ORDER BY ${o}.sortName, ${o}.id, coalesce(${r}.validFrom, ''), ${r}.id LIMIT ${b.intParam(field.first)}
  ${match}
  RETURN { entity: ${entityProjection(b, o, field.entity)}, relation: ${relationProjection(b, r, field.relation, ends)} }
}`;
  return guard(list);
}

/**
 * A related list as known at `instant`: over the facts touching `v` then (fact maps), the same filters, order and
 * limit as the list read now. The statement's ledger scope is reused when it is for the same instant; another
 * instant binds its own at the start of the list.
 */
function relatedListThen(b: CypherBuilder, v: string, field: RelatedFieldPlan, instant: string, at: KnownAtScope | undefined): string {
  const hop = field.field === 'relations' ? undefined : HOPS[field.field];
  const guard = guarded(b, v, hop === undefined ? field.guard : (field.guard ?? hop.owner));
  const own = at?.instant === instant ? undefined : knownAtCall(b, instant);
  const scope = own?.scope ?? at!;
  const [m, p] = [b.variable('r'), b.variable('r')];
  if (field.field === 'relations') {
    const list = factsTouching(b, `${v}.id`, scope, field.direction);
    const where = [
      field.types === null ? undefined : `${p}.type IN ${b.param(field.types)}`,
      field.asOf === null ? undefined : validOn(p, b.param(field.asOf)),
      rankThen(b, m, p, scope, field.rank ?? DEFAULT_RANK_SELECTION),
    ].filter((w) => w !== undefined);
    return guard(`COLLECT {
  ${own?.call ?? ''}
  UNWIND ${list} AS ${m}
  WITH *, ${m}.p AS ${p}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
  WITH * ORDER BY coalesce(${p}.validFrom, '') DESC, ${p}.id LIMIT ${b.intParam(field.first)}
  ${factMapReturn(b, m, p, field.relation, scope)}
}`);
  }
  const list = factsTouching(b, `${v}.id`, scope, hop!.direction);
  const o = b.variable('o');
  const where = [
    `${p}.type IN ${b.param(hop!.types)}`,
    field.asOf === null ? undefined : validOn(p, b.param(field.asOf)),
    rankThen(b, m, p, scope, field.rank ?? DEFAULT_RANK_SELECTION),
  ].filter((w) => w !== undefined);
  const ends = [
    `${o} IS NOT NULL`,
    hop!.other === 'ENTITY' ? undefined : `${o}.kind = ${b.param(hop!.other)}`,
    field.status === null ? undefined : `${o}.status IN ${b.param(field.status)}`,
  ].filter((w) => w !== undefined);
  return guard(`COLLECT {
  ${own?.call ?? ''}
  UNWIND ${list} AS ${m}
  WITH *, ${m}.p AS ${p} WHERE ${where.join(' AND ')}
  ${entityThen(b, `CASE WHEN ${m}.from = ${v}.id THEN ${m}.to ELSE ${m}.from END`, scope, o)}
  WITH * WHERE ${ends.join(' AND ')}
  WITH * ORDER BY ${o}.sortName, ${o}.id, coalesce(${p}.validFrom, ''), ${p}.id LIMIT ${b.intParam(field.first)}
  ${factMapReturn(b, m, p, field.relation, scope, (fact) => `{ entity: ${entityProjection(b, o, field.entity, scope)}, relation: ${fact} }`)}
}`);
}

export interface Endpoints {
  from: string;
  to: string;
}

/** A MATCH binding the endpoints of `r` when the plan projects them (map projections need variables). */
export function relationMatch(b: CypherBuilder, r: string, plan: RelationPlan): { match: string; ends: Endpoints | undefined } {
  if (plan.from === undefined && plan.to === undefined) return { match: '', ends: undefined };
  const ends = { from: b.variable('f'), to: b.variable('t') };
  return { match: `MATCH (${ends.from})-[${r}]->(${ends.to})`, ends };
}

function relationReturn(b: CypherBuilder, r: string, plan: RelationPlan): string {
  const { match, ends } = relationMatch(b, r, plan);
  return `${match}
  RETURN ${relationProjection(b, r, plan, ends)}`;
}

/**
 * A map projection of the fact bound to `r` (a relationship, or a fact's properties map read as known then), with
 * endpoints bound by relationMatch or factMapReturn when the plan wants them; `at`: they were read as known then.
 */
export function relationProjection(b: CypherBuilder, r: string, plan: RelationPlan, ends: Endpoints | undefined, at?: KnownAtScope): string {
  const parts = properties(RELATION_FIELDS, REQUIRED_RELATION_FIELDS, plan.fields);
  if (plan.from !== undefined && ends) parts.push(`__from: ${entityProjection(b, ends.from, plan.from, at)}`);
  if (plan.to !== undefined && ends) parts.push(`__to: ${entityProjection(b, ends.to, plan.to, at)}`);
  if (plan.citations) {
    const i = b.variable('i');
    const s = b.variable('s');
    parts.push(`__cit: COLLECT {
    UNWIND range(0, size(${r}.sourceIds) - 1) AS ${i}
    MATCH (${s}:Source {id: ${r}.sourceIds[${i}]})
    RETURN { source: ${s} { .* }, quote: ${r}.quotes[${i}] } ORDER BY ${i}
  }`);
  }
  return `${r} { ${parts.join(', ')} }`;
}

/**
 * The RETURN of a fact map `m` (properties `p`) as known then, after clauses binding its endpoints as they were
 * then when the plan wants them; `wrap` places the fact's projection in a larger map.
 */
export function factMapReturn(b: CypherBuilder, m: string, p: string, plan: RelationPlan, scope: KnownAtScope, wrap = (fact: string): string => fact): string {
  const ends = plan.from === undefined && plan.to === undefined ? undefined : { from: b.variable('f'), to: b.variable('t') };
  const clauses = ends ? [entityThen(b, `${m}.from`, scope, ends.from), entityThen(b, `${m}.to`, scope, ends.to)] : [];
  return `${clauses.join('\n  ')}
  RETURN ${wrap(relationProjection(b, p, plan, ends, scope))}`;
}

/** Like edgesOf, for a list expression of fact maps read as known then. */
export function factMapEdgesOf(b: CypherBuilder, maps: string, plan: RelationPlan, scope: KnownAtScope): string {
  const [m, p] = [b.variable('r'), b.variable('r')];
  if (endpointsAmongNodes(plan)) {
    const bare = relationProjection(b, p, { ...plan, from: undefined, to: undefined }, undefined, scope);
    return `COLLECT { UNWIND ${maps} AS ${m} WITH ${m}, ${m}.p AS ${p} RETURN { fact: ${bare}, from: ${m}.from, to: ${m}.to } }`;
  }
  return `COLLECT {
  UNWIND ${maps} AS ${m}
  WITH *, ${m}.p AS ${p}
  ${factMapReturn(b, m, p, plan, scope)}
}`;
}

/** Like entitiesOf, for a list expression of entity ids, each read as known then (one that did not exist is left out). */
export function entitiesThenOf(b: CypherBuilder, ids: string, plan: EntityPlan, scope: KnownAtScope): string {
  const n = b.variable('n');
  const i = b.variable('i');
  return `COLLECT {
  UNWIND range(0, size(${ids}) - 1) AS ${i}
  ${entityThen(b, `${ids}[${i}]`, scope, n)}
  WITH * WHERE ${n} IS NOT NULL
  RETURN ${entityProjection(b, n, plan, scope)} ORDER BY ${i}
}`;
}

/** A Cypher expression collecting the facts in the list expression `rels`, projected by the plan. */
function relationsOf(b: CypherBuilder, rels: string, plan: RelationPlan): string {
  const r = b.variable('r');
  const { match, ends } = relationMatch(b, r, plan);
  return `COLLECT { UNWIND ${rels} AS ${r} ${match} RETURN ${relationProjection(b, r, plan, ends)} }`;
}

/** The facts in the list expression `rels`; edges whose endpoints are all among the answer's nodes carry their ids. */
export function edgesOf(b: CypherBuilder, rels: string, plan: RelationPlan): string {
  if (!endpointsAmongNodes(plan)) return relationsOf(b, rels, plan);
  const r = b.variable('r');
  const bare = relationProjection(b, r, { ...plan, from: undefined, to: undefined }, undefined);
  return `COLLECT { UNWIND ${rels} AS ${r} RETURN { fact: ${bare}, from: startNode(${r}).id, to: endNode(${r}).id } }`;
}

/** A Cypher expression projecting the entities in the list expression `nodes`, keeping their order. */
export function entitiesOf(b: CypherBuilder, nodes: string, plan: EntityPlan): string {
  const n = b.variable('n');
  const i = b.variable('i');
  return `COLLECT { UNWIND range(0, size(${nodes}) - 1) AS ${i} WITH ${nodes}[${i}] AS ${n}, ${i} RETURN ${entityProjection(b, n, plan)} ORDER BY ${i} }`;
}
