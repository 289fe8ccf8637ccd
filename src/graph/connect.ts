import type { Config } from '../config.js';
import { createDriver, Graph } from './graph-client.js';
import { startLocalNeo4j, type LocalNeo4j } from './local-neo4j.js';

export interface Database {
  graph: Graph;
  /** The managed local server, when NEO4J_URI was not set. */
  local: LocalNeo4j | undefined;
  /** Closes the driver, then stops the local server if this process started it. */
  close(): Promise<void>;
}

/** Opens the configured Neo4j: NEO4J_URI when set, else the managed local server (started if not running). */
export async function connectDatabase(config: Config, log?: (line: string) => void): Promise<Database> {
  const local =
    config.neo4j.uri === undefined
      ? await startLocalNeo4j({ ...config.neo4j.local, ...(log ? { log } : {}) })
      : undefined;
  const uri = config.neo4j.uri ?? local!.uri;
  const graph = new Graph(createDriver(config.neo4j, uri), config.neo4j);
  return {
    graph,
    local,
    async close() {
      await graph.close();
      await local?.stop();
    },
  };
}
