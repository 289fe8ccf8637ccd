import path from 'node:path';
import { loadConfig, type Config } from '../src/config.js';
import { createDriver, Graph } from '../src/graph/graph-client.js';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../src/graph/local-neo4j.js';
import { ensureSchema } from '../src/graph/schema-setup.js';
import { BENCH_DATA_DIR } from './generate.js';

/** The bench's own Neo4j: NEO4J_URI when set, else a managed local server on a free port, data under bench/data/. */

export interface BenchDatabase {
  uri: string;
  config: Config;
  graph: Graph;
  /** The data folder of the local server, when the bench started one. */
  dataDir: string | undefined;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Data folder name under bench/data/ (a database per scale, so a loaded graph can be reused). */
  name: string;
  heap: string;
  log?: (line: string) => void;
  /** A Neo4j to use instead (e.g. the test suite's). */
  uri?: string;
}

export async function openBenchDatabase(options: OpenOptions): Promise<BenchDatabase> {
  const log = options.log ?? ((l: string) => console.error(l));
  const given = options.uri ?? process.env['NEO4J_URI'];
  let local: LocalNeo4j | undefined;
  let dataDir: string | undefined;
  if (given === undefined) {
    dataDir = path.join(BENCH_DATA_DIR, options.name);
    local = await startLocalNeo4j({ port: await freePort(), dataDir, heap: options.heap, log });
  }
  const uri = given ?? local!.uri;
  // Reads of a million-fact graph may be slow on a cold cache; the bench sets its own bounds.
  const config = loadConfig({ ...process.env, NEO4J_URI: uri, SEED_PATHS: 'none', CYPHER_TIMEOUT_MS: '120000', PORT: '0' });
  const graph = new Graph(createDriver(config.neo4j, uri), config.neo4j);
  return {
    uri,
    config,
    graph,
    dataDir,
    async close() {
      await graph.close();
      await local?.stop();
    },
  };
}

/** Empties the graph in batches (a million relationships do not fit one transaction's memory), then the schema. */
export async function resetGraph(graph: Graph): Promise<void> {
  await deleteInBatches(graph);
  await ensureSchema(graph.scope());
}

async function deleteInBatches(graph: Graph): Promise<void> {
  for (const statement of [
    'MATCH ()-[r]->() WITH r LIMIT 50000 DELETE r RETURN count(*) AS n',
    'MATCH (n) WITH n LIMIT 50000 DETACH DELETE n RETURN count(*) AS n',
  ]) {
    for (;;) {
      const records = await graph.scope().write((tx) => tx.run(statement));
      if ((records[0]?.get('n') as number) === 0) break;
    }
  }
}
