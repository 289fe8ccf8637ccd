import { describe, expect, it } from 'vitest';
import { graphDigest, testConfig, useSeededServer } from './setup/harness.js';

/** The ledger over GraphQL: loadSeed's load, loads, load.changes, history, node, revertLoad. */

const KEY = 'test-seed-key-0123456789';
const LOAD_SEED = `mutation($doc: JSON!) { loadSeed(document: $doc) { ok loadId created { entities facts sources } } }`;
const REVERT = `mutation($id: ID!, $dry: Boolean, $force: Boolean) {
  revertLoad(id: $id, dryRun: $dry, force: $force) {
    ok dryRun message changeCount
    load { id status reverts { id } }
    reverted { id status revertedBy { id } }
    conflicts { recordId category loads { id principal } }
    changes { recordId category action }
    deleted { entities facts sources }
  }
}`;

const doc = {
  sources: [{ id: 'source:ledger-api', title: 'Ledger API test' }],
  entities: [{ id: 'org:opec', kind: 'ORGANIZATION', name: 'OPEC' }],
  facts: ['IRN', 'IRQ', 'SAU', 'KWT', 'VEN'].map((c) => ({
    id: `fact:opec-${c}`,
    type: 'MEMBER_OF',
    from: `country:${c}`,
    to: 'org:opec',
    startDate: '1960-09',
    citations: [{ source: 'source:ledger-api' }],
  })),
};

