import { readChanges, type FeedChange, type FeedRead } from '../../graph/change-feed-reads.js';
import { afterLoad, FEED_START, type ChangeFilter, type FeedPosition } from '../../graph/change-feed-statements.js';
import { factTypesArg, nonEmptyArg } from '../arguments.js';
import { feedCursor, feedPosition, type ChangeEventModel } from '../change-feed.js';
import { pageInfo, pageSize } from '../connections.js';
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

/**
 * Where a page ends, to go on from (as `after`, or to subscribe): its newest change, an empty page where its span
 * starts (a client polling the feed keeps its place); and a page of the newest changes (backward, no `before`) at
 * the feed's head when it was read, which it reads up to: whoever follows the feed from there reads no load twice.
 */
function endOf(kept: FeedChange[], read: FeedRead, after: FeedPosition): FeedPosition {
  return read.head !== null ? afterLoad(read.head) : (kept.at(-1)?.position ?? after);
}

export const changeResolvers: Resolvers = {
  Query: {
    async changes(_root, args, ctx) {
      const { size, backward } = pageSize(args, ctx.config.limits);
      const after = feedPosition('after', args.after);
      const before = feedPosition('before', args.before);
      const filter = changeFilter(args.where);
      // One more than the page, to tell whether there are more (older ones when backward).
      const read = await readChanges(ctx.graph, { filter, after: after ?? FEED_START, before, limit: size + 1, backward });
      const more = read.changes.length > size;
      const kept = backward ? read.changes.slice(Math.max(0, read.changes.length - size)) : read.changes.slice(0, size);
      const edges = kept.map((row) => ({ cursor: feedCursor(row.position), node: row.change }));
      const info = backward ? pageInfo(edges, before !== null, more) : pageInfo(edges, more, after !== null);
      return { edges, pageInfo: { ...info, endCursor: feedCursor(endOf(kept, read, after ?? FEED_START)) } };
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
