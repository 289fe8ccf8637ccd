import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { Neo4jError } from 'neo4j-driver';
import { isConnectivityError } from '../graph/graph-client.js';
import type { ErrorCode } from './error-codes.js';
import type { LimitOf } from './errors.js';

const TIMED_OUT = /TransactionTimedOut|TransactionTimedOutClientConfiguration/;
/** graphql-js's message when the parser stops at parseOptions.maxTokens. */
const TOO_MANY_TOKENS = /Document contains more (?:than|that) (\d+) tokens/;

const coded = (code: ErrorCode): { code: ErrorCode } => ({ code });

/**
 * What a client sees of an error: its own mistakes in full, the database's state as a code it can act on, and
 * nothing of our internals (no stack traces, no Cypher). Causes are logged by plugins/observability.ts.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const cause = unwrapResolverError(error);
  const base = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
  if (isConnectivityError(cause) || (cause instanceof Neo4jError && cause.retryable && !TIMED_OUT.test(cause.code))) {
    return { ...base, message: 'The graph database is unavailable; try again shortly.', extensions: coded('SERVICE_UNAVAILABLE') };
  }
  if (cause instanceof Neo4jError) {
    if (TIMED_OUT.test(cause.code)) {
      return { ...base, message: 'The query ran past its time limit and was cancelled.', extensions: coded('QUERY_TIMEOUT') };
    }
    return { ...base, message: 'The graph database could not answer this query.', extensions: coded('DATABASE_ERROR') };
  }
  const tokens = TOO_MANY_TOKENS.exec(formatted.message);
  if (tokens && formatted.extensions?.['code'] === 'GRAPHQL_PARSE_FAILED') {
    const max = Number(tokens[1]);
    return {
      ...base,
      message: `The document has more than ${max} tokens; at most ${max} are allowed`,
      extensions: { ...coded('TOO_MANY_TOKENS'), limit: 'MAX_TOKENS' satisfies LimitOf<'TOO_MANY_TOKENS'>, max },
    };
  }
  const code = formatted.extensions?.['code'];
  if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
    return { ...base, message: 'Internal server error.', extensions: coded('INTERNAL_SERVER_ERROR') };
  }
  const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
  return { ...formatted, extensions };
}
