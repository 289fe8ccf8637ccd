import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../src/graph/graph-client.js';
import { openGraph, patientConfig, resetGraph, TestServer } from './setup/harness.js';

/**
 * `facets(where: { knownAt })`: load A, load B (a status changed, a group re-ranked, a retraction, new facts and a
 * new entity, renames), revert B, load C; the counts taken after each step, for an entity, a neighborhood and the
 * whole graph, are reproduced exactly by knownAt at those moments, from the ledger.
 */

const KEY = 'test-seed-key-0123456789';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Sources are read as they are today (their titles), so every step cites sources that A loaded.
const known = { id: 'source:known', title: 'Known', publishedOn: '2026-11' };
const other = { id: 'source:other', title: 'Other', publishedOn: '2026-10' };
const country = (iso: string, name: string) => ({ id: `country:${iso}`, kind: 'COUNTRY', iso3: iso, name });
const fact = (id: string, type: string, from: string, to: string, extra: Record<string, unknown> = {}, source = known.id) => ({
  id: `fact:${id}`, type, from, to, citations: [{ source, quote: id }], ...extra,
});

const A = {
  sources: [known, other],
  entities: [country('FAA', 'Faa'), country('FBB', 'Fbb'), { id: 'org:facets', kind: 'ORGANIZATION', name: 'Facets Org' }],
  facts: [
    fact('faa-org', 'MEMBER_OF', 'country:FAA', 'org:facets', { status: 'applicant', startDate: '2001' }),
    fact('faa-org-2', 'MEMBER_OF', 'country:FAA', 'org:facets', { status: 'observer', startDate: '1999', endDate: '2000' }),
    fact('faa-fbb', 'BORDERS', 'country:FAA', 'country:FBB', { startDate: '1990' }),
    fact('fbb-org', 'MEMBER_OF', 'country:FBB', 'org:facets', { status: 'member', startDate: '2005' }, other.id),
    fact('fbb-faa-trade', 'TRADES_WITH', 'country:FBB', 'country:FAA', { startDate: '2005' }),
  ],
};
// B: FAA and the organization renamed, a status changed, a preferred fact outranking its group, a retraction, a new
// entity of another kind with a fact to it, a new fact citing the other source.
const B = {
  sources: [known, other],
  entities: [
    country('FAA', 'Faa Republic'),
    { id: 'org:facets', kind: 'ORGANIZATION', name: 'Facets Organisation' },
    { id: 'person:facets-envoy', kind: 'PERSON', name: 'Envoy' },
  ],
  facts: [
    fact('faa-org', 'MEMBER_OF', 'country:FAA', 'org:facets', { status: 'member', startDate: '2001' }),
    fact('faa-org-2', 'MEMBER_OF', 'country:FAA', 'org:facets', { status: 'observer', startDate: '1999', endDate: '2000', rank: 'PREFERRED' }),
    fact('faa-fbb', 'BORDERS', 'country:FAA', 'country:FBB', { startDate: '1990', rank: 'DEPRECATED', rankReason: 'no land border' }),
    fact('faa-org-3', 'MEMBER_OF', 'country:FAA', 'org:facets', { status: 'founder', startDate: '2010' }, other.id),
    fact('envoy-faa', 'HOLDS_POSITION', 'person:facets-envoy', 'country:FAA', { status: 'envoy', startDate: '2011' }),
  ],
};
// C: a new entity bordering FAA, a retraction of FBB's trade, and a new preferred fact outranking FBB's membership
// (a fact C leaves unchanged, whose stored best-rank flag is then wrong for every earlier instant).
const C = {
  sources: [known, other],
  entities: [country('FCC', 'Fcc')],
  facts: [
    fact('fcc-faa', 'BORDERS', 'country:FCC', 'country:FAA', { startDate: '2020' }, other.id),
    fact('fbb-org-2', 'MEMBER_OF', 'country:FBB', 'org:facets', { status: 'associate', startDate: '2021', rank: 'PREFERRED' }),
    fact('fbb-faa-trade', 'TRADES_WITH', 'country:FBB', 'country:FAA', { startDate: '2005', rank: 'DEPRECATED', rankReason: 'lapsed' }),
  ],
};

