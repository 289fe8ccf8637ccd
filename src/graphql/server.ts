import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Config } from '../config.js';
import type { GraphVersionClock } from '../graph/graph-version.js';
import type { Logger } from '../logger.js';
import { stringifyResult, type AnswerCache } from './answer-cache.js';
import type { GraphQLContext } from './context.js';
import { formatError } from './error-format.js';
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
  /** Cached answers and the requests that reached them (shared with the HTTP layer's early answers). */
  answers: AnswerCache;
}

/** The GraphQL server: schema, resolvers, error format and plugins (auth, limits, response cache, observability, HTTP status). */
export function createGraphQLServer({ config, httpServer, logger, versions, answers }: GraphQLServerOptions): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    typeDefs,
    resolvers,
    formatError,
    // Cached bodies are serialized the same way (answer-cache.ts), so an answer from memory is byte for byte the same.
    stringifyResult,
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGTERM/SIGINT: drain, close the driver, exit 0 (Apollo's own handlers would race it).
    stopOnTerminationSignals: false,
    introspection: config.http.introspection,
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
