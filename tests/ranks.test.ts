import { describe, expect, it } from 'vitest';
import { ledgerConfig } from '../src/config.js';
import { revertLoad } from '../src/seed/revert.js';
import { loadSeeds } from '../src/seed/seed-loader.js';
import { documentInput } from '../src/seed/seed-reader.js';
import { graphDigest, openGraph, resetGraph, testConfig, TestServer } from './setup/harness.js';
import { afterAll, beforeAll } from 'vitest';
import type { Graph } from '../src/graph/graph-client.js';

/**
 * Ranks over a generated graph: groups (subject, type) with random mixes of PREFERRED, NORMAL and DEPRECATED facts,
 * every read that returns or walks facts checked against a straightforward implementation of Wikidata's rule.
 */

const KEY = 'test-seed-key-0123456789';
type Rank = 'PREFERRED' | 'NORMAL' | 'DEPRECATED';
type Selection = 'BEST' | 'NON_DEPRECATED' | 'ALL';
interface GenFact {
  id: string;
  type: string;
  from: string;
  to: string;
  rank: Rank;
  startDate: string;
}

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const countries = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE', 'FFF'].map((c) => `country:${c}`);
const orgs = ['o1', 'o2', 'o3'].map((o) => `org:${o}`);
const treaties = ['t1', 't2', 't3'].map((t) => `treaty:${t}`);
const people = ['p1', 'p2', 'p3'].map((p) => `person:${p}`);

