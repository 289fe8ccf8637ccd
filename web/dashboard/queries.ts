import { graphql } from '../shared/graphql-client.js';
import type { DashboardState } from './state.js';

/** The dashboard's data: counts from `facets` (one Cypher round trip per field), through the public /graphql. */

export type Dimension = 'FACT_TYPE' | 'STATUS' | 'RANK' | 'YEAR' | 'SOURCE' | 'OTHER_KIND' | 'OTHER_ENTITY';

export interface Bucket {
  value: string;
  label: string | null;
  count: number;
}

export interface Facet {
  dimension: Dimension;
  buckets: Bucket[];
  total: number;
  otherCount: number;
  missingCount: number;
}

export interface FacetWhere {
  entity: string;
  asOf?: string;
  from?: string;
  to?: string;
  types?: string[];
}

export interface LatestFact {
  id: string;
  type: string;
  status: string | null;
  startDate: string | null;
  summary: string | null;
  from: { id: string; name: string };
  to: { id: string; name: string };
}

export interface Overview {
  entity: { id: string; kind: string; name: string; description: string | null; relations: LatestFact[] } | null;
  facets: Facet[];
}

/** Types drawn as their own series in the chart by year; the rest is one "other types" series. */
export const SERIES_TYPES = 6;
/** Every year of the chart (the API's largest `top`). */
const ALL_YEARS = 200;

const FACET_FIELDS = 'dimension total otherCount missingCount buckets { value label count }';

const OVERVIEW = `query DashboardOverview($id: ID!, $where: FacetWhere!, $asOf: String) {
  entity(id: $id) {
    id kind name description
    relations(first: 8, asOf: $asOf) { id type status startDate summary from { id name } to { id name } }
  }
  counts: facets(where: $where, by: [FACT_TYPE, STATUS, OTHER_KIND, OTHER_ENTITY], top: 8) { ${FACET_FIELDS} }
  years: facets(where: $where, by: [YEAR], top: ${ALL_YEARS}) { ${FACET_FIELDS} }
}`;

export function whereOf(state: DashboardState & { id: string }): FacetWhere {
  return {
    entity: state.id,
    ...(state.asOf ? { asOf: state.asOf } : {}),
    ...(state.from ? { from: state.from } : {}),
    ...(state.to ? { to: state.to } : {}),
  };
}

export async function fetchOverview(state: DashboardState & { id: string }, signal?: AbortSignal): Promise<Overview> {
  const data = await graphql<{ entity: Overview['entity']; counts: Facet[]; years: Facet[] }>(
    OVERVIEW,
    { id: state.id, where: whereOf(state), asOf: state.asOf },
    signal,
  );
  return { entity: data.entity, facets: [...data.counts, ...data.years] };
}

/**
 * Facts per year of each type: one `facets` field per type, aliased, in one request (types travel as variables,
 * never in the document's text).
 */
export async function fetchYearsByType(where: FacetWhere, types: string[], signal?: AbortSignal): Promise<Map<string, Facet>> {
  if (types.length === 0) return new Map();
  const variables: Record<string, unknown> = {};
  const fields = types.map((type, i) => {
    variables[`w${i}`] = { ...where, types: [type] };
    return `t${i}: facets(where: $w${i}, by: [YEAR], top: ${ALL_YEARS}) { ${FACET_FIELDS} }`;
  });
  const definitions = types.map((_, i) => `$w${i}: FacetWhere!`).join(', ');
  const data = await graphql<Record<string, Facet[]>>(`query DashboardYearsByType(${definitions}) {\n  ${fields.join('\n  ')}\n}`, variables, signal);
  return new Map(types.map((type, i) => [type, data[`t${i}`]![0]!]));
}

export function facetOf(facets: Facet[], dimension: Dimension): Facet {
  const facet = facets.find((f) => f.dimension === dimension);
  if (!facet) throw new Error(`the answer has no ${dimension} facet`);
  return facet;
}
