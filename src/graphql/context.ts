import type { Config } from '../config.js';
import type { GraphScope } from '../graph/graph-client.js';
import type { Logger } from '../logger.js';
import type { TaggedAnswer } from './answer-cache.js';
import type { Credential } from './authorization.js';
import type { ChangeFeed } from './change-feed.js';

/** What every resolver and plugin of one request gets; the HTTP layer builds it. */
export interface GraphQLContext {
  /** This request's graph access: its round-trip count and its bookmarks (reads see its own writes). */
  graph: GraphScope;
  config: Config;
  /** What the request's Authorization header amounts to, verified once per request. */
  credential: Credential;
  /** The request's logger (carries the request id). */
  log: Logger;
  /** The response media type the client accepts, which decides some status codes (GraphQL over HTTP). */
  mediaType: 'application/json' | 'application/graphql-response+json';
  /** The process's change feed, which the `changes` subscription reads. */
  feed: ChangeFeed;
  /** Told of a cacheable answer (its ETag and version), so that the HTTP layer can answer the request again early. */
  answer?: (tagged: TaggedAnswer) => void;
}
