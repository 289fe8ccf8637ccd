import { readChanges } from '../../graph/change-feed-reads.js';
import { FEED_START, type ChangeFilter } from '../../graph/change-feed-statements.js';
import { factTypesArg, nonEmptyArg } from '../arguments.js';
import { ARGUMENT_BOUNDS, boundedArg } from '../bounds.js';
import { feedCursor, feedPosition, type ChangeEventModel } from '../change-feed.js';
import { pageInfo } from '../connections.js';
import type { ChangeWhere, Resolvers } from '../generated/resolvers-types.js';

/** The change feed: `Query.changes` (a page of committed changes) and the `changes` subscription (live). */

function changeFilter(where: ChangeWhere | null | undefined): ChangeFilter {
  const w = where ?? {};
  return {
    entity: w.entity === null || w.entity === undefined ? null : nonEmptyArg('where.entity', w.entity),
    kinds: w.kinds ? [...w.kinds] : null,
    types: factTypesArg('where.types', w.types),
    load: w.load === null || w.load === undefined ? null : nonEmptyArg('where.load', w.load),
  };
}

export const changeResolvers: Resolvers = {
  Query: {
    async changes(_root, args, ctx) {
      const size = boundedArg(ARGUMENT_BOUNDS.changesFirst, args.first, ctx.config.limits);
      const after = feedPosition('after', args.after);
      const filter = changeFilter(args.where);
      const rows = size === 0 ? [] : await readChanges(ctx.graph, { filter, after: after ?? FEED_START, limit: size + 1 });
      const edges = rows.slice(0, size).map((row) => ({ cursor: feedCursor(row.position), node: row.change }));
      const info = pageInfo(edges, rows.length > size, after !== null);
      // An empty page ends where it started: a client polling the feed keeps its place.
      return { edges, pageInfo: { ...info, endCursor: info.endCursor ?? args.after ?? null } };
    },
  },
  Subscription: {
    changes: {
      subscribe: (_root, args, ctx) => ctx.feed.subscribe(changeFilter(args.where), feedPosition('after', args.after)),
      // Each event the feed yields is the field's value.
      resolve: (event: ChangeEventModel) => event,
    },
  },
};
