import path from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { loadConfig, PROJECT_ROOT, type Config } from '../../src/config.js';
import { createDriver, Graph } from '../../src/graph/graph-client.js';
import { ensureSchema } from '../../src/graph/schema-setup.js';
import { startHttpServer, type RunningServer } from '../../src/http/app.js';
import { Readiness } from '../../src/readiness.js';
import { loadSeeds, type LoadReport } from '../../src/seed/seed-loader.js';
import { fileInput, resolveSeedFiles } from '../../src/seed/seed-reader.js';
import { metricTotal, postGraphQL, type Answer } from './http-client.js';

/** Test plumbing over the real Neo4j of the run (see global-setup.ts): no stand-ins. */

export const SEEDS_DIR = path.join(PROJECT_ROOT, 'seeds');

/** The configuration of a test server over the run's Neo4j; `env` adds variables (NODE_ENV=production…) before it is read. */
export function testConfig(overrides: Partial<Config> = {}, env: Record<string, string> = {}): Config {
  // Request logs would drown the test report; LOG_LEVEL=info brings them back when debugging.
  const base = loadConfig({
    ...process.env,
    ...env,
    NEO4J_URI: inject('neo4jUri'),
    PORT: '0',
    SEED_PATHS: 'none',
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'silent',
  });
  return { ...base, ...overrides };
}

/**
 * `testConfig` with a 90 s Cypher timeout, for files whose statements are large (knownAt reads, facets then): each
 * is planned once, and on a busy shared machine planning one may outlast the default timeout, which such a file
 * does not test.
 */
export function patientConfig(overrides: Partial<Config> = {}): Config {
  const config = testConfig(overrides);
  return { ...config, neo4j: { ...config.neo4j, transactionTimeoutMs: 90_000 } };
}

export function openGraph(config: Config = testConfig()): Graph {
  return new Graph(createDriver(config.neo4j, config.neo4j.uri!), config.neo4j);
}

/** Deletes everything, so each test file starts from an empty graph with the schema in place. */
export async function resetGraph(graph: Graph): Promise<void> {
  for (;;) {
    const [record] = await graph.scope().write((tx) =>
      tx.run('MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS deleted'),
    );
    if ((record!.get('deleted') as number) === 0) break;
  }
  await ensureSchema(graph.scope());
}

export async function loadFiles(graph: Graph, paths: string[], dryRun = false): Promise<LoadReport> {
  const files = await resolveSeedFiles(paths);
  return loadSeeds(graph.scope(), files.map((f) => fileInput(f)), { dryRun });
}

/** Resets the graph and loads the project's own seeds (the world reference data and the article). */
export async function seededGraph(config: Config = testConfig()): Promise<Graph> {
  const graph = openGraph(config);
  await resetGraph(graph);
  const report = await loadFiles(graph, [SEEDS_DIR]);
  if (!report.ok) throw new Error(`seeds are invalid: ${JSON.stringify(report.errors.slice(0, 5))}`);
  return graph;
}

export interface Counts {
  nodes: number;
  relationships: number;
  properties: number;
}

/** Nodes, relationships and properties of the data (the ledger's :Ledger nodes and the graph version's node aside): "the database is unchanged" means these are equal. */
export async function graphCounts(graph: Graph): Promise<Counts> {
  const [record] = await graph.scope().query(`
    CALL { MATCH (n) WHERE NOT n:Ledger AND NOT n:GraphVersion RETURN count(n) AS nodes, sum(size(keys(n))) AS np }
    CALL { MATCH ()-[r]->() RETURN count(r) AS relationships, sum(size(keys(r))) AS rp }
    RETURN nodes, relationships, np + rp AS properties`);
  return {
    nodes: record!.get('nodes') as number,
    relationships: record!.get('relationships') as number,
    properties: (record!.get('properties') as number | null) ?? 0,
  };
}

/** JSON with object keys sorted, so that the order Neo4j happens to return properties in does not matter. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** A fingerprint of the whole graph's content (every entity, source and fact; not the ledger nor the graph version), to compare before and after. */
export async function graphDigest(graph: Graph, timeoutMs?: number): Promise<string> {
  const cypher = `
    CALL { MATCH (n) WHERE NOT n:Ledger AND NOT n:GraphVersion WITH n ORDER BY n.id RETURN collect([labels(n), properties(n)]) AS ns }
    CALL { MATCH (a)-[r]->(b) WITH a, r, b ORDER BY r.id RETURN collect([a.id, type(r), properties(r), b.id]) AS rs }
    RETURN ns, rs`;
  const records = await graph.scope().read((tx) => tx.run(cypher), timeoutMs);
  const ns = (records[0]!.get('ns') as Array<[string[], unknown]>).map(([labels, props]) => [[...labels].sort(), props]);
  return canonicalJson({ ns, rs: records[0]!.get('rs') });
}

export type GraphQLResponse<T = Record<string, unknown>> = Answer<T>;

export class TestServer {
  private constructor(
    readonly server: RunningServer,
    readonly graph: Graph,
    readonly readiness: Readiness,
  ) {}

  static async start(graph: Graph, config: Config = testConfig()): Promise<TestServer> {
    const readiness = new Readiness();
    readiness.schemaReady = true;
    readiness.seedsReady = true;
    const server = await startHttpServer({ config, graph, readiness });
    return new TestServer(server, graph, readiness);
  }

  get base(): string {
    return `http://127.0.0.1:${this.server.port}`;
  }

  async query<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    return postGraphQL<T>(this.base, query, variables, headers);
  }

  /** A mutation sent with this seed key: its one root field's answer; fails the test on any GraphQL error. */
  async mutate<T = Record<string, unknown>>(key: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await this.query<Record<string, T>>(query, variables, { authorization: `Bearer ${key}` });
    if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
    return Object.values(response.data!)[0]!;
  }

  /** Like query, but fails the test on any GraphQL error. */
  async data<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await this.query<T>(query, variables);
    if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
    return response.data!;
  }

  /** neo4j_queries_total so far, from /metrics, the same counter operators see. */
  async cypherRoundTrips(): Promise<number> {
    const total = await metricTotal(this.base, 'neo4j_queries_total');
    return Number.isNaN(total) ? 0 : total;
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }
}

export interface SeededServer {
  readonly graph: Graph;
  readonly server: TestServer;
}

/** A test file's seeded graph and server over it: reset and seeded before its tests, stopped after them. */
export function useSeededServer(config?: () => Config): SeededServer {
  const state: { graph?: Graph; server?: TestServer } = {};
  beforeAll(async () => {
    state.graph = await seededGraph();
    state.server = await TestServer.start(state.graph, config?.());
  });
  afterAll(async () => {
    await state.server?.stop();
    await state.graph?.close();
  });
  return {
    get graph() {
      return state.graph!;
    },
    get server() {
      return state.server!;
    },
  };
}

/** A test file's graph, emptied (schema in place) before its tests and closed after them. */
export function useEmptyGraph(): { readonly graph: Graph } {
  const state: { graph?: Graph } = {};
  beforeAll(async () => {
    state.graph = openGraph();
    await resetGraph(state.graph);
  });
  afterAll(async () => {
    await state.graph?.close();
  });
  return {
    get graph() {
      return state.graph!;
    },
  };
}
