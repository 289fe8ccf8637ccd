import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { loadSeeds } from '../src/seed/seed-loader.js';
import { fileInput } from '../src/seed/seed-reader.js';
import { graphDigest, testConfig, useSeededServer } from './setup/harness.js';

/** Retraction and re-ranking as loads of the ledger, conflicts between sources, rank validation, the CLI. */

const KEY = 'test-seed-key-0123456789';
const CHARTER = 'fact:iran-party-iran-russia-charter';
const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-ranks-'));

interface Rel {
  id: string;
  rank: string;
  rankReason: string | null;
  sources: Array<{ id: string }>;
}

describe('contested facts', () => {
  const env = useSeededServer(() => testConfig({ seedApiKey: KEY }));
  const write = <T,>(query: string, variables: Record<string, unknown>) => env.server.query<T>(query, variables, { authorization: `Bearer ${KEY}` });
  const iranTreaties = (rank: string) =>
    env.server.data<{ entity: { relations: Rel[]; treaties: Array<{ treaty: { id: string } }> } }>(
      `query($rank: RankSelection) { entity(id: "country:IRN") { ... on Country {
        relations(types: ["PARTY_TO"], rank: $rank) { id rank rankReason sources { id } }
        treaties(rank: $rank) { treaty { id } } } } }`,
      { rank },
    );

  it('the article answers as before: every fact NORMAL and best, no conflicts', async () => {
    const data = await iranTreaties('BEST');
    expect(data.entity.relations.map((r) => r.id)).toContain(CHARTER);
    expect(data.entity.relations.every((r) => r.rank === 'NORMAL' && r.rankReason === null)).toBe(true);
    const all = await iranTreaties('ALL');
    expect(all.entity.relations.length).toBe(data.entity.relations.length);
    expect((await env.server.data<{ conflicts: { edges: unknown[] } }>('{ conflicts { edges { cursor } } }')).conflicts.edges).toEqual([]);
  });

  it('retractFact: gone from default reads, present with rank ALL with its reason and sources, in history; revert: back as before', async () => {
    const before = await graphDigest(env.graph);
    const res = await write<{ retractFact: { id: string; status: string; inputs: Array<{ name: string }>; updated: { facts: number } } }>(
      'mutation($id: ID!) { retractFact(id: $id, reason: "the charter was never negotiated by Iran") { id status inputs { name } updated { facts } } }',
      { id: CHARTER },
    );
    expect(res.errors).toBeUndefined();
    const load = res.data!.retractFact;
    expect(load).toMatchObject({ status: 'COMMITTED', inputs: [{ name: 'retractFact' }], updated: { facts: 1 } });

    const best = await iranTreaties('BEST');
    expect(best.entity.relations.map((r) => r.id)).not.toContain(CHARTER);
    expect(best.entity.treaties.map((t) => t.treaty.id)).not.toContain('treaty:iran-russia-comprehensive-cooperation-charter');
    const nonDeprecated = await iranTreaties('NON_DEPRECATED');
    expect(nonDeprecated.entity.relations.map((r) => r.id)).not.toContain(CHARTER);
    const all = await iranTreaties('ALL');
    expect(all.entity.relations.find((r) => r.id === CHARTER)).toEqual({
      id: CHARTER,
      rank: 'DEPRECATED',
      rankReason: 'the charter was never negotiated by Iran',
      sources: [{ id: 'source:article-tehran-moscow-partnership' }],
    });
    const node = await env.server.data<{ node: { rank: string; history: { edges: Array<{ node: { action: string; load: { id: string }; before: { rank?: string }; after: { rank?: string } } }> } } }>(
      `query($id: ID!) { node(id: $id) { ... on Relation { rank history(first: 1) { edges { node { action load { id } before after } } } } } }`,
      { id: CHARTER },
    );
    expect(node.node.rank).toBe('DEPRECATED');
    expect(node.node.history.edges[0]!.node).toMatchObject({ action: 'UPDATED', load: { id: load.id }, after: { rank: 'DEPRECATED' } });
    expect(node.node.history.edges[0]!.node.before.rank).toBeUndefined();

    const revert = await write<{ revertLoad: { ok: boolean } }>('mutation($id: ID!) { revertLoad(id: $id) { ok } }', { id: load.id });
    expect(revert.data!.revertLoad.ok).toBe(true);
    expect(await graphDigest(env.graph)).toBe(before);
    expect((await iranTreaties('BEST')).entity.relations.map((r) => r.id)).toContain(CHARTER);
  });

  it('refuses what it cannot do, writing nothing: no credential, unknown facts, an empty reason, DEPRECATED without a reason', async () => {
    const before = await graphDigest(env.graph);
    const anonymous = await env.server.query('mutation { retractFact(id: "fact:irn-party-jcpoa", reason: "x") { id } }');
    expect(anonymous.errors![0]!.extensions!['code']).toBe('UNAUTHENTICATED');
    const unknown = await write('mutation { retractFacts(ids: ["fact:irn-party-jcpoa", "fact:nope"], reason: "wrong") { id } }', {});
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'ids' });
    expect(unknown.errors![0]!.message).toContain('ids/1: no fact has the id "fact:nope"');
    const empty = await write('mutation { retractFact(id: "fact:irn-party-jcpoa", reason: "  ") { id } }', {});
    expect(empty.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reason' });
    const noReason = await write('mutation { rankFacts(ids: ["fact:irn-party-jcpoa"], rank: DEPRECATED) { id } }', {});
    expect(noReason.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reason' });
    const oneNoReason = await write('mutation { rankFact(id: "fact:irn-party-jcpoa", rank: DEPRECATED) { id } }', {});
    expect(oneNoReason.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reason' });
    const anonymousRank = await env.server.query('mutation { rankFact(id: "fact:irn-party-jcpoa", rank: PREFERRED) { id } }');
    expect(anonymousRank.errors![0]!.extensions!['code']).toBe('UNAUTHENTICATED');
    expect(await graphDigest(env.graph)).toBe(before);
  });

  it("rankFact sets one fact's rank and reason as one load, revertable", async () => {
    const before = await graphDigest(env.graph);
    const res = await write<{ rankFact: { id: string; status: string; inputs: Array<{ name: string }> } }>(
      'mutation { rankFact(id: "fact:irn-party-jcpoa", rank: PREFERRED, reason: "the treaty text") { id status inputs { name } } }',
      {},
    );
    expect(res.data!.rankFact).toMatchObject({ status: 'COMMITTED', inputs: [{ name: 'rankFact' }] });
    const fact = await env.server.data<{ node: { rank: string; rankReason: string } }>('{ node(id: "fact:irn-party-jcpoa") { ... on Relation { rank rankReason } } }');
    expect(fact.node).toEqual({ rank: 'PREFERRED', rankReason: 'the treaty text' });
    expect((await write<{ revertLoad: { ok: boolean } }>('mutation($id: ID!) { revertLoad(id: $id) { ok } }', { id: res.data!.rankFact.id })).data!.revertLoad.ok).toBe(true);
    expect(await graphDigest(env.graph)).toBe(before);
  });

  it('seeds set ranks; a DEPRECATED fact without a reason is an error with its place, in JSON and JSON Lines', async () => {
    const doc = {
      sources: [{ id: 'source:rank-check', title: 'Rank check' }],
      facts: [{ type: 'MEMBER_OF', from: 'country:IRQ', to: 'org:sco', rank: 'DEPRECATED', citations: [{ source: 'source:rank-check' }] }],
    };
    const res = await write<{ loadSeed: { ok: boolean; errors: Array<{ path: string; message: string }> } }>(
      'mutation($doc: JSON!) { loadSeed(document: $doc) { ok errors { path message } } }',
      { doc },
    );
    expect(res.data!.loadSeed.ok).toBe(false);
    expect(res.data!.loadSeed.errors).toEqual([{ path: '/facts/0/rankReason', message: 'a DEPRECATED fact needs a rankReason (why it is deprecated)' }]);
    const file = path.join(dir, 'ranks.jsonl');
    writeFileSync(file, [JSON.stringify({ source: doc.sources[0] }), JSON.stringify({ fact: doc.facts[0] })].join('\n'));
    const report = await loadSeeds(env.graph.scope(), [fileInput(file)]);
    expect(report.errors).toEqual([{ file, path: 'line 2 rankReason', message: 'a DEPRECATED fact needs a rankReason (why it is deprecated)' }]);
    const bad = await write<{ loadSeed: { ok: boolean; errors: Array<{ path: string }> } }>(
      'mutation($doc: JSON!) { loadSeed(document: $doc) { ok errors { path message } } }',
      { doc: { ...doc, facts: [{ ...doc.facts[0], rank: 'BEST', rankReason: 'x' }] } },
    );
    expect(bad.data!.loadSeed.errors.map((e) => e.path)).toEqual(['/facts/0/rank']);
  });

  it('conflicts: different statuses and overlapping dates form groups, newest evidence first; agreeing and disjoint facts do not', async () => {
    const doc = {
      sources: [
        { id: 'source:old-report', title: 'Old report', publishedOn: '2021-05' },
        { id: 'source:new-report', title: 'New report', publishedOn: '2021-11' },
      ],
      entities: [{ id: 'person:test-envoy', kind: 'PERSON', name: 'Test Envoy' }],
      facts: [
        // Two sources give the charter different statuses.
        { id: 'fact:charter-rus-old', type: 'PARTY_TO', from: 'country:RUS', to: 'treaty:iran-russia-comprehensive-cooperation-charter', status: 'negotiating', citations: [{ source: 'source:old-report' }] },
        { id: 'fact:charter-rus-new', type: 'PARTY_TO', from: 'country:RUS', to: 'treaty:iran-russia-comprehensive-cooperation-charter', status: 'signed', citations: [{ source: 'source:new-report' }] },
        // Overlapping periods with different dates.
        { id: 'fact:envoy-a', type: 'HOLDS_POSITION', from: 'person:test-envoy', to: 'country:IRN', startDate: '2013', endDate: '2021', citations: [{ source: 'source:old-report' }] },
        { id: 'fact:envoy-b', type: 'HOLDS_POSITION', from: 'person:test-envoy', to: 'country:IRN', startDate: '2015', endDate: '2019', citations: [{ source: 'source:new-report' }] },
        // Disjoint periods (held twice): no conflict.
        { id: 'fact:envoy-c', type: 'HOLDS_POSITION', from: 'person:test-envoy', to: 'country:IRQ', startDate: '1990', endDate: '1995', citations: [{ source: 'source:old-report' }] },
        { id: 'fact:envoy-d', type: 'HOLDS_POSITION', from: 'person:test-envoy', to: 'country:IRQ', startDate: '2000', endDate: '2005', citations: [{ source: 'source:new-report' }] },
        // Agreeing sources: no conflict.
        { id: 'fact:chn-sco-old', type: 'MEMBER_OF', from: 'country:CHN', to: 'org:sco', status: 'member', citations: [{ source: 'source:old-report' }] },
        { id: 'fact:chn-sco-new', type: 'MEMBER_OF', from: 'country:CHN', to: 'org:sco', status: 'member', citations: [{ source: 'source:new-report' }] },
        // A disagreeing but deprecated fact is no conflict: best-ranked facts only.
        { id: 'fact:rus-sco-wrong', type: 'MEMBER_OF', from: 'country:RUS', to: 'org:sco', status: 'observer', rank: 'DEPRECATED', rankReason: 'misreported', citations: [{ source: 'source:new-report' }] },
      ],
    };
    const loaded = await write<{ loadSeed: { ok: boolean } }>('mutation($doc: JSON!) { loadSeed(document: $doc) { ok } }', { doc });
    expect(loaded.data!.loadSeed.ok).toBe(true);

    const query = `query($entity: ID, $types: [String!], $first: Int, $after: String) {
      conflicts(entityId: $entity, types: $types, first: $first, after: $after) {
        edges { cursor node { from { id } type to { id } kinds facts { id status startDate endDate sources { id publishedOn } } } }
        pageInfo { hasNextPage endCursor } totalCount } }`;
    type Page = { conflicts: { edges: Array<{ cursor: string; node: { from: { id: string }; type: string; to: { id: string }; kinds: string[]; facts: Array<{ id: string }> } }>; pageInfo: { hasNextPage: boolean; endCursor: string }; totalCount: number } };
    const all = await env.server.data<Page>(query);
    expect(all.conflicts.edges.map((e) => ({ ...e.node, facts: e.node.facts.map((f) => f.id), from: e.node.from.id, to: e.node.to.id }))).toEqual([
      { from: 'country:RUS', type: 'PARTY_TO', to: 'treaty:iran-russia-comprehensive-cooperation-charter', kinds: ['STATUS'], facts: ['fact:charter-rus-new', 'fact:charter-rus-old', 'fact:russia-party-iran-russia-charter'] },
      { from: 'person:test-envoy', type: 'HOLDS_POSITION', to: 'country:IRN', kinds: ['DATES'], facts: ['fact:envoy-b', 'fact:envoy-a'] },
    ]);
    expect((await env.server.data<Page>(query, { entity: 'country:IRN' })).conflicts.edges.map((e) => e.node.type)).toEqual(['HOLDS_POSITION']);
    expect((await env.server.data<Page>(query, { types: ['PARTY_TO'] })).conflicts.edges.map((e) => e.node.type)).toEqual(['PARTY_TO']);
    const first = await env.server.data<Page>(query, { first: 1 });
    expect(first.conflicts.pageInfo.hasNextPage).toBe(true);
    expect(first.conflicts.totalCount).toBe(2);
    const second = await env.server.data<Page>(query, { first: 1, after: first.conflicts.pageInfo.endCursor });
    expect(second.conflicts.edges.map((e) => e.node.from.id)).toEqual(['person:test-envoy']);
    expect(second.conflicts.pageInfo.hasNextPage).toBe(false);

    // The common ends are entities like any other: their fields and lists are read in the same statement.
    const ends = await env.server.data<{ conflicts: { edges: Array<{ node: { from: { name: string; relations: Array<{ id: string }> }; to: { name: string } } }> } }>(
      '{ conflicts(types: ["HOLDS_POSITION"]) { edges { node { from { name relations(types: ["HOLDS_POSITION"], first: 10) { id } } to { name } } } } }',
    );
    expect(ends.conflicts.edges.map((e) => ({ from: e.node.from.name, to: e.node.to.name, facts: e.node.from.relations.length }))).toEqual([
      { from: 'Test Envoy', to: 'Iran', facts: 4 },
    ]);

    // Retracting one side ends the conflict.
    await write('mutation { retractFacts(ids: ["fact:envoy-b"], reason: "wrong dates") { id } }', {});
    expect((await env.server.data<Page>(query)).conflicts.edges.map((e) => e.node.type)).toEqual(['PARTY_TO']);
  });

  it('the seed CLI ranks facts from a file as one load, and refuses a bad file with places', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/seed/seed-cli.ts', ...args], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, NEO4J_URI: inject('neo4jUri') },
        encoding: 'utf8',
        timeout: 120_000,
      });
    const bad = path.join(dir, 'bad-ranks.jsonl');
    writeFileSync(bad, '{"id": "fact:irn-party-jcpoa", "rank": "DEPRECATED"}\n{"id": "fact:x", "rank": "TOP"}\n');
    const refused = run('--ranks', bad);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${bad} line 1: a DEPRECATED fact needs a reason`);
    expect(refused.stderr).toContain(`${bad} line 2: rank must be one of PREFERRED, NORMAL, DEPRECATED`);
    const good = path.join(dir, 'ranks.jsonl');
    writeFileSync(good, '{"id": "fact:irn-party-jcpoa", "rank": "PREFERRED", "reason": "primary source"}\n');
    const done = run('--ranks', good);
    expect(done.stderr).toBe('');
    expect(done.status).toBe(0);
    expect(done.stdout).toMatch(/load: load:\S+/);
  });
});
