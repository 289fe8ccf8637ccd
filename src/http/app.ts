import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type ErrorRequestHandler } from 'express';
import type { Config } from '../config.js';
import type { Graph } from '../graph/graph-client.js';
import { AnswerCache } from '../graphql/answer-cache.js';
import type { GraphQLContext } from '../graphql/context.js';
import { ChangeFeed } from '../graphql/change-feed.js';
import { createGraphQLServer } from '../graphql/server.js';
import { createLogger, type Logger } from '../logger.js';
import { registry } from '../metrics.js';
import type { Readiness } from '../readiness.js';
import { Authenticator } from './auth.js';
import { earlyAnswers } from './early-answers.js';
import { documentSize, graphqlBody, graphqlBodyErrors, requestId, responseMediaType } from './graphql-http.js';
import { mountPages } from './pages.js';
import { reconcileRouter } from './reconcile-http.js';
import { startSubscriptionServer } from './subscriptions.js';

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
 * The HTTP server: GraphQL at /graphql (subscriptions over WebSocket there too), the W3C reconciliation service at /reconcile, liveness at /health,
 * readiness at /ready, Prometheus at /metrics.
 */
export async function startHttpServer({ config, graph, readiness, logger = createLogger(config.logLevel) }: AppOptions): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers get ETags from the graph version (plugins/response-cache.ts); Express's body hashes would tag
  // mutations and errors too. Files keep theirs (sendFile and static set their own).
  app.set('etag', false);
  const authenticator = new Authenticator(config);
  const limits = config.requestLimits;
  const { corsOrigins } = config.http;
  const graphqlCors = cors({
    origin: corsOrigins.includes('*') ? true : corsOrigins.length > 0 ? corsOrigins : false,
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id', 'if-none-match'],
    exposedHeaders: ['x-request-id', 'etag'],
    maxAge: 600,
  });
  const body = graphqlBody(limits);
  const answers = new AnswerCache(config.cache);
  const early = earlyAnswers({ answers, versions: graph.versions, authenticator, cors: graphqlCors, body, cacheControl: config.cache.cacheControl, logger });
  // Known queries are answered before Express (early-answers.ts); everything else is Express's.
  const httpServer = http.createServer(early.listener((req, res) => app(req, res)));
  // One change feed for the process: one poller, whatever the number of subscribers (src/graphql/change-feed.ts).
  const feed = new ChangeFeed(() => graph.scope(), config.feed, logger);
  const subscriptions = startSubscriptionServer({ config, graph, httpServer, authenticator, feed, logger, stopping: () => readiness.stopping });
  const apollo = createGraphQLServer({ config, httpServer, logger, versions: graph.versions, drain: () => subscriptions.dispose(), answers });
  await apollo.start();
  const graphql = expressMiddleware(apollo, {
    context: async ({ req, res }): Promise<GraphQLContext> => ({
      graph: graph.scope(),
      config,
      credential: await early.credential(req),
      log: logger.child({ requestId: String(res.locals['requestId']) }),
      mediaType: responseMediaType(req),
      feed,
      answer: early.tell(req),
    }),
  });

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
  app.use(
    '/graphql',
    graphqlCors,
    ...body.handlers,
    documentSize(limits, logger),
    early.remember,
    async (req, res, next) => {
      await graphql(req, res, next);
      early.learn(req, res);
    },
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
