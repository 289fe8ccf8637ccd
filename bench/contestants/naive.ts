import neo4j from 'neo4j-driver';
import type { GraphScope } from '../../src/graph/graph-client.js';
import { luceneQuery } from '../../src/graph/lucene.js';
import { firstDay, lastDay } from '../../src/model/dates.js';
import type { EntityKindName } from '../../src/model/kinds.js';
import { decodeCursor, encodeCursor } from '../../src/graphql/connections.js';

/**
 * Naive resolvers for the same schema.graphql: every field that needs the graph runs its own Cypher query (the
 * N+1 design of most hand-written GraphQL servers). They answer the fields the bench asks for; others throw.
 */

export interface NaiveContext {
  graph: GraphScope;
}

type Props = Record<string, unknown>;

interface EntityValue extends Props {
  id: string;
  kind: EntityKindName;
}

interface RelationValue extends Props {
  id: string;
  fromId: string;
  toId: string;
  sourceIds: string[];
  quotes: string[];
}

const TYPE_NAMES: Record<EntityKindName, string> = { COUNTRY: 'Country', PERSON: 'Person', ORGANIZATION: 'Organization', TREATY: 'Treaty' };

async function rows(ctx: NaiveContext, cypher: string, params: Props): Promise<Props[]> {
  return (await ctx.graph.query(cypher, params)).map((r) => r.toObject() as Props);
}

const RELATION_RETURN = 'RETURN r { .*, fromId: startNode(r).id, toId: endNode(r).id } AS r';

async function entityById(ctx: NaiveContext, id: string): Promise<EntityValue | null> {
  const [row] = await rows(ctx, 'MATCH (e:Entity {id: $id}) RETURN e { .* } AS e', { id });
  return (row?.['e'] as EntityValue | undefined) ?? null;
}

async function entitiesByIds(ctx: NaiveContext, ids: string[]): Promise<EntityValue[]> {
  const found = await rows(ctx, 'MATCH (e:Entity) WHERE e.id IN $ids RETURN e { .* } AS e', { ids });
  const byId = new Map(found.map((r) => [(r['e'] as EntityValue).id, r['e'] as EntityValue]));
  return ids.map((id) => byId.get(id)!);
}

async function relationsByIds(ctx: NaiveContext, ids: string[]): Promise<RelationValue[]> {
  const found = await rows(ctx, `MATCH ()-[r:FACT]->() WHERE r.id IN $ids ${RELATION_RETURN}`, { ids });
  const byId = new Map(found.map((x) => [(x['r'] as RelationValue).id, x['r'] as RelationValue]));
  return ids.map((id) => byId.get(id)!);
}

const validOn = 'AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)';

interface RelationsArgs {
  types?: string[] | null;
  direction?: 'OUTGOING' | 'INCOMING' | 'BOTH' | null;
  asOf?: string | null;
  first?: number | null;
}

async function relations(parent: EntityValue, args: RelationsArgs, ctx: NaiveContext): Promise<RelationValue[]> {
  const pattern = { OUTGOING: '(v)-[r:FACT]->()', INCOMING: '(v)<-[r:FACT]-()', BOTH: '(v)-[r:FACT]-()' }[args.direction ?? 'BOTH'];
  const found = await rows(
    ctx,
    `MATCH (v:Entity {id: $id}) MATCH ${pattern}
WHERE ($types IS NULL OR r.type IN $types) ${args.asOf ? validOn : ''}
WITH r ORDER BY coalesce(r.validFrom, '') DESC, r.id LIMIT $first
${RELATION_RETURN}`,
    { id: parent.id, types: args.types ?? null, asOf: args.asOf ? firstDay(args.asOf) : null, first: neo4j.int(args.first ?? 50) },
  );
  return found.map((x) => x['r'] as RelationValue);
}

function notImplemented(field: string): () => never {
  return () => {
    throw new Error(`${field} is not implemented by the naive contestant`);
  };
}

const entityFields = {
  aliases: (e: EntityValue) => e['aliases'] ?? [],
  relations,
};

interface PageArgs {
  where?: { status?: string[] | null; signedFrom?: string | null; signedTo?: string | null } | null;
  orderBy?: { field: 'NAME' | 'ID' | 'SIGNED_ON'; direction: 'ASC' | 'DESC' } | null;
  first?: number | null;
  after?: string | null;
}

