import neo4j from 'neo4j-driver';
import { FACT_TYPES, type EntityKindName } from '../model/kinds.js';
import type { CitationModel, EntityModel, EntityTypeName, RelationModel, SourceModel } from './models.js';
import type { EntityPlan, HopField, RelatedFieldPlan, RelationPlan } from './plan.js';

/**
 * Turns plans into Cypher map projections (nested COLLECT subqueries, so one statement answers a whole
 * selection), and the maps Neo4j returns back into models. Every value from a request is a parameter; the
 * only text spliced in is generated variable names and fixed fragments from the tables below.
 */

export class CypherBuilder {
  readonly params: Record<string, unknown> = {};
  private paramCount = 0;
  private varCount = 0;

  /** A parameter holding the value: `$p3`. */
  param(value: unknown): string {
    const name = `p${this.paramCount++}`;
    this.params[name] = value;
    return `$${name}`;
  }

  /** An integer parameter (JavaScript numbers travel as floats, which LIMIT and list slices refuse). */
  int(value: number): string {
    return this.param(neo4j.int(value));
  }

  /** A fresh variable name, unique in the statement. */
  variable(prefix: string): string {
    return `${prefix}${this.varCount++}`;
  }
}

interface HopDefinition {
  owner: EntityKindName;
  /** The pattern, with `v` for the owner, `r` for the fact and `o` for the other entity. */
  pattern: string;
  types: readonly string[];
  otherLabel: string;
}

const HOPS: Record<HopField, HopDefinition> = {
  neighbors: { owner: 'COUNTRY', pattern: '(v)-[r:FACT]-(o:Country)', types: [FACT_TYPES.borders], otherLabel: 'Country' },
  memberships: { owner: 'COUNTRY', pattern: '(v)-[r:FACT]->(o:Organization)', types: [FACT_TYPES.memberOf], otherLabel: 'Organization' },
  treaties: { owner: 'COUNTRY', pattern: '(v)-[r:FACT]->(o:Treaty)', types: [FACT_TYPES.partyTo], otherLabel: 'Treaty' },
  officials: { owner: 'COUNTRY', pattern: '(o:Person)-[r:FACT]->(v)', types: [FACT_TYPES.holdsPosition], otherLabel: 'Person' },
  positions: { owner: 'PERSON', pattern: '(v)-[r:FACT]->(o:Entity)', types: [FACT_TYPES.holdsPosition], otherLabel: 'Entity' },
  members: { owner: 'ORGANIZATION', pattern: '(o:Entity)-[r:FACT]->(v)', types: [FACT_TYPES.memberOf], otherLabel: 'Entity' },
  leaders: { owner: 'ORGANIZATION', pattern: '(o:Entity)-[r:FACT]->(v)', types: [FACT_TYPES.leads, FACT_TYPES.holdsPosition], otherLabel: 'Entity' },
  parties: { owner: 'TREATY', pattern: '(o:Entity)-[r:FACT]->(v)', types: [FACT_TYPES.partyTo], otherLabel: 'Entity' },
};

// The other end is always an entity (facts join entities only), so no label check on it: on a hub that check
// is a db hit for each of thousands of facts.
const DIRECTION_PATTERNS = {
  OUTGOING: '(v)-[r:FACT]->(o)',
  INCOMING: '(v)<-[r:FACT]-(o)',
  BOTH: '(v)-[r:FACT]-(o)',
} as const;

function rename(pattern: string, v: string, r: string, o: string): string {
  return pattern.replace('(v)', `(${v})`).replace('[r:', `[${r}:`).replace(/\(o([:)])/, `(${o}$1`);
}

/** "The fact is valid on $asOf", where $asOf is the first day of the requested date. */
export function validOn(r: string, asOf: string): string {
  return `((${r}.validFrom IS NULL OR ${r}.validFrom <= ${asOf}) AND (${r}.validTo IS NULL OR ${r}.validTo >= ${asOf}))`;
}

/** A map projection of the entity bound to `v`, with its related lists. */
export function entityProjection(b: CypherBuilder, v: string, plan: EntityPlan): string {
  if (plan.related.length === 0) return `${v} { .* }`;
  const lists = plan.related.map((field) => relatedList(b, v, field));
  return `${v} { .*, __r: [${lists.join(', ')}] }`;
}

