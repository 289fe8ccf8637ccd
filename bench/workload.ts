import neo4j, { type Driver } from 'neo4j-driver';
import { luceneQuery } from '../src/graph/lucene.js';
import type { GeneratedManifest } from './generate.js';

/**
 * The workload: the questions dashboards and analysts send, each as
 * - a GraphQL operation on schema.graphql (this server and the naive resolvers);
 * - the floor: the best hand-written Cypher for the same answer, shaped like the GraphQL `data`;
 * - the closest @neo4j/graphql operation, with a function that reshapes its answer like ours, or why it cannot.
 * `canonical` maps an answer to what must be equal across contestants (paths: only lengths and ends, since
 * which of several equally short paths comes back is not specified).
 */

export type Data = Record<string, unknown>;

export interface GraphQLRequest {
  query: string;
  variables: Data;
}

export interface Neo4jGraphqlVariant extends GraphQLRequest {
  /** Reshapes @neo4j/graphql's data into this server's shape. */
  reshape(data: Data): Data;
  /** What differs from our question, if anything. */
  note?: string;
}

export interface QuerySpec {
  name: string;
  description: string;
  /** Run only when named in `--queries` (variants of another query measuring one feature's cost). */
  optIn?: boolean;
  /** For the paged list: the request depends on earlier pages. */
  graphql: (cursor: string | null) => GraphQLRequest;
  floor: (driver: Driver, cursor: FloorCursor | null) => Promise<Data>;
  neo4jGraphql: ((cursor: string | null) => Neo4jGraphqlVariant) | { unsupported: string };
  canonical?: (data: Data) => unknown;
  /** How many pages deep the measured request is (1 for most). */
  pages?: number;
  /** Extracts the cursor to the next page from an answer (GraphQL contestants). */
  nextCursor?: (data: Data) => string | null;
  /** Extracts the next page's position from a floor answer. */
  nextFloorCursor?: (data: Data) => FloorCursor | null;
}

export interface FloorCursor {
  key: string;
  id: string;
}

async function read(driver: Driver, cypher: string, params: Data): Promise<Array<Record<string, unknown>>> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.executeRead((tx) => tx.run(cypher, params));
    return result.records.map((r) => r.toObject() as Record<string, unknown>);
  } finally {
    await session.close();
  }
}

const QUOTE = "CASE r.quotes[i] WHEN '' THEN null ELSE r.quotes[i] END";

export interface WorkloadPicks {
  entity: string;
  hub: string;
  ordinary: string;
  pathFrom: string;
  pathTo: string;
  searchText: string;
  timelineEntity: string;
  timelineFrom: string;
  timelineTo: string;
  asOf: string;
  treatyStatus: string[];
  signedFrom: string;
}

export function picksOf(manifest: GeneratedManifest): WorkloadPicks {
  return {
    entity: manifest.picks.person,
    hub: manifest.picks.hubOrg,
    ordinary: manifest.picks.person,
    pathFrom: manifest.picks.pathFrom,
    pathTo: manifest.picks.pathTo,
    searchText: manifest.picks.searchText,
    timelineEntity: 'country:IRN',
    timelineFrom: '2000',
    timelineTo: '2004',
    asOf: '2015-06-01',
    treatyStatus: ['IN_FORCE', 'SIGNED'],
    signedFrom: '1990',
  };
}

