import { describe, expect, it } from 'vitest';
import { useSeededServer } from './setup/harness.js';

/** search, neighborhood, paths and timeline. */

interface Subgraph {
  nodes: Array<{ id: string; kind: string }>;
  edges: Array<{ id: string; type: string; from: { id: string }; to: { id: string } }>;
}

describe('search, neighborhoods, paths and timelines', () => {
  const env = useSeededServer();

  const search = async (text: string, extra = ''): Promise<string[]> =>
    (await env.server.data<{ search: Array<{ id: string }> }>(`query($t: String!) { search(text: $t${extra}) { id } }`, { t: text })).search.map(
      (e) => e.id,
    );

  it('searches names and aliases, best match first, ignoring case and accents, matching partial words', async () => {
    expect((await search('Iran'))[0]).toBe('country:IRN');
    expect((await search('IRÁN'))[0]).toBe('country:IRN');
    expect((await search('shanghai coop'))[0]).toBe('org:sco');
    expect(await search('SCO')).toContain('org:sco');
    expect((await search('khatib'))[0]).toBe('person:saeed-khatibzadeh');
    expect((await search('Türkiye'))[0]).toBe('country:TUR');
    expect((await search('turkiye'))[0]).toBe('country:TUR');
    expect(await search('nuclear deal')).toContain('treaty:jcpoa');
  });

  it('filters search by kind and caps it at first', async () => {
    const koreas = await search('korea', ', kinds: [COUNTRY]');
    expect(koreas.sort()).toEqual(['country:KOR', 'country:PRK']);
    expect(await search('a', ', first: 3')).toHaveLength(3);
    expect(await search('iran', ', kinds: [TREATY]')).toEqual(
      expect.arrayContaining(['treaty:iran-china-25-year-cooperation-agreement', 'treaty:iran-russia-comprehensive-cooperation-charter']),
    );
  });

  it('treats Lucene syntax in search text as text, not as a query', async () => {
    for (const text of ['a OR b) AND (', 'name:*', '"unclosed', '\\', '~~~', '*', 'AND', 'iran^100 OR (']) {
      const res = await env.server.query<{ search: unknown[] }>('query($t: String!) { search(text: $t) { id } }', { t: text });
      expect(res.errors, text).toBeUndefined();
      expect(Array.isArray(res.data!.search)).toBe(true);
    }
  });

  const neighborhood = async (args: string): Promise<Subgraph> =>
    (await env.server.data<{ neighborhood: Subgraph }>(`{ neighborhood(${args}) { nodes { id kind } edges { id type from { id } to { id } } } }`)).neighborhood;

  it('returns a depth-1 neighborhood: the entity first, its neighbors, and every fact between them', async () => {
    const sub = await neighborhood('id: "org:sco"');
    expect(sub.nodes[0]!.id).toBe('org:sco');
    expect(sub.nodes.map((n) => n.id).sort()).toEqual(['country:CHN', 'country:IRN', 'country:RUS', 'org:sco']);
    const ids = new Set(sub.nodes.map((n) => n.id));
    for (const e of sub.edges) expect(ids.has(e.from.id) && ids.has(e.to.id)).toBe(true);
    // Edges among the neighbors too, not only to the centre: China and Russia share a border.
    expect(sub.edges.map((e) => `${e.from.id} ${e.type} ${e.to.id}`)).toContain('country:CHN BORDERS country:RUS');
    // Every fact between returned nodes is there.
    const [rec] = await env.graph.scope().query(
      'MATCH (a:Entity)-[f:FACT]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids RETURN count(f) AS n',
      { ids: [...ids] },
    );
    expect(sub.edges).toHaveLength(rec!.get('n') as number);
  });

  it('goes deeper with depth, filters by fact type, kind and date, and stops at limit', async () => {
    const deep = await neighborhood('id: "org:sco", depth: 2, limit: 500');
    expect(deep.nodes.length).toBeGreaterThan(30);
    expect(deep.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['country:AFG', 'country:MNG', 'treaty:jcpoa']));

    const borders = await neighborhood('id: "country:IRN", relationTypes: ["BORDERS"]');
    expect(borders.nodes).toHaveLength(8);
    expect(new Set(borders.edges.map((e) => e.type))).toEqual(new Set(['BORDERS']));

    const orgs = await neighborhood('id: "country:IRN", kinds: [ORGANIZATION]');
    expect(orgs.nodes.map((n) => n.id).sort()).toEqual(['country:IRN', 'org:east-axis', 'org:sco']);

    const before = await neighborhood('id: "org:sco", asOf: "2021-08"');
    expect(before.nodes.map((n) => n.id)).not.toContain('country:IRN');

    const limited = await neighborhood('id: "country:IRN", depth: 3, limit: 10');
    expect(limited.nodes).toHaveLength(10);
    expect(limited.nodes[0]!.id).toBe('country:IRN');
  });

  it('finds paths from Iran to Russia, shortest first', async () => {
    const data = await env.server.data<{ paths: Array<{ length: number; nodes: Array<{ id: string }>; edges: Array<{ type: string }> }> }>(`{
      paths(fromId: "country:IRN", toId: "country:RUS", first: 6) { length nodes { id } edges { type } }
    }`);
    expect(data.paths.length).toBe(6);
    const lengths = data.paths.map((p) => p.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(lengths[0]).toBe(1);
    for (const p of data.paths) {
      expect(p.nodes[0]!.id).toBe('country:IRN');
      expect(p.nodes.at(-1)!.id).toBe('country:RUS');
      expect(p.edges).toHaveLength(p.length);
    }
    expect(data.paths.filter((p) => p.length === 1).map((p) => p.edges[0]!.type).sort()).toEqual([
      'PLANS_STRATEGIC_PARTNERSHIP_WITH', 'PRIORITIZES_RELATIONS_WITH', 'RAPPROCHEMENT_WITH',
    ]);
  });

  it('follows only the given fact types and respects maxHops', async () => {
    const data = await env.server.data<{ land: Array<{ length: number; nodes: Array<{ id: string }> }>; none: unknown[] }>(`{
      land: paths(fromId: "country:IRN", toId: "country:RUS", relationTypes: ["BORDERS"], first: 1) { length nodes { id } }
      none: paths(fromId: "country:IRN", toId: "country:JPN", relationTypes: ["BORDERS"], maxHops: 6) { length }
    }`);
    expect(data.land[0]!.length).toBe(2);
    expect(data.land[0]!.nodes.map((n) => n.id)).toEqual(['country:IRN', 'country:AZE', 'country:RUS']);
    expect(data.none).toEqual([]);
  });

  it("lists an entity's dated facts in date order, between from and to", async () => {
    const all = await env.server.data<{ timeline: Array<{ id: string; startDate: string | null; endDate: string | null }> }>(
      '{ timeline(id: "country:IRN") { id startDate endDate } }',
    );
    const dates = all.timeline.map((f) => f.startDate ?? f.endDate!);
    expect(dates[0]).toBe('2015-07-14');
    const keys = dates.map((d) => d.padEnd(10, '-00'));
    expect(keys).toEqual([...keys].sort());
    expect(all.timeline.every((f) => f.startDate !== null || f.endDate !== null)).toBe(true);
    const in2021 = await env.server.data<{ timeline: Array<{ id: string; startDate: string }> }>(
      '{ timeline(id: "country:IRN", from: "2021-03", to: "2021-09") { id startDate } }',
    );
    expect(in2021.timeline.map((f) => f.id)).toEqual(['fact:iran-party-iran-china-agreement', 'fact:iran-member-sco']);
  });
});