function guarded(b: CypherBuilder, v: string, guard: EntityKindName | undefined, list: string): string {
  if (guard === undefined) return list;
  return `CASE WHEN ${v}.kind = ${b.param(guard)} THEN ${list} ELSE [] END`;
}

function relatedList(b: CypherBuilder, v: string, field: RelatedFieldPlan): string {
  const r = b.variable('r');
  const o = b.variable('o');
  if (field.field === 'relations') {
    const where = [
      field.types === null ? undefined : `${r}.type IN ${b.param(field.types)}`,
      field.asOf === null ? undefined : validOn(r, b.param(field.asOf)),
    ].filter((w) => w !== undefined);
    const list = `COLLECT {
  MATCH ${rename(DIRECTION_PATTERNS[field.direction], v, r, o)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
  WITH ${r} ORDER BY coalesce(${r}.validFrom, '') DESC, ${r}.id LIMIT ${b.int(field.first)}
  ${relationReturn(b, r, field.relation)}
}`;
    return guarded(b, v, field.guard, list);
  }
  const hop = HOPS[field.field];
  const where = [
    `${r}.type IN ${b.param(hop.types)}`,
    field.asOf === null ? undefined : validOn(r, b.param(field.asOf)),
    field.status === null ? undefined : `${o}.status IN ${b.param(field.status)}`,
  ].filter((w) => w !== undefined);
  const { match, ends } = relationMatch(b, r, field.relation);
  const list = `COLLECT {
  MATCH ${rename(hop.pattern, v, r, o)} WHERE ${where.join(' AND ')}
  WITH ${r}, ${o} ORDER BY ${o}.sortName, ${o}.id, coalesce(${r}.validFrom, ''), ${r}.id LIMIT ${b.int(field.first)}
  ${match}
  RETURN { entity: ${entityProjection(b, o, field.entity)}, relation: ${relationProjection(b, r, field.relation, ends)} }
}`;
  return guarded(b, v, field.guard ?? hop.owner, list);
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
  const parts = ['.id', '.type', '.status', '.startDate', '.endDate', '.role', '.summary'];
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

// ---- From Neo4j maps back to models ----

type Raw = Record<string, unknown>;

const TYPE_OF_KIND: Record<EntityKindName, EntityTypeName> = {
  COUNTRY: 'Country',
  PERSON: 'Person',
  ORGANIZATION: 'Organization',
  TREATY: 'Treaty',
};

export function typeNameOfKind(kind: EntityKindName): EntityTypeName {
  return TYPE_OF_KIND[kind];
}

export function hydrateEntity(raw: Raw, plan: EntityPlan): EntityModel {
  const { __r: lists, ...props } = raw as Raw & { __r?: unknown[] };
  const entity = { ...props, __typename: TYPE_OF_KIND[props['kind'] as EntityKindName], related: {} } as EntityModel;
  plan.related.forEach((field, index) => {
    const list = (lists?.[index] ?? []) as Raw[];
    entity.related[field.key] =
      field.field === 'relations'
        ? list.map((item) => hydrateRelation(item, field.relation))
        : list.map((item) => ({
            entity: hydrateEntity(item['entity'] as Raw, field.entity),
            relation: hydrateRelation(item['relation'] as Raw, field.relation),
          }));
  });
  return entity;
}

export function hydrateSource(raw: Raw): SourceModel {
  return { ...(raw as Omit<SourceModel, '__typename'>), __typename: 'Source' };
}

export function hydrateRelation(raw: Raw, plan: RelationPlan): RelationModel {
  const { __from, __to, __cit, ...props } = raw as Raw & { __from?: Raw; __to?: Raw; __cit?: Raw[] };
  const citations: CitationModel[] | undefined = __cit?.map((c) => ({
    source: hydrateSource(c['source'] as Raw),
    quote: c['quote'] === '' || c['quote'] === null ? null : (c['quote'] as string),
  }));
  return {
    ...(props as Omit<RelationModel, '__typename' | 'from' | 'to' | 'citations'>),
    __typename: 'Relation',
    from: __from && plan.from ? hydrateEntity(__from, plan.from) : undefined,
    to: __to && plan.to ? hydrateEntity(__to, plan.to) : undefined,
    citations,
  };
}

