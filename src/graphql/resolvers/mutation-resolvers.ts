import { documentInput } from '../../seed/seed-reader.js';
import { loadSeeds } from '../../seed/seed-loader.js';
import { requireSeedWriter } from '../authorization.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';
import { ledgerError, principalOf } from '../ledger-requests.js';

export const mutationResolvers: MutationResolvers = {
  async loadSeed(_root, args, ctx) {
    requireSeedWriter(ctx.config, ctx.credential);
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
