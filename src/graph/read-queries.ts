import type { EntityKindName } from '../model/kinds.js';
import type { Statement } from './cypher.js';
import type { GraphScope } from './graph-client.js';
import { hydrateEdges, hydrateEntity, hydrateRelation, hydrateSource, type Raw } from './hydration.js';
import type { EntityModel, NodeModel, RelationModel } from './models.js';
import type { Page, PageRequest } from './paging.js';
import type { EntityPlan, RelationPlan } from './plan.js';
import {
  entityStatement,
  factStatement,
  listStatement,
  neighborhoodStatement,
  pathsStatement,
  relationTypesStatement,
  searchStatement,
  sourceStatement,
  timelineStatement,
  type EntityFilter,
  type NeighborhoodArgs,
  type PathsArgs,
  type SearchArgs,
  type TimelineArgs,
} from './read-statements.js';

/** The read side of the graph: each call runs one statement of src/graph/read-statements.ts and hydrates it. */

async function rows(scope: GraphScope, statement: Statement): Promise<Raw[]> {
  const records = await scope.query(statement.cypher, statement.params);
  return records.map((record) => record.toObject() as Raw);
}

export async function getEntity(scope: GraphScope, id: string, plan: EntityPlan, knownAt: string | null = null): Promise<EntityModel | null> {
  const [row] = await rows(scope, entityStatement(id, plan, knownAt));
  return row ? hydrateEntity(row['value'] as Raw, plan) : null;
}

export async function getNode(
  scope: GraphScope,
  id: string,
  plans: { entity: EntityPlan; relation: RelationPlan },
  knownAt: string | null = null,
): Promise<NodeModel | null> {
  if (id.startsWith('source:')) {
    const [row] = await rows(scope, sourceStatement(id));
    return row ? hydrateSource(row['value'] as Raw) : null;
  }
  if (id.startsWith('fact:')) {
    const [row] = await rows(scope, factStatement(id, plans.relation, knownAt));
    return row ? hydrateRelation(row['value'] as Raw, plans.relation) : null;
  }
  return getEntity(scope, id, plans.entity, knownAt);
}

export async function searchEntities(scope: GraphScope, args: SearchArgs, plan: EntityPlan): Promise<EntityModel[]> {
  const statement = searchStatement(args, plan);
  if (statement === undefined) return [];
  return (await rows(scope, statement)).map((row) => hydrateEntity(row['value'] as Raw, plan));
}

export interface SubgraphModel {
  nodes: EntityModel[];
  edges: RelationModel[];
}

export async function neighborhood(
  scope: GraphScope,
  args: NeighborhoodArgs,
  plans: { node: EntityPlan; edge: RelationPlan },
): Promise<SubgraphModel> {
  const [row] = await rows(scope, neighborhoodStatement(args, plans));
  if (!row) return { nodes: [], edges: [] };
  const nodes = (row['nodes'] as Raw[]).map((n) => hydrateEntity(n, plans.node));
  return { nodes, edges: hydrateEdges(row['edges'] as Raw[], plans.edge, nodes) };
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
  return (await rows(scope, pathsStatement(args, plans))).map((row) => {
    const nodes = (row['nodes'] as Raw[]).map((n) => hydrateEntity(n, plans.node));
    return { length: row['length'] as number, nodes, edges: hydrateEdges(row['edges'] as Raw[], plans.edge, nodes) };
  });
}

export async function timeline(scope: GraphScope, args: TimelineArgs, plan: RelationPlan): Promise<RelationModel[]> {
  return (await rows(scope, timelineStatement(args, plan))).map((row) => hydrateRelation(row['value'] as Raw, plan));
}

export async function relationTypes(scope: GraphScope): Promise<string[]> {
  return (await rows(scope, relationTypesStatement())).map((row) => row['type'] as string);
}

export async function listEntities(
  scope: GraphScope,
  kind: EntityKindName,
  filter: EntityFilter,
  page: PageRequest,
  plan: EntityPlan,
): Promise<Page> {
  const [row] = await rows(scope, listStatement(kind, filter, page, plan));
  const listed = row!['rows'] as Array<{ key: string; node: Raw }>;
  const more = listed.length > page.size;
  const kept = listed.slice(0, page.size);
  if (page.backward) kept.reverse();
  return {
    items: kept.map((r) => ({
      position: { key: r.key, id: r.node['id'] as string },
      node: hydrateEntity(r.node, plan),
    })),
    hasNextPage: page.backward ? page.before !== null : more,
    hasPreviousPage: page.backward ? more : page.after !== null,
    total: (row!['total'] as number | null) ?? null,
  };
}
