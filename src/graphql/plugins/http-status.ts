import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../context.js';

/**
 * GraphQL over HTTP: a client that accepts only application/json gets 200 for every well-formed request, request
 * errors included (parse, validation, limits), as the specification asks; application/graphql-response+json keeps
 * Apollo's 4xx. Authentication (401/403) and method (405) statuses stay as they are.
 */
export const httpStatusPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (contextValue.mediaType === 'application/json' && response.http.status === 400) response.http.status = 200;
      },
    };
  },
};
