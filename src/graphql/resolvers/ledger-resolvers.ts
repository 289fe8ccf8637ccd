import type { Limits } from '../../config.js';
import { getLoad } from '../../graph/ledger-loads.js';
import { countChanges, countLoads, loadChanges, loadsPage, recordHistory, type PageOf, type SeqPage } from '../../graph/ledger-reads.js';
import type { RecordCategory } from '../../graph/ledger-schema.js';
import { revertLoad } from '../../seed/revert.js';
import { decodeOpaque, encodeOpaque, pageInfo, pageSize, type PageArgs, type PageInfoModel } from '../connections.js';
import type { GraphQLContext } from '../context.js';
import { badInput } from '../errors.js';
import { ledgerError, principalOf } from '../ledger-requests.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import type { ChangeConnectionModel, LoadModel } from '../ledger-models.js';
import { requireSeedWriter } from '../authorization.js';

/** The load ledger over GraphQL: loads, their changes, records' histories, and reverts. */

const CURSOR_VERSION = 's1';

function seqPage(args: PageArgs, limits: Limits): SeqPage {
  const decode = (argument: string, cursor: string | null | undefined): number | null => {
    const parts = decodeOpaque(argument, cursor, CURSOR_VERSION);
    if (parts === null) return null;
    if (parts.length !== 2 || !Number.isInteger(parts[1])) throw badInput(argument, 'is not a cursor from this API');
    return parts[1] as number;
  };
  return { ...pageSize(args, limits), after: decode('after', args.after), before: decode('before', args.before) };
}

function connection<T>(
  page: PageOf<T>,
  count: () => Promise<number>,
): { edges: Array<{ cursor: string; node: T }>; pageInfo: PageInfoModel; count: () => Promise<number> } {
  const edges = page.items.map(({ seq, item }) => ({ cursor: encodeOpaque([CURSOR_VERSION, seq]), node: item }));
  return { edges, pageInfo: pageInfo(edges, page.hasNextPage, page.hasPreviousPage), count };
}

async function history(recordId: string, category: RecordCategory, args: PageArgs, ctx: GraphQLContext): Promise<ChangeConnectionModel> {
  const page = await recordHistory(ctx.graph, recordId, category, seqPage(args, ctx.config.limits));
  return connection(page, () => countChanges(ctx.graph, { recordId, category }));
}

const entityHistory = (parent: { id: string }, args: PageArgs, ctx: GraphQLContext): Promise<ChangeConnectionModel> =>
  history(parent.id, 'ENTITY', args, ctx);

async function loadById(ctx: GraphQLContext, id: string | null): Promise<LoadModel | null> {
  return id === null ? null : getLoad(ctx.graph, id);
}

export const ledgerResolvers: Resolvers = {
  Query: {
    async loads(_root, args, ctx) {
      const status = args.status ?? null;
      return connection(await loadsPage(ctx.graph, status, seqPage(args, ctx.config.limits)), () => countLoads(ctx.graph, status));
    },
    async load(_root, args, ctx) {
      return getLoad(ctx.graph, args.id);
    },
  },
  Mutation: {
    async revertLoad(_root, args, ctx) {
      requireSeedWriter(ctx.config, ctx.credential);
      try {
        return await revertLoad(ctx.graph, args.id, {
          dryRun: args.dryRun ?? false,
          force: args.force ?? false,
          principal: principalOf(ctx),
          ledger: ctx.config.ledger,
        });
      } catch (error) {
        throw ledgerError(error);
      }
    },
  },
  LoadConnection: { totalCount: (c) => c.count() },
  LoadChangeConnection: { totalCount: (c) => c.count() },
  Load: {
    reverts: (load, _args, ctx) => loadById(ctx, load.reverts),
    revertedBy: (load, _args, ctx) => loadById(ctx, load.revertedBy),
    commitSequence: (load) => load.commitSeq,
    async changes(load, args, ctx) {
      const page = await loadChanges(ctx.graph, load, seqPage(args, ctx.config.limits));
      return connection(page, () => countChanges(ctx.graph, { load }));
    },
  },
  RevertReport: {
    async load(report, _args, ctx) {
      return loadById(ctx, report.loadId);
    },
    async reverted(report, _args, ctx) {
      return (await getLoad(ctx.graph, report.reverted.id)) ?? report.reverted;
    },
  },
  RevertConflict: {
    async loads(conflict, _args, ctx) {
      const loads = await Promise.all(conflict.loads.map((id) => getLoad(ctx.graph, id)));
      return loads.filter((l) => l !== null);
    },
  },
  Country: { history: entityHistory },
  Person: { history: entityHistory },
  Organization: { history: entityHistory },
  Treaty: { history: entityHistory },
  Relation: { history: (fact, args, ctx) => history(fact.id, 'FACT', args, ctx) },
  Source: { history: (source, args, ctx) => history(source.id, 'SOURCE', args, ctx) },
};
