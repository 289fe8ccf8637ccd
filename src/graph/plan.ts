import type { EntityKindName } from '../model/kinds.js';
import type { RankSelection } from '../model/ranks.js';

/**
 * What a GraphQL selection needs from the graph, independent of GraphQL: the read queries turn a plan into one
 * Cypher statement, so that a whole selection costs one round trip.
 */

export type Direction = 'OUTGOING' | 'INCOMING' | 'BOTH';

/** The typed hops between entities, each a fixed Cypher pattern. */
export type HopField = 'neighbors' | 'memberships' | 'treaties' | 'officials' | 'positions' | 'members' | 'leaders' | 'parties';

/** Entity properties a selection may read, each a GraphQL field of the same name (checked before Cypher splices it). */
export const ENTITY_FIELDS = [
  'id', 'kind', 'name', 'aliases', 'description', 'iso2', 'iso3', 'region', 'subregion', 'capitals',
  'status', 'signedOn', 'durationYears', 'clauses',
] as const;
export type EntityField = (typeof ENTITY_FIELDS)[number];

/** Fact properties a selection may read, each a GraphQL field of `Relation` of the same name. */
export const RELATION_FIELDS = ['id', 'type', 'status', 'startDate', 'endDate', 'role', 'summary', 'rank', 'rankReason'] as const;
export type RelationField = (typeof RELATION_FIELDS)[number];

/**
 * Always read: the id (edges are joined to nodes by it, list cursors carry it) and, for entities, the kind
 * (`__typename` and the interfaces' type resolution come from it).
 */
export const REQUIRED_ENTITY_FIELDS: readonly EntityField[] = ['id', 'kind'];
export const REQUIRED_RELATION_FIELDS: readonly RelationField[] = ['id'];

export interface RelationPlan {
  /** The fact's own properties the selection reads (besides REQUIRED_RELATION_FIELDS). */
  fields: readonly RelationField[];
  from: EntityPlan | undefined;
  to: EntityPlan | undefined;
  /** Sources, quotes or citations are wanted. */
  citations: boolean;
}

export interface RelationsFieldPlan {
  field: 'relations';
  /** Where the hydrated value is kept on the parent: `<type or *>.<response key>`. */
  key: string;
  /** Only evaluated for entities of this kind (a field of a concrete type); undefined for interface fields. */
  guard: EntityKindName | undefined;
  types: string[] | null;
  direction: Direction;
  asOf: string | null;
  /** Which ranks of facts: best ones when omitted. */
  rank?: RankSelection;
  /** Read as the graph was known at this instant (ISO 8601, UTC), from the ledger; now when omitted. */
  knownAt?: string | null;
  first: number;
  relation: RelationPlan;
}

export interface HopFieldPlan {
  field: HopField;
  key: string;
  guard: EntityKindName | undefined;
  asOf: string | null;
  rank?: RankSelection;
  /** Treaty states, for `treaties`. */
  status: string[] | null;
  first: number;
  entity: EntityPlan;
  relation: RelationPlan;
}

export type RelatedFieldPlan = RelationsFieldPlan | HopFieldPlan;

export interface EntityPlan {
  /** The entity's own properties the selection reads (besides REQUIRED_ENTITY_FIELDS). */
  fields: readonly EntityField[];
  related: RelatedFieldPlan[];
}

/** An entity with nothing selected but what is always read (its id and kind). */
export const EMPTY_ENTITY_PLAN: EntityPlan = { fields: [], related: [] };
/** A fact with nothing selected but its id. */
export const BARE_RELATION_PLAN: RelationPlan = { fields: [], from: undefined, to: undefined, citations: false };

/** The properties to read: the required ones and the selected ones, once each, in the tables' order (stable Cypher). */
export function projectedFields<F extends string>(all: readonly F[], required: readonly F[], selected: readonly F[]): F[] {
  return all.filter((f) => required.includes(f) || selected.includes(f));
}

/**
 * True when a subgraph's or path's edges need their endpoints only as plain entities: those are among the
 * answer's nodes already, so the edges carry the endpoint ids and are joined to the nodes after the read rather
 * than projecting every endpoint again in Cypher (two full entities per edge, most of such a query's work).
 */
export function endpointsAmongNodes(plan: RelationPlan): boolean {
  const plain = (p: EntityPlan | undefined): boolean => p === undefined || p.related.length === 0;
  return (plan.from !== undefined || plan.to !== undefined) && plain(plan.from) && plain(plan.to);
}

/**
 * The plan of a subgraph's or path's nodes, widened by the fields its edges read from their endpoints when those
 * are joined to the nodes (endpointsAmongNodes): `edges { from { name } }` needs the nodes' names.
 */
export function nodePlanFor(node: EntityPlan, edge: RelationPlan): EntityPlan {
  if (!endpointsAmongNodes(edge)) return node;
  const fields = new Set([...node.fields, ...(edge.from?.fields ?? []), ...(edge.to?.fields ?? [])]);
  return fields.size === node.fields.length ? node : { ...node, fields: [...fields] };
}
