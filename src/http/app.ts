import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express from 'express';
import type { Config } from '../config.js';
import type { Graph } from '../graph/graph-client.js';
import type { GraphQLContext } from '../graphql/context.js';
import { formatError } from '../graphql/error-format.js';
import { resolvers } from '../graphql/resolvers/index.js';
import { typeDefs } from '../graphql/schema.js';
import { graphqlRequestDuration, registry } from '../metrics.js';
import { mountPages } from './pages.js';

/** What /ready reports: set by startup once the schema's indexes and the seeds are in place. */
export class Readiness {
  schemaReady = false;
  seedsReady = false;
  /** Why startup is not done, when it failed. */
  problem: string | undefined;
}

/** Records each operation's duration and outcome in Prometheus. */
const metricsPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    const stop = graphqlRequestDuration.startTimer();
    return {
      async willSendResponse({ operationName, response }) {
        const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
        stop({ operation: operationName ?? 'anonymous', outcome: errors?.length ? 'error' : 'ok' });
      },
    };
  },
};

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface AppOptions {
  config: Config;
  graph: Graph;
  readiness: Readiness;
}

/** The HTTP server: GraphQL at /graphql, liveness at /health, readiness at /ready, Prometheus at /metrics. */
export async function startHttpServer({ config, graph, readiness }: AppOptions): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GraphQLContext>({
    typeDefs,
    resolvers: resolvers as never,
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), metricsPlugin],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const neo4j = await graph.ping();
    const ready = neo4j && readiness.schemaReady && readiness.seedsReady;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not ready',
      neo4j: neo4j ? 'up' : 'down',
      schema: readiness.schemaReady,
      seeds: readiness.seedsReady,
      ...(readiness.problem ? { problem: readiness.problem } : {}),
    });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  mountPages(app);
  app.use(
    '/graphql',
    express.json({ limit: '5mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        graph: graph.scope(),
        rootGraph: graph,
        config,
        authorization: req.headers.authorization,
      }),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    // Apollo's drain plugin stops accepting connections and lets in-flight requests finish.
    stop: () => apollo.stop(),
  };
}
