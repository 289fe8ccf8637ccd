import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { loadConfig } from '../src/config.js';
import { createDriver, Graph } from '../src/graph/graph-client.js';
import { startHttpServer } from '../src/http/app.js';
import { Readiness } from '../src/readiness.js';
import { typeDefs } from '../src/graphql/schema.js';
import { naiveResolvers, type NaiveContext } from './contestants/naive.js';
import { neo4jGraphqlSchema } from './contestants/neo4j-graphql.js';
import { profileDbHits, recordingDriver, StatementLog } from './instrument.js';

/**
 * One contestant's HTTP server, run in its own process so that the load generator does not share its event loop.
 * Besides /graphql it serves the bench's instrumentation:
 *   POST /bench/record   start counting (and recording) the Cypher statements run;
 *   GET  /bench/count    {statements, dbHits}: how many ran since, and their PROFILE db hits (re-run).
 */

export type ContestantName = 'server' | 'naive' | 'neo4j-graphql';

export interface Served {
  url: string;
  stop(): Promise<void>;
}

export async function serve(contestant: ContestantName, neo4jUri: string, port = 0): Promise<Served> {
  const config = loadConfig({ ...process.env, NEO4J_URI: neo4jUri, PORT: String(port), SEED_PATHS: 'none', LOG_LEVEL: 'silent' });
  const log = new StatementLog();
  const rawDriver = createDriver(config.neo4j, neo4jUri);
  const driver = recordingDriver(rawDriver, log);
  const graph = new Graph(driver, config.neo4j);
  const instrument = express.Router();
  instrument.post('/bench/record', (_req, res) => {
    log.reset(true);
    res.json({ ok: true });
  });
  instrument.get('/bench/count', async (req, res) => {
    const statements = log.statements;
    log.recording = false;
    try {
      const dbHits = req.query['profile'] === 'false' ? null : await profileDbHits(rawDriver, statements, config.neo4j.database);
      res.json({ statements: log.count, dbHits, cypher: statements.map((x) => x.cypher) });
    } catch (error) {
      res.status(500).json({ error: String(error) });
    }
  });

  if (contestant === 'server') {
    const readiness = new Readiness();
    readiness.schemaReady = true;
    readiness.seedsReady = true;
    const server = await startHttpServer({ config, graph, readiness });
    // The project's server owns its Express app; the instrumentation listens beside it.
    const side = await listen(express().use(instrument), 0);
    return {
      url: `http://127.0.0.1:${server.port}/graphql|http://127.0.0.1:${side.port}`,
      async stop() {
        await server.stop();
        await side.stop();
        await rawDriver.close();
      },
    };
  }

  const app = express();
  app.use(instrument);
  const httpServer = http.createServer(app);
  const apollo =
    contestant === 'naive'
      ? new ApolloServer<NaiveContext>({ typeDefs, resolvers: naiveResolvers as never })
      : new ApolloServer<NaiveContext>({ schema: await neo4jGraphqlSchema(driver) });
  await apollo.start();
  app.use(
    '/graphql',
    express.json({ limit: '5mb' }),
    // The same transaction timeout as the project's server (CYPHER_TIMEOUT_MS), for @neo4j/graphql too.
    expressMiddleware(apollo, { context: async () => ({ graph: graph.scope(), transaction: { timeout: config.neo4j.transactionTimeoutMs } }) }),
  );
  await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', resolve));
  const actual = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/graphql|http://127.0.0.1:${actual}`,
    async stop() {
      await apollo.stop();
      httpServer.close();
      await rawDriver.close();
    },
  };
}

async function listen(app: express.Express, port: number): Promise<{ port: number; stop(): Promise<void> }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// As a child process: `tsx bench/serve.ts <contestant> <neo4j uri>` prints "BENCH_READY <graphql url>|<instrument base>".
if (import.meta.url === `file://${process.argv[1]}`) {
  const [contestant, uri] = process.argv.slice(2) as [ContestantName, string];
  const served = await serve(contestant, uri);
  console.log(`BENCH_READY ${served.url}`);
  const stop = (): void => {
    void served.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Exit with the parent: its pipe closes.
  process.stdin.on('end', stop);
  process.stdin.resume();
}
