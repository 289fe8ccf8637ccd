import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSeed, type GeneratedManifest } from '../bench/generate.js';
import type { Graph } from '../src/graph/graph-client.js';
import { ENTITY_KINDS, type EntityKindName } from '../src/model/kinds.js';
import { loadFiles, openGraph, resetGraph, SEEDS_DIR, testConfig, TestServer } from './setup/harness.js';

/**
 * `facets` against the slow way: the same facts fetched page by page through `relations`, `timeline`,
 * `neighborhood` and the entity lists, and counted here. Every dimension, with and without filters and
 * `asOf`, on the article's graph and on a generated one; each `facets` field one Cypher round trip.
 */

const DIMENSIONS = ['FACT_TYPE', 'STATUS', 'RANK', 'YEAR', 'SOURCE', 'OTHER_KIND', 'OTHER_ENTITY'] as const;
type Dimension = (typeof DIMENSIONS)[number];

interface End {
  id: string;
  kind: EntityKindName;
  name: string;
}
interface Fact {
  id: string;
  type: string;
  status: string | null;
  startDate: string | null;
  from: End;
  to: End;
  sources: Array<{ id: string; title: string }>;
}
interface Bucket {
  value: string;
  label: string | null;
  count: number;
}
interface Facet {
  dimension: Dimension;
  buckets: Bucket[];
  total: number;
  otherCount: number;
  missingCount: number;
}

const FACT = 'id type status startDate from { id kind name } to { id kind name } sources { id title }';
const FACETS = `query Facets($where: FacetWhere, $by: [FacetDimension!]!, $top: Int) {
  facets(where: $where, by: $by, top: $top) { dimension buckets { value label count } total otherCount missingCount }
}`;

/** A fact's values in a dimension, as labelled buckets: what `facets` is specified to count. */
function valuesOf(fact: Fact, dimension: Dimension, centre: string | null): Array<{ value: string; label: string | null }> {
  const others = (): End[] =>
    centre === null ? [fact.from, fact.to] : fact.from.id === centre ? [fact.to] : fact.to.id === centre ? [fact.from] : [fact.from, fact.to];
  switch (dimension) {
    case 'FACT_TYPE':
      return [{ value: fact.type, label: null }];
    case 'STATUS':
      return fact.status === null ? [] : [{ value: fact.status, label: null }];
    case 'RANK':
      // No fact has a rank yet: every fact counts as NORMAL.
      return [{ value: 'NORMAL', label: null }];
    case 'YEAR':
      return fact.startDate === null ? [] : [{ value: fact.startDate.slice(0, 4), label: null }];
    case 'SOURCE':
      return fact.sources.map((s) => ({ value: s.id, label: s.title }));
    case 'OTHER_KIND':
      return others().map((e) => ({ value: e.kind, label: ENTITY_KINDS[e.kind].label }));
    case 'OTHER_ENTITY':
      return others().map((e) => ({ value: e.id, label: e.name }));
  }
}

/** Counts facts by a dimension the slow way, here in the test. */
function countSlowly(facts: Fact[], dimension: Dimension, centre: string | null, top: number): Facet {
  const buckets = new Map<string, Bucket>();
  let missing = 0;
  for (const fact of facts) {
    const values = new Map(valuesOf(fact, dimension, centre).map((v) => [v.value, v]));
    if (values.size === 0) missing += 1;
    for (const v of values.values()) {
      const bucket = buckets.get(v.value) ?? { ...v, count: 0 };
      bucket.count += 1;
      buckets.set(v.value, bucket);
    }
  }
  const sorted = [...buckets.values()].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const kept = sorted.slice(0, top);
  const keptValues = new Set(kept.map((b) => b.value));
  const other = facts.filter((f) => {
    const values = valuesOf(f, dimension, centre);
    return values.length > 0 && !values.some((v) => keptValues.has(v.value));
  }).length;
  return { dimension, buckets: kept, total: facts.length, otherCount: other, missingCount: missing };
}

function setUp(load: (graph: Graph) => Promise<void>): { server: () => TestServer } {
  const state: { graph?: Graph; server?: TestServer } = {};
  beforeAll(async () => {
    state.graph = openGraph();
    await resetGraph(state.graph);
    await load(state.graph);
    state.server = await TestServer.start(state.graph);
  });
  afterAll(async () => {
    await state.server?.stop();
    await state.graph?.close();
  });
  return { server: () => state.server! };
}

/** Asks `facets` for every dimension in one field, checks it was one round trip, and compares with the slow count. */
async function expectFacets(server: TestServer, where: Record<string, unknown> | null, facts: Fact[], top = 5): Promise<void> {
  const before = await server.cypherRoundTrips();
  const { facets } = await server.data<{ facets: Facet[] }>(FACETS, { where, by: DIMENSIONS, top });
  expect(await server.cypherRoundTrips(), 'one Cypher round trip for every dimension').toBe(before + 1);
  const centre = typeof where?.['entity'] === 'string' ? where['entity'] : null;
  expect(facets).toEqual(DIMENSIONS.map((d) => countSlowly(facts, d, centre, top)));
}

