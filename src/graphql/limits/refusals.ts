import { GraphQLError } from 'graphql';

/**
 * Error codes of requests refused for breaking a limit, each with the variable that sets the limit. A refusal
 * carries `extensions: { code, limit, max, found }` and runs no Cypher.
 */
export const REFUSAL_CODES = {
  QUERY_TOO_DEEP: 'MAX_QUERY_DEPTH',
  QUERY_TOO_COMPLEX: 'MAX_QUERY_COST',
  TOO_MANY_ALIASES: 'MAX_ALIASES',
  TOO_MANY_ROOT_FIELDS: 'MAX_ROOT_FIELDS',
  QUERY_TOO_LARGE: 'MAX_DOCUMENT_BYTES',
  TOO_MANY_TOKENS: 'MAX_TOKENS',
  PAYLOAD_TOO_LARGE: 'MAX_BODY_BYTES',
  ARGUMENT_TOO_LONG: 'MAX_STRING_ARGUMENT or MAX_LIST_ARGUMENT',
} as const;

export type RefusalCode = keyof typeof REFUSAL_CODES;

export function isRefusalCode(code: unknown): code is RefusalCode {
  return typeof code === 'string' && Object.hasOwn(REFUSAL_CODES, code);
}

/** A refusal: the message says what was found and what is allowed. */
export function refusal(code: RefusalCode, limit: string, max: number, found: number, message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, limit, max, found: Number.isFinite(found) ? found : Number.MAX_SAFE_INTEGER, http: { status: 400 } },
  });
}
