import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { CacheConfig } from '../../config.js';
import type { GraphVersionClock } from '../../graph/graph-version.js';
import { responseCacheTotal } from '../../metrics.js';
import { answerKey, listedTags, type AnswerCache, type TaggedAnswer } from '../answer-cache.js';
import type { GraphQLContext } from '../context.js';

/**
 * Repeated reads without Neo4j, inside the GraphQL pipeline (after authentication and the limits): a query's
 * answer gets an ETag (answer-cache.ts); a request whose If-None-Match holds it gets 304 with no body (GET, APQ GET
 * and POST alike), one whose answer is cached gets it from memory; neither runs Cypher. Mutations, introspection
 * and answers with errors are never cached, and nothing is shared between credentials. The answers it tags are
 * told to the HTTP layer (the context's `answer`), which answers the same request again before this pipeline runs.
 */

/** Introspection answers describe the schema, not the graph (and are off in production): never cached. */
const INTROSPECTION = /\b__(schema|type)\b/;

export interface ResponseCacheOptions {
  config: CacheConfig;
  versions: GraphVersionClock;
  answers: AnswerCache;
}

export function responseCachePlugin({ config, versions, answers }: ResponseCacheOptions): ApolloServerPlugin<GraphQLContext> {
  const noStore = (ctx: GraphQLRequestContext<GraphQLContext>): void => {
    ctx.response.http.headers.set('cache-control', 'no-store');
  };
  return {
    async requestDidStart() {
      let tagged: TaggedAnswer | undefined;
      return {
        async responseForOperation(ctx) {
          if (ctx.operation?.operation !== 'query' || INTROSPECTION.test(ctx.source ?? '')) return null;
          const { request, queryHash, contextValue } = ctx;
          const version = await versions.current();
          if (version === undefined || queryHash === undefined) return null;
          const key = answerKey({
            version,
            queryHash,
            operationName: request.operationName,
            variables: request.variables,
            credential: contextValue.credential,
            mediaType: contextValue.mediaType,
          });
          tagged = { key, version, operationName: ctx.operationName };
          const headers = new HeaderMap([
            ['etag', key],
            ['cache-control', config.cacheControl],
          ]);
          if (listedTags(request.http?.headers.get('if-none-match')).includes(key)) {
            responseCacheTotal.inc({ result: 'not_modified' });
            // Express sends a 304 without its body.
            return { http: { status: 304, headers }, body: { kind: 'single', singleResult: {} } };
          }
          const body = answers.body(key);
          if (body === undefined) {
            responseCacheTotal.inc({ result: 'miss' });
            return null;
          }
          responseCacheTotal.inc({ result: 'hit' });
          return { http: { status: undefined, headers }, body: { kind: 'single', singleResult: JSON.parse(body) as FormattedExecutionResult } };
        },
        async willSendResponse(ctx) {
          const { response, contextValue } = ctx;
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const status = response.http.status ?? 200;
          if (status === 304 && tagged) {
            contextValue.answer?.(tagged);
            return;
          }
          const cacheable = tagged !== undefined && result !== undefined && !result.errors?.length && status < 300;
          if (!cacheable) {
            if (status !== 304) noStore(ctx);
            return;
          }
          response.http.headers.set('etag', tagged!.key);
          response.http.headers.set('cache-control', config.cacheControl);
          answers.keep(tagged!.key, result!);
          contextValue.answer?.(tagged!);
        },
      };
    },
  };
}
