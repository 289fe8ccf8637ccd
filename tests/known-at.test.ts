import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../src/graph/graph-client.js';
import { openGraph, patientConfig, resetGraph, TestServer } from './setup/harness.js';

/**
 * knownAt: load A, load B (updates and a retraction), revert B, load C; the answers taken after each step are
 * reproduced exactly by knownAt at those moments, from the ledger.
 */

const KEY = 'test-seed-key-0123456789';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const source = { id: 'source:known', title: 'Known', publishedOn: '2026-11' };
const country = (iso: string, name: string) => ({ id: `country:${iso}`, kind: 'COUNTRY', iso3: iso, name });
const fact = (id: string, type: string, from: string, to: string, extra: Record<string, unknown> = {}) => ({
  id: `fact:${id}`, type, from: `country:${from}`, to, citations: [{ source: source.id, quote: id }], ...extra,
});

const A = {
  sources: [source],
  entities: [country('KAA', 'Kaa'), country('KBB', 'Kbb'), { id: 'org:known', kind: 'ORGANIZATION', name: 'Known Org' }],
  facts: [
    fact('kaa-org', 'MEMBER_OF', 'KAA', 'org:known', { status: 'applicant', startDate: '2001' }),
    fact('kaa-org-2', 'MEMBER_OF', 'KAA', 'org:known', { status: 'observer', startDate: '1999', endDate: '2000' }),
    fact('kaa-kbb', 'BORDERS', 'KAA', 'country:KBB', { startDate: '1990' }),
    fact('kbb-org', 'MEMBER_OF', 'KBB', 'org:known', { status: 'member', startDate: '2005' }),
  ],
};
// B: an entity renamed, a status updated, a fact retracted, a fact added.
const B = {
  sources: [source],
  entities: [country('KAA', 'Kaa Republic')],
  facts: [
    fact('kaa-org', 'MEMBER_OF', 'KAA', 'org:known', { status: 'member', startDate: '2001' }),
    fact('kaa-kbb', 'BORDERS', 'KAA', 'country:KBB', { startDate: '1990', rank: 'DEPRECATED', rankReason: 'no land border' }),
    fact('kaa-org-3', 'MEMBER_OF', 'KAA', 'org:known', { status: 'founder', startDate: '2010' }),
  ],
};
// C: a preferred fact outranks its group's normal ones; a new entity.
const C = {
  sources: [source],
  entities: [country('KCC', 'Kcc')],
  facts: [
    fact('kaa-org-2', 'MEMBER_OF', 'KAA', 'org:known', { status: 'observer', startDate: '1999', endDate: '2000', rank: 'PREFERRED' }),
    fact('kcc-kaa', 'BORDERS', 'KCC', 'country:KAA', { startDate: '2020' }),
  ],
};

const SNAPSHOT = `query($t: String) {
  kaa: entity(id: "country:KAA", knownAt: $t) { id name
    best: relations(first: 50) { id status rank rankReason startDate endDate from { id name } to { id name } sources { id } }
    all: relations(first: 50, rank: ALL) { id status rank rankReason }
    incoming: relations(direction: INCOMING, rank: NON_DEPRECATED) { id }
    since2000: relations(asOf: "2012") { id }
    ... on Country {
      memberships { organization { id name members { entity { id name } relation { id status } } } relation { id status rank } }
      neighbors(rank: ALL) { country { id name } relation { id rank rankReason } }
    } }
  kcc: entity(id: "country:KCC", knownAt: $t) { id name ... on Country { neighbors { country { id name } } } }
  org: entity(id: "org:known", knownAt: $t) { ... on Organization { members(rank: ALL) { entity { id name } relation { id status rank } } } }
  now: entity(id: "org:known") { name then: relations(knownAt: $t, first: 50) { id status from { id name } } }
  timeline(id: "country:KAA", knownAt: $t) { id status rank }
  allTimeline: timeline(id: "country:KAA", knownAt: $t, rank: ALL) { id }
  hood: neighborhood(id: "country:KBB", depth: 2, knownAt: $t) { nodes { id name } edges { id status from { id name } to { id } } }
  hoodAll: neighborhood(id: "country:KAA", knownAt: $t, rank: ALL, limit: 3) { nodes { id ... on Country { neighbors { country { id } } } } edges { id rank } }
  fact: node(id: "fact:kaa-org", knownAt: $t) { ... on Relation { id status rank from { id name } } }
  gone: node(id: "fact:kaa-org-3", knownAt: $t) { id }
}`;

