import neo4j from 'neo4j-driver';
import { FACT_TYPES, type EntityKindName } from '../model/kinds.js';
import { NameCache, prepareQuery, rankCandidates, type PreparedQuery } from '../model/name-match.js';
import type { GraphScope } from './graph-client.js';
import type { EntityModel } from './models.js';
import { EMPTY_ENTITY_PLAN, type EntityField, type EntityPlan } from './plan.js';
import { CypherBuilder, factType, label } from './cypher.js';
import { hydrateEntity } from './hydration.js';
import { candidateQuery } from './lucene.js';
import { entityProjection } from './projection.js';

/**
 * The reconciliation engine: names to entities. One Cypher statement per batch fetches each query's candidates
 * from the full-text index (restricted by kind and property constraints); src/model/name-match.ts scores and
 * ranks them. The GraphQL field, the W3C service at /reconcile and name references in seeds all call this.
 */

/** The property constraints a query may carry: what `pid` means, for whom, and how a value is compared. */
export const RECONCILE_PROPERTIES = {
  iso2: { name: 'ISO 3166-1 alpha-2 code', description: "A country's two-letter code, e.g. IR.", kinds: ['COUNTRY'] },
  iso3: { name: 'ISO 3166-1 alpha-3 code', description: "A country's three-letter code, e.g. IRN.", kinds: ['COUNTRY'] },
  region: { name: 'Region', description: "A country's region, e.g. Asia.", kinds: ['COUNTRY'] },
  subregion: { name: 'Subregion', description: "A country's subregion, e.g. Southern Asia.", kinds: ['COUNTRY'] },
  country: {
    name: 'Country',
    description: 'A country the entity has a fact with (for a person, usually where they hold a position): its id or name.',
    kinds: ['PERSON', 'ORGANIZATION', 'TREATY', 'COUNTRY'],
  },
  member: { name: 'Member', description: "An organization's member (MEMBER_OF): its id or name.", kinds: ['ORGANIZATION'] },
  memberOf: { name: 'Member of', description: 'An organization the entity is a member of (MEMBER_OF): its id or name.', kinds: ['COUNTRY', 'PERSON', 'ORGANIZATION'] },
  party: { name: 'Party', description: "A treaty's party (PARTY_TO): its id or name.", kinds: ['TREATY'] },
} as const satisfies Record<string, { name: string; description: string; kinds: readonly EntityKindName[] }>;

export type ReconcilePropertyId = keyof typeof RECONCILE_PROPERTIES;

export function isReconcileProperty(pid: string): pid is ReconcilePropertyId {
  return Object.hasOwn(RECONCILE_PROPERTIES, pid);
}

export interface ReconcilePropertyValue {
  pid: ReconcilePropertyId;
  /** Entity ids or names, or a property's values, compared without regard to case: any one may hold. */
  values: readonly string[];
}

export interface ReconcileRequest {
  query: string;
  kinds?: readonly EntityKindName[] | null;
  properties?: readonly ReconcilePropertyValue[];
  limit: number;
}

export interface ReconcileCandidateModel {
  entity: EntityModel;
  score: number;
  match: boolean;
  matchedName: string;
}

export interface ReconcileResultModel {
  query: string;
  candidates: ReconcileCandidateModel[];
}

/** How many full-text hits each query ranks: enough that the best name is among them, few enough to score fast. */
export const CANDIDATE_POOL = 40;

/**
 * How many full-text hits a query restricted by kind or properties reads before filtering: Lucene keeps only the
 * best-scored ones, so a common word ("union": 4,000 organizations at full scale) does not stream every hit through
 * Cypher. An entity whose name is the query's scores at the top, so it is always among them.
 */
export const FILTERED_HIT_POOL = 1_000;

/** Candidates per query when a request does not say, and at most. */
export const RECONCILE_LIMIT = { default: 5, max: CANDIDATE_POOL } as const;

/** Longest name a query may hold, in characters. */
export const MAX_QUERY_LENGTH = 500;

/** A reconciliation request that cannot be answered: where in it (`queries[2].limit`) and why. */
export class ReconcileInputError extends Error {
  override name = 'ReconcileInputError';

  constructor(
    readonly at: string,
    readonly problem: string,
  ) {
    super(`${at} ${problem}`);
  }
}

