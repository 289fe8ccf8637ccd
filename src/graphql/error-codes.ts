import type { Outcome } from '../metrics.js';

/**
 * Every code the API answers in `extensions.code`, with its HTTP status and what it means: the one list that
 * the HTTP layer, the plugins, the error formatter and the README's table read (as Apollo's errors/index.ts).
 */
export interface ErrorCodeSpec {
  /** The HTTP status of a response that stops at this error, for clients accepting application/graphql-response+json. */
  status: number;
  /**
   * The same for clients accepting only application/json: GraphQL over HTTP answers 200 for every well-formed
   * request, its request errors included.
   */
  jsonStatus: number;
  /** How a request that ends with it counts in the metrics and the log (`outcome`). */
  outcome: Outcome;
  /** The settings whose limit it reports, named in `extensions.limit`. */
  limits: readonly string[];
  meaning: string;
}

const NO_LIMITS = [] as const;

/** An error of a well-formed request, before anything runs: 400, or 200 for application/json. */
const request = (meaning: string) => ({ status: 400, jsonStatus: 200, outcome: 'invalid' as Outcome, limits: NO_LIMITS, meaning });

/** A request refused for a limit; `const` keeps its limits a tuple, so that errors.ts reads the refusals' type off this table. */
const refused = <const L extends readonly [string, ...string[]]>(meaning: string, limits: L, status = 400, jsonStatus = 200) => ({
  status,
  jsonStatus,
  outcome: 'refused' as Outcome,
  limits,
  meaning,
});

/** Errors raised while fields resolve: the field is null and the rest of the answer stands (HTTP 200). */
const execution = (outcome: Outcome, meaning: string) => ({ status: 200, jsonStatus: 200, outcome, limits: NO_LIMITS, meaning });

/** The same status whatever the client accepts. */
const fixed = (status: number, outcome: Outcome, meaning: string) => ({ status, jsonStatus: status, outcome, limits: NO_LIMITS, meaning });

export const ERROR_CODES = {
  BAD_REQUEST: fixed(400, 'invalid', 'The request cannot be read: no query, a body that is not JSON or not UTF-8, a GET without a CSRF header where one is needed; 405 for a mutation over GET or another method'),
  UNSUPPORTED_MEDIA_TYPE: fixed(415, 'invalid', 'A POST body that is not UTF-8 JSON (Content-Type: application/json)'),
  PAYLOAD_TOO_LARGE: refused('The request body is too large', ['MAX_BODY_BYTES'], 413, 413),
  QUERY_TOO_LARGE: refused('The document is too long (checked before parsing)', ['MAX_DOCUMENT_BYTES']),
  TOO_MANY_TOKENS: refused('The document has too many lexical tokens (the parser stops)', ['MAX_TOKENS']),
  GRAPHQL_PARSE_FAILED: request('The document is not GraphQL'),
  GRAPHQL_VALIDATION_FAILED: request('The document does not fit the schema (or asks for introspection where it is off)'),
  OPERATION_RESOLUTION_FAILURE: request('The operation to run cannot be told (several operations and no operationName, or an unknown one)'),
  PERSISTED_QUERY_NOT_FOUND: fixed(200, 'error', 'An automatic persisted query hash the server has not seen: send the query with it'),
  UNAUTHENTICATED: fixed(401, 'denied', 'A credential is needed and missing, or the one sent fails verification'),
  FORBIDDEN: fixed(403, 'denied', 'The credential is valid but lacks the scope (seed:write), or writes are off'),
  QUERY_TOO_DEEP: refused('The operation nests fields too deep', ['MAX_QUERY_DEPTH']),
  QUERY_TOO_COMPLEX: refused('The operation may return too many objects (its cost)', ['MAX_QUERY_COST']),
  TOO_MANY_ALIASES: refused('The operation uses too many aliases', ['MAX_ALIASES']),
  TOO_MANY_ROOT_FIELDS: refused('The operation has too many root fields', ['MAX_ROOT_FIELDS']),
  ARGUMENT_TOO_LONG: refused('A string or list argument is too long', ['MAX_STRING_ARGUMENT', 'MAX_LIST_ARGUMENT']),
  // Its limits are those of the argument bounds (bounds.ts), which carry them: kept out of here to be written once.
  BAD_USER_INPUT: request('An argument or variable is wrong: out of its bounds (refused before anything runs), of the wrong type, or a bad date, cursor or fact type (the field is null, HTTP 200)'),
  SERVICE_UNAVAILABLE: execution('unavailable', 'Neo4j cannot be reached; try again shortly'),
  QUERY_TIMEOUT: execution('timeout', 'The query ran past CYPHER_TIMEOUT_MS and was cancelled'),
  DATABASE_ERROR: execution('error', 'Neo4j could not answer the query'),
  INTERNAL_SERVER_ERROR: fixed(500, 'error', 'A fault of the server (logged with its cause, never sent out); 200 with the field null when it happens in a field'),
  LOAD_IN_PROGRESS: fixed(409, 'unavailable', 'Another load holds the writer lock (one load writes at a time) and did not finish within LOAD_LOCK_WAIT_MS; try again when it has'),
} as const satisfies Record<string, ErrorCodeSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

/** The HTTP status for a response that stops at this error, given the media type the client accepts. */
export function statusOf(code: ErrorCode, mediaType: 'application/json' | 'application/graphql-response+json'): number {
  const spec: ErrorCodeSpec = ERROR_CODES[code];
  return mediaType === 'application/json' ? spec.jsonStatus : spec.status;
}