function generate(seed: number): GenFact[] {
  const rnd = random(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const rank = (): Rank => pick(['PREFERRED', 'NORMAL', 'NORMAL', 'NORMAL', 'DEPRECATED', 'DEPRECATED'] as const);
  const facts: GenFact[] = [];
  const add = (type: string, from: string, to: string): void => {
    const year = 1990 + Math.floor(rnd() * 30);
    facts.push({ id: `fact:gen-${facts.length}`, type, from, to, rank: rank(), startDate: String(year) });
  };
  for (const c of countries) {
    for (let i = 0; i < 1 + Math.floor(rnd() * 4); i++) add('MEMBER_OF', c, pick(orgs));
    for (let i = 0; i < Math.floor(rnd() * 4); i++) add('PARTY_TO', c, pick(treaties));
    for (let i = 0; i < Math.floor(rnd() * 3); i++) {
      const other = pick(countries);
      if (other !== c) add('BORDERS', c, other);
    }
  }
  for (const p of people) for (let i = 0; i < 1 + Math.floor(rnd() * 3); i++) add('HOLDS_POSITION', p, pick([...countries, ...orgs]));
  return facts;
}

function seedDocument(facts: GenFact[]): Record<string, unknown> {
  return {
    sources: [{ id: 'source:gen', title: 'Generated' }],
    entities: [
      ...countries.map((id) => ({ id, kind: 'COUNTRY', name: `Country ${id.slice(8)}`, iso3: id.slice(8) })),
      ...orgs.map((id) => ({ id, kind: 'ORGANIZATION', name: `Org ${id}` })),
      ...treaties.map((id) => ({ id, kind: 'TREATY', name: `Treaty ${id}`, status: 'SIGNED' })),
      ...people.map((id) => ({ id, kind: 'PERSON', name: `Person ${id}` })),
    ],
    facts: facts.map((f) => ({
      id: f.id,
      type: f.type,
      from: f.from,
      to: f.to,
      startDate: f.startDate,
      ...(f.rank === 'NORMAL' ? {} : { rank: f.rank }),
      ...(f.rank === 'DEPRECATED' ? { rankReason: `generated deprecation of ${f.id}` } : {}),
      citations: [{ source: 'source:gen', quote: f.id }],
    })),
  };
}

/** Wikidata's rule, written plainly: per (subject, type), the preferred facts if any, else the normal ones. */
function selected(facts: GenFact[], selection: Selection): Set<string> {
  if (selection === 'ALL') return new Set(facts.map((f) => f.id));
  if (selection === 'NON_DEPRECATED') return new Set(facts.filter((f) => f.rank !== 'DEPRECATED').map((f) => f.id));
  const out = new Set<string>();
  const groups = new Map<string, GenFact[]>();
  for (const f of facts) groups.set(`${f.from}|${f.type}`, [...(groups.get(`${f.from}|${f.type}`) ?? []), f]);
  for (const group of groups.values()) {
    const top = group.some((f) => f.rank === 'PREFERRED') ? 'PREFERRED' : 'NORMAL';
    for (const f of group) if (f.rank === top) out.add(f.id);
  }
  return out;
}

const sorted = (ids: Iterable<string>): string[] => [...ids].sort();

describe('best rank against a straightforward implementation, on generated groups', () => {
  let graph: Graph;
  let server: TestServer;
  let facts: GenFact[];
  beforeAll(async () => {
    graph = openGraph();
    await resetGraph(graph);
    server = await TestServer.start(graph, testConfig({ seedApiKey: KEY }));
    facts = generate(20261201);
    const report = await loadSeeds(graph.scope(), [documentInput(seedDocument(facts))]);
    expect(report.errors).toEqual([]);
  });
  afterAll(async () => {
    await server?.stop();
    await graph?.close();
  });

  const selections: Selection[] = ['BEST', 'NON_DEPRECATED', 'ALL'];
  const touching = (id: string, ids: Set<string>): GenFact[] => facts.filter((f) => ids.has(f.id) && (f.from === id || f.to === id));

  it('the generated data mixes ranks within groups (the test exercises the rule)', () => {
    expect(selected(facts, 'BEST').size).toBeLessThan(selected(facts, 'NON_DEPRECATED').size);
    expect(selected(facts, 'NON_DEPRECATED').size).toBeLessThan(facts.length);
  });

  it('relations and timeline: the same facts as the rule, for every entity and selection', async () => {
    for (const rank of selections) {
      const ids = selected(facts, rank);
      for (const id of [...countries, ...orgs, ...treaties, ...people]) {
        const data = await server.data<{ entity: { relations: Array<{ id: string; rank: string }> }; timeline: Array<{ id: string }> }>(
          `query($id: ID!, $rank: RankSelection) { entity(id: $id) { relations(first: 200, rank: $rank) { id rank } } timeline(id: $id, rank: $rank) { id } }`,
          { id, rank },
        );
        const expected = sorted(touching(id, ids).map((f) => f.id));
        expect(sorted(data.entity.relations.map((r) => r.id)), `${id} relations ${rank}`).toEqual(expected);
        expect(sorted(data.timeline.map((r) => r.id)), `${id} timeline ${rank}`).toEqual(expected);
        for (const r of data.entity.relations) expect(r.rank).toBe(facts.find((f) => f.id === r.id)!.rank);
      }
    }
  });

  it('typed hops: the same facts as the rule', async () => {
    for (const rank of selections) {
      const ids = selected(facts, rank);
      const of = (type: string, pred: (f: GenFact) => boolean): string[] => sorted(facts.filter((f) => ids.has(f.id) && f.type === type && pred(f)).map((f) => f.id));
      for (const c of countries) {
        const data = await server.data<{ entity: Record<string, Array<{ relation: { id: string } }>> }>(
          `query($id: ID!, $rank: RankSelection) { entity(id: $id) { ... on Country {
            memberships(rank: $rank) { relation { id } } treaties(rank: $rank) { relation { id } }
            neighbors(rank: $rank) { relation { id } } officials(rank: $rank) { relation { id } } } } }`,
          { id: c, rank },
        );
        const got = (field: string): string[] => sorted(data.entity[field]!.map((x) => x.relation.id));
        expect(got('memberships'), `${c} memberships ${rank}`).toEqual(of('MEMBER_OF', (f) => f.from === c));
        expect(got('treaties'), `${c} treaties ${rank}`).toEqual(of('PARTY_TO', (f) => f.from === c));
        expect(got('neighbors'), `${c} neighbors ${rank}`).toEqual(of('BORDERS', (f) => f.from === c || f.to === c));
        expect(got('officials'), `${c} officials ${rank}`).toEqual(of('HOLDS_POSITION', (f) => f.to === c));
      }
      for (const o of orgs) {
        const data = await server.data<{ entity: { members: Array<{ relation: { id: string } }> } }>(
          `query($id: ID!, $rank: RankSelection) { entity(id: $id) { ... on Organization { members(rank: $rank) { relation { id } } } } }`,
          { id: o, rank },
        );
        expect(sorted(data.entity.members.map((m) => m.relation.id)), `${o} members ${rank}`).toEqual(of('MEMBER_OF', (f) => f.to === o));
      }
      for (const t of treaties) {
        const data = await server.data<{ entity: { parties: Array<{ relation: { id: string } }> } }>(
          `query($id: ID!, $rank: RankSelection) { entity(id: $id) { ... on Treaty { parties(rank: $rank) { relation { id } } } } }`,
          { id: t, rank },
        );
        expect(sorted(data.entity.parties.map((m) => m.relation.id)), `${t} parties ${rank}`).toEqual(of('PARTY_TO', (f) => f.to === t));
      }
      for (const p of people) {
        const data = await server.data<{ entity: { positions: Array<{ relation: { id: string } }> } }>(
          `query($id: ID!, $rank: RankSelection) { entity(id: $id) { ... on Person { positions(rank: $rank) { relation { id } } } } }`,
          { id: p, rank },
        );
        expect(sorted(data.entity.positions.map((m) => m.relation.id)), `${p} positions ${rank}`).toEqual(of('HOLDS_POSITION', (f) => f.from === p));
      }
    }
  });

  it('neighborhood (depth 1) and one-hop paths: the same facts as the rule', async () => {
    for (const rank of selections) {
      const ids = selected(facts, rank);
      for (const center of [...countries, ...orgs]) {
        const data = await server.data<{ neighborhood: { nodes: Array<{ id: string }>; edges: Array<{ id: string }> } }>(
          `query($id: ID!, $rank: RankSelection) { neighborhood(id: $id, depth: 1, limit: 500, rank: $rank) { nodes { id } edges { id } } }`,
          { id: center, rank },
        );
        const near = new Set([center, ...touching(center, ids).map((f) => (f.from === center ? f.to : f.from))]);
        expect(sorted(data.neighborhood.nodes.map((n) => n.id)), `${center} nodes ${rank}`).toEqual(sorted(near));
        const edges = facts.filter((f) => ids.has(f.id) && near.has(f.from) && near.has(f.to)).map((f) => f.id);
        expect(sorted(data.neighborhood.edges.map((e) => e.id)), `${center} edges ${rank}`).toEqual(sorted(edges));
      }
      for (const a of countries) {
        for (const b of orgs) {
          const data = await server.data<{ paths: Array<{ edges: Array<{ id: string }> }> }>(
            `query($a: ID!, $b: ID!, $rank: RankSelection) { paths(fromId: $a, toId: $b, maxHops: 1, first: 20, rank: $rank) { edges { id } } }`,
            { a, b, rank },
          );
          const direct = facts.filter((f) => ids.has(f.id) && ((f.from === a && f.to === b) || (f.from === b && f.to === a))).map((f) => f.id);
          expect(sorted(data.paths.flatMap((p) => p.edges.map((e) => e.id))), `${a}→${b} paths ${rank}`).toEqual(sorted(direct));
        }
      }
    }
  });

  it('facets count the facts the reads return: best-ranked by default, by rank, for an entity and its neighborhood', async () => {
    type Facets = { facets: Array<{ dimension: string; total: number; buckets: Array<{ value: string; count: number }> }> };
    for (const rank of [undefined, ...selections]) {
      const ids = selected(facts, rank ?? 'BEST');
      for (const id of [...countries, ...orgs]) {
        const mine = touching(id, ids);
        const data = await server.data<Facets>(
          `query($id: ID!, $rank: RankSelection) { facets(where: { entity: $id, rank: $rank }, by: [RANK, FACT_TYPE], top: 50) { dimension total buckets { value count } } }`,
          { id, rank: rank ?? null },
        );
        const byRank = new Map<string, number>();
        for (const f of mine) byRank.set(f.rank, (byRank.get(f.rank) ?? 0) + 1);
        const [ranks] = data.facets;
        expect(ranks!.total, `${id} facets total ${rank ?? 'default'}`).toBe(mine.length);
        expect(new Map(ranks!.buckets.map((b) => [b.value, b.count])), `${id} facets by rank ${rank ?? 'default'}`).toEqual(byRank);
        // Depth 1: the facts among the entities the neighborhood reaches, as neighborhood's edges.
        const hood = await server.data<Facets & { neighborhood: { edges: unknown[] } }>(
          `query($id: ID!, $rank: RankSelection) {
            facets(where: { entity: $id, depth: 1, rank: $rank }, by: [RANK]) { total }
            neighborhood(id: $id, depth: 1, limit: 500, rank: $rank) { edges { id } } }`,
          { id, rank: rank ?? null },
        );
        expect(hood.facets[0]!.total, `${id} neighborhood facets ${rank ?? 'default'}`).toBe(hood.neighborhood.edges.length);
      }
    }
  });

  it('lists filtered through facts: the same entities as the rule', async () => {
    for (const rank of selections) {
      const ids = selected(facts, rank);
      for (const o of orgs) {
        const data = await server.data<{ countries: { edges: Array<{ node: { id: string } }> } }>(
          `query($o: ID!, $rank: RankSelection) { countries(first: 200, where: { memberOf: $o, rank: $rank }) { edges { node { id } } } }`,
          { o, rank },
        );
        const expected = new Set(facts.filter((f) => ids.has(f.id) && f.type === 'MEMBER_OF' && f.to === o).map((f) => f.from));
        expect(sorted(data.countries.edges.map((e) => e.node.id)), `members of ${o} ${rank}`).toEqual(sorted(expected));
      }
      for (const c of countries) {
        const data = await server.data<{ treaties: { edges: Array<{ node: { id: string } }> }; organizations: { edges: Array<{ node: { id: string } }> } }>(
          `query($c: ID!, $rank: RankSelection) {
            treaties(first: 200, where: { party: $c, rank: $rank }) { edges { node { id } } }
            organizations(first: 200, where: { hasMember: $c, rank: $rank }) { edges { node { id } } } }`,
          { c, rank },
        );
        const parties = new Set(facts.filter((f) => ids.has(f.id) && f.type === 'PARTY_TO' && f.from === c).map((f) => f.to));
        const memberships = new Set(facts.filter((f) => ids.has(f.id) && f.type === 'MEMBER_OF' && f.from === c).map((f) => f.to));
        expect(sorted(data.treaties.edges.map((e) => e.node.id)), `treaties of ${c} ${rank}`).toEqual(sorted(parties));
        expect(sorted(data.organizations.edges.map((e) => e.node.id)), `organizations of ${c} ${rank}`).toEqual(sorted(memberships));
      }
    }
  });

  it('rankFacts re-ranks through the ledger: the rule still holds after, and a revert puts every flag back', async () => {
    const before = await graphDigest(graph);
    const normal = facts.filter((f) => f.rank === 'NORMAL').slice(0, 4).map((f) => f.id);
    const res = await server.query<{ rankFacts: { id: string; status: string; updated: { facts: number } } }>(
      'mutation($ids: [ID!]!) { rankFacts(ids: $ids, rank: PREFERRED) { id status updated { facts } } }',
      { ids: normal },
      { authorization: `Bearer ${KEY}` },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.rankFacts).toMatchObject({ status: 'COMMITTED', updated: { facts: 4 } });
    const reranked = facts.map((f) => (normal.includes(f.id) ? { ...f, rank: 'PREFERRED' as const } : f));
    const best = selected(reranked, 'BEST');
    for (const id of countries) {
      const data = await server.data<{ entity: { relations: Array<{ id: string }> } }>(`query($id: ID!) { entity(id: $id) { relations(first: 200) { id } } }`, { id });
      expect(sorted(data.entity.relations.map((r) => r.id))).toEqual(sorted(reranked.filter((f) => best.has(f.id) && (f.from === id || f.to === id)).map((f) => f.id)));
    }
    const revert = await server.query<{ revertLoad: { ok: boolean } }>(
      'mutation($id: ID!) { revertLoad(id: $id) { ok } }',
      { id: res.data!.rankFacts.id },
      { authorization: `Bearer ${KEY}` },
    );
    expect(revert.data!.revertLoad.ok).toBe(true);
    expect(JSON.parse(await graphDigest(graph))).toEqual(JSON.parse(before));
  });
});

describe('best-rank flags across loads, batches and reverts', () => {
  let graph: Graph;
  beforeAll(async () => {
    graph = openGraph();
    await resetGraph(graph);
  });
  afterAll(async () => {
    await graph?.close();
  });

  /** The facts the stored flags call best-ranked, read directly. */
  async function flaggedBest(): Promise<string[]> {
    const records = await graph.scope().query('MATCH ()-[r:FACT]->() WHERE r.outranked IS NULL RETURN r.id AS id');
    return sorted(records.map((r) => r.get('id') as string));
  }
  const load = async (some: GenFact[]): Promise<string> => {
    // Every rank spelt out: an omitted one keeps the stored rank (a seed updates the properties it gives).
    const document = seedDocument(some) as { facts: Array<Record<string, unknown>> };
    for (const f of document.facts) f['rank'] ??= 'NORMAL';
    // Batches of two rows: a group's preferred fact and its normal ones land in different statements and loads.
    const report = await loadSeeds(graph.scope(), [documentInput(document)], { batchSize: 2 });
    expect(report.errors).toEqual([]);
    return report.loadId!;
  };

  it('holds whatever the order of the loads, after a re-ranking load, and after its revert', async () => {
    const rnd = random(7);
    const facts = generate(20261202).sort(() => rnd() - 0.5);
    // Normal facts first, the ranked ones after, then normal ones again: every kind of arrival in a group.
    const normal = facts.filter((f) => f.rank === 'NORMAL');
    await load(normal.slice(0, normal.length / 2));
    await load(facts.filter((f) => f.rank !== 'NORMAL'));
    await load(normal.slice(normal.length / 2));
    expect(await flaggedBest()).toEqual(sorted(selected(facts, 'BEST')));

    // Preferred facts made normal, normal ones preferred or deprecated, deprecated ones normal.
    const next: Record<Rank, Rank[]> = { PREFERRED: ['NORMAL'], NORMAL: ['PREFERRED', 'DEPRECATED', 'NORMAL', 'NORMAL'], DEPRECATED: ['NORMAL', 'DEPRECATED'] };
    const changed = facts.map((f) => ({ ...f, rank: next[f.rank][Math.floor(rnd() * next[f.rank].length)]! }));
    const before = await graphDigest(graph);
    const reranking = await load(changed);
    expect(await flaggedBest()).toEqual(sorted(selected(changed, 'BEST')));

    await revertLoad(graph.scope(), reranking, { ledger: ledgerConfig() });
    expect(await flaggedBest()).toEqual(sorted(selected(facts, 'BEST')));
    expect(await graphDigest(graph)).toBe(before);
  });
});
