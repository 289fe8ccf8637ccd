import { graphql } from '../shared/graphql-client.js';

/** The explorer's reads, all through the public API. */

export type EntityKind = 'COUNTRY' | 'PERSON' | 'ORGANIZATION' | 'TREATY';

export const ENTITY_KINDS: readonly EntityKind[] = ['COUNTRY', 'ORGANIZATION', 'TREATY', 'PERSON'];

export interface EntitySummary {
  id: string;
  kind: EntityKind;
  name: string;
  description: string | null;
}

export interface SearchHit extends EntitySummary {
  aliases: string[];
}

export type Rank = 'PREFERRED' | 'NORMAL' | 'DEPRECATED';
export type RankSelection = 'BEST' | 'NON_DEPRECATED' | 'ALL';
export const RANK_SELECTIONS: readonly RankSelection[] = ['BEST', 'NON_DEPRECATED', 'ALL'];

/** The fact fields every view of an edge shows. */
interface FactFields {
  id: string;
  type: string;
  status: string | null;
  startDate: string | null;
  endDate: string | null;
  role: string | null;
  rank: Rank;
  rankReason: string | null;
}

export interface EdgeSummary extends FactFields {
  from: { id: string };
  to: { id: string };
}

export interface Subgraph {
  nodes: EntitySummary[];
  edges: EdgeSummary[];
}

export interface Citation {
  quote: string | null;
  source: { id: string; title: string; publisher: string | null; publishedOn: string | null; url: string | null; section: string | null };
}

export interface RelationDetails extends FactFields {
  summary: string | null;
  from: EntitySummary;
  to: EntitySummary;
  citations: Citation[];
}

/** What every neighborhood asks: the same filters for the centre and for each expanded node. */
export interface NeighborhoodFilters {
  relationTypes: string[] | null;
  kinds: EntityKind[] | null;
  asOf: string | null;
  rank: RankSelection;
  /** The graph as known at this instant (ISO 8601); now when null. */
  knownAt: string | null;
}

/** Best-ranked facts with the same subject, type and object that disagree (the API's `conflicts`). */
export interface Conflict {
  id: string;
  type: string;
  kinds: Array<'STATUS' | 'DATES'>;
  from: { id: string; name: string };
  to: { id: string; name: string };
  facts: Array<FactFields & { citations: Citation[] }>;
}

export interface NeighborhoodRequest {
  id: string;
  depth: number;
}

/** Most entities one neighborhood brings; the API allows up to 500, a drawing stays readable well below. */
export const NEIGHBORHOOD_LIMIT = 150;

const SUBGRAPH_FIELDS = `
  nodes { id kind name description }
  edges { id type status startDate endDate role rank rankReason from { id } to { id } }`;

/**
 * The server refuses operations with too many root fields or aliases (MAX_ROOT_FIELDS, MAX_ALIASES: 20 and 30
 * by default): a view with many expanded nodes is asked for in several requests of this many neighborhoods.
 */
const NEIGHBORHOODS_PER_REQUEST = 10;

/** The neighborhoods of a view (the centre and each expanded node), in as few requests as the server allows. */
export async function fetchNeighborhoods(requests: NeighborhoodRequest[], filters: NeighborhoodFilters, signal?: AbortSignal): Promise<Subgraph[]> {
  const batches: NeighborhoodRequest[][] = [];
  for (let i = 0; i < requests.length; i += NEIGHBORHOODS_PER_REQUEST) batches.push(requests.slice(i, i + NEIGHBORHOODS_PER_REQUEST));
  const answers = await Promise.all(batches.map((batch) => fetchBatch(batch, filters, signal)));
  return answers.flat();
}

/** Several neighborhoods in one request, one aliased root field each. */
async function fetchBatch(requests: NeighborhoodRequest[], filters: NeighborhoodFilters, signal?: AbortSignal): Promise<Subgraph[]> {
  const variables: Record<string, unknown> = {
    types: filters.relationTypes,
    kinds: filters.kinds,
    asOf: filters.asOf,
    rank: filters.rank,
    knownAt: filters.knownAt,
    limit: NEIGHBORHOOD_LIMIT,
  };
  const definitions: string[] = [];
  const fields = requests.map((request, i) => {
    variables[`id${i}`] = request.id;
    variables[`depth${i}`] = request.depth;
    definitions.push(`$id${i}: ID!`, `$depth${i}: Int!`);
    return `n${i}: neighborhood(id: $id${i}, depth: $depth${i}, relationTypes: $types, kinds: $kinds, asOf: $asOf, rank: $rank, knownAt: $knownAt, limit: $limit) {${SUBGRAPH_FIELDS}
  }`;
  });
  const query = `query ExplorerNeighborhoods(${definitions.join(', ')}, $types: [String!], $kinds: [EntityKind!], $asOf: String, $rank: RankSelection, $knownAt: String, $limit: Int!) {
  ${fields.join('\n  ')}
}`;
  const data = await graphql<Record<string, Subgraph>>(query, variables, signal);
  return requests.map((_, i) => data[`n${i}`] ?? { nodes: [], edges: [] });
}

