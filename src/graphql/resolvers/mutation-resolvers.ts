import { createHash, timingSafeEqual } from 'node:crypto';
import { documentInput } from '../../seed/seed-reader.js';
import { loadSeeds } from '../../seed/seed-loader.js';
import type { GraphQLContext } from '../context.js';
import { forbidden, unauthenticated } from '../errors.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';

/** Compares digests, so neither the key's length nor its content leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Writes need the SEED_API_KEY as a bearer token; without a configured key they are off. */
export function requireSeedWriter(ctx: GraphQLContext): void {
  const expected = ctx.config.seedApiKey;
  if (expected === undefined) throw forbidden('loadSeed is disabled on this server: set SEED_API_KEY to enable it');
  const header = ctx.authorization;
  if (header === undefined) throw unauthenticated('loadSeed needs an Authorization: Bearer <SEED_API_KEY> header');
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match || !sameSecret(match[1]!, expected)) throw unauthenticated('the bearer token is not a valid seed API key');
}

export const mutationResolvers: MutationResolvers = {
  async loadSeed(_root, args, ctx) {
    requireSeedWriter(ctx);
    return loadSeeds(ctx.graph, [documentInput(args.document)], { dryRun: args.dryRun ?? false });
  },
};
