import type { EntityKindName } from '../model/kinds.js';
import type { RankSelection } from '../model/ranks.js';

/**
 * What a GraphQL selection needs from the graph, independent of GraphQL: the read queries turn a plan into one
 * Cypher statement, so that a whole selection costs one round trip.
 */

export type Direction = 'OUTGOING' | 'INCOMING' | 'BOTH';

/** The typed hops between entities, each a fixed Cypher pattern. */
export type HopField = 'neighbors' | 'memberships' | 'treaties' | 'officials' | 'positions' | 'members' | 'leaders' | 'parties';

export interface RelationPlan {
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
  related: RelatedFieldPlan[];
}

export const EMPTY_ENTITY_PLAN: EntityPlan = { related: [] };
export const BARE_RELATION_PLAN: RelationPlan = { from: undefined, to: undefined, citations: false };

/**
 * True when a subgraph's or path's edges need their endpoints only as plain entities: those are among the
 * answer's nodes already, so the edges carry the endpoint ids and are joined to the nodes after the read rather
 * than projecting every endpoint again in Cypher (two full entities per edge, most of such a query's work).
 */
export function endpointsAmongNodes(plan: RelationPlan): boolean {
  const plain = (p: EntityPlan | undefined): boolean => p === undefined || p.related.length === 0;
  return (plan.from !== undefined || plan.to !== undefined) && plain(plan.from) && plain(plan.to);
}
