import { ENTITY_KINDS, isEntityKind } from '../model/kinds.js';
import { facetsStatement, type FacetArgs, type FacetDimension } from './facet-statements.js';
import type { GraphScope } from './graph-client.js';

/** Runs the `facets` statement (one round trip) and reads its counts back. */

export interface FacetBucketModel {
  value: string;
  label: string | null;
  count: number;
}

export interface FacetModel {
  dimension: FacetDimension;
  buckets: FacetBucketModel[];
  /** Facts passing the filter. */
  total: number;
  /** Facts with a value in the dimension, none of them in a returned bucket. */
  otherCount: number;
  /** Facts without a value in the dimension (no status, no start date). */
  missingCount: number;
}

interface RawFacet {
  buckets: Array<{ value: string; label?: string | null; count: number }>;
  otherCount: number;
  valued: number;
}

/** A readable label where the value is a code: the kind's name for OTHER_KIND. */
function labelOf(dimension: FacetDimension, value: string, given: string | null | undefined): string | null {
  if (given !== undefined && given !== null) return given;
  if (dimension === 'OTHER_KIND' && isEntityKind(value)) return ENTITY_KINDS[value].label;
  return null;
}

export async function facets(scope: GraphScope, args: FacetArgs): Promise<FacetModel[]> {
  const statement = facetsStatement(args);
  const [record] = await scope.query(statement.cypher, statement.params);
  const total = record ? (record.get('total') as number) : 0;
  const raws = record ? (record.get('facets') as RawFacet[]) : [];
  return args.by.map((dimension, i) => {
    const raw = raws[i] ?? { buckets: [], otherCount: 0, valued: 0 };
    const buckets = raw.buckets
      .map((b) => ({ value: b.value, label: labelOf(dimension, b.value, b.label), count: b.count }))
      // Largest first, then by value: the statement's order, kept whatever order a lookup returned them in.
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    return { dimension, buckets, total, otherCount: raw.otherCount, missingCount: total - raw.valued };
  });
}
