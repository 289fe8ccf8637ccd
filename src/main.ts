import { ConfigError, loadConfig } from './config.js';
import { connectDatabase } from './graph/connect.js';
import { LocalNeo4jError } from './graph/local-neo4j.js';
import { startHttpServer } from './http/app.js';
import { createLogger } from './logger.js';
import { Readiness } from './readiness.js';
import { prepareDatabase } from './startup.js';

/** `npm start`: the database (local or NEO4J_URI), the HTTP server, then schema and seeds. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const log = (line: string): void => logger.info(line);
  const db = await connectDatabase(config, log);
  const readiness = new Readiness();
  const server = await startHttpServer({ config, graph: db.graph, readiness, logger });
  logger.info({ url: server.url }, `GraphQL server listening at ${server.url} (health: /health, readiness: /ready, metrics: /metrics)`);

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.http.shutdownGraceMs }, `${signal}: draining requests and stopping`);
    // Past the grace period the drain closes connections itself; this is the backstop should closing hang. It is
    // not unref'd: it also keeps the process alive until shutdown has run to its end and exited on purpose.
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.http.shutdownGraceMs + 15_000);
    await server.stop().catch((e: unknown) => logger.error({ err: e }, 'stopping the HTTP server failed'));
    logger.info('requests drained; closing the database');
    await db.close().catch((e: unknown) => logger.error({ err: e }, 'closing the database failed'));
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await prepareDatabase(config, db.graph, readiness, log, () => stopping);
    if (readiness.seedsReady) logger.info('ready: schema and seeds are in place');
  } catch (error) {
    readiness.problem = error instanceof Error ? error.message : String(error);
    logger.error({ err: error }, `startup failed: ${readiness.problem}`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof LocalNeo4jError) {
    console.error(`error: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
