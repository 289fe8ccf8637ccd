import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config.js';
import type { GraphVersionClock } from '../graph/graph-version.js';
import type { Logger } from '../logger.js';
import { stringifyResult, type AnswerCache } from './answer-cache.js';
import type { GraphQLContext } from './context.js';
import { formatError } from './error-format.js';
import { noIntrospectionRule } from './introspection.js';
import { authPlugin } from './plugins/auth.js';
import { httpStatusPlugin } from './plugins/http-status.js';
import { limitsPlugin } from './plugins/limits.js';
import { observabilityPlugin } from './plugins/observability.js';
import { responseCachePlugin } from './plugins/response-cache.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './schema.js';

export interface GraphQLServerOptions {
  config: Config;
  /** The HTTP server it is mounted on, which stopping drains. */
  httpServer: Server;
  logger: Logger;
  /** The graph version answers are cached and tagged by. */
  versions: GraphVersionClock;
  /** Stops what else serves the schema (the WebSocket server of subscriptions), when Apollo drains. */
  drain?: () => Promise<void>;
  /** Cached answers and the requests that reached them (shared with the HTTP layer's early answers). */
  answers: AnswerCache;
}

/** The schema with its resolvers: what Apollo serves over HTTP and the WebSocket server serves subscriptions from. */
export const schema: GraphQLSchema = makeExecutableSchema({ typeDefs, resolvers });

/** Apollo's documented way to stop a subscription server with it: in drainServer, before the HTTP server drains. */
function drainPlugin(drain: () => Promise<void>): ApolloServerPlugin<GraphQLContext> {
  return {
    async serverWillStart() {
      return {
        async drainServer() {
          await drain();
        },
      };
    },
  };
}

/** The GraphQL server: schema, resolvers, error format and plugins (auth, limits, response cache, observability, HTTP status, drain). */
export function createGraphQLServer({ config, httpServer, logger, versions, drain, answers }: GraphQLServerOptions): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    schema,
    formatError,
    // Cached bodies are serialized the same way (answer-cache.ts), so an answer from memory is byte for byte the same.
    stringifyResult,
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGTERM/SIGINT: drain, close the driver, exit 0 (Apollo's own handlers would race it).
    stopOnTerminationSignals: false,
    // Introspection is refused by our own rule, the one the WebSocket uses too (one message both ways): Apollo's
    // stays out of it.
    introspection: true,
    validationRules: config.http.introspection ? [] : [noIntrospectionRule],
    csrfPrevention: config.http.csrfPrevention,
    parseOptions: { maxTokens: config.requestLimits.maxTokens },
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
      ...(drain ? [drainPlugin(drain)] : []),
      ApolloServerPluginLandingPageDisabled(),
      // The response cache sets Cache-Control itself (Apollo's would say no-store to every answer without hints).
      ApolloServerPluginCacheControlDisabled(),
      authPlugin(config),
      limitsPlugin(config),
      responseCachePlugin({ config: config.cache, versions, answers }),
      observabilityPlugin(),
      httpStatusPlugin,
    ],
  });
}
