import { FACT_TYPES, type EntityKindName } from '../model/kinds.js';
import { DEFAULT_RANK_SELECTION } from '../model/ranks.js';
import { rankPredicate } from './best-rank.js';
import { CypherSpliceError, label, type CypherBuilder } from './cypher.js';
import { factsThenList, knownAtCall } from './known-at.js';
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

/** A map projection of the entity bound to `v`: the properties its selection reads, and its related lists. */
export function entityProjection(b: CypherBuilder, v: string, plan: EntityPlan): string {
  const parts = properties(ENTITY_FIELDS, REQUIRED_ENTITY_FIELDS, plan.fields);
  if (plan.related.length > 0) parts.push(`__r: [${plan.related.map((field) => relatedList(b, v, field)).join(', ')}]`);
  return `${v} { ${parts.join(', ')} }`;
}

/** `list` only for entities of the kind (a field of a concrete type), written before the list so parameters read in order. */
function guarded(b: CypherBuilder, v: string, guard: EntityKindName | undefined): (list: string) => string {
  if (guard === undefined) return (list) => list;
  const kind = b.param(guard);
  return (list) => `CASE WHEN ${v}.kind = ${kind} THEN ${list} ELSE [] END`;
}

function relatedList(b: CypherBuilder, v: string, field: RelatedFieldPlan): string {
  const r = b.variable('r');
  const o = b.variable('o');
  if (field.field === 'relations' && field.knownAt != null) {
    const guard = guarded(b, v, field.guard);
    const { call, scope } = knownAtCall(b, field.knownAt);
    const order = (p: string): string => `coalesce(${p}.validFrom, '') DESC, ${p}.id`;
    return guard(factsThenList(b, `${v}.id`, scope, { ...field, order }, field.relation, call));
  }
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

/** A map projection of the fact bound to `r`, with endpoints bound by relationMatch when the plan wants them. */
export function relationProjection(b: CypherBuilder, r: string, plan: RelationPlan, ends: Endpoints | undefined): string {
  const parts = properties(RELATION_FIELDS, REQUIRED_RELATION_FIELDS, plan.fields);
  if (plan.from !== undefined && ends) parts.push(`__from: ${entityProjection(b, ends.from, plan.from)}`);
  if (plan.to !== undefined && ends) parts.push(`__to: ${entityProjection(b, ends.to, plan.to)}`);
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
