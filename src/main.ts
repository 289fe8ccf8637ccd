import { ConfigError, loadConfig } from './config.js';
import { connectDatabase } from './graph/connect.js';
import { LocalNeo4jError } from './graph/local-neo4j.js';
import { Readiness, startHttpServer } from './http/app.js';
import { prepareDatabase } from './startup.js';

/** `npm start`: the database (local or NEO4J_URI), the HTTP server, then schema and seeds. */
async function main(): Promise<void> {
  const log = (line: string): void => console.error(line);
  const config = loadConfig();
  const db = await connectDatabase(config, log);
  const readiness = new Readiness();
  const server = await startHttpServer({ config, graph: db.graph, readiness });
  console.log(`GraphQL server listening at ${server.url} (health: /health, readiness: /ready, metrics: /metrics)`);

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: draining requests and stopping…`);
    const force = setTimeout(() => {
      log('shutdown took too long; exiting');
      process.exit(1);
    }, 30_000);
    force.unref();
    await server.stop().catch((e: unknown) => log(`stopping the HTTP server: ${String(e)}`));
    await db.close().catch((e: unknown) => log(`closing the database: ${String(e)}`));
    log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await prepareDatabase(config, db.graph, readiness, log, () => stopping);
    if (readiness.seedsReady) log('ready: schema and seeds are in place');
  } catch (error) {
    readiness.problem = error instanceof Error ? error.message : String(error);
    log(`startup failed: ${readiness.problem}`);
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
