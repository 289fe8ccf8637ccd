import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { Neo4jError } from 'neo4j-driver';

/** Neo4j error codes meaning "the database cannot be reached now": the client may retry. */
const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired']);
const TIMED_OUT = /TransactionTimedOut|TransactionTimedOutClientConfiguration/;

/**
 * What a client sees of an error: its own mistakes in full, the database's state as a code it can act on, and
 * nothing of our internals (no stack traces, no Cypher).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const cause = unwrapResolverError(error);
  const base = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
  if (cause instanceof Neo4jError) {
    console.error(`neo4j error ${cause.code}: ${cause.message}`);
    if (UNAVAILABLE.has(cause.code) || cause.retriable) {
      return { ...base, message: 'The graph database is unavailable; try again shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } };
    }
    if (TIMED_OUT.test(cause.code)) {
      return { ...base, message: 'The query ran past its time limit and was cancelled.', extensions: { code: 'QUERY_TIMEOUT' } };
    }
    return { ...base, message: 'The graph database could not answer this query.', extensions: { code: 'DATABASE_ERROR' } };
  }
  const code = formatted.extensions?.['code'];
  if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
    console.error(cause);
    return { ...base, message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
  return { ...formatted, extensions };
}
