import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';
import { graphqlRefusedTotal, graphqlRequestDuration, graphqlRequestsTotal, type Outcome } from '../../metrics.js';
import type { Logger } from '../../logger.js';
import type { GraphQLContext } from '../context.js';
import { ERROR_CODES, isErrorCode } from '../error-codes.js';

/** Outcomes that decide a request's outcome as soon as one of its errors has it, strongest first. */
const DECISIVE: readonly Outcome[] = ['refused', 'denied', 'unavailable', 'timeout'];

/** One word for how a request ended, from its errors' codes (error-codes.ts): the `outcome` of the metrics and logs. */
export function outcomeOf(errors: readonly GraphQLFormattedError[] | undefined): Outcome {
  if (!errors?.length) return 'ok';
  const outcomes = errors.map((e): Outcome => {
    const code = e.extensions?.['code'];
    // A limit refused it: the argument bounds answer BAD_USER_INPUT, with the limit named.
    if (typeof e.extensions?.['limit'] === 'string') return 'refused';
    return isErrorCode(code) ? ERROR_CODES[code].outcome : 'error';
  });
  const decisive = DECISIVE.find((o) => outcomes.includes(o));
  if (decisive) return decisive;
  return outcomes.every((o) => o === 'invalid') ? 'invalid' : 'error';
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;
const MAX_OPERATION_LABELS = 200;
const seenOperations = new Set<string>();

/** Operation names are chosen by clients: bounded, so a stream of made-up names cannot blow up the metrics. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (!NAME.test(name)) return 'other';
  if (seenOperations.has(name)) return name;
  if (seenOperations.size >= MAX_OPERATION_LABELS) return 'other';
  seenOperations.add(name);
  return name;
}

/** How one GraphQL request went, for its metrics and its log line. */
export interface RequestSummary {
  operationName: string | null;
  type: string | null;
  seconds: number;
  roundTrips: number;
  outcome: Outcome;
  status: number;
  /** The error codes of its errors. */
  errors?: unknown[];
  /** Answered before the GraphQL pipeline ran (src/http/early-answers.ts): 304, or a body from memory. */
  early?: 'not_modified' | 'hit';
}

/** The request metrics and the one log line of a GraphQL request, however it was answered. */
export function recordGraphQLRequest(log: Logger, summary: RequestSummary): void {
  const { operationName, type, seconds, roundTrips, outcome, status, errors, early } = summary;
  const label = operationLabel(operationName);
  graphqlRequestDuration.observe({ operation: label, outcome }, seconds);
  graphqlRequestsTotal.inc({ operation: label, outcome });
  const line = {
    operation: operationName,
    type,
    durationMs: Math.round(seconds * 1e4) / 10,
    roundTrips,
    outcome,
    status,
    ...(errors?.length ? { errors } : {}),
    ...(early ? { early } : {}),
  };
  if (outcome === 'error' || outcome === 'unavailable' || outcome === 'timeout') log.warn(line, 'graphql request');
  else log.info(line, 'graphql request');
}

/**
 * One structured log line and the Prometheus figures per GraphQL request: request id, operation, duration, Cypher
 * round trips and outcome; errors of the database and of the server logged with their cause (never sent out).
 */
export function observabilityPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors, contextValue }) {
          const { log } = contextValue;
          for (const error of errors) {
            const cause = unwrapResolverError(error);
            if (cause instanceof Neo4jError) {
              log.warn({ neo4jCode: cause.code, path: error.path }, `neo4j: ${cause.message}`);
            } else if (error.extensions['code'] === undefined || error.extensions['code'] === 'INTERNAL_SERVER_ERROR') {
              log.error({ err: cause, path: error.path }, 'internal error');
            }
          }
        },
        async willSendResponse({ operationName, operation, response, contextValue }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
          for (const error of body.errors ?? []) {
            const limit = error.extensions?.['limit'];
            if (typeof limit === 'string') graphqlRefusedTotal.inc({ limit });
          }
          recordGraphQLRequest(contextValue.log, {
            operationName: operationName ?? null,
            type: operation?.operation ?? null,
            seconds: Number(process.hrtime.bigint() - started) / 1e9,
            roundTrips: contextValue.graph.roundTrips.count,
            outcome: outcomeOf(body.errors),
            status: response.http.status ?? 200,
            errors: body.errors?.map((e) => e.extensions?.['code'] ?? 'UNKNOWN'),
          });
        },
      };
    },
  };
}
