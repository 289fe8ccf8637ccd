import { describe, expect, it } from 'vitest';
import { graphDigest, testConfig, useSeededServer } from './setup/harness.js';

/** The loadSeed mutation: the loader behind the API, for data teams. */

const KEY = 'test-seed-key-0123456789';
const MUTATION = `mutation($doc: JSON!, $dry: Boolean) {
  loadSeed(document: $doc, dryRun: $dry) {
    ok dryRun durationMs
    created { entities facts sources } updated { entities facts sources } unchanged { entities facts sources }
    errors { file path message }
  }
}`;

const doc = {
  sources: [{ id: 'source:api-test', title: 'API test' }],
  entities: [{ id: 'org:opec', kind: 'ORGANIZATION', name: 'OPEC' }],
  facts: [{ type: 'MEMBER_OF', from: 'country:IRN', to: 'org:opec', startDate: '1960-09', citations: [{ source: 'source:api-test' }] }],
};

describe('loadSeed', () => {
  const env = useSeededServer(() => testConfig({ seedApiKey: KEY }));

  const load = (variables: Record<string, unknown>, key = KEY) =>
    env.server.query<{ loadSeed: Record<string, unknown> }>(MUTATION, variables, { authorization: `Bearer ${key}` });

  it('reports a dry run without writing, then loads, then finds nothing to do', async () => {
    const before = await graphDigest(env.graph);
    const dry = await load({ doc, dry: true });
    expect(dry.data!.loadSeed).toMatchObject({ ok: true, dryRun: true, created: { entities: 1, facts: 1, sources: 1 } });
    expect(await graphDigest(env.graph)).toBe(before);

    const real = await load({ doc });
    expect(real.data!.loadSeed).toMatchObject({ ok: true, dryRun: false, created: { entities: 1, facts: 1, sources: 1 }, errors: [] });
    const read = await env.server.data<{ entity: { memberships: Array<{ organization: { id: string }; relation: { startDate: string } }> } }>(
      '{ entity(id: "country:IRN") { ... on Country { memberships { organization { id } relation { startDate } } } } }',
    );
    expect(read.entity.memberships).toContainEqual({ organization: { id: 'org:opec' }, relation: { startDate: '1960-09' } });

    const again = await load({ doc });
    expect(again.data!.loadSeed).toMatchObject({ unchanged: { entities: 1, facts: 1, sources: 1 }, created: { entities: 0, facts: 0, sources: 0 } });
  });

  it('answers invalid documents with every error and its JSON pointer, and writes nothing', async () => {
    const before = await graphDigest(env.graph);
    const bad = {
      entities: [{ id: 'org:x', kind: 'ORGANIZATION' }],
      facts: [{ type: 'MEMBER_OF', from: 'country:IRN', to: 'org:nowhere', startDate: '2021-02-30', citations: [{ source: 'source:api-test' }] }],
    };
    const res = await load({ doc: bad });
    expect(res.data!.loadSeed['ok']).toBe(false);
    expect(res.data!.loadSeed['errors']).toEqual([
      { file: 'document', path: '/entities/0', message: "must have required property 'name'" },
      { file: 'document', path: '/facts/0/startDate', message: '"2021-02-30" is not a day of 2021-02' },
      { file: 'document', path: '/facts/0/to', message: 'refers to entity "org:nowhere", which is neither in the seed files nor in the database' },
    ]);
    expect(await graphDigest(env.graph)).toBe(before);
  });

  it('is refused without the API key and changes nothing', async () => {
    const before = await graphDigest(env.graph);
    const wrong = await load({ doc: { ...doc, entities: [{ id: 'org:y', kind: 'ORGANIZATION', name: 'Y' }] } }, 'not-the-key');
    expect(wrong.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const none = await env.server.query(MUTATION, { doc });
    expect(none.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(await graphDigest(env.graph)).toBe(before);
  });
});