/** A query as the GraphQL field and the W3C service receive it, before it is checked. */
export interface ReconcileInput {
  query: string;
  kinds?: readonly EntityKindName[] | null | undefined;
  properties?: ReadonlyArray<{ pid: string; values: readonly string[] }> | null | undefined;
  limit?: number | null | undefined;
}

/** Checks a batch against the bounds and the known property ids, naming the first problem's place. */
export function checkReconcileInputs(inputs: readonly ReconcileInput[], maxQueries: number, name = 'queries'): ReconcileRequest[] {
  if (inputs.length > maxQueries) throw new ReconcileInputError(name, `must hold at most ${maxQueries} queries (MAX_RECONCILE_QUERIES)`);
  return inputs.map((input, i) => {
    const at = `${name}[${i}]`;
    if (input.query.length > MAX_QUERY_LENGTH) throw new ReconcileInputError(`${at}.query`, `must be at most ${MAX_QUERY_LENGTH} characters`);
    const limit = input.limit ?? RECONCILE_LIMIT.default;
    if (!Number.isInteger(limit) || limit < 1 || limit > RECONCILE_LIMIT.max) {
      throw new ReconcileInputError(`${at}.limit`, `must be an integer from 1 to ${RECONCILE_LIMIT.max}`);
    }
    const properties = (input.properties ?? []).map((p, j) => {
      if (!isReconcileProperty(p.pid)) {
        throw new ReconcileInputError(`${at}.properties[${j}].pid`, `must be one of ${Object.keys(RECONCILE_PROPERTIES).join(', ')}`);
      }
      return { pid: p.pid, values: p.values };
    });
    return { query: input.query, kinds: input.kinds ?? null, properties, limit };
  });
}

const ENTITY_IS_VALUE = '(o.id IN c.values OR toLower(o.name) IN c.lower OR any(a IN o.aliases WHERE toLower(a) IN c.lower))';

/** Every constraint holds for v. The pids are fixed words from the table above; values are parameters. */
const CONSTRAINTS = `all(c IN q.properties WHERE CASE c.pid
  WHEN 'iso2' THEN toLower(v.iso2) IN c.lower
  WHEN 'iso3' THEN toLower(v.iso3) IN c.lower
  WHEN 'region' THEN toLower(v.region) IN c.lower
  WHEN 'subregion' THEN toLower(v.subregion) IN c.lower
  WHEN 'country' THEN EXISTS { MATCH (v)-[:FACT]-(o${label('COUNTRY')}) WHERE ${ENTITY_IS_VALUE} }
  WHEN 'member' THEN EXISTS { MATCH (o${label('ENTITY')})-[:FACT {type: ${factType(FACT_TYPES.memberOf)}}]->(v) WHERE ${ENTITY_IS_VALUE} }
  WHEN 'memberOf' THEN EXISTS { MATCH (v)-[:FACT {type: ${factType(FACT_TYPES.memberOf)}}]->(o${label('ENTITY')}) WHERE ${ENTITY_IS_VALUE} }
  WHEN 'party' THEN EXISTS { MATCH (o${label('ENTITY')})-[:FACT {type: ${factType(FACT_TYPES.partyTo)}}]->(v) WHERE ${ENTITY_IS_VALUE} }
  ELSE false END)`;

const PASSES = `(q.kinds IS NULL OR v.kind IN q.kinds) AND ${CONSTRAINTS}`;

/**
 * One round trip: each query's best full-text hits that pass its kind and property constraints, the entity whose
 * id the query is (an id given as a query finds its entity, as the W3C specification expects) and the country
 * whose ISO code it is.
 */
