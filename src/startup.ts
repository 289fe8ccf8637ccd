import type { Config } from './config.js';
import type { Graph } from './graph/graph-client.js';
import { ensureSchema } from './graph/schema-setup.js';
import type { Readiness } from './http/app.js';
import { loadSeeds } from './seed/seed-loader.js';
import { fileInput, resolveSeedFiles } from './seed/seed-reader.js';
import { formatProgress, formatReport } from './seed/seed-report.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Brings the database to a servable state: constraints and indexes, then the configured seeds (idempotent).
 * Waits for Neo4j with exponential backoff, so the server may start before the database.
 */
export async function prepareDatabase(
  config: Config,
  graph: Graph,
  readiness: Readiness,
  log: (line: string) => void,
  isStopping: () => boolean = () => false,
): Promise<void> {
  let delay = 500;
  while (!(await graph.ping())) {
    if (isStopping()) return;
    readiness.problem = 'waiting for Neo4j';
    log(`neo4j is not answering; retrying in ${delay} ms`);
    await sleep(delay);
    delay = Math.min(delay * 2, 15_000);
  }
  readiness.problem = undefined;
  await ensureSchema(graph.scope());
  readiness.schemaReady = true;
  if (config.seedPaths.length > 0) {
    const files = await resolveSeedFiles(config.seedPaths);
    const report = await loadSeeds(graph.scope(), files.map((f) => fileInput(f)), {
      onProgress: (p) => log(formatProgress(p)),
    });
    log(formatReport(report));
    if (!report.ok) {
      readiness.problem = `seed files are invalid (${report.errorCount} errors)`;
      return;
    }
  }
  readiness.seedsReady = true;
}
