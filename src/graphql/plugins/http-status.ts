import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../context.js';
import { ERROR_CODES, isErrorCode } from '../error-codes.js';

/** Errors of a well-formed request (the document or its variables are wrong, or it broke a limit): 200 for JSON. */
function isRequestError(code: unknown): boolean {
  return isErrorCode(code) && ERROR_CODES[code].status === 400 && ERROR_CODES[code].jsonStatus === 200;
}

/**
 * GraphQL over HTTP: a client that accepts only application/json gets 200 for every well-formed request, request
 * errors included (parse, validation, limits), as the specification asks; application/graphql-response+json keeps
 * Apollo's 4xx. A malformed request (no query, bad parameters) keeps its 400, and authentication (401/403) and
 * method (405) statuses stay as they are.
 */
export const httpStatusPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (contextValue.mediaType !== 'application/json' || response.http.status !== 400) return;
        const body = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
        const wellFormed = (body.errors ?? []).every((e) => {
          return isRequestError(e.extensions?.['code']) || typeof e.extensions?.['limit'] === 'string';
        });
        if (wellFormed) response.http.status = 200;
      },
    };
  },
};
