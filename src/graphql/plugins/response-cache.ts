import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { CacheConfig } from '../../config.js';
import type { GraphVersionClock } from '../../graph/graph-version.js';
import { responseCacheBytes, responseCacheEvictionsTotal, responseCacheTotal } from '../../metrics.js';
import type { Credential } from '../authorization.js';
import type { GraphQLContext } from '../context.js';

/**
 * Repeated reads without Neo4j. A query's answer is a function of the graph version, the document, the operation,
 * the variables and who asks (the credential's scope), so those name it: its ETag, and its key in an in-process
 * cache bounded by bytes. A request whose If-None-Match holds the ETag gets 304 with no body (GET, APQ GET and
 * POST alike), one whose answer is cached gets it from memory; neither runs Cypher. Mutations, introspection
 * and answers with errors are never cached, and nothing is shared between credentials.
 */

/** Introspection answers describe the schema, not the graph (and are off in production): never cached. */
const INTROSPECTION = /\b__(schema|type)\b/;

/** JSON with object keys sorted, so that the same variables in another order name the same answer. */
function canonicalJson(value: unknown): string {
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
function listedTags(header: string | undefined): string[] {
  if (!header) return [];
  return header.split(',').map((t) => t.trim().replace(/^W\//, ''));
}

interface Entry {
  result: FormattedExecutionResult;
  bytes: number;
}

export interface ResponseCacheOptions {
  config: CacheConfig;
  versions: GraphVersionClock;
}

/** The ETag and cache key of a query at a graph version, or undefined when the request must not be cached. */
function keyOf(ctx: GraphQLRequestContext<GraphQLContext>, version: string): string {
  const { request, queryHash, operationName, contextValue } = ctx;
  const parts = [version, queryHash, operationName ?? '', canonicalJson(request.variables ?? {}), credentialScope(contextValue.credential), contextValue.mediaType];
  return `"${createHash('sha256').update(parts.join('\u0000')).digest('base64url')}"`;
}

export function responseCachePlugin({ config, versions }: ResponseCacheOptions): ApolloServerPlugin<GraphQLContext> {
  const cache =
    config.responseBytes > 0
      ? new LRUCache<string, Entry>({
          maxSize: config.responseBytes,
          sizeCalculation: (entry) => Math.max(1, entry.bytes),
          dispose: (_entry, _key, reason) => {
            if (reason === 'evict') responseCacheEvictionsTotal.inc();
          },
        })
      : undefined;
  const noStore = (ctx: GraphQLRequestContext<GraphQLContext>): void => {
    ctx.response.http.headers.set('cache-control', 'no-store');
  };
  return {
    async requestDidStart() {
      let key: string | undefined;
      return {
        async responseForOperation(ctx) {
          if (ctx.operation?.operation !== 'query' || INTROSPECTION.test(ctx.source ?? '')) return null;
          const version = await versions.current();
          if (version === undefined) return null;
          key = keyOf(ctx, version);
          const headers = new HeaderMap([
            ['etag', key],
            ['cache-control', config.cacheControl],
          ]);
          if (listedTags(ctx.request.http?.headers.get('if-none-match')).includes(key)) {
            responseCacheTotal.inc({ result: 'not_modified' });
            // Express sends a 304 without its body.
            return { http: { status: 304, headers }, body: { kind: 'single', singleResult: {} } };
          }
          const entry = cache?.get(key);
          if (entry === undefined) {
            responseCacheTotal.inc({ result: 'miss' });
            return null;
          }
          responseCacheTotal.inc({ result: 'hit' });
          return { http: { status: undefined, headers }, body: { kind: 'single', singleResult: entry.result } };
        },
        async willSendResponse(ctx) {
          const { response } = ctx;
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const cacheable = key !== undefined && result !== undefined && !result.errors?.length && (response.http.status ?? 200) < 300;
          if (!cacheable) {
            if (response.http.status !== 304) noStore(ctx);
            return;
          }
          response.http.headers.set('etag', key!);
          response.http.headers.set('cache-control', config.cacheControl);
          if (cache && !cache.has(key!)) {
            cache.set(key!, { result: result!, bytes: JSON.stringify(result).length });
            responseCacheBytes.set(cache.calculatedSize);
          }
        },
      };
    },
  };
}