describe('knownAt: the graph as it was known', () => {
  let graph: Graph;
  let server: TestServer;
  beforeAll(async () => {
    const config = patientConfig({ seedApiKey: KEY });
    graph = openGraph(config);
    await resetGraph(graph);
    server = await TestServer.start(graph, config);
  });
  afterAll(async () => {
    await server?.stop();
    await graph?.close();
  });
  const write = (query: string, variables: Record<string, unknown>) => server.mutate<{ ok?: boolean; loadId?: string }>(KEY, query, variables);
  const load = (doc: unknown) => write('mutation($doc: JSON!) { loadSeed(document: $doc) { ok loadId } }', { doc });

  it('reproduces the answers after load A, load B, the revert of B and load C exactly', async () => {
    const moments: Array<{ step: string; at: string; answer: unknown }> = [];
    const snap = async (step: string) => {
      await sleep(5);
      moments.push({ step, at: new Date().toISOString(), answer: await server.data(SNAPSHOT, { t: null }) });
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

    // The steps did change the answers (so that reproducing them means something).
    const [a, afterB, reverted, c] = moments.map((m) => JSON.stringify(m.answer));
    expect(new Set([a, afterB, c]).size).toBe(3);
    expect(reverted).toBe(a);

    for (const moment of moments) {
      expect(await server.data(SNAPSHOT, { t: moment.at }), `knownAt after ${moment.step}`).toEqual(moment.answer);
    }
    const empty = await server.data<{ kaa: unknown; timeline: unknown[]; hood: unknown }>(SNAPSHOT, { t: before });
    expect(empty.kaa).toBeNull();
    expect(empty.timeline).toEqual([]);
    expect(empty.hood).toEqual({ nodes: [], edges: [] });
  }, 300_000);

  it('answers each root field at an instant in one Cypher round trip, hops and ends included', async () => {
    const at = new Date().toISOString();
    const before = await server.cypherRoundTrips();
    const data = await server.data<{ e: { id: string } | null; t: unknown[]; h: { nodes: unknown[] }; n: { id: string } | null }>(
      `query($t: String) {
        e: entity(id: "country:KAA", knownAt: $t) { id name relations(first: 5) { id to { name } } ... on Country { neighbors { country { name } } } }
        t: timeline(id: "country:KAA", knownAt: $t) { id from { name } }
        h: neighborhood(id: "country:KAA", depth: 2, knownAt: $t) { nodes { id name } edges { id from { name } } }
        n: node(id: "fact:kaa-org", knownAt: $t) { id ... on Relation { from { name } } }
      }`,
      { t: at },
    );
    expect(data.e?.id).toBe('country:KAA');
    expect(data.t.length).toBeGreaterThan(0);
    expect(data.h.nodes.length).toBeGreaterThan(1);
    expect(data.n?.id).toBe('fact:kaa-org');
    expect((await server.cypherRoundTrips()) - before).toBe(4);
  });

  it('refuses what is not an instant', async () => {
    const bad = await server.query('{ entity(id: "country:KAA", knownAt: "yesterday") { id } }');
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'knownAt' });
    const hood = await server.query('{ neighborhood(id: "country:KAA", knownAt: "2026-13-01") { nodes { id } } }');
    expect(hood.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'knownAt' });
  });
});
