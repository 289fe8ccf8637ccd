import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { RequestLimits } from '../config.js';
import { statusOf, type ErrorCode } from '../graphql/error-codes.js';
import type { LimitOf } from '../graphql/errors.js';
import type { Logger } from '../logger.js';
import { recordHttpRejection } from '../metrics.js';

/**
 * The HTTP layer in front of Apollo at /graphql: request ids, media types, body size and encoding, document
 * size. What it refuses never reaches GraphQL, and is answered in GraphQL's error format.
 */

export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';

/** The response media type for this request, as Apollo negotiates it (application/json first on ties). */
export function responseMediaType(req: Request): 'application/json' | typeof GRAPHQL_RESPONSE_JSON {
  if (!req.headers.accept) return 'application/json';
  return req.accepts(['application/json', GRAPHQL_RESPONSE_JSON]) === GRAPHQL_RESPONSE_JSON ? GRAPHQL_RESPONSE_JSON : 'application/json';
}

/** Answers in GraphQL's error format, with the code's status (error-codes.ts) unless the body parser gave one. */
export function sendGraphQLError(
  req: Request,
  res: Response,
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
  status?: number,
): void {
  const mediaType = responseMediaType(req);
  res
    .status(status ?? statusOf(code, mediaType))
    .type(`${mediaType}; charset=utf-8`)
    .send(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }));
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's id (the caller's X-Request-Id when sane), echoed in the response. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/** Gives each request an id, echoed in the response and in every log line. */
export const requestId: RequestHandler = (req, res, next) => {
  res.locals['requestId'] = assignRequestId(req, res);
  next();
};

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

class InvalidEncodingError extends Error {
  status = 400;
  type = 'encoding.invalid';
}

export interface GraphQLBody {
  /** For Express: POSTs must be JSON (415 otherwise), then the JSON body (or the error met reading it earlier). */
  handlers: RequestHandler[];
  /**
   * Reads a JSON POST body before Express (src/http/early-answers.ts), with the same parser and limits: true when
   * `req.body` holds it. An error is kept for the Express handlers to answer, as if they had met it themselves.
   */
  read(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

/** POST bodies: JSON only (415 otherwise), strict UTF-8, at most maxBodyBytes (413 past it). */
export function graphqlBody(limits: RequestLimits): GraphQLBody {
  const mediaType: RequestHandler = (req, res, next) => {
    if (req.method !== 'POST') return next();
    if (!req.is('application/json')) {
      recordHttpRejection('invalid');
      return sendGraphQLError(req, res, 'UNSUPPORTED_MEDIA_TYPE', 'POST requests must have Content-Type: application/json');
    }
    next();
  };
  const json = express.json({
    limit: limits.maxBodyBytes,
    type: 'application/json',
    verify: (_req, _res, buf) => {
      try {
        strictUtf8.decode(buf);
      } catch {
        throw new InvalidEncodingError('the request body is not valid UTF-8');
      }
    },
  });
  const readErrors = new WeakMap<IncomingMessage, unknown>();
  // A body read before Express is finished: the parser passes it by, and an error met then is answered here.
  const parsed: RequestHandler = (req, res, next) => {
    if (readErrors.has(req)) return next(readErrors.get(req));
    json(req, res, next);
  };
  return {
    handlers: [mediaType, parsed],
    read: (req, res) =>
      new Promise((resolve) => {
        json(req as Request, res as Response, (error?: unknown) => {
          if (error !== undefined && error !== null) readErrors.set(req, error);
          resolve(!readErrors.has(req) && (req as { body?: unknown }).body !== undefined);
        });
      }),
  };
}

/** Refuses documents longer than maxDocumentBytes before they are parsed. */
export function documentSize(limits: RequestLimits, logger: Logger): RequestHandler {
  const max = limits.maxDocumentBytes;
  return (req, res, next) => {
    const body: unknown = req.body;
    const fromBody = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)['query'] : undefined;
    const fromUrl = req.method === 'GET' ? req.query['query'] : undefined;
    const query = typeof fromBody === 'string' ? fromBody : typeof fromUrl === 'string' ? fromUrl : undefined;
    if (query === undefined || query.length <= max) return next();
    const limit: LimitOf<'QUERY_TOO_LARGE'> = 'MAX_DOCUMENT_BYTES';
    recordHttpRejection('refused', limit);
    logger.info({ requestId: res.locals['requestId'], outcome: 'refused', limit, found: query.length }, 'graphql request');
    sendGraphQLError(req, res, 'QUERY_TOO_LARGE', `The document is ${query.length} characters long; at most ${max} are allowed`, {
      limit,
      max,
      found: query.length,
    });
  };
}

interface HttpError {
  status?: number;
  type?: string;
}

/** Body errors (bad JSON, too large, bad encoding) as GraphQL errors with the right status, never a stack trace. */
export function graphqlBodyErrors(limits: RequestLimits, logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const { status, type } = (error ?? {}) as HttpError;
    const requestId: unknown = res.locals['requestId'];
    if (type === 'entity.too.large') {
      const limit: LimitOf<'PAYLOAD_TOO_LARGE'> = 'MAX_BODY_BYTES';
      recordHttpRejection('refused', limit);
      logger.info({ requestId, outcome: 'refused', limit, status: statusOf('PAYLOAD_TOO_LARGE', responseMediaType(req)) }, 'graphql request');
      return sendGraphQLError(req, res, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${limits.maxBodyBytes} bytes`, {
        limit,
        max: limits.maxBodyBytes,
      });
    }
    if (typeof status === 'number' && status >= 400 && status < 500) {
      recordHttpRejection('invalid');
      logger.info({ requestId, outcome: 'invalid', reason: type ?? 'unreadable body' }, 'graphql request');
    }
    if (type === 'entity.parse.failed') {
      return sendGraphQLError(req, res, 'BAD_REQUEST', 'The request body is not valid JSON');
    }
    if (type === 'encoding.invalid') {
      return sendGraphQLError(req, res, 'BAD_REQUEST', 'The request body is not valid UTF-8');
    }
    if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
      return sendGraphQLError(req, res, 'UNSUPPORTED_MEDIA_TYPE', 'The request body must be UTF-8 JSON');
    }
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return sendGraphQLError(req, res, 'BAD_REQUEST', 'The request could not be read', {}, status);
    }
    logger.error({ err: error, requestId }, 'unexpected error at /graphql');
    sendGraphQLError(req, res, 'INTERNAL_SERVER_ERROR', 'Internal server error.');
  };
}
