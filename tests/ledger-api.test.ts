import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Config } from '../src/config.js';
import { releaseLock, tryLock } from '../src/graph/ledger-loads.js';
import { graphDigest, testConfig, useSeededServer } from './setup/harness.js';

/** The ledger over GraphQL: loadSeed's load, loads, load.changes, history, node, revertLoad, the writer lock, principals. */

const KEY = 'test-seed-key-0123456789';
const JWT_SECRET = 'a-ledger-test-secret-of-32-characters-or-more';
/** How long a write waits for the writer lock here before it is refused (LOAD_LOCK_WAIT_MS): short, the lock is held on purpose. */
const LOCK_WAIT_MS = 300;
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

function config(): Config {
  const base = testConfig({ seedApiKey: KEY });
  return { ...base, auth: { ...base.auth, jwtSecret: JWT_SECRET }, ledger: { ...base.ledger, lockWaitMs: LOCK_WAIT_MS } };
}

/** An HS256 JWT for `sub` with the write scope. */
function jwt(sub: string): Promise<string> {
  return new SignJWT({ scope: 'seed:write' }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode(JWT_SECRET));
}

describe('the ledger over GraphQL', () => {
  const env = useSeededServer(config);
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

  it("records a JWT's sub as the principal of its loads and of its reverts", async () => {
    const sub = 'analyst:dana@example.org';
    const token = await jwt(sub);
    const asJwt = <T,>(query: string, variables: Record<string, unknown>) => env.server.query<T>(query, variables, { authorization: `Bearer ${token}` });
    const loaded = await asJwt<{ loadSeed: { ok: boolean; loadId: string } }>(LOAD_SEED, {
      doc: { entities: [{ id: 'org:jwt-loaded', kind: 'ORGANIZATION', name: 'Loaded with a JWT' }] },
    });
    expect(loaded.errors).toBeUndefined();
    const loadId = loaded.data!.loadSeed.loadId;
    expect(loadId).toMatch(/^load:/);

    const listed = await env.server.data<{ loads: Page<{ id: string; principal: string }> }>('{ loads(first: 1) { edges { node { id principal } } } }');
    expect(listed.loads.edges[0]!.node).toEqual({ id: loadId, principal: sub });
    const byId = await env.server.data<{ load: { principal: string; status: string } }>('query($id: ID!) { load(id: $id) { principal status } }', { id: loadId });
    expect(byId.load).toEqual({ principal: sub, status: 'COMMITTED' });
    const history = await env.server.data<{ entity: { history: Page<{ load: { id: string; principal: string } }> } }>(
      '{ entity(id: "org:jwt-loaded") { ... on Organization { history { edges { node { load { id principal } } } } } } }',
    );
    expect(history.entity.history.edges.map((e) => e.node.load)).toEqual([{ id: loadId, principal: sub }]);

    // A revert is a load of its own, made for whoever asked for it.
    const reverted = await asJwt<{ revertLoad: { ok: boolean; load: { id: string; principal: string } } }>(REVERT.replace('load { id status reverts { id } }', 'load { id principal }'), { id: loadId });
    expect(reverted.data!.revertLoad).toMatchObject({ ok: true, load: { principal: sub } });
    const revertLoad = await env.server.data<{ load: { principal: string; reverts: { id: string } } }>('query($id: ID!) { load(id: $id) { principal reverts { id } } }', {
      id: reverted.data!.revertLoad.load.id,
    });
    expect(revertLoad.load).toEqual({ principal: sub, reverts: { id: loadId } });
  });

  it('refuses every write with LOAD_IN_PROGRESS (HTTP 409) while another load holds the writer lock, and changes nothing', async () => {
    const committed = await write<{ loadSeed: { loadId: string } }>(LOAD_SEED, {
      doc: { entities: [{ id: 'org:locked-out', kind: 'ORGANIZATION', name: 'Locked out' }] },
    });
    const toRevert = committed.data!.loadSeed.loadId;
    const LOADS = '{ loads(first: 200) { edges { node { id status } } } }';
    const loadsBefore = await env.server.data(LOADS);
    const before = await graphDigest(env.graph);

    // Another writer holds the lock, taken as every load takes it, with a lease far longer than the test.
    const holder = 'load:20260101T000000Z-holdlock';
    expect(await tryLock(env.graph.scope(), holder, 120_000)).toMatchObject({ acquired: true });
    try {
      const writes: Array<[string, string, Record<string, unknown>]> = [
        ['loadSeed', LOAD_SEED, { doc: { entities: [{ id: 'org:never-written', kind: 'ORGANIZATION', name: 'Never written' }] } }],
        ['revertLoad', REVERT, { id: toRevert }],
        ['retractFact', 'mutation($id: ID!) { retractFact(id: $id, reason: "while locked") { id } }', { id: 'fact:irn-party-jcpoa' }],
        ['rankFacts', 'mutation($ids: [ID!]!) { rankFacts(ids: $ids, rank: PREFERRED) { id } }', { ids: ['fact:irn-party-jcpoa'] }],
      ];
      for (const [name, query, variables] of writes) {
        for (const accept of ['application/graphql-response+json', 'application/json']) {
          const started = Date.now();
          const answer = await env.server.query(query, variables, { authorization: `Bearer ${KEY}`, accept });
          expect(answer.errors, `${name} (${accept})`).toHaveLength(1);
          expect(answer.errors![0]!.extensions?.['code'], name).toBe('LOAD_IN_PROGRESS');
          expect(answer.errors![0]!.message, name).toMatch(new RegExp(`another load is writing \\(${holder}\\); one load writes at a time: try again`));
          expect(answer.status, `${name} (${accept})`).toBe(409);
          expect(answer.data ?? null, name).toBeNull();
          // It waited LOAD_LOCK_WAIT_MS for the lock first.
          expect(Date.now() - started, name).toBeGreaterThanOrEqual(LOCK_WAIT_MS);
        }
      }
      expect(await graphDigest(env.graph)).toBe(before);
      expect(await env.server.data(LOADS)).toEqual(loadsBefore);
    } finally {
      await releaseLock(env.graph.scope(), holder);
    }

    // The lock released, the same write goes through.
    const after = await write<{ loadSeed: { ok: boolean } }>(LOAD_SEED, { doc: { entities: [{ id: 'org:never-written', kind: 'ORGANIZATION', name: 'Never written' }] } });
    expect(after.data!.loadSeed.ok).toBe(true);
  });
});
