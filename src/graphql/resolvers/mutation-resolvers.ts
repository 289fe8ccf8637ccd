import { SEED_WRITE_SCOPE } from '../../http/auth.js';
import { documentInput } from '../../seed/seed-reader.js';
import { loadSeeds } from '../../seed/seed-loader.js';
import type { GraphQLContext } from '../context.js';
import { forbidden, unauthenticated } from '../errors.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';
import { ledgerError, principalOf } from '../ledger-requests.js';

function writesEnabled(ctx: GraphQLContext): boolean {
  const { seedApiKey, auth } = ctx.config;
  return seedApiKey !== undefined || auth.jwtSecret !== undefined || auth.jwksUrl !== undefined;
}

/**
 * Writes need the SEED_API_KEY as a bearer token, or a JWT whose scope includes `seed:write`; with neither
 * configured they are off. Checked before the operation runs (plugins/auth.ts) and here again, so no path writes
 * without it.
 */
export function requireSeedWriter(ctx: GraphQLContext): void {
  if (!writesEnabled(ctx)) {
    throw forbidden('loadSeed is disabled on this server: set SEED_API_KEY, JWT_SECRET or JWT_JWKS_URL to enable it');
  }
  const credential = ctx.credential ?? { kind: 'none' };
  if (credential.kind === 'none') {
    throw unauthenticated('loadSeed needs an Authorization: Bearer header with the seed API key or a JWT with scope seed:write');
  }
  if (credential.kind === 'invalid') throw unauthenticated(credential.reason);
  if (!credential.principal.scopes.has(SEED_WRITE_SCOPE)) {
    throw forbidden(`loadSeed needs the ${SEED_WRITE_SCOPE} scope, which this token does not grant`);
  }
}

export const mutationResolvers: MutationResolvers = {
  async loadSeed(_root, args, ctx) {
    requireSeedWriter(ctx);
    try {
      return await loadSeeds(ctx.graph, [documentInput(args.document)], {
        dryRun: args.dryRun ?? false,
        principal: principalOf(ctx),
        ledger: ctx.config.ledger,
      });
    } catch (error) {
      throw ledgerError(error);
    }
  },
};
