import { createHash } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import type { GraphVersionClock } from '../graph/graph-version.js';
import { credentialScope, listedTags, type AnswerCache, type AnswerRoute, type TaggedAnswer } from '../graphql/answer-cache.js';
import type { Credential } from '../graphql/authorization.js';
import { recordGraphQLRequest } from '../graphql/plugins/observability.js';
import type { Logger } from '../logger.js';
import { responseCacheTotal } from '../metrics.js';
import type { Authenticator } from './auth.js';
import { assignRequestId, type GraphQLBody } from './graphql-http.js';

/**
 * Repeated queries answered before Express and Apollo run. Apollo's verdict on a request (the HTTP checks,
 * parsing, validation, authentication, the limits) is a function of what it receives: the method, the URL, the
 * parsed body, a few headers and the credential's scope. So a request that received exactly that before, and was
 * answered 200 or 304 under an ETag at the graph version that holds now, gets the same verdict again: a 304 when its
 * If-None-Match lists that ETag, else the cached body when the response cache still holds it. Everything else
 * (first sight, another version, a credential that no longer verifies, a refusal) goes on to Express and Apollo,
 * whose response cache plugin tags what it answers; `learn` then remembers the request with it (answer-cache.ts).
 *
 * Express alone would halve the throughput of these answers (its router, and its request and response objects),
 * so they are given on Node's own request and response: the same CORS handler and the same body parser run
 * first, and a request not answered goes to Express with its body read (or the error met reading it) and its
 * credential verified, so that nothing is done twice.
 */

/** The request headers besides Authorization that Apollo or this server read before executing an operation. */
const VERDICT_HEADERS = ['content-type', 'accept', 'x-apollo-operation-name', 'apollo-require-preflight'] as const;

/**
 * Bodies larger than this (as declared) are neither answered early nor remembered: hashing a seed load's megabytes
 * on every request would cost more than early answers save, and dashboards' queries are a few hundred bytes.
 */
const MAX_EARLY_BODY_BYTES = 64 * 1024;

const GRAPHQL_PATH = '/graphql';

interface EarlyState {
  credential: Credential;
  fingerprint: string;
  tagged?: TaggedAnswer;
}

/** What Apollo's verdict on a request depends on, hashed. */
function fingerprintOf(req: IncomingMessage & { body?: unknown }, url: string, credential: Credential): string {
  const hash = createHash('sha256').update(req.method ?? '').update('\u0000').update(url).update('\u0000');
  for (const header of VERDICT_HEADERS) {
    const value = req.headers[header];
    hash.update(Array.isArray(value) ? value.join(', ') : (value ?? '')).update('\u0000');
  }
  return hash.update(credentialScope(credential)).update('\u0000').update(JSON.stringify(req.body ?? null)).digest('base64url');
}

/** Requests answered early: GET and small identity-encoded POSTs at exactly /graphql (anything else takes Express's way). */
function eligible(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  if (url !== GRAPHQL_PATH && !url.startsWith(`${GRAPHQL_PATH}?`)) return false;
  if (req.method === 'GET') return true;
  if (req.method !== 'POST') return false;
  const { 'content-length': length, 'content-encoding': encoding, 'transfer-encoding': transfer } = req.headers;
  return length !== undefined && Number(length) <= MAX_EARLY_BODY_BYTES && (encoding === undefined || encoding === 'identity') && transfer === undefined;
}

export interface EarlyAnswerOptions {
  answers: AnswerCache;
  versions: GraphVersionClock;
  authenticator: Authenticator;
  /** The CORS handler of /graphql, run first as Express would. */
  cors: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
  body: GraphQLBody;
  cacheControl: string;
  logger: Logger;
}

export interface EarlyAnswers {
  /** Node's request listener: answers a known request, else hands it to `next` (the Express app). */
  listener(next: RequestListener): RequestListener;
  /** For Express, before Apollo: the credential and fingerprint of a request the listener did not see. */
  remember: RequestHandler;
  /** The request's credential, verified once. */
  credential(req: Request): Promise<Credential>;
  /** Where the response cache plugin tells of the answer it tagged. */
  tell(req: Request): (tagged: TaggedAnswer) => void;
  /** After Apollo answered: remembers a tagged request that went out as 200 or 304. */
  learn(req: Request, res: ServerResponse): void;
}

export function earlyAnswers(options: EarlyAnswerOptions): EarlyAnswers {
  const { answers, versions, authenticator, cors, body, cacheControl, logger } = options;
  const states = new WeakMap<IncomingMessage, EarlyState>();

  async function stateOf(req: IncomingMessage, url: string): Promise<EarlyState> {
    const known = states.get(req);
    if (known) return known;
    const credential = await authenticator.authenticate(req.headers.authorization);
    const state: EarlyState = { credential, fingerprint: fingerprintOf(req, url, credential) };
    states.set(req, state);
    return state;
  }

  function send(req: IncomingMessage, res: ServerResponse, route: AnswerRoute, notModified: boolean, text: string | undefined, started: bigint): void {
    const requestId = assignRequestId(req, res);
    res.setHeader('etag', route.key);
    res.setHeader('cache-control', cacheControl);
    if (notModified) {
      res.statusCode = 304;
      res.end();
    } else {
      res.statusCode = 200;
      res.setHeader('content-type', route.contentType!);
      res.setHeader('content-length', Buffer.byteLength(text!));
      res.end(text);
    }
    const result = notModified ? 'not_modified' : 'hit';
    responseCacheTotal.inc({ result });
    recordGraphQLRequest(logger.child({ requestId }), {
      operationName: route.operationName,
      type: 'query',
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      roundTrips: 0,
      outcome: 'ok',
      status: res.statusCode,
      early: result,
    });
  }

  /** True when the request was answered. */
  async function answer(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const started = process.hrtime.bigint();
    const corsError = await new Promise<unknown>((resolve) => cors(req, res, resolve));
    if (corsError !== undefined && corsError !== null) return false;
    if (req.method === 'POST' && !(await body.read(req, res))) return false;
    const state = await stateOf(req, req.url ?? '');
    const version = await versions.current();
    const route = version === undefined ? undefined : answers.route(state.fingerprint, version);
    if (route === undefined) return false;
    const notModified = listedTags(req.headers['if-none-match']).includes(route.key);
    const text = notModified || route.contentType === undefined ? undefined : answers.body(route.key);
    if (!notModified && text === undefined) return false;
    send(req, res, route, notModified, text, started);
    return true;
  }

  return {
    listener: (next) => (req, res) => {
      if (!eligible(req)) return next(req, res);
      answer(req, res).then(
        (answered) => {
          if (!answered) next(req, res);
        },
        // Express answers it (an error met reading the body is kept for its handlers).
        () => {
          if (!res.headersSent) next(req, res);
        },
      );
    },
    remember: async (req, _res, next) => {
      if (Number(req.headers['content-length'] ?? 0) <= MAX_EARLY_BODY_BYTES) await stateOf(req, req.originalUrl);
      next();
    },
    credential: async (req) => states.get(req)?.credential ?? authenticator.authenticate(req.headers.authorization),
    tell: (req) => (tagged) => {
      const state = states.get(req);
      if (state) state.tagged = tagged;
    },
    learn(req, res) {
      const state = states.get(req);
      if (!state?.tagged || (res.statusCode !== 200 && res.statusCode !== 304)) return;
      const type = res.statusCode === 200 ? res.getHeader('content-type') : undefined;
      answers.remember(state.fingerprint, state.tagged, typeof type === 'string' ? type : undefined);
    },
  };
}