/** Orders object keys, so that answers compare regardless of field order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Data).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

const ENTITY3 = `query Entity3($id: ID!) {
  entity(id: $id) {
    id kind name
    relations(direction: OUTGOING, first: 10) {
      id type startDate
      citations { source { id title } quote }
      to {
        id kind name
        relations(direction: OUTGOING, first: 5) {
          id type startDate
          to {
            id kind name
            relations(direction: OUTGOING, first: 5) { id type startDate to { id kind name } }
          }
        }
      }
    }
  }
}`;

const NEIGHBORHOOD = `query Neighborhood($id: ID!) {
  neighborhood(id: $id, depth: 2, limit: 100) {
    nodes { id kind name }
    edges { id type from { id } to { id } }
  }
}`;

/** Breadth first, nearest first, ordered by id within a level, capped at `limit` entities; then the facts among them. */
const FLOOR_NEIGHBORHOOD = `MATCH (c:Entity {id: $id})
CALL (c) {
  MATCH (c)-[:FACT]-(n:Entity) WITH DISTINCT n ORDER BY n.id LIMIT $max RETURN collect(n) AS l1
}
CALL (c, l1) {
  UNWIND l1 AS m MATCH (m)-[:FACT]-(n:Entity) WHERE n <> c AND NOT n IN l1
  WITH DISTINCT n ORDER BY n.id WITH collect(n) AS found RETURN found[..($max - size(l1))] AS l2
}
WITH [c] + l1 + l2 AS nodes
CALL (nodes) {
  UNWIND nodes AS a MATCH (a)-[r:FACT]->(z) WHERE z IN nodes
  WITH r, a, z ORDER BY r.id
  RETURN collect(r { .id, .type, from: { id: a.id }, to: { id: z.id } }) AS edges
}
RETURN [n IN nodes | n { .id, .kind, .name }] AS nodes, edges`;

