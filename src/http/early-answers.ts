import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { GraphVersionClock } from '../graph/graph-version.js';
import { credentialScope, listedTags, type AnswerCache, type TaggedAnswer } from '../graphql/answer-cache.js';
import type { Credential } from '../graphql/authorization.js';
import { recordGraphQLRequest } from '../graphql/plugins/observability.js';
import type { Logger } from '../logger.js';
import { responseCacheTotal } from '../metrics.js';
import type { Authenticator } from './auth.js';

/**
 * Repeated queries answered before Express hands them to Apollo. Apollo's verdict on a request (the HTTP checks,
 * parsing, validation, authentication, the limits) is a function of what it receives: the method, the URL, the
 * parsed body, a few headers and the credential's scope. So a request that received exactly that before, and was
 * answered 200 or 304 under an ETag at the graph version that holds now, gets the same verdict again: a 304 when its
 * If-None-Match lists that ETag, else the cached body when the response cache still holds it. Everything else
 * (first sight, another version, a credential that no longer verifies, a refusal) goes through Apollo, whose
 * response cache plugin tags what it answers; `learn` then remembers the request with it (answer-cache.ts).
 */

/** The request headers besides Authorization that Apollo or this server read before executing an operation. */
const VERDICT_HEADERS = ['content-type', 'accept', 'x-apollo-operation-name', 'apollo-require-preflight'] as const;

interface EarlyState {
  credential: Credential;
  fingerprint: string;
  tagged?: TaggedAnswer;
}

const STATE = 'earlyAnswers';

function stateOf(res: Response): EarlyState | undefined {
  return res.locals[STATE] as EarlyState | undefined;
}

/** What Apollo's verdict on a request depends on, hashed. */
function fingerprintOf(req: Request, credential: Credential): string {
  const hash = createHash('sha256').update(req.method).update('\u0000').update(req.url).update('\u0000');
  for (const header of VERDICT_HEADERS) {
    const value = req.headers[header];
    hash.update(Array.isArray(value) ? value.join(', ') : (value ?? '')).update('\u0000');
  }
  return hash.update(credentialScope(credential)).update('\u0000').update(JSON.stringify(req.body ?? null)).digest('base64url');
}

export interface EarlyAnswerOptions {
  answers: AnswerCache;
  versions: GraphVersionClock;
  authenticator: Authenticator;
  cacheControl: string;
  logger: Logger;
}

export interface EarlyAnswers {
  /** Answers a known request, else passes it on (with its credential verified once for both). */
  answer: RequestHandler;
  /** The request's credential, verified once. */
  credential(req: Request, res: Response): Promise<Credential>;
  /** Where the response cache plugin tells of the answer it tagged. */
  tell(res: Response): (tagged: TaggedAnswer) => void;
  /** After Apollo answered: remembers a tagged request that went out as 200 or 304. */
  learn(res: Response): void;
}

export function earlyAnswers({ answers, versions, authenticator, cacheControl, logger }: EarlyAnswerOptions): EarlyAnswers {
  const answer: RequestHandler = async (req, res, next) => {
    const started = process.hrtime.bigint();
    if (req.method !== 'GET' && req.method !== 'POST') return next();
    const credential = await authenticator.authenticate(req.headers.authorization);
    const state: EarlyState = { credential, fingerprint: fingerprintOf(req, credential) };
    res.locals[STATE] = state;
    const version = await versions.current();
    const route = version === undefined ? undefined : answers.route(state.fingerprint, version);
    if (route === undefined) return next();
    const notModified = listedTags(req.headers['if-none-match']).includes(route.key);
    const body = notModified || route.contentType === undefined ? undefined : answers.body(route.key);
    if (!notModified && body === undefined) return next();
    res.setHeader('etag', route.key);
    res.setHeader('cache-control', cacheControl);
    if (notModified) {
      res.status(304).end();
    } else {
      res.status(200).setHeader('content-type', route.contentType!);
      res.send(body);
    }
    const result = notModified ? 'not_modified' : 'hit';
    responseCacheTotal.inc({ result });
    recordGraphQLRequest(logger.child({ requestId: String(res.locals['requestId']) }), {
      operationName: route.operationName,
      type: 'query',
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      roundTrips: 0,
      outcome: 'ok',
      status: res.statusCode,
      early: result,
    });
  };
  return {
    answer,
    credential: async (req, res) => stateOf(res)?.credential ?? authenticator.authenticate(req.headers.authorization),
    tell: (res) => (tagged) => {
      const state = stateOf(res);
      if (state) state.tagged = tagged;
    },
    learn(res) {
      const state = stateOf(res);
      if (!state?.tagged || (res.statusCode !== 200 && res.statusCode !== 304)) return;
      const type = res.statusCode === 200 ? res.getHeader('content-type') : undefined;
      answers.remember(state.fingerprint, state.tagged, typeof type === 'string' ? type : undefined);
    },
  };
}