const BY = '[FACT_TYPE, STATUS, RANK, YEAR, SOURCE, OTHER_KIND, OTHER_ENTITY]';
const FACET = 'dimension total otherCount missingCount buckets { value label count }';
const VIEWS = {
  entity: `where: { entity: "country:FAA", knownAt: $t }, by: ${BY}, top: 3`,
  outgoing: `where: { entity: "country:FAA", direction: OUTGOING, rank: ALL, kinds: [ORGANIZATION, COUNTRY], knownAt: $t }, by: ${BY}, top: 2`,
  hood: `where: { entity: "country:FBB", depth: 2, knownAt: $t }, by: ${BY}, top: 3`,
  hoodFiltered: `where: { entity: "org:facets", depth: 2, kinds: [COUNTRY], asOf: "2012", rank: NON_DEPRECATED, knownAt: $t }, by: ${BY}, top: 2`,
  all: `where: { knownAt: $t }, by: ${BY}, top: 3`,
  allFiltered: `where: { kinds: [COUNTRY, PERSON], types: ["BORDERS", "HOLDS_POSITION", "TRADES_WITH"], rank: ALL, from: "1995", knownAt: $t }, by: ${BY}, top: 2`,
};
const field = (args: string): string => `query($t: String) { facets(${args}) { ${FACET} } }`;

type View = keyof typeof VIEWS;
type Answer = Record<View, Array<{ total: number }>>;
describe('facets as the graph was known', () => {
  let graph: Graph;
  let server: TestServer;
  beforeAll(async () => {
    const slow = patientConfig({ seedApiKey: KEY });
    graph = openGraph(slow);
    await resetGraph(graph);
    server = await TestServer.start(graph, slow);
  });
  afterAll(async () => {
    await server?.stop();
    await graph?.close();
  });
  const write = (query: string, variables: Record<string, unknown>) => server.mutate<{ ok?: boolean; loadId?: string }>(KEY, query, variables);
  const load = (doc: unknown) => write('mutation($doc: JSON!) { loadSeed(document: $doc) { ok loadId } }', { doc });
  /** Every view, one request (one facets field) at a time. */
  const views = async (t: string | null): Promise<Answer> => {
    const answer: Partial<Answer> = {};
    for (const [view, args] of Object.entries(VIEWS) as Array<[View, string]>) {
      answer[view] = (await server.data<{ facets: Answer[View] }>(field(args), { t })).facets;
    }
    return answer as Answer;
  };

  it('reproduces the counts after load A, load B, the revert of B and load C exactly', async () => {
    const moments: Array<{ step: string; at: string; answer: Answer }> = [];
    const snap = async (step: string) => {
      await sleep(5);
      moments.push({ step, at: new Date().toISOString(), answer: await views(null) });
      await sleep(5);
    };
    const before = new Date().toISOString();
    await sleep(5);
    await load(A);
    await snap('A');
    const b = await load(B);
    await snap('B');
    expect(await write('mutation($id: ID!) { revertLoad(id: $id) { ok } }', { id: b.loadId })).toMatchObject({ ok: true });
    await snap('revert B');
    await load(C);
    await snap('C');

    // The steps did change every view's counts (so that reproducing them means something).
    const [a, afterB, reverted, c] = moments.map((m) => m.answer);
    for (const view of Object.keys(VIEWS) as View[]) {
      expect(JSON.stringify(afterB![view]), `${view} after B`).not.toBe(JSON.stringify(a![view]));
      expect(JSON.stringify(reverted![view]), `${view} after the revert`).toBe(JSON.stringify(a![view]));
    }
    expect(new Set([a, afterB, c].map((x) => JSON.stringify(x))).size).toBe(3);
    expect(a!.all[0]!.total).toBeGreaterThan(0);

    for (const moment of moments) {
      expect(await views(moment.at), `knownAt after ${moment.step}`).toEqual(moment.answer);
    }
    // Before A, nothing: no entity to centre on, no fact.
    const empty = await views(before);
    for (const view of Object.values(empty)) expect(view.map((f) => f.total)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  }, 300_000);

  it('is one Cypher round trip for every dimension', async () => {
    const t = new Date().toISOString();
    for (const args of Object.values(VIEWS)) {
      const before = await server.cypherRoundTrips();
      const res = await server.query(field(args), { t });
      expect(res.errors).toBeUndefined();
      expect(await server.cypherRoundTrips(), args).toBe(before + 1);
    }
  });

  it('refuses what is not an instant, naming where.knownAt, before running anything', async () => {
    for (const knownAt of ['yesterday', '2026-13-01', '2026-11-30T25:00:00Z']) {
      const before = await server.cypherRoundTrips();
      const res = await server.query('query($t: String) { facets(where: { entity: "country:FAA", knownAt: $t }, by: [FACT_TYPE]) { total } }', { t: knownAt });
      expect(res.errors?.[0]?.extensions, knownAt).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'where.knownAt' });
      expect(res.errors?.[0]?.message).toContain('where.knownAt');
      expect(await server.cypherRoundTrips(), 'nothing ran').toBe(before);
    }
  });
});