export async function searchEntities(text: string, signal?: AbortSignal): Promise<SearchHit[]> {
  const data = await graphql<{ search: SearchHit[] }>(
    `query ExplorerSearch($text: String!) { search(text: $text, first: 8) { id kind name aliases description } }`,
    { text },
    signal,
  );
  return data.search;
}

export async function fetchRelationTypes(): Promise<string[]> {
  const data = await graphql<{ relationTypes: string[] }>('query ExplorerRelationTypes { relationTypes }');
  return data.relationTypes;
}

/** A fact as known now, or at an instant (it may have changed or gone since). */
export async function fetchRelation(id: string, knownAt: string | null, signal?: AbortSignal): Promise<RelationDetails | null> {
  // Any node answers `node(id:)`; only a Relation has a type here.
  const data = await graphql<{ node: RelationDetails | { type?: undefined } | null }>(
    `query ExplorerRelation($id: ID!, $knownAt: String) {
  node(id: $id, knownAt: $knownAt) {
    ... on Relation {
      id type status startDate endDate role summary rank rankReason
      from { id kind name description }
      to { id kind name description }
      citations { quote source { id title publisher publishedOn url section } }
    }
  }
}`,
    { id, knownAt },
    signal,
  );
  const node = data.node;
  return node && node.type !== undefined ? node : null;
}

/** A conflict group as the drawing marks it: its id and its facts' ids. */
export interface ConflictMark {
  id: string;
  facts: string[];
}

/** The conflicts touching these entities (sources that disagree), each group once: only what marks the drawing. */
export async function fetchConflictMarks(ids: string[], signal?: AbortSignal): Promise<ConflictMark[]> {
  const batches: string[][] = [];
  for (let start = 0; start < ids.length; start += NEIGHBORHOODS_PER_REQUEST) batches.push(ids.slice(start, start + NEIGHBORHOODS_PER_REQUEST));
  const answers = await Promise.all(
    batches.map((batch) => {
      const variables: Record<string, unknown> = {};
      const fields = batch.map((id, i) => {
        variables[`id${i}`] = id;
        return `c${i}: conflicts(entityId: $id${i}, first: 100) { edges { node { id facts { id } } } }`;
      });
      const query = `query ExplorerConflictMarks(${batch.map((_, i) => `$id${i}: ID!`).join(', ')}) {\n  ${fields.join('\n  ')}\n}`;
      return graphql<Record<string, { edges: Array<{ node: { id: string; facts: Array<{ id: string }> } }> }>>(query, variables, signal);
    }),
  );
  const groups = new Map<string, ConflictMark>();
  for (const data of answers) {
    for (const answer of Object.values(data)) for (const { node } of answer.edges) groups.set(node.id, { id: node.id, facts: node.facts.map((f) => f.id) });
  }
  return [...groups.values()];
}

/** One conflict group in full, side by side: found among the conflicts of its subject and type. */
export async function fetchConflict(id: string, subject: string, type: string, signal?: AbortSignal): Promise<Conflict | null> {
  const data = await graphql<{ conflicts: { edges: Array<{ node: Conflict }> } }>(
    `query ExplorerConflict($subject: ID!, $types: [String!]) {
  conflicts(entityId: $subject, types: $types, first: 100) {
    edges { node {
      id type kinds from { id name } to { id name }
      facts { id type status startDate endDate role rank rankReason citations { quote source { id title publisher publishedOn url section } } }
    } }
  }
}`,
    { subject, types: [type] },
    signal,
  );
  return data.conflicts.edges.find((edge) => edge.node.id === id)?.node ?? null;
}

export async function fetchEntity(id: string, signal?: AbortSignal): Promise<SearchHit | null> {
  const data = await graphql<{ entity: SearchHit | null }>(
    `query ExplorerEntity($id: ID!) { entity(id: $id) { id kind name aliases description } }`,
    { id },
    signal,
  );
  return data.entity;
}
