import os from 'node:os';
import type { Config } from './config.js';
import { isConnectivityError, type Graph } from './graph/graph-client.js';
import { ensureSchema } from './graph/schema-setup.js';
import type { Readiness } from './readiness.js';
import { LoadInProgressError, recoverAbandonedLoads } from './seed/load-session.js';
import { loadSeeds } from './seed/seed-loader.js';
import { fileInput, resolveSeedFiles } from './seed/seed-reader.js';
import { formatProgress, formatReport } from './seed/seed-report.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface Backoff {
  /** First wait, in milliseconds. */
  initialMs: number;
  /** Longest wait. */
  maxMs: number;
}

const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 15_000 };

/**
 * Brings the database to a servable state: constraints and indexes, then the configured seeds (idempotent).
 * Waits for Neo4j with exponential backoff (with jitter, so a fleet does not retry in step), so the server may
 * start before the database; a connection lost half-way starts the attempt again (every step is idempotent, and
 * the seed load is one transaction).
 */
export async function prepareDatabase(
  config: Config,
  graph: Graph,
  readiness: Readiness,
  log: (line: string) => void,
  isStopping: () => boolean = () => false,
  backoff: Backoff = DEFAULT_BACKOFF,
): Promise<void> {
  let delay = backoff.initialMs;
  const wait = async (why: string): Promise<void> => {
    readiness.problem = why;
    const ms = Math.round(delay * (0.75 + Math.random() * 0.5));
    log(`${why}; retrying in ${ms} ms`);
    await sleep(ms);
    delay = Math.min(delay * 2, backoff.maxMs);
  };
  for (;;) {
    if (isStopping()) return;
    if (!(await graph.ping())) {
      await wait('waiting for Neo4j');
      continue;
    }
    try {
      await prepareOnce(config, graph, readiness, log);
      return;
    } catch (error) {
      // Another instance (or a CLI load) holding the writer lock is not an error: the seeds load after it.
      if (error instanceof LoadInProgressError) {
        await wait('another load is writing');
        continue;
      }
      if (!isConnectivityError(error)) throw error;
      await wait('lost Neo4j while preparing the database');
    }
  }
}

async function prepareOnce(config: Config, graph: Graph, readiness: Readiness, log: (line: string) => void): Promise<void> {
  readiness.problem = undefined;
  await ensureSchema(graph.scope());
  // A load that a dead process left RUNNING is undone before anything else reads or writes.
  await recoverAbandonedLoads(graph.scope(), config.ledger, log);
  readiness.schemaReady = true;
  if (config.seedPaths.length > 0) {
    const files = await resolveSeedFiles(config.seedPaths);
    const report = await loadSeeds(graph.scope(), files.map((f) => fileInput(f)), {
      onProgress: (p) => log(formatProgress(p)),
      principal: `server@${os.hostname()}`,
      ledger: config.ledger,
      onWait: log,
    });
    log(formatReport(report));
    if (!report.ok) {
      readiness.problem = `seed files are invalid (${report.errorCount} errors)`;
      return;
    }
  }
  readiness.seedsReady = true;
}