export function candidatesStatement(b: CypherBuilder, queries: unknown[], plan: EntityPlan = EMPTY_ENTITY_PLAN): string {
  const fields = [...new Set([...CANDIDATE_FIELDS, ...plan.fields])];
  const project = (v: string): string => entityProjection(b, v, { fields, related: [] });
  return `UNWIND ${b.param(queries)} AS q
CALL {
  WITH q
  CALL db.index.fulltext.queryNodes('entity_search', q.lucene, {limit: q.hits}) YIELD node AS v, score
  WITH q, v, score WHERE ${PASSES}
  WITH v, score ORDER BY score DESC LIMIT ${b.intParam(CANDIDATE_POOL)}
  RETURN collect(${project('v')}) AS hits
}
CALL {
  WITH q
  OPTIONAL MATCH (byId:Entity {id: q.query})
  OPTIONAL MATCH (byCode:Country) WHERE q.code IS NOT NULL AND (byCode.iso2 = q.code OR byCode.iso3 = q.code)
  WITH q, [v IN collect(DISTINCT byId) + collect(DISTINCT byCode) WHERE ${PASSES}] AS found
  RETURN [v IN found | ${project('v')}] AS direct
}
RETURN q.index AS index, direct + hits AS candidates`;
}

type Raw = Record<string, unknown>;

/** What every candidate carries: what scoring and previews need; a GraphQL selection adds its own fields. */
const CANDIDATE_FIELDS: readonly EntityField[] = ['name', 'aliases', 'description'];

/**
 * Answers a batch of queries in one round trip. The entities carry their names and description (what scoring,
 * the W3C service and seeds need) and the fields a GraphQL selection reads; a second round trip projects the
 * related lists the plan asks for, for the kept candidates only. Results are in the order of the requests.
 */
export async function reconcile(scope: GraphScope, requests: readonly ReconcileRequest[], plan?: EntityPlan): Promise<ReconcileResultModel[]> {
  const prepared: PreparedQuery[] = requests.map((r) => prepareQuery(r.query));
  const rows = requests.flatMap((r, index) => {
    const lucene = candidateQuery(prepared[index]!);
    if (lucene === undefined) return [];
    return [{
      index,
      query: r.query.trim(),
      // Country codes are aliases too, but "AT" and "BY" are stop words to the full-text index.
      code: /^[A-Za-z]{2,3}$/.test(r.query.trim()) ? r.query.trim().toUpperCase() : null,
      lucene,
      // Unfiltered, the pool is Lucene's best hits; filtered, enough best hits to keep the pool after filtering.
      hits: neo4j.int((r.kinds && r.kinds.length > 0) || (r.properties ?? []).length > 0 ? FILTERED_HIT_POOL : CANDIDATE_POOL),
      kinds: r.kinds && r.kinds.length > 0 ? r.kinds : null,
      properties: (r.properties ?? []).map((p) => ({ pid: p.pid, values: p.values, lower: p.values.map((v) => v.toLowerCase()) })),
    }];
  });
  const found = new Map<number, EntityModel[]>();
  if (rows.length > 0) {
    const b = new CypherBuilder();
    for (const record of await scope.query(candidatesStatement(b, rows, plan), b.params)) {
      // An entity found by id or code may be among the full-text hits too.
      const unique = new Map((record.get('candidates') as Raw[]).map((raw) => [raw['id'] as string, raw]));
      found.set(record.get('index') as number, [...unique.values()].map((raw) => hydrateEntity(raw, EMPTY_ENTITY_PLAN)));
    }
  }
  const cache = new NameCache();
  const results = requests.map((r, index) => ({
    query: r.query,
    candidates: rankCandidates(prepared[index]!, found.get(index) ?? [], cache, r.query.trim())
      .slice(0, r.limit)
      .map((c) => ({ entity: c.candidate, score: c.score, match: c.match, matchedName: c.matchedName })),
  }));
  if (plan && plan.related.length > 0) await projectRelated(scope, results, plan);
  return results;
}

/** Replaces the candidates' bare entities with the plan's projection (their related lists). */
async function projectRelated(scope: GraphScope, results: ReconcileResultModel[], plan: EntityPlan): Promise<void> {
  const ids = [...new Set(results.flatMap((r) => r.candidates.map((c) => c.entity.id)))];
  if (ids.length === 0) return;
  const b = new CypherBuilder();
  const records = await scope.query(
    `UNWIND ${b.param(ids)} AS id MATCH (v:Entity {id: id}) RETURN v.id AS id, ${entityProjection(b, 'v', plan)} AS value`,
    b.params,
  );
  const byId = new Map(records.map((r) => [r.get('id') as string, hydrateEntity(r.get('value') as Raw, plan)]));
  for (const result of results) {
    for (const c of result.candidates) c.entity = byId.get(c.entity.id) ?? c.entity;
  }
}
