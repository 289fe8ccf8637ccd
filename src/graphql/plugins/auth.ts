import type { ApolloServerPlugin } from '@apollo/server';
import type { Config } from '../../config.js';
import { requireSeedWriter } from '../authorization.js';
import type { GraphQLContext } from '../context.js';
import { unauthenticated } from '../errors.js';

/**
 * Who may run an operation, decided once it is known and before anything executes: a credential that fails
 * verification is refused outright (401), mutations need the seed:write scope, and reads need any valid
 * credential when AUTH_REQUIRED_FOR_READS is set.
 */
export function authPlugin(config: Config): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          const { credential } = contextValue;
          if (credential.kind === 'invalid') throw unauthenticated(credential.reason);
          if (operation?.operation === 'mutation') {
            requireSeedWriter(config, credential);
          } else if (config.auth.requiredForReads && credential.kind !== 'valid') {
            throw unauthenticated('This server needs credentials for reads: send Authorization: Bearer <API key or JWT>');
          }
        },
      };
    },
  };
}
