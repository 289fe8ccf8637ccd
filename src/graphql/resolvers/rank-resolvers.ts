import { GraphQLError } from 'graphql';
import { getLoad } from '../../graph/ledger-loads.js';
import { conflicts, type ConflictPosition } from '../../graph/conflicts.js';
import type { Rank } from '../../model/ranks.js';
import { changeRanks, RankChangeError, type RankChange } from '../../seed/rank-facts.js';
import { decodeOpaque, encodeOpaque, pageInfo } from '../connections.js';
import type { GraphQLContext } from '../context.js';
import { requireSeedWriter } from '../authorization.js';
import { ARGUMENT_BOUNDS as BOUNDS, boundedArg } from '../bounds.js';
import { badInput } from '../errors.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { ledgerError, principalOf } from '../ledger-requests.js';
import type { LoadModel } from '../ledger-models.js';
import { factTypesArg, nonEmptyArg } from '../arguments.js';
import { entityPlan, fieldSelections, relationPlan, subSelections } from '../selection-plan.js';


/** Contested facts over GraphQL: rank changes and retractions (each one load of the ledger), and conflicts. */

const CURSOR_VERSION = 'c1';

function conflictCursor(argument: string, cursor: string | null | undefined): ConflictPosition | null {
  const parts = decodeOpaque(argument, cursor, CURSOR_VERSION);
  if (parts === null) return null;
  if (parts.length !== 4 || !parts.slice(1).every((p) => typeof p === 'string')) throw badInput(argument, 'is not a cursor from this API');
  return { from: parts[1] as string, type: parts[2] as string, to: parts[3] as string };
}

async function rank(ctx: GraphQLContext, ids: readonly string[], value: Rank, reason: string | null, inputName: string): Promise<LoadModel> {
  requireSeedWriter(ctx.config, ctx.credential);
  if (ids.length === 0) throw badInput('ids', 'must name at least one fact');
  const changes: RankChange[] = ids.map((id) => ({ id, rank: value, reason }));
  let loadId: string;
  try {
    loadId = await changeRanks(ctx.graph, changes, { principal: principalOf(ctx), ledger: ctx.config.ledger, inputName });
  } catch (error) {
    if (error instanceof RankChangeError) {
      const argument = error.problems.every((p) => p.message.includes('reason')) ? 'reason' : 'ids';
      throw new GraphQLError(`Argument "${argument}": ${error.message}`, { extensions: { code: 'BAD_USER_INPUT', argument, problems: error.problems } });
    }
    throw ledgerError(error);
  }
  return (await getLoad(ctx.graph, loadId))!;
}

export const rankResolvers: Resolvers = {
  Query: {
    async conflicts(_root, args, ctx, info) {
      const size = boundedArg(BOUNDS.conflictsFirst, args.first, ctx.config.limits);
      const node = subSelections(subSelections(fieldSelections(info), 'edges'), 'node');
      const { limits } = ctx.config;
      const page = await conflicts(
        ctx.graph,
        { entityId: args.entityId ?? null, types: factTypesArg('types', args.types), size, after: conflictCursor('after', args.after) },
        { from: entityPlan(subSelections(node, 'from'), limits), to: entityPlan(subSelections(node, 'to'), limits), fact: relationPlan(subSelections(node, 'facts'), limits) },
      );
      const edges = page.items.map(({ position, conflict }) => ({
        cursor: encodeOpaque([CURSOR_VERSION, position.from, position.type, position.to]),
        node: conflict,
      }));
      return { edges, pageInfo: pageInfo(edges, page.hasNextPage, args.after != null), totalCount: page.total };
    },
  },
  Mutation: {
    retractFact: (_root, args, ctx) => rank(ctx, [args.id], 'DEPRECATED', nonEmptyArg('reason', args.reason), 'retractFact'),
    retractFacts: (_root, args, ctx) => rank(ctx, args.ids, 'DEPRECATED', nonEmptyArg('reason', args.reason), 'retractFacts'),
    rankFact: (_root, args, ctx) => rank(ctx, [args.id], args.rank, args.reason ?? null, 'rankFact'),
    rankFacts: (_root, args, ctx) => rank(ctx, args.ids, args.rank, args.reason ?? null, 'rankFacts'),
  },
};
