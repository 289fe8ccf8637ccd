import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The process's Prometheus registry, served at GET /metrics. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const neo4jQueriesTotal = new Counter({
  name: 'neo4j_queries_total',
  help: 'Cypher round trips to Neo4j, by access mode and outcome.',
  labelNames: ['mode', 'outcome'] as const,
  registers: [registry],
});

export const neo4jQueryDuration = new Histogram({
  name: 'neo4j_query_duration_seconds',
  help: 'Latency of Cypher round trips to Neo4j.',
  labelNames: ['mode'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const graphqlRequestDuration = new Histogram({
  name: 'graphql_request_duration_seconds',
  help: 'Duration of GraphQL requests, by operation name and outcome.',
  labelNames: ['operation', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const graphqlRequestsTotal = new Counter({
  name: 'graphql_requests_total',
  help: 'GraphQL requests, by operation name and outcome (ok, error, refused, unauthenticated, unavailable).',
  labelNames: ['operation', 'outcome'] as const,
  registers: [registry],
});

export const graphqlRefusedTotal = new Counter({
  name: 'graphql_refused_total',
  help: 'Requests refused before execution, by the limit they broke (its error code).',
  labelNames: ['limit'] as const,
  registers: [registry],
});

export const neo4jUp = new Gauge({
  name: 'neo4j_up',
  help: 'Whether Neo4j answered the last probe or query: 1 up, 0 down.',
  registers: [registry],
});

export const graphVersionReadsTotal = new Counter({
  name: 'graph_version_reads_total',
  help: 'Reads of the graph version (at most one per GRAPH_VERSION_MAX_AGE_MS; not in neo4j_queries_total).',
  registers: [registry],
});

export const responseCacheTotal = new Counter({
  name: 'graphql_response_cache_total',
  help: 'Queries the response cache looked up, by result: hit (answered from memory), miss (executed), not_modified (304, nothing sent).',
  labelNames: ['result'] as const,
  registers: [registry],
});

export const responseCacheEvictionsTotal = new Counter({
  name: 'graphql_response_cache_evictions_total',
  help: 'Answers dropped from the response cache to stay within RESPONSE_CACHE_BYTES.',
  registers: [registry],
});

export const responseCacheBytes = new Gauge({
  name: 'graphql_response_cache_bytes',
  help: 'Bytes of answers held by the response cache.',
  registers: [registry],
});

export const subscriptionConnections = new Gauge({
  name: 'graphql_ws_connections',
  help: 'Open WebSocket (graphql-ws) connections.',
  registers: [registry],
});

export const subscriptionConnectionsRefusedTotal = new Counter({
  name: 'graphql_ws_connections_refused_total',
  help: 'WebSocket connections refused, by reason: limit (WS_MAX_CONNECTIONS), origin (CORS_ORIGINS), auth (credentials).',
  labelNames: ['reason'] as const,
  registers: [registry],
});

export const subscribersActive = new Gauge({
  name: 'graphql_subscribers',
  help: 'Active subscriptions to the change feed.',
  registers: [registry],
});

export const subscriptionEventsTotal = new Counter({
  name: 'graphql_subscription_events_total',
  help: 'Change feed events handed to subscribers, by kind: change, or summary (one for a load past CHANGE_FEED_SUMMARY_THRESHOLD).',
  labelNames: ['kind'] as const,
  registers: [registry],
});

export const changeFeedPollsTotal = new Counter({
  name: 'change_feed_polls_total',
  help: 'Reads of the ledger\'s newest commit by the change feed\'s poller (one per CHANGE_FEED_POLL_MS while anyone subscribes), by outcome.',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

/** How a request ended: the `outcome` label of the request metrics and of the log lines. */
export type Outcome = 'ok' | 'refused' | 'denied' | 'invalid' | 'unavailable' | 'timeout' | 'error';

/** Records a request answered before GraphQL saw it: refused for a limit (body or document size), or unreadable. */
export function recordHttpRejection(outcome: Extract<Outcome, 'refused' | 'invalid'>, limit?: string): void {
  if (limit) graphqlRefusedTotal.inc({ limit });
  graphqlRequestsTotal.inc({ operation: 'unknown', outcome });
}
