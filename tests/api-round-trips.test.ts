import { describe, expect, it } from 'vitest';
import { useSeededServer } from './setup/harness.js';

/** No N+1: a root field costs one Cypher round trip whatever the list sizes, measured with neo4j_queries_total. */

const DASHBOARD = (first: number): string => `{
  countries(first: ${first}) {
    totalCount
    edges { node {
      id name
      neighbors { country { id name } relation { type sources { id } } }
      memberships { organization { id name } relation { status startDate quotes } }
      treaties { treaty { id status } relation { status citations { quote source { title } } } }
    } }
  }
}`;

const DEEP = `{
  countries(first: 20) { edges { node {
    memberships { organization { id ... on Organization { members { entity { id } } } } }
    treaties { treaty { parties { entity { id } } } }
    officials { person { id name } relation { role } }
    relations(first: 5) { type from { id } to { id name } }
  } } }
}`;

describe('Cypher round trips per request', () => {
  const env = useSeededServer();

  async function roundTrips(query: string): Promise<number> {
    const before = await env.server.cypherRoundTrips();
    const res = await env.server.query(query);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return (await env.server.cypherRoundTrips()) - before;
  }

  it('costs the same for 200 countries with their neighbors, memberships and treaties as for 2', async () => {
    const small = await roundTrips(DASHBOARD(2));
    const large = await roundTrips(DASHBOARD(200));
    expect(small).toBe(1);
    expect(large).toBe(small);
    expect(await roundTrips(DEEP)).toBe(1);
  });

  it('costs one round trip per root field, however deep the selection', async () => {
    expect(await roundTrips('{ entity(id: "country:IRN") { id } }')).toBe(1);
    expect(
      await roundTrips(`{
        a: entity(id: "org:sco") { ... on Organization { members { entity { ... on Country { neighbors { country { neighbors { country { id } } } } } } } } }
        b: neighborhood(id: "country:IRN", depth: 2) { nodes { id relations { to { id } } } edges { from { name } sources { title } } }
        c: paths(fromId: "country:IRN", toId: "country:RUS") { nodes { id } edges { citations { quote } } }
        d: timeline(id: "country:USA") { from { id } to { id } }
        e: search(text: "iran") { id relations { id } }
      }`),
    ).toBe(5);
  });

  it('does not query at all for a request refused for a bad argument', async () => {
    const before = await env.server.cypherRoundTrips();
    const res = await env.server.query('{ neighborhood(id: "country:IRN", depth: 9) { nodes { id } } }');
    expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(await env.server.cypherRoundTrips()).toBe(before);
  });
});