interface Change {
  recordId: string;
  category: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  load: { id: string };
}
interface Page<T> {
  totalCount?: number;
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

describe('the ledger over GraphQL', () => {
  const env = useSeededServer(() => testConfig({ seedApiKey: KEY }));
  const write = <T,>(query: string, variables: Record<string, unknown>) =>
    env.server.query<T>(query, variables, { authorization: `Bearer ${KEY}` });

  it('answers loadSeed with its load, readable through loads, load, node and load.changes, paged both ways', async () => {
    const res = await write<{ loadSeed: { ok: boolean; loadId: string } }>(LOAD_SEED, { doc });
    const loadId = res.data!.loadSeed.loadId;
    expect(loadId).toMatch(/^load:/);

    const listed = await env.server.data<{ loads: Page<{ id: string; status: string; principal: string; inputs: unknown[]; created: unknown }> }>(
      '{ loads(first: 1) { edges { cursor node { id status principal inputs { name sha256 records } created { entities facts sources } } } pageInfo { hasNextPage hasPreviousPage } } }',
    );
    expect(listed.loads.edges[0]!.node).toMatchObject({
      id: loadId,
      status: 'COMMITTED',
      principal: 'api-key',
      inputs: [{ name: 'document', records: 7 }],
      created: { entities: 1, facts: 5, sources: 1 },
    });
    // The seeded graph's own load is older: newest first, it is on the next page.
    expect(listed.loads.pageInfo.hasNextPage).toBe(true);
    const older = await env.server.data<{ loads: Page<{ id: string; principal: string }> }>(
      'query($after: String) { loads(first: 5, after: $after, status: COMMITTED) { edges { node { id principal } } pageInfo { hasPreviousPage } } }',
      { after: listed.loads.edges[0]!.cursor },
    );
    expect(older.loads.edges.map((e) => e.node.id)).not.toContain(loadId);
    expect(older.loads.edges.length).toBeGreaterThan(0);

    const byNode = await env.server.data<{ node: { __typename: string; id: string; status: string } }>(
      'query($id: ID!) { node(id: $id) { __typename id ... on Load { status } } }',
      { id: loadId },
    );
    expect(byNode.node).toEqual({ __typename: 'Load', id: loadId, status: 'COMMITTED' });

    const CHANGES = `query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
      load(id: $id) { changes(first: $first, after: $after, last: $last, before: $before) {
        edges { cursor node { recordId category action before after load { id } } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } } }`;
    const forward: Change[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { load: { changes: Page<Change> } } = await env.server.data(CHANGES, { id: loadId, first: 3, after });
      forward.push(...page.load.changes.edges.map((e) => e.node));
      expect(page.load.changes.totalCount).toBe(7);
      if (!page.load.changes.pageInfo.hasNextPage) break;
      after = page.load.changes.pageInfo.endCursor;
    }
    expect(forward.map((c) => `${c.category} ${c.recordId} ${c.action}`)).toEqual([
      'SOURCE source:ledger-api CREATED',
      'ENTITY org:opec CREATED',
      ...doc.facts.map((f) => `FACT ${f.id} CREATED`),
    ]);
    expect(forward.every((c) => c.before === null && c.load.id === loadId)).toBe(true);
    expect(forward[2]!.after).toMatchObject({ id: 'fact:opec-IRN', type: 'MEMBER_OF', from: 'country:IRN', to: 'org:opec', startDate: '1960-09' });

    const backward: Change[] = [];
    let before: string | null = null;
    for (;;) {
      const page: { load: { changes: Page<Change> } } = await env.server.data(CHANGES, { id: loadId, last: 3, before });
      backward.unshift(...page.load.changes.edges.map((e) => e.node));
      if (!page.load.changes.pageInfo.hasPreviousPage) break;
      before = page.load.changes.pageInfo.startCursor;
    }
    expect(backward).toEqual(forward);
  });

  it('shows history on entities and facts, newest first, with before and after', async () => {
    const first = await write<{ loadSeed: { loadId: string } }>(LOAD_SEED, {
      doc: { entities: [{ id: 'org:hist', kind: 'ORGANIZATION', name: 'Hist' }], facts: [{ id: 'fact:hist', type: 'MEMBER_OF', from: 'country:IRN', to: 'org:hist', status: 'applied', citations: [{ source: 'source:ledger-api' }] }] },
    });
    const second = await write<{ loadSeed: { loadId: string } }>(LOAD_SEED, {
      doc: { entities: [{ id: 'org:hist', kind: 'ORGANIZATION', name: 'Hist', description: 'Now described' }], facts: [{ id: 'fact:hist', type: 'MEMBER_OF', from: 'country:IRN', to: 'org:hist', status: 'member', citations: [{ source: 'source:ledger-api' }] }] },
    });
    const HISTORY = `{ entity(id: "org:hist") { ... on Organization { history(first: 1) { edges { cursor node { action before after load { id } } } pageInfo { hasNextPage endCursor } } } }
      node(id: "fact:hist") { ... on Relation { history { edges { node { action before after load { id principal } } } } } } }`;
    const res = await env.server.data<{
      entity: { history: Page<Change> };
      node: { history: Page<Change & { load: { principal: string } }> };
    }>(HISTORY);
    expect(res.entity.history.edges[0]!.node).toMatchObject({
      action: 'UPDATED',
      before: { name: 'Hist' },
      after: { name: 'Hist', description: 'Now described' },
      load: { id: second.data!.loadSeed.loadId },
    });
    expect(res.entity.history.edges[0]!.node.before).not.toHaveProperty('description');
    expect(res.entity.history.pageInfo.hasNextPage).toBe(true);
    const next = await env.server.data<{ entity: { history: Page<Change> } }>(
      'query($after: String) { entity(id: "org:hist") { ... on Organization { history(first: 5, after: $after) { edges { node { action before load { id } } } pageInfo { hasNextPage hasPreviousPage } } } } }',
      { after: res.entity.history.pageInfo.endCursor },
    );
    expect(next.entity.history.edges.map((e) => e.node)).toEqual([{ action: 'CREATED', before: null, load: { id: first.data!.loadSeed.loadId } }]);
    expect(next.entity.history.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    expect(res.node.history.edges.map((e) => [e.node.action, e.node.before?.['status'] ?? null, e.node.after?.['status']])).toEqual([
      ['UPDATED', 'applied', 'member'],
      ['CREATED', null, 'applied'],
    ]);
    expect(res.node.history.edges[0]!.node.load.principal).toBe('api-key');
  });

  it('reverts through revertLoad: dry run, conflicts with the later load named, force', async () => {
    const a = await write<{ loadSeed: { loadId: string } }>(LOAD_SEED, {
      doc: { entities: [{ id: 'org:rev', kind: 'ORGANIZATION', name: 'Rev' }], facts: [{ id: 'fact:rev', type: 'MEMBER_OF', from: 'country:IRN', to: 'org:rev', status: 'one', citations: [{ source: 'source:ledger-api' }] }] },
    });
    const aId = a.data!.loadSeed.loadId;
    const afterA = await graphDigest(env.graph);
    const b = await write<{ loadSeed: { loadId: string } }>(LOAD_SEED, {
      doc: { facts: [{ id: 'fact:rev', type: 'MEMBER_OF', from: 'country:IRN', to: 'org:rev', status: 'two', citations: [{ source: 'source:ledger-api' }] }] },
    });
    const bId = b.data!.loadSeed.loadId;

    const unauthorized = await env.server.query(REVERT, { id: aId });
    expect(unauthorized.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');

    const dry = await write<{ revertLoad: Record<string, unknown> }>(REVERT, { id: aId, dry: true });
    expect(dry.data!.revertLoad).toMatchObject({
      ok: false,
      dryRun: true,
      load: null,
      conflicts: [{ recordId: 'fact:rev', category: 'FACT', loads: [{ id: bId, principal: 'api-key' }] }],
      changes: expect.arrayContaining([{ recordId: 'org:rev', category: 'ENTITY', action: 'DELETED' }]),
    });
    const refused = await write<{ revertLoad: { ok: boolean; message: string } }>(REVERT, { id: aId });
    expect(refused.data!.revertLoad.ok).toBe(false);
    expect(refused.data!.revertLoad.message).toContain(bId);

    // Reverting B first leaves A revertible; then A goes, then B's revert stays as the graph's story.
    const revertB = await write<{ revertLoad: { ok: boolean; load: { id: string } } }>(REVERT, { id: bId });
    expect(revertB.data!.revertLoad.ok).toBe(true);
    expect(await graphDigest(env.graph)).toBe(afterA);
    const forced = await write<{ revertLoad: { ok: boolean; load: { reverts: { id: string } }; reverted: { status: string; revertedBy: { id: string } }; deleted: unknown } }>(
      REVERT,
      { id: aId, force: true },
    );
    expect(forced.data!.revertLoad).toMatchObject({ ok: true, load: { reverts: { id: aId } }, reverted: { status: 'REVERTED' }, deleted: { entities: 1, facts: 1, sources: 0 } });
    const gone = await env.server.data<{ entity: null }>('{ entity(id: "org:rev") { id } }');
    expect(gone.entity).toBeNull();

    const twice = await write(REVERT, { id: aId });
    expect(twice.errors?.[0]?.message).toMatch(/already reverted/);
  });
});
