import type { GraphQLResolveInfo } from 'graphql';
import {
  getEntity,
  getNode,
  listEntities,
  neighborhood,
  paths,
  relationTypes,
  searchEntities,
  timeline,
} from '../../graph/read-queries.js';
import { getLoad } from '../../graph/ledger-loads.js';
import { LOAD_ID_PREFIX } from '../../graph/ledger-schema.js';
import type { EntityFilter } from '../../graph/read-statements.js';
import type { SortDirection, SortField } from '../../graph/paging.js';
import type { EntityKindName } from '../../model/kinds.js';
import { asOfArg, dateArg, factTypesArg, knownAtArg, nonEmptyArg, rankSelectionArg } from '../arguments.js';
import { ARGUMENT_BOUNDS as BOUNDS, boundedArg } from '../bounds.js';
import { encodeCursor, pageInfo, pageRequest, type ConnectionModel, type PageArgs } from '../connections.js';
import type { GraphQLContext } from '../context.js';
import { badInput } from '../errors.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { entityPlan, fieldSelections, relationPlan, selects, subSelections } from '../selection-plan.js';
import { reconcileResolver } from './reconcile-resolvers.js';

/** Root query fields: each plans its whole selection and answers it with one Cypher statement. */

function idArg(name: string, value: string): string {
  return nonEmptyArg(name, value);
}

async function connection(
  ctx: GraphQLContext,
  info: GraphQLResolveInfo,
  kind: EntityKindName,
  filter: EntityFilter,
  order: { field: SortField; direction: SortDirection },
  args: PageArgs,
): Promise<ConnectionModel> {
  const selections = fieldSelections(info);
  const plan = entityPlan(subSelections(subSelections(selections, 'edges'), 'node'), ctx.config.limits);
  const request = pageRequest(args, order.field, order.direction, ctx.config.limits, selects(selections, 'totalCount'));
  const page = await listEntities(ctx.graph, kind, filter, request, plan);
  const edges = page.items.map((item) => ({ cursor: encodeCursor(order.field, item.position), node: item.node }));
  return { edges, pageInfo: pageInfo(edges, page.hasNextPage, page.hasPreviousPage), totalCount: page.total };
}

const DEFAULT_ORDER = { field: 'NAME', direction: 'ASC' } as const;

function dateFilter(where: { signedFrom?: string | null; signedTo?: string | null } | null | undefined): void {
  dateArg('where.signedFrom', where?.signedFrom);
  dateArg('where.signedTo', where?.signedTo);
}

export const queryResolvers: QueryResolvers = {
  reconcile: reconcileResolver,

  async node(_root, args, ctx, info) {
    if (args.id.startsWith(LOAD_ID_PREFIX)) {
      const load = await getLoad(ctx.graph, args.id);
      return load && { ...load, __typename: 'Load' as const };
    }
    const selections = fieldSelections(info);
    const knownAt = knownAtArg('knownAt', args.knownAt);
    return getNode(
      ctx.graph,
      idArg('id', args.id),
      { entity: entityPlan(selections, ctx.config.limits), relation: relationPlan(selections, ctx.config.limits) },
      knownAt,
    );
  },

  async entity(_root, args, ctx, info) {
    const knownAt = knownAtArg('knownAt', args.knownAt);
    return getEntity(ctx.graph, idArg('id', args.id), entityPlan(fieldSelections(info), ctx.config.limits), knownAt);
  },

  async search(_root, args, ctx, info) {
    const first = boundedArg(BOUNDS.searchFirst, args.first, ctx.config.limits);
    if (args.text.length > 500) throw badInput('text', 'must be at most 500 characters');
    return searchEntities(ctx.graph, { text: args.text, kinds: args.kinds ?? null, first }, entityPlan(fieldSelections(info), ctx.config.limits));
  },

  async neighborhood(_root, args, ctx, info) {
    const { limits } = ctx.config;
    const selections = fieldSelections(info);
    return neighborhood(
      ctx.graph,
      {
        id: idArg('id', args.id),
        depth: boundedArg(BOUNDS.neighborhoodDepth, args.depth, limits) as 1 | 2 | 3,
        relationTypes: factTypesArg('relationTypes', args.relationTypes),
        kinds: args.kinds ?? null,
        asOf: asOfArg('asOf', args.asOf),
        rank: rankSelectionArg(args.rank),
        knownAt: knownAtArg('knownAt', args.knownAt),
        limit: boundedArg(BOUNDS.neighborhoodLimit, args.limit, limits),
      },
      {
        node: entityPlan(subSelections(selections, 'nodes'), limits),
        edge: relationPlan(subSelections(selections, 'edges'), limits),
      },
    );
  },

  async paths(_root, args, ctx, info) {
    const { limits } = ctx.config;
    const selections = fieldSelections(info);
    return paths(
      ctx.graph,
      {
        fromId: idArg('fromId', args.fromId),
        toId: idArg('toId', args.toId),
        maxHops: boundedArg(BOUNDS.pathsMaxHops, args.maxHops, limits),
        relationTypes: factTypesArg('relationTypes', args.relationTypes),
        rank: rankSelectionArg(args.rank),
        first: boundedArg(BOUNDS.pathsFirst, args.first, limits),
      },
      {
        node: entityPlan(subSelections(selections, 'nodes'), limits),
        edge: relationPlan(subSelections(selections, 'edges'), limits),
      },
    );
  },

  async timeline(_root, args, ctx, info) {
    return timeline(
      ctx.graph,
      {
        id: idArg('id', args.id),
        from: dateArg('from', args.from),
        to: dateArg('to', args.to),
        rank: rankSelectionArg(args.rank),
        knownAt: knownAtArg('knownAt', args.knownAt),
        first: boundedArg(BOUNDS.timelineFirst, args.first, ctx.config.limits),
      },
      relationPlan(fieldSelections(info), ctx.config.limits),
    );
  },

  async countries(_root, args, ctx, info) {
    return connection(ctx, info, 'COUNTRY', args.where ?? {}, args.orderBy ?? DEFAULT_ORDER, args);
  },

  async people(_root, args, ctx, info) {
    return connection(ctx, info, 'PERSON', args.where ?? {}, args.orderBy ?? DEFAULT_ORDER, args);
  },

  async organizations(_root, args, ctx, info) {
    return connection(ctx, info, 'ORGANIZATION', args.where ?? {}, args.orderBy ?? DEFAULT_ORDER, args);
  },

  async treaties(_root, args, ctx, info) {
    dateFilter(args.where);
    return connection(ctx, info, 'TREATY', args.where ?? {}, args.orderBy ?? DEFAULT_ORDER, args);
  },

  async relationTypes(_root, _args, ctx) {
    return relationTypes(ctx.graph);
  },
};
