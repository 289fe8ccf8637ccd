import { createHash } from 'node:crypto';
import type { FormattedExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { CacheConfig } from '../config.js';
import type { GraphVersion } from '../graph/graph-version.js';
import { responseCacheBytes, responseCacheEvictionsTotal } from '../metrics.js';
import type { Credential } from './authorization.js';

/**
 * What the server knows of answers to queries. An answer is a function of the graph version, the document, the
 * operation, the variables and who asks (the credential's scope), so those name it: `answerKey`, which is both its
 * ETag and its key among the cached bodies (bounded by bytes). Beside the bodies, the requests that reached a key
 * (`AnswerRoute`): a request seen before, at the same version, can be answered from here before the GraphQL
 * pipeline runs, with the verdict that pipeline gave it.
 */

/** JSON with object keys sorted, so that the same variables in another order name the same answer. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Whose answer it is: anonymous, or one principal (the same token always maps to the same scope). */
export function credentialScope(credential: Credential): string {
  if (credential.kind !== 'valid') return credential.kind;
  const { via, subject, scopes } = credential.principal;
  return `${via}:${subject}:${[...scopes].sort().join(' ')}`;
}

/** The opaque strings an If-None-Match header lists (weak or strong: a GraphQL answer has one representation). */
export function listedTags(header: string | undefined): string[] {
  if (!header) return [];
  return header.split(',').map((t) => t.trim().replace(/^W\//, ''));
}

/** The body of a single GraphQL result as sent (Apollo's `stringifyResult`): one serialization for both paths. */
export function stringifyResult(result: FormattedExecutionResult): string {
  return `${JSON.stringify(result)}\n`;
}

export interface AnswerKeyParts {
  version: GraphVersion;
  /** SHA-256 of the document (Apollo's queryHash; an automatic persisted query's hash is the same). */
  queryHash: string;
  operationName: string | null | undefined;
  variables: Record<string, unknown> | undefined;
  credential: Credential;
  mediaType: string;
}

/** The ETag, and the cache key, of a query's answer. */
export function answerKey({ version, queryHash, operationName, variables, credential, mediaType }: AnswerKeyParts): string {
  const parts = [version, queryHash, operationName ?? '', canonicalJson(variables ?? {}), credentialScope(credential), mediaType];
  return `"${createHash('sha256').update(parts.join('\u0000')).digest('base64url')}"`;
}

/** A cacheable answer as the response cache plugin tagged it. */
export interface TaggedAnswer {
  key: string;
  version: GraphVersion;
  /** The operation's name, as the request metrics and logs show it. */
  operationName: string | null;
}

/** A request that was answered 200 or 304 under `key` at `version`, and the Content-Type it was given. */
export interface AnswerRoute extends TaggedAnswer {
  contentType: string | undefined;
}

/** Requests remembered with the answer they reached; each entry is a few hundred bytes. */
const MAX_ROUTES = 10_000;

export class AnswerCache {
  private readonly bodies: LRUCache<string, string> | undefined;
  private readonly routes = new LRUCache<string, AnswerRoute>({ max: MAX_ROUTES });

  constructor(config: CacheConfig) {
    this.bodies =
      config.responseBytes > 0
        ? new LRUCache<string, string>({
            maxSize: config.responseBytes,
            // Bytes as sent (UTF-8), as RESPONSE_CACHE_BYTES and the bytes gauge say: not UTF-16 code units.
            sizeCalculation: (body) => Math.max(1, Buffer.byteLength(body)),
            dispose: (_body, _key, reason) => {
              if (reason === 'evict') responseCacheEvictionsTotal.inc();
            },
          })
        : undefined;
  }

  /** The body sent for `key`, when it is still held. */
  body(key: string): string | undefined {
    return this.bodies?.get(key);
  }

  /** Holds the answer sent for `key` (serialized as it is sent), unless it is held already. */
  keep(key: string, result: FormattedExecutionResult): void {
    if (!this.bodies || this.bodies.has(key)) return;
    // Apollo sends the fields in this order (errors, data, extensions).
    this.bodies.set(key, stringifyResult({ errors: result.errors, data: result.data, extensions: result.extensions }));
    responseCacheBytes.set(this.bodies.calculatedSize);
  }

  /** The answer a request reached at `version`, if it was seen at that version. */
  route(fingerprint: string, version: GraphVersion): AnswerRoute | undefined {
    const route = this.routes.get(fingerprint);
    return route?.version === version ? route : undefined;
  }

  /** Remembers that a request reached `answer`; a 304 (no Content-Type) keeps the type a 200 gave it before. */
  remember(fingerprint: string, answer: TaggedAnswer, contentType: string | undefined): void {
    const known = this.routes.get(fingerprint);
    const type = contentType ?? (known?.key === answer.key ? known.contentType : undefined);
    this.routes.set(fingerprint, { ...answer, contentType: type });
  }
}
