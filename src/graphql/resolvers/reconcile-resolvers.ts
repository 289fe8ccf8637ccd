import { checkReconcileInputs, reconcile, ReconcileInputError } from '../../graph/reconcile-cypher.js';
import type { GraphQLContext } from '../context.js';
import { badInput } from '../errors.js';
import type { QueryReconcileArgs, ResolverFn, ResolversTypes } from '../generated/resolvers-types.js';
import { entityPlan, fieldSelections, subSelections } from '../selection-plan.js';

/** `Query.reconcile`: the whole batch in one call of the engine (one round trip, two when entities' lists are asked). */
export const reconcileResolver: ResolverFn<Array<ResolversTypes['ReconcileResult']>, unknown, GraphQLContext, QueryReconcileArgs> = async (
  _root,
  args,
  ctx,
  info,
) => {
  let requests;
  try {
    requests = checkReconcileInputs(
      args.queries.map((q) => ({ query: q.query, kinds: q.kind ? [q.kind] : null, properties: q.properties?.map((p) => ({ pid: p.pid, values: [p.v] })), limit: q.limit })),
      ctx.config.limits.maxReconcileQueries,
    );
  } catch (error) {
    if (error instanceof ReconcileInputError) throw badInput(error.at, error.problem);
    throw error;
  }
  const plan = entityPlan(subSelections(subSelections(fieldSelections(info), 'candidates'), 'entity'), ctx.config.limits);
  return reconcile(ctx.graph, requests, plan);
};
