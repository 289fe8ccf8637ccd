import type { Config } from '../config.js';
import type { Graph, GraphScope } from '../graph/graph-client.js';
import type { Credential } from '../http/auth.js';
import type { Logger } from '../http/logger.js';

/** What every resolver of one request gets: graph access scoped to the request, and the configuration. */
export interface GraphQLContext {
  /** This request's graph access: its round-trip count and its bookmarks (reads see its own writes). */
  graph: GraphScope;
  /** The process-wide graph (for work that outlives a request). */
  rootGraph: Graph;
  config: Config;
  /** The request's Authorization header, if any. */
  authorization: string | undefined;
  /** What that header amounts to, verified once per request (absent: treated as no credential). */
  credential?: Credential;
  /** The request's id (X-Request-Id), in its log lines and response headers. */
  requestId?: string;
  /** The request's logger (carries the request id). */
  log?: Logger;
  /** The response media type the client accepts, which decides some status codes (GraphQL over HTTP). */
  mediaType?: 'application/json' | 'application/graphql-response+json';
}
