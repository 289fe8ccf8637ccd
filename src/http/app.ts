import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import cors from 'cors';
import express, { type ErrorRequestHandler } from 'express';
import type { Config } from '../config.js';
import type { Graph } from '../graph/graph-client.js';
import type { GraphQLContext } from '../graphql/context.js';
import { formatError } from '../graphql/error-format.js';
import { authPlugin } from '../graphql/plugins/auth.js';
import { httpStatusPlugin } from '../graphql/plugins/http-status.js';
import { limitsPlugin } from '../graphql/plugins/limits.js';
import { observabilityPlugin } from '../graphql/plugins/observability.js';
import { resolvers } from '../graphql/resolvers/index.js';
import { typeDefs } from '../graphql/schema.js';
import { registry } from '../metrics.js';
import { Authenticator } from './auth.js';
import { documentSize, graphqlBody, graphqlBodyErrors, requestId, responseMediaType } from './graphql-http.js';
import { createLogger, type Logger } from './logger.js';
import { mountPages } from './pages.js';
import { reconcileRouter } from './reconcile-http.js';

/** What /ready reports: set by startup once the schema's indexes and the seeds are in place. */
export class Readiness {
  schemaReady = false;
  seedsReady = false;
  /** Set when shutdown begins, so load balancers stop sending traffic while requests drain. */
  stopping = false;
  /** Why startup is not done, when it failed. */
  problem: string | undefined;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting requests, lets in-flight ones finish (up to SHUTDOWN_GRACE_MS), then closes the rest. */
  stop(): Promise<void>;
}

export interface AppOptions {
  config: Config;
  graph: Graph;
  readiness: Readiness;
  /** Defaults to a JSON logger at LOG_LEVEL on stderr. */
  logger?: Logger;
}

/**
 * The HTTP server: GraphQL at /graphql, the W3C reconciliation service at /reconcile, liveness at /health,
 * readiness at /ready, Prometheus at /metrics.
 */
export async function startHttpServer({ config, graph, readiness, logger = createLogger(config.logLevel) }: AppOptions): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const authenticator = new Authenticator(config);
  const limits = config.requestLimits;
  const apollo = new ApolloServer<GraphQLContext>({
    typeDefs,
    resolvers: resolvers as never,
    formatError,
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGTERM/SIGINT: drain, close the driver, exit 0 (Apollo's own handlers would race it).
    stopOnTerminationSignals: false,
    introspection: config.http.introspection,
    csrfPrevention: config.http.csrfPrevention,
    parseOptions: { maxTokens: limits.maxTokens },
    // Field suggestions ("Did you mean …?") would describe the schema even with introspection off.
    hideSchemaDetailsFromClientErrors: !config.http.introspection,
    logger: {
      debug: (m: unknown) => logger.debug(String(m)),
      info: (m: unknown) => logger.info(String(m)),
      warn: (m: unknown) => logger.warn(String(m)),
      error: (m: unknown) => logger.error(String(m)),
    },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.http.shutdownGraceMs }),
      ApolloServerPluginLandingPageDisabled(),
      authPlugin(config),
      limitsPlugin(config),
      observabilityPlugin(logger),
      httpStatusPlugin,
    ],
  });
  await apollo.start();

  app.use(requestId);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const neo4j = await graph.ping();
    const ready = neo4j && readiness.schemaReady && readiness.seedsReady && !readiness.stopping;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : readiness.stopping ? 'stopping' : 'not ready',
      neo4j: neo4j ? 'up' : 'down',
      schema: readiness.schemaReady,
      seeds: readiness.seedsReady,
      ...(readiness.problem ? { problem: readiness.problem } : {}),
    });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  if (config.http.playground) mountPages(app);
  const { corsOrigins } = config.http;
  app.use(
    '/graphql',
    cors({
      origin: corsOrigins.includes('*') ? true : corsOrigins.length > 0 ? corsOrigins : false,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id'],
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    }),
    ...graphqlBody(limits),
    documentSize(limits, logger),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const id = String(res.locals['requestId']);
        return {
          graph: graph.scope(),
          rootGraph: graph,
          config,
          authorization: req.headers.authorization,
          credential: await authenticator.authenticate(req.headers.authorization),
          requestId: id,
          log: logger.child({ requestId: id }),
          mediaType: responseMediaType(req),
        };
      },
    }),
  );
  app.use('/graphql', graphqlBodyErrors(limits, logger));
  app.use('/reconcile', reconcileRouter({ config, graph, authenticator }));
  const lastResort: ErrorRequestHandler = (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    logger.error({ err: error, requestId: res.locals['requestId'] }, 'unexpected error');
    res.status(500).json({ error: 'Internal server error.' });
  };
  app.use(lastResort);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  const port = (httpServer.address() as AddressInfo).port;
  graph.startProbe();
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    stop: async () => {
      readiness.stopping = true;
      // Apollo's drain plugin stops accepting connections and lets in-flight requests finish.
      await apollo.stop();
    },
  };
}