async function relationsOf(server: TestServer, id: string, args = ''): Promise<Fact[]> {
  const { entity } = await server.data<{ entity: { relations: Fact[] } }>(`{ entity(id: "${id}") { relations(first: 200${args}) { ${FACT} } } }`);
  // The slow way needs every fact in one page.
  expect(entity.relations.length).toBeLessThan(200);
  return entity.relations;
}

/** Every fact of the graph: each entity's outgoing facts, through the four entity lists, page by page. */
async function everyFact(server: TestServer, args = ''): Promise<Fact[]> {
  const facts: Fact[] = [];
  for (const list of ['countries', 'people', 'organizations', 'treaties']) {
    let after: string | null = null;
    for (;;) {
      const page: Record<string, { edges: Array<{ node: { relations: Fact[] } }>; pageInfo: { hasNextPage: boolean; endCursor: string } }> =
        await server.data(
          `query Page($after: String) { ${list}(first: 20, after: $after) { edges { node { relations(direction: OUTGOING, first: 150${args}) { ${FACT} } } } pageInfo { hasNextPage endCursor } } }`,
          { after },
        );
      const connection = page[list]!;
      for (const edge of connection.edges) {
        expect(edge.node.relations.length).toBeLessThan(150);
        facts.push(...edge.node.relations);
      }
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
  }
  return facts;
}

async function neighborhoodFacts(server: TestServer, id: string, depth: number, args = ''): Promise<Fact[]> {
  const { neighborhood } = await server.data<{ neighborhood: { nodes: unknown[]; edges: Fact[] } }>(
    `{ neighborhood(id: "${id}", depth: ${depth}, limit: 500${args}) { nodes { id } edges { ${FACT} } } }`,
  );
  expect(neighborhood.nodes.length, 'the neighborhood stays under its limit').toBeLessThan(500);
  return neighborhood.edges;
}

describe("facets on the article's graph", () => {
  const env = setUp(async (graph) => {
    expect((await loadFiles(graph, [SEEDS_DIR])).ok).toBe(true);
  });

  it("counts Iran's facts by every dimension, as its relations page does", async () => {
    const server = env.server();
    await expectFacets(server, { entity: 'country:IRN' }, await relationsOf(server, 'country:IRN'));
    await expectFacets(server, { entity: 'country:IRN' }, await relationsOf(server, 'country:IRN'), 200);
  });

  it('with a direction, types, kinds and asOf', async () => {
    const server = env.server();
    const outgoing = await relationsOf(server, 'country:IRN', ', direction: OUTGOING, types: ["MEMBER_OF", "PARTY_TO", "DISTRUSTS"]');
    await expectFacets(server, { entity: 'country:IRN', direction: 'OUTGOING', types: ['MEMBER_OF', 'PARTY_TO', 'DISTRUSTS'] }, outgoing);
    const valid = await relationsOf(server, 'country:IRN', ', asOf: "2021-12"');
    await expectFacets(server, { entity: 'country:IRN', asOf: '2021-12' }, valid);
    const countries = (await relationsOf(server, 'country:IRN', ', asOf: "2019"')).filter((f) => f.from.kind === 'COUNTRY' && f.to.kind === 'COUNTRY');
    await expectFacets(server, { entity: 'country:IRN', asOf: '2019', kinds: ['COUNTRY'] }, countries);
    const incoming = await relationsOf(server, 'org:sco', ', direction: INCOMING');
    await expectFacets(server, { entity: 'org:sco', direction: 'INCOMING' }, incoming, 2);
  });

  it('within dates, as the timeline does', async () => {
    const server = env.server();
    const { timeline } = await server.data<{ timeline: Fact[] }>(`{ timeline(id: "country:IRN", from: "2015", to: "2021-09") { ${FACT} } }`);
    expect(timeline.length).toBeGreaterThan(3);
    await expectFacets(server, { entity: 'country:IRN', from: '2015', to: '2021-09' }, timeline);
  });

  it('over a neighborhood, as the neighborhood query draws it', async () => {
    const server = env.server();
    await expectFacets(server, { entity: 'country:IRN', depth: 1 }, await neighborhoodFacts(server, 'country:IRN', 1));
    await expectFacets(server, { entity: 'org:sco', depth: 2 }, await neighborhoodFacts(server, 'org:sco', 2));
    const filtered = await neighborhoodFacts(server, 'country:IRN', 2, ', kinds: [COUNTRY, TREATY], relationTypes: ["PARTY_TO", "BORDERS"], asOf: "2016"');
    await expectFacets(server, { entity: 'country:IRN', depth: 2, kinds: ['COUNTRY', 'TREATY'], types: ['PARTY_TO', 'BORDERS'], asOf: '2016' }, filtered);
  });

  it('over the whole graph, with and without asOf', async () => {
    const server = env.server();
    const all = await everyFact(server);
    expect(all.length).toBeGreaterThan(300);
    await expectFacets(server, null, all, 8);
    const members = await everyFact(server, ', asOf: "2021-12-01", types: ["MEMBER_OF", "PARTY_TO"]');
    expect(members.length).toBeGreaterThan(3);
    await expectFacets(server, { asOf: '2021-12-01', types: ['MEMBER_OF', 'PARTY_TO'] }, members, 3);
  });

  it('answers an unknown entity with empty facets', async () => {
    const { facets } = await env.server().data<{ facets: Facet[] }>(FACETS, { where: { entity: 'country:XXX' }, by: ['FACT_TYPE'] });
    expect(facets).toEqual([{ dimension: 'FACT_TYPE', buckets: [], total: 0, otherCount: 0, missingCount: 0 }]);
  });

  it('refuses what it cannot answer, saying which argument and why', async () => {
    const server = env.server();
    const refused = async (variables: Record<string, unknown>, argument: string, message: RegExp): Promise<void> => {
      const before = await server.cypherRoundTrips();
      const res = await server.query(FACETS, { by: ['FACT_TYPE'], ...variables });
      expect(res.errors?.[0]?.extensions?.['code'], JSON.stringify(res.errors)).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(message);
      expect(res.errors?.[0]?.message).toContain(argument);
      expect(await server.cypherRoundTrips(), 'nothing ran').toBe(before);
    };
    await refused({ where: { entity: 'country:IRN', knownAt: 'yesterday' } }, 'where.knownAt', /ISO 8601 instant/);
    await refused({ where: { depth: 2 } }, 'where.depth', /needs where.entity/);
    await refused({ where: { entity: 'country:IRN', depth: 2, direction: 'OUTGOING' } }, 'where.direction', /BOTH/);
    await refused({ where: { entity: 'country:IRN', depth: 4 } }, 'where.depth', /between 1 and 3/);
    await refused({ where: { asOf: '2021-13' } }, 'where.asOf', /ISO 8601/);
    await refused({ where: { types: ['member of'] } }, 'where.types', /UPPER_SNAKE_CASE/);
    await refused({ by: [] }, 'by', /at least one/);
    await refused({ by: ['YEAR', 'YEAR'] }, 'by', /YEAR twice/);
    await refused({ top: 0 }, 'top', /between 1 and 200/);
    await refused({ top: 201 }, 'top', /between 1 and 200/);
  });
});

describe('the limits count a facet per dimension and a bucket per top', () => {
  const state: { graph?: Graph; server?: TestServer } = {};
  beforeAll(async () => {
    state.graph = openGraph();
    state.server = await TestServer.start(state.graph, { ...testConfig(), requestLimits: { ...testConfig().requestLimits, maxCost: 100 } });
  });
  afterAll(async () => {
    await state.server?.stop();
    await state.graph?.close();
  });

  it('refuses before running what may return more objects than MAX_QUERY_COST', async () => {
    const server = state.server!;
    const before = await server.cypherRoundTrips();
    // 7 facets of up to 20 buckets: 7 × (1 + 20) = 147 objects.
    const res = await server.query(FACETS, { by: DIMENSIONS, top: 20 });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', max: 100, found: 147 });
    expect(await server.cypherRoundTrips()).toBe(before);
    // 2 × (1 + 20) = 42 objects pass.
    expect((await server.query(FACETS, { by: ['FACT_TYPE', 'YEAR'], top: 20 })).errors).toBeUndefined();
  });
});

describe('facets on a generated graph', () => {
  let dir: string;
  let manifest: GeneratedManifest;
  const env = setUp(async (graph) => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kg-facets-'));
    manifest = await generateSeed({ scale: 0.002, seed: 7, dir });
    const report = await loadFiles(graph, manifest.files.map((f) => path.resolve(dir, f)));
    expect(report.ok).toBe(true);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts a person, an organization and a country by every dimension, with and without asOf', async () => {
    const server = env.server();
    for (const id of [manifest.picks.organization, manifest.picks.person, 'country:NOR']) {
      await expectFacets(server, { entity: id }, await relationsOf(server, id));
      await expectFacets(server, { entity: id, asOf: '2010-06' }, await relationsOf(server, id, ', asOf: "2010-06"'));
      await expectFacets(server, { entity: id, direction: 'OUTGOING', types: ['STATED', 'MET_WITH', 'MEMBER_OF'] }, await relationsOf(server, id, ', direction: OUTGOING, types: ["STATED", "MET_WITH", "MEMBER_OF"]'), 3);
    }
  });

  it('counts the whole graph and a neighborhood', async () => {
    const server = env.server();
    await expectFacets(server, null, await everyFact(server), 10);
    await expectFacets(server, { entity: manifest.picks.person, depth: 1 }, await neighborhoodFacts(server, manifest.picks.person, 1));
  });
});