interface ConnectionValue {
  where: PageArgs['where'];
  edges: Array<{ cursor: string; node: EntityValue }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const SORT_KEYS = { NAME: 'v.sortName', ID: 'v.id', SIGNED_ON: "coalesce(v.signedOnKey, '~')" } as const;

async function treaties(_root: unknown, args: PageArgs, ctx: NaiveContext): Promise<ConnectionValue> {
  const order = args.orderBy ?? { field: 'NAME', direction: 'ASC' };
  const key = SORT_KEYS[order.field];
  const after = decodeCursor('after', args.after, order.field);
  const op = order.direction === 'ASC' ? '>' : '<';
  const size = args.first ?? 20;
  const found = await rows(
    ctx,
    `MATCH (v:Treaty)
WHERE ($status IS NULL OR v.status IN $status) AND ($from IS NULL OR v.signedOnKey >= $from) AND ($to IS NULL OR v.signedOnKey <= $to)
  AND ($afterKey IS NULL OR ${key} ${op} $afterKey OR (${key} = $afterKey AND v.id ${op} $afterId))
WITH v ORDER BY ${key} ${order.direction}, v.id ${order.direction} LIMIT $limit
RETURN v { .* } AS v, ${key} AS key`,
    {
      status: args.where?.status ?? null,
      from: args.where?.signedFrom ? firstDay(args.where.signedFrom) : null,
      to: args.where?.signedTo ? lastDay(args.where.signedTo) : null,
      afterKey: after?.key ?? null,
      afterId: after?.id ?? null,
      limit: neo4j.int(size + 1),
    },
  );
  const edges = found.slice(0, size).map((r) => {
    const node = r['v'] as EntityValue;
    return { cursor: encodeCursor(order.field, { key: r['key'] as string, id: node.id }), node };
  });
  return {
    where: args.where,
    edges,
    pageInfo: { hasNextPage: found.length > size, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

interface PathValue {
  length: number;
  nodeIds: string[];
  edgeIds: string[];
}

export const naiveResolvers = {
  Query: {
    entity: (_root: unknown, args: { id: string }, ctx: NaiveContext) => entityById(ctx, args.id),
    async search(_root: unknown, args: { text: string; kinds?: EntityKindName[] | null; first?: number | null }, ctx: NaiveContext) {
      const query = luceneQuery(args.text);
      if (query === undefined) return [];
      const found = await rows(
        ctx,
        `CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node AS v, score
WHERE $kinds IS NULL OR v.kind IN $kinds
WITH v, score ORDER BY score DESC, v.sortName LIMIT $first RETURN v { .* } AS v`,
        { query, kinds: args.kinds ?? null, first: neo4j.int(args.first ?? 10) },
      );
      return found.map((r) => r['v']);
    },
    async neighborhood(_root: unknown, args: { id: string; depth?: number | null; limit?: number | null }, ctx: NaiveContext) {
      const depth = args.depth ?? 1;
      const max = (args.limit ?? 100) - 1;
      let seen = [args.id];
      let frontier = [args.id];
      for (let level = 1; level <= depth && seen.length - 1 < max; level++) {
        const found = await rows(
          ctx,
          `MATCH (m:Entity)-[:FACT]-(n:Entity) WHERE m.id IN $frontier AND NOT n.id IN $seen
WITH DISTINCT n.id AS id ORDER BY id LIMIT $room RETURN id`,
          { frontier, seen, room: neo4j.int(max - (seen.length - 1)) },
        );
        frontier = found.map((r) => r['id'] as string);
        seen = [...seen, ...frontier];
      }
      return { nodeIds: seen };
    },
    async paths(_root: unknown, args: { fromId: string; toId: string; maxHops?: number | null; first?: number | null }, ctx: NaiveContext) {
      const found = await rows(
        ctx,
        `MATCH (a:Entity {id: $from}), (z:Entity {id: $to})
MATCH p = SHORTEST ${Math.trunc(args.first ?? 5)} (a)-[:FACT]-{1,${Math.trunc(args.maxHops ?? 4)}}(z)
RETURN length(p) AS length, [n IN nodes(p) | n.id] AS nodeIds, [r IN relationships(p) | r.id] AS edgeIds ORDER BY length`,
        { from: args.fromId, to: args.toId },
      );
      return found as unknown as PathValue[];
    },
    async timeline(_root: unknown, args: { id: string; from?: string | null; to?: string | null; first?: number | null }, ctx: NaiveContext) {
      const found = await rows(
        ctx,
        `MATCH (:Entity {id: $id})-[r:FACT]-(:Entity)
WHERE coalesce(r.validFrom, r.validTo) IS NOT NULL
  AND ($from IS NULL OR coalesce(r.validFrom, r.validTo) >= $from) AND ($to IS NULL OR coalesce(r.validFrom, r.validTo) <= $to)
WITH r ORDER BY coalesce(r.validFrom, r.validTo), r.id LIMIT $first ${RELATION_RETURN}`,
        { id: args.id, from: args.from ? firstDay(args.from) : null, to: args.to ? lastDay(args.to) : null, first: neo4j.int(args.first ?? 200) },
      );
      return found.map((x) => x['r']);
    },
    treaties,
    node: notImplemented('Query.node'),
    countries: notImplemented('Query.countries'),
    people: notImplemented('Query.people'),
    organizations: notImplemented('Query.organizations'),
    relationTypes: notImplemented('Query.relationTypes'),
  },
  Mutation: { loadSeed: notImplemented('Mutation.loadSeed') },
  Node: { __resolveType: (v: Props) => (typeof v['kind'] === 'string' ? TYPE_NAMES[v['kind'] as EntityKindName] : 'Relation') },
  Entity: { __resolveType: (v: EntityValue) => TYPE_NAMES[v.kind] },
  Country: { ...entityFields, capitals: (e: EntityValue) => e['capitals'] ?? [] },
  Person: entityFields,
  Organization: entityFields,
  Treaty: { ...entityFields, clauses: (e: EntityValue) => e['clauses'] ?? [] },
  Relation: {
    from: (r: RelationValue, _args: unknown, ctx: NaiveContext) => entityById(ctx, r.fromId),
    to: (r: RelationValue, _args: unknown, ctx: NaiveContext) => entityById(ctx, r.toId),
    async citations(r: RelationValue, _args: unknown, ctx: NaiveContext) {
      const found = await rows(ctx, 'MATCH (s:Source) WHERE s.id IN $ids RETURN s { .* } AS s', { ids: r.sourceIds });
      const byId = new Map(found.map((x) => [(x['s'] as Props)['id'] as string, x['s']]));
      return r.sourceIds.map((id, i) => ({ source: byId.get(id), quote: r.quotes[i] === '' ? null : r.quotes[i] }));
    },
    async sources(r: RelationValue, _args: unknown, ctx: NaiveContext) {
      const found = await rows(ctx, 'MATCH (s:Source) WHERE s.id IN $ids RETURN s { .* } AS s', { ids: [...new Set(r.sourceIds)] });
      return found.map((x) => x['s']);
    },
    quotes: (r: RelationValue) => r.quotes.filter((q) => q !== ''),
  },
  Subgraph: {
    nodes: (s: { nodeIds: string[] }, _args: unknown, ctx: NaiveContext) => entitiesByIds(ctx, s.nodeIds),
    async edges(s: { nodeIds: string[] }, _args: unknown, ctx: NaiveContext) {
      const found = await rows(ctx, `MATCH (a:Entity)-[r:FACT]->(z:Entity) WHERE a.id IN $ids AND z.id IN $ids WITH r ORDER BY r.id ${RELATION_RETURN}`, {
        ids: s.nodeIds,
      });
      return found.map((x) => x['r']);
    },
  },
  Path: {
    nodes: (p: PathValue, _args: unknown, ctx: NaiveContext) => entitiesByIds(ctx, p.nodeIds),
    edges: (p: PathValue, _args: unknown, ctx: NaiveContext) => relationsByIds(ctx, p.edgeIds),
  },
  TreatyConnection: {
    async totalCount(c: ConnectionValue, _args: unknown, ctx: NaiveContext) {
      const [row] = await rows(
        ctx,
        `MATCH (v:Treaty) WHERE ($status IS NULL OR v.status IN $status) AND ($from IS NULL OR v.signedOnKey >= $from) AND ($to IS NULL OR v.signedOnKey <= $to)
RETURN count(v) AS n`,
        {
          status: c.where?.status ?? null,
          from: c.where?.signedFrom ? firstDay(c.where.signedFrom) : null,
          to: c.where?.signedTo ? lastDay(c.where.signedTo) : null,
        },
      );
      return row!['n'];
    },
  },
};