const TREATIES = `query Treaties($status: [TreatyStatus!], $from: String, $after: String) {
  treaties(where: { status: $status, signedFrom: $from }, orderBy: { field: SIGNED_ON, direction: DESC }, first: 20, after: $after) {
    totalCount
    edges { cursor node { id name status signedOn } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const N4G_TREATIES = `query Treaties($status: [String!], $from: String, $after: String) {
  treatiesConnection(where: { status: { in: $status }, signedOnKey: { gte: $from } }, sort: [{ signedOnKey: DESC }, { id: DESC }], first: 20, after: $after) {
    totalCount
    edges { cursor node { id name status signedOn } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Drops cursors, which each contestant encodes its own way. */
function withoutCursors(data: Data): unknown {
  const c = data['treaties'] as { totalCount: number; edges: Array<{ node: Data }>; pageInfo: { hasNextPage: boolean } };
  return { totalCount: c.totalCount, nodes: c.edges.map((e) => e.node), hasNextPage: c.pageInfo.hasNextPage };
}

export function workload(p: WorkloadPicks): QuerySpec[] {
  const relationFields = '.id, .type, .startDate';
  const specs: QuerySpec[] = [
    {
      name: 'entity3',
      description: 'an entity by id with three levels of related entities and their facts (10 × 5 × 5), with citations',
      graphql: () => ({ query: ENTITY3, variables: { id: p.entity } }),
      async floor(driver) {
        const rows = await read(
          driver,
          `MATCH (e:Entity {id: $id})
RETURN e { .id, .kind, .name, relations: COLLECT {
  MATCH (e)-[r:FACT]->(o) WITH r, o ORDER BY coalesce(r.validFrom, '') DESC, r.id LIMIT 10
  RETURN r { ${relationFields},
    citations: COLLECT { UNWIND range(0, size(r.sourceIds) - 1) AS i MATCH (s:Source {id: r.sourceIds[i]})
                         RETURN { source: s { .id, .title }, quote: ${QUOTE} } ORDER BY i },
    to: o { .id, .kind, .name, relations: COLLECT {
      MATCH (o)-[r2:FACT]->(o2) WITH r2, o2 ORDER BY coalesce(r2.validFrom, '') DESC, r2.id LIMIT 5
      RETURN r2 { .id, .type, .startDate, to: o2 { .id, .kind, .name, relations: COLLECT {
        MATCH (o2)-[r3:FACT]->(o3) WITH r3, o3 ORDER BY coalesce(r3.validFrom, '') DESC, r3.id LIMIT 5
        RETURN r3 { .id, .type, .startDate, to: o3 { .id, .kind, .name } } } } } } } } } } AS entity`,
          { id: p.entity },
        );
        return { entity: rows[0]?.['entity'] ?? null };
      },
      neo4jGraphql: () => ({
        // Outgoing facts through `outConnection`, newest first, the fact's properties on the edge.
        query: `query Entity3($id: ID!) {
  entities(where: { id: { eq: $id } }) {
    id kind name
    outConnection(first: 10, sort: [{ edge: { Fact: { validFrom: DESC } } }, { edge: { Fact: { id: ASC } } }]) {
      edges {
        properties { ... on Fact { id type startDate sourceIds quotes } }
        node {
          id kind name
          outConnection(first: 5, sort: [{ edge: { Fact: { validFrom: DESC } } }, { edge: { Fact: { id: ASC } } }]) {
            edges {
              properties { ... on Fact { id type startDate } }
              node {
                id kind name
                outConnection(first: 5, sort: [{ edge: { Fact: { validFrom: DESC } } }, { edge: { Fact: { id: ASC } } }]) {
                  edges { properties { ... on Fact { id type startDate } } node { id kind name } }
                }
              }
            }
          }
        }
      }
    }
  }
}`,
        variables: { id: p.entity },
        note: 'citations come as the raw sourceIds and quotes lists (a fact stores source ids, not relationships to :Source, so the library cannot join them); undated facts sort first (no coalesce in its sort)',
        reshape(data) {
          type Edge = { properties: Data; node: Data & { outConnection?: { edges: Edge[] } } };
          const level = (edges: Edge[], top: boolean): Data[] =>
            edges.map((e) => {
              const { sourceIds, quotes, ...props } = e.properties;
              const { outConnection, ...node } = e.node;
              return {
                ...props,
                ...(top ? { citations: (sourceIds as string[]).map((s, i) => ({ source: { id: s }, quote: (quotes as string[])[i] || null })) } : {}),
                to: outConnection ? { ...node, relations: level(outConnection.edges, false) } : node,
              };
            });
          const [entity] = data['entities'] as Array<Data & { outConnection: { edges: Edge[] } }>;
          if (!entity) return { entity: null };
          const { outConnection, ...rest } = entity;
          return { entity: { ...rest, relations: level(outConnection.edges, true) } };
        },
      }),
      // @neo4j/graphql has no source titles (see note); compare without them.
      canonical: (data) => JSON.parse(JSON.stringify(data), (k: string, v: unknown) => (k === 'title' ? undefined : v)) as unknown,
    },
    {
      name: 'search',
      description: `full-text search "${p.searchText}", first 10, any kind`,
      graphql: () => ({ query: 'query Search($text: String!) { search(text: $text, first: 10) { id kind name } }', variables: { text: p.searchText } }),
      async floor(driver) {
        const rows = await read(
          driver,
          `CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node AS v, score
WITH v, score ORDER BY score DESC, v.sortName LIMIT 10 RETURN v { .id, .kind, .name } AS v`,
          { query: luceneQuery(p.searchText) },
        );
        return { search: rows.map((r) => r['v']) };
      },
      neo4jGraphql: () => ({
        // One @fulltext query per kind (its search is per type), merged by score here.
        query: `query Search($q: String!) {
  searchCountries(phrase: $q, first: 10, sort: [{ score: DESC }, { node: { sortName: ASC } }]) { edges { score node { id kind name sortName } } }
  searchPeople(phrase: $q, first: 10, sort: [{ score: DESC }, { node: { sortName: ASC } }]) { edges { score node { id kind name sortName } } }
  searchOrganizations(phrase: $q, first: 10, sort: [{ score: DESC }, { node: { sortName: ASC } }]) { edges { score node { id kind name sortName } } }
  searchTreaties(phrase: $q, first: 10, sort: [{ score: DESC }, { node: { sortName: ASC } }]) { edges { score node { id kind name sortName } } }
}`,
        variables: { q: luceneQuery(p.searchText) ?? '' },
        note: 'search is per type (@fulltext): four root fields, merged by score on the client',
        reshape(data) {
          type Hit = { score: number; node: Data & { sortName: string } };
          const hits = Object.values(data).flatMap((c) => (c as { edges: Hit[] }).edges);
          hits.sort((a, b) => b.score - a.score || a.node.sortName.localeCompare(b.node.sortName));
          return { search: hits.slice(0, 10).map(({ node: { sortName: _s, ...n } }) => n) };
        },
      }),
    },
    {
      name: 'neighborhoodHub',
      description: `depth-2 neighborhood of a hub (${p.hub}), 100 entities and the facts among them`,
      graphql: () => ({ query: NEIGHBORHOOD, variables: { id: p.hub } }),
      floor: async (driver) => ({ neighborhood: (await read(driver, FLOOR_NEIGHBORHOOD, { id: p.hub, max: neo4j.int(99) }))[0] ?? null }),
      neo4jGraphql: { unsupported: 'no breadth-first neighborhood with a node limit; nested `out`/`in` selections would fetch every fact of the hub' },
    },
    {
      name: 'neighborhood',
      description: `depth-2 neighborhood of an ordinary entity (${p.ordinary}), up to 100 entities`,
      graphql: () => ({ query: NEIGHBORHOOD, variables: { id: p.ordinary } }),
      floor: async (driver) => ({ neighborhood: (await read(driver, FLOOR_NEIGHBORHOOD, { id: p.ordinary, max: neo4j.int(99) }))[0] ?? null }),
      neo4jGraphql: { unsupported: 'no breadth-first neighborhood (distinct entities, nearest first, limited) in the generated API' },
    },
    {
      name: 'shortestPath',
      description: `a shortest path (up to 4 facts) between ${p.pathFrom} and ${p.pathTo}`,
      graphql: () => ({
        query: `query Path($from: ID!, $to: ID!) { paths(fromId: $from, toId: $to, maxHops: 4, first: 1) { length nodes { id kind name } edges { id type } } }`,
        variables: { from: p.pathFrom, to: p.pathTo },
      }),
      async floor(driver) {
        const rows = await read(
          driver,
          `MATCH (a:Entity {id: $from}), (z:Entity {id: $to})
MATCH p = SHORTEST 1 (a)-[:FACT]-{1,4}(z)
RETURN length(p) AS length, [n IN nodes(p) | n { .id, .kind, .name }] AS nodes, [r IN relationships(p) | r { .id, .type }] AS edges`,
          { from: p.pathFrom, to: p.pathTo },
        );
        return { paths: rows };
      },
      neo4jGraphql: { unsupported: 'no path queries in the generated API (only with hand-written @cypher fields)' },
      canonical: (data) =>
        (data['paths'] as Array<{ length: number; nodes: Data[]; edges: Data[] }>).map((x) => ({
          length: x.length,
          from: x.nodes[0],
          to: x.nodes.at(-1),
          edges: x.edges.length,
        })),
    },
    {
      name: 'listPage3',
      description: 'treaties in force or signed since 1990, newest signing first, page 3 of 20 (cursor), with totalCount',
      pages: 3,
      graphql: (cursor) => ({ query: TREATIES, variables: { status: p.treatyStatus, from: p.signedFrom, after: cursor } }),
      nextCursor: (data) => (data['treaties'] as { pageInfo: { endCursor: string | null } }).pageInfo.endCursor,
      async floor(driver, cursor) {
        const rows = await read(
          driver,
          // One pass over the matches for both the page and the total.
          `MATCH (v:Treaty) WHERE v.status IN $status AND v.signedOnKey >= $from
WITH collect(v) AS matched
CALL (matched) {
  UNWIND matched AS v
  WITH v WHERE $key IS NULL OR v.signedOnKey < $key OR (v.signedOnKey = $key AND v.id < $id)
  WITH v ORDER BY v.signedOnKey DESC, v.id DESC LIMIT 21
  RETURN collect(v { .id, .name, .status, .signedOn, key: v.signedOnKey }) AS page
}
RETURN page, size(matched) AS total`,
          { status: p.treatyStatus, from: `${p.signedFrom}-01-01`, key: cursor?.key ?? null, id: cursor?.id ?? null },
        );
        const row = rows[0]!;
        const page = row['page'] as Array<Data & { key: string }>;
        const kept = page.slice(0, 20);
        return {
          treaties: {
            totalCount: row['total'],
            edges: kept.map(({ key, ...node }) => ({ cursor: `${key}|${String(node['id'])}`, node })),
            pageInfo: { hasNextPage: page.length > 20, endCursor: kept.length ? `${kept.at(-1)!.key}|${String(kept.at(-1)!['id'])}` : null },
          },
        };
      },
      nextFloorCursor(data) {
        const end = (data['treaties'] as { pageInfo: { endCursor: string | null } }).pageInfo.endCursor;
        if (end === null) return null;
        const [key, id] = end.split('|') as [string, string];
        return { key, id };
      },
      neo4jGraphql: (cursor) => ({
        query: N4G_TREATIES,
        variables: { status: p.treatyStatus, from: `${p.signedFrom}-01-01`, after: cursor },
        note: 'its cursors are offsets, not keysets',
        reshape: (data) => ({ treaties: data['treatiesConnection'] }),
      }),
      canonical: (data) => withoutCursors(data),
    },
    {
      name: 'timeline',
      description: `the first 100 facts of ${p.timelineEntity}'s timeline from ${p.timelineFrom} to ${p.timelineTo}, both directions, with both ends`,
      graphql: () => ({
        query: `query Timeline($id: ID!, $from: String, $to: String) {
  timeline(id: $id, from: $from, to: $to, first: 100) { id type startDate endDate from { id name } to { id name } }
}`,
        variables: { id: p.timelineEntity, from: p.timelineFrom, to: p.timelineTo },
      }),
      async floor(driver) {
        const rows = await read(
          driver,
          `MATCH (:Entity {id: $id})-[r:FACT]-()
WITH r, coalesce(r.validFrom, r.validTo) AS d WHERE d >= $from AND d <= $to
WITH r ORDER BY d, r.id LIMIT 100
MATCH (a)-[r]->(b)
RETURN r { .id, .type, .startDate, .endDate, from: a { .id, .name }, to: b { .id, .name } } AS r`,
          { id: p.timelineEntity, from: `${p.timelineFrom}-01-01`, to: `${p.timelineTo}-12-31` },
        );
        return { timeline: rows.map((r) => r['r']) };
      },
      neo4jGraphql: () => ({
        query: `query Timeline($id: ID!, $from: String!, $to: String!) {
  entities(where: { id: { eq: $id } }) {
    id name
    outConnection(first: 100, where: { edge: { Fact: { validFrom: { gte: $from, lte: $to } } } }, sort: [{ edge: { Fact: { validFrom: ASC } } }, { edge: { Fact: { id: ASC } } }]) {
      edges { properties { ... on Fact { id type startDate endDate } } node { id name } }
    }
    inConnection(first: 100, where: { edge: { Fact: { validFrom: { gte: $from, lte: $to } } } }, sort: [{ edge: { Fact: { validFrom: ASC } } }, { edge: { Fact: { id: ASC } } }]) {
      edges { properties { ... on Fact { id type startDate endDate } } node { id name } }
    }
  }
}`,
        variables: { id: p.timelineEntity, from: `${p.timelineFrom}-01-01`, to: `${p.timelineTo}-12-31` },
        note: 'two lists (outgoing, incoming; the first 100 of each) merged, sorted and cut on the client; undated facts (validTo only) are not expressible',
        reshape(data) {
          type Edge = { properties: Data & { id: string; startDate: string }; node: Data };
          const [e] = data['entities'] as Array<Data & { outConnection: { edges: Edge[] }; inConnection: { edges: Edge[] } }>;
          if (!e) return { timeline: [] };
          const self = { id: e['id'], name: e['name'] };
          const all = [
            ...e.outConnection.edges.map((x) => ({ ...x.properties, from: self, to: x.node })),
            ...e.inConnection.edges.map((x) => ({ ...x.properties, from: x.node, to: self })),
          ];
          const key = (d: string): string => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);
          all.sort((a, b) => key(a.startDate).localeCompare(key(b.startDate)) || a.id.localeCompare(b.id));
          return { timeline: all.slice(0, 100) };
        },
      }),
    },
    {
      name: 'hubAsOf',
      description: `the 50 newest facts of a hub (${p.hub}) valid on ${p.asOf}`,
      graphql: () => ({
        query: `query HubAsOf($id: ID!, $asOf: String!) {
  entity(id: $id) { id name relations(asOf: $asOf, first: 50) { id type startDate endDate from { id name } } }
}`,
        variables: { id: p.hub, asOf: p.asOf },
      }),
      async floor(driver) {
        const rows = await read(
          driver,
          `MATCH (e:Entity {id: $id})
RETURN e { .id, .name, relations: COLLECT {
  MATCH (e)-[r:FACT]-() WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
  WITH r ORDER BY coalesce(r.validFrom, '') DESC, r.id LIMIT 50
  MATCH (a)-[r]->()
  RETURN r { .id, .type, .startDate, .endDate, from: a { .id, .name } } } } AS entity`,
          { id: p.hub, asOf: p.asOf },
        );
        return { entity: rows[0]?.['entity'] ?? null };
      },
      neo4jGraphql: () => ({
        query: `query HubAsOf($id: ID!, $asOf: String!) {
  entities(where: { id: { eq: $id } }) {
    id name
    inConnection(
      first: 50
      where: { edge: { Fact: { AND: [{ OR: [{ validFrom: { eq: null } }, { validFrom: { lte: $asOf } }] }, { OR: [{ validTo: { eq: null } }, { validTo: { gte: $asOf } }] }] } } }
      sort: [{ edge: { Fact: { validFrom: DESC } } }, { edge: { Fact: { id: ASC } } }]
    ) { edges { properties { ... on Fact { id type startDate endDate } } node { id name } } }
  }
}`,
        variables: { id: p.hub, asOf: p.asOf },
        note: 'incoming facts only (the hub has no outgoing ones); a both-directions list is not expressible',
        reshape(data) {
          type Edge = { properties: Data; node: Data };
          const [e] = data['entities'] as Array<Data & { inConnection: { edges: Edge[] } }>;
          if (!e) return { entity: null };
          return { entity: { id: e['id'], name: e['name'], relations: e.inConnection.edges.map((x) => ({ ...x.properties, from: x.node })) } };
        },
      }),
    },
  ];
  return [
    ...specs,
    knownAtVariant(specs, 'timeline', 'timeline(id: $id, from: $from, to: $to'),
    knownAtVariant(specs, 'hubAsOf', 'entity(id: $id'),
    knownAtVariant(specs, 'neighborhood', 'neighborhood(id: $id, depth: 2'),
  ];
}

/** Far enough ahead that the answer is today's: what the bench measures is the reconstruction's own cost. */
const KNOWN_AT = '2100-01-01T00:00:00Z';

/** A query read as known at an instant (knownAt): the same floor and answer, so the ratio shows what knownAt costs. */
function knownAtVariant(specs: QuerySpec[], name: string, call: string): QuerySpec {
  const spec = specs.find((s) => s.name === name)!;
  return {
    ...spec,
    name: `${name}KnownAt`,
    description: `${spec.description}, read with knownAt (reconstructed from the ledger)`,
    graphql: (cursor) => {
      const request = spec.graphql(cursor);
      return { ...request, query: request.query.replace(call, `${call}, knownAt: "${KNOWN_AT}"`) };
    },
    neo4jGraphql: { unsupported: 'no knownAt: the generated API keeps no history' },
    optIn: true,
  };
}
