import { facets } from '../../graph/facet-queries.js';
import type { FacetFilter } from '../../graph/facet-statements.js';
import type { Limits } from '../../config.js';
import { asOfArg, dateArg, factTypesArg, knownAtArg, nonEmptyArg, rankSelectionArg } from '../arguments.js';
import { ARGUMENT_BOUNDS as BOUNDS, boundedArg, withinBounds } from '../bounds.js';
import { badInput } from '../errors.js';
import type { FacetWhere, QueryResolvers } from '../generated/resolvers-types.js';

/** `facets`: the filter checked and read into the graph layer's terms, then one statement for every dimension. */

function facetFilter(where: FacetWhere | null | undefined, limits: Limits): FacetFilter {
  const w = where ?? {};
  const entity = w.entity === null || w.entity === undefined ? null : nonEmptyArg('where.entity', w.entity);
  const direction = w.direction ?? 'BOTH';
  let depth: number | null = null;
  if (w.depth !== null && w.depth !== undefined) {
    if (entity === null) throw badInput('where.depth', 'needs where.entity, the centre of the neighborhood');
    if (direction !== 'BOTH') throw badInput('where.direction', 'must be BOTH with where.depth (a neighborhood follows facts both ways)');
    // A neighborhood's depth, bounded as `neighborhood`'s.
    const bound = BOUNDS.neighborhoodDepth;
    if (!withinBounds(bound, w.depth, limits)) throw badInput('where.depth', `must be between ${bound.min} and ${bound.max(limits)}, got ${w.depth}`);
    depth = w.depth;
  }
  return {
    entity,
    direction,
    depth,
    types: factTypesArg('where.types', w.types),
    kinds: w.kinds ? [...w.kinds] : null,
    from: dateArg('where.from', w.from),
    to: dateArg('where.to', w.to),
    asOf: asOfArg('where.asOf', w.asOf),
    rank: rankSelectionArg(w.rank),
    knownAt: knownAtArg('where.knownAt', w.knownAt),
  };
}

export const facetResolvers: Pick<QueryResolvers, 'facets'> = {
  async facets(_root, args, ctx) {
    const { limits } = ctx.config;
    if (args.by.length === 0) throw badInput('by', 'must name at least one dimension');
    const repeated = args.by.find((d, i) => args.by.indexOf(d) !== i);
    if (repeated !== undefined) throw badInput('by', `names ${repeated} twice`);
    return facets(ctx.graph, {
      where: facetFilter(args.where, limits),
      by: [...args.by],
      top: boundedArg(BOUNDS.facetsTop, args.top, limits),
    });
  },
};
