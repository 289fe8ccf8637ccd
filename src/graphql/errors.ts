import { GraphQLError } from 'graphql';
import { ERROR_CODES, type ErrorCode } from './error-codes.js';

/** The GraphQL errors the API raises, each with its code and HTTP status from error-codes.ts. */

/** Codes of requests refused for breaking a limit: they carry `extensions: { code, limit, max, found }`. */
export type RefusalCode = {
  [C in ErrorCode]: (typeof ERROR_CODES)[C]['limits'] extends readonly [] ? never : C;
}[ErrorCode];

/** The settings a refusal code may name in `extensions.limit`. */
export type LimitOf<C extends RefusalCode> = (typeof ERROR_CODES)[C]['limits'][number];

/** A bad argument: says which argument and why, with extensions.code = BAD_USER_INPUT. */
export function badInput(argument: string, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(`Argument "${argument}" ${message}`, {
    extensions: { code: 'BAD_USER_INPUT', argument, ...extensions },
  });
}

/** The HTTP status an error that stops a request carries (Apollo reads `extensions.http`). */
export const httpOf = (code: ErrorCode): { status: number } => ({ status: ERROR_CODES[code].status });

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: httpOf('UNAUTHENTICATED') } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: httpOf('FORBIDDEN') } });
}

/** A request refused for breaking a limit, before anything runs: the message says what was found and what is allowed. */
export function refusal<C extends RefusalCode>(code: C, limit: LimitOf<C>, max: number, found: number, message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, limit, max, found: Number.isFinite(found) ? found : Number.MAX_SAFE_INTEGER, http: httpOf(code) },
  });
}

/** Another load holds the writer lock: one load writes at a time. */
export function loadInProgress(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'LOAD_IN_PROGRESS', http: httpOf('LOAD_IN_PROGRESS') } });
}
