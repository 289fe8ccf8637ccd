import { describe, expect, it } from 'vitest';
import { loadSeeds } from '../src/seed/seed-loader.js';
import { documentInput } from '../src/seed/seed-reader.js';
import { useSeededServer } from './setup/harness.js';

/** Typed lists: filters, order, Relay cursor pagination forward and back, totalCount. */

interface Page {
  totalCount?: number;
  edges: Array<{ cursor: string; node: { id: string; name: string } }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const PAGE = 'totalCount edges { cursor node { id name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

describe('filtered, sorted, paged lists', () => {
  const env = useSeededServer();

  const countries = async (args: string): Promise<Page> =>
    (await env.server.data<{ countries: Page }>(`{ countries(${args}) { ${PAGE} } }`)).countries;
  const ids = (page: Page): string[] => page.edges.map((e) => e.node.id);

  it('pages forward to the end and back again, with the same items and no overlap', async () => {
    const where = 'where: { region: "Asia" }';
    const forward: string[] = [];
    let page = await countries(`${where}, first: 7`);
    expect(page.totalCount).toBe(50);
    expect(page.pageInfo.hasPreviousPage).toBe(false);
    forward.push(...ids(page));
    while (page.pageInfo.hasNextPage) {
      page = await countries(`${where}, first: 7, after: "${page.pageInfo.endCursor}"`);
      expect(page.pageInfo.hasPreviousPage).toBe(true);
      forward.push(...ids(page));
    }
    expect(forward).toHaveLength(50);
    expect(new Set(forward).size).toBe(50);

    const backward: string[] = [];
    page = await countries(`${where}, last: 7`);
    expect(page.pageInfo.hasNextPage).toBe(false);
    backward.unshift(...ids(page));
    while (page.pageInfo.hasPreviousPage) {
      page = await countries(`${where}, last: 7, before: "${page.pageInfo.startCursor}"`);
      backward.unshift(...ids(page));
    }
    expect(backward).toEqual(forward);
  });

  it('orders by name ignoring case and accents, ascending or descending, and by id', async () => {
    const asc = ids(await countries('first: 200'));
    const names = (await countries('first: 200')).edges.map((e) => e.node.name);
    const folded = names.map((n) => n.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase());
    expect(folded).toEqual([...folded].sort());
    const all = [...asc, ...ids(await countries(`first: 200, after: "${(await countries('first: 200')).pageInfo.endCursor}"`))];
    expect(all).toHaveLength(250);
    expect(ids(await countries('first: 200, orderBy: { field: NAME, direction: DESC }'))).toEqual([...all].reverse().slice(0, 200));
    const byId = ids(await countries('first: 200, orderBy: { field: ID }'));
    expect(byId).toEqual([...byId].sort());
  });

  it('keeps cursors stable when items are inserted before them', async () => {
    const first = await countries('where: { region: "Asia" }, first: 5');
    const next = ids(await countries(`where: { region: "Asia" }, first: 5, after: "${first.pageInfo.endCursor}"`));
    const report = await loadSeeds(env.graph.scope(), [
      documentInput({
        sources: [{ id: 'source:test-insert', title: 'Test' }],
        entities: [{ id: 'country:AAA', kind: 'COUNTRY', name: 'Aaaland', iso3: 'AAA', region: 'Asia' }],
      }),
    ]);
    expect(report.ok).toBe(true);
    const again = ids(await countries(`where: { region: "Asia" }, first: 5, after: "${first.pageInfo.endCursor}"`));
    expect(again).toEqual(next);
    expect((await countries('where: { region: "Asia" }, first: 1')).edges[0]!.node.id).toBe('country:AAA');
    await env.graph.scope().write((tx) => tx.run("MATCH (c:Entity {id: 'country:AAA'}) DETACH DELETE c"));
  });

  it('filters countries by name, region, membership, neighbors and shared treaties', async () => {
    expect(ids(await countries('where: { nameContains: "kor" }')).sort()).toEqual(['country:KOR', 'country:PRK']);
    expect(ids(await countries('where: { nameContains: "IRÁN" }'))).toContain('country:IRN');
    expect(ids(await countries('where: { nameContains: "turkiye" }'))).toEqual(['country:TUR']);
    expect(ids(await countries('where: { memberOf: "org:sco" }'))).toEqual(['country:CHN', 'country:IRN', 'country:RUS']);
    expect(ids(await countries('where: { neighborOf: "country:IRN", subregion: "Western Asia" }')).sort()).toEqual(
      ['country:ARM', 'country:AZE', 'country:IRQ', 'country:TUR'],
    );
    expect(ids(await countries('where: { partyToTreatyWith: "country:IRN" }')).sort()).toEqual(
      ['country:CHN', 'country:DEU', 'country:FRA', 'country:GBR', 'country:RUS', 'country:USA'],
    );
    expect(ids(await countries('where: { partyToTreatyWith: "country:CHN", memberOf: "org:sco" }'))).toEqual(['country:IRN', 'country:RUS']);
    expect(ids(await countries('where: { ids: ["country:IRN", "country:FRA"] }'))).toEqual(['country:FRA', 'country:IRN']);
  });

  it('lists treaties by status, signing date and party, sorted by signing date', async () => {
    const treaties = async (args: string) =>
      (await env.server.data<{ treaties: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(`{ treaties(${args}) { totalCount edges { node { id } } } }`))
        .treaties;
    const bySigning = await treaties('orderBy: { field: SIGNED_ON }');
    expect(bySigning.edges.map((e) => e.node.id)).toEqual([
      'treaty:jcpoa', 'treaty:iran-china-25-year-cooperation-agreement', 'treaty:iran-russia-comprehensive-cooperation-charter',
    ]);
    expect((await treaties('where: { status: [NEGOTIATING, PROPOSED] }')).edges.map((e) => e.node.id)).toEqual([
      'treaty:iran-russia-comprehensive-cooperation-charter',
    ]);
    expect((await treaties('where: { signedFrom: "2021", signedTo: "2021-12" }')).edges.map((e) => e.node.id)).toEqual([
      'treaty:iran-china-25-year-cooperation-agreement',
    ]);
    expect((await treaties('where: { party: "country:USA" }')).edges.map((e) => e.node.id)).toEqual(['treaty:jcpoa']);
  });

  it('lists people by position and organizations by member', async () => {
    const data = await env.server.data<{ people: Page; organizations: Page }>(`{
      people(where: { holdsPositionIn: "country:IRN" }) { ${PAGE} }
      organizations(where: { hasMember: "country:RUS" }) { ${PAGE} }
    }`);
    expect(ids(data.people)).toEqual(['person:ali-khamenei', 'person:saeed-khatibzadeh']);
    expect(ids(data.organizations)).toEqual(['org:east-axis', 'org:sco']);
  });

  it('pages list items with their own nested hops in the same request', async () => {
    const data = await env.server.data<{ countries: { edges: Array<{ node: { id: string; memberships: Array<{ organization: { id: string } }> } }> } }>(`{
      countries(where: { memberOf: "org:sco" }, first: 2) { edges { node { id memberships { organization { id } } } } }
    }`);
    expect(data.countries.edges.map((e) => e.node.id)).toEqual(['country:CHN', 'country:IRN']);
    expect(data.countries.edges[0]!.node.memberships.map((m) => m.organization.id).sort()).toEqual(['org:east-axis', 'org:sco']);
  });
});
