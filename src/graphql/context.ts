import type { Config } from '../config.js';
import type { Graph, GraphScope } from '../graph/graph-client.js';

/** What every resolver of one request gets: graph access scoped to the request, and the configuration. */
export interface GraphQLContext {
  /** This request's graph access: its round-trip count and its bookmarks (reads see its own writes). */
  graph: GraphScope;
  /** The process-wide graph (for work that outlives a request). */
  rootGraph: Graph;
  config: Config;
  /** The request's Authorization header, if any. */
  authorization: string | undefined;
}
