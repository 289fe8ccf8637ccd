import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { loadSeeds } from '../src/seed/seed-loader.js';
import { documentInput } from '../src/seed/seed-reader.js';
import { testConfig, useSeededServer } from './setup/harness.js';
import { getGraphQL, httpRequest, metricTotal, postGraphQL } from './setup/http-client.js';

/** Dashboards poll: repeated reads are answered by ETag (304) or from memory, never stale, never across credentials. */

const KEY = 'test-seed-key-0123456789';
const ENTITY = 'query ($id: ID!) { entity(id: $id) { id name } }';
const renamed = (name: string) => ({ entities: [{ id: 'org:sco', kind: 'ORGANIZATION', name }] });

async function cacheCount(base: string, result: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`graphql_response_cache_total{result="${result}"}`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('ETags and the response cache', () => {
  const env = useSeededServer(() => testConfig({ seedApiKey: KEY }));
  const sco = { id: 'org:sco' };

  it('answers the same query with the same ETag, then 304 on revalidation (POST and GET) without running Cypher', async () => {
    const first = await env.server.query(ENTITY, sco);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const cypher = await env.server.cypherRoundTrips();
    const hitsBefore = await cacheCount(env.server.base, 'hit');
    const again = await env.server.query(ENTITY, sco);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.text).toBe(first.text);
    expect(await cacheCount(env.server.base, 'hit')).toBe(hitsBefore + 1);
    const notModified = await env.server.query(ENTITY, sco, { 'if-none-match': etag! });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    const url = `${env.server.base}/graphql?query=${encodeURIComponent(ENTITY)}&variables=${encodeURIComponent(JSON.stringify(sco))}`;
    const viaGet = await httpRequest(url, { headers: { 'if-none-match': `W/"other", ${etag!}` } });
    expect(viaGet.status).toBe(304);
    expect(await env.server.cypherRoundTrips()).toBe(cypher);
    expect(await cacheCount(env.server.base, 'not_modified')).toBeGreaterThanOrEqual(2);
  });

  it('revalidates an automatic persisted query sent by GET', async () => {
    const query = '{ entity(id: "country:IRN") { name } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }));
    const registered = await httpRequest(`${env.server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
    });
    const etag = registered.headers.get('etag')!;
    expect(registered.data).toEqual({ entity: { name: 'Iran' } });
    const cypher = await env.server.cypherRoundTrips();
    const byHash = await httpRequest(`${env.server.base}/graphql?extensions=${extensions}`, { headers: { 'if-none-match': etag } });
    expect(byHash.status).toBe(304);
    expect(await env.server.cypherRoundTrips()).toBe(cypher);
  });

  it('never shares an answer between variables or credentials, and never caches mutations or errors', async () => {
    const anonymous = (await env.server.query(ENTITY, sco)).headers.get('etag');
    const other = (await env.server.query(ENTITY, { id: 'country:IRN' })).headers.get('etag');
    const withKey = await env.server.query(ENTITY, sco, { authorization: `Bearer ${KEY}` });
    expect(new Set([anonymous, other, withKey.headers.get('etag')]).size).toBe(3);
    // The anonymous ETag does not revalidate the credentialed request.
    expect((await env.server.query(ENTITY, sco, { authorization: `Bearer ${KEY}`, 'if-none-match': anonymous! })).status).toBe(200);
    const mutation = await env.server.query('mutation ($d: JSON!) { loadSeed(document: $d, dryRun: true) { ok } }', { d: {} }, {
      authorization: `Bearer ${KEY}`,
    });
    expect(mutation.headers.get('etag')).toBeNull();
    expect(mutation.headers.get('cache-control')).toBe('no-store');
    const failing = await env.server.query('{ entity(id: "") { id } }');
    expect(failing.errors).toBeDefined();
    expect(failing.headers.get('etag')).toBeNull();
  });

  it('moves the ETag and serves the new data at once after a load through this process', async () => {
    const before = await env.server.query(ENTITY, sco);
    await loadSeeds(env.graph.scope(), [documentInput(renamed('Shanghai Cooperation Organisation (renamed)'))]);
    const after = await env.server.query(ENTITY, sco, { 'if-none-match': before.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.data).toEqual({ entity: { id: 'org:sco', name: 'Shanghai Cooperation Organisation (renamed)' } });
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    const viaApi = await env.server.query('mutation ($d: JSON!) { loadSeed(document: $d) { ok } }', { d: renamed('SCO via the API') }, {
      authorization: `Bearer ${KEY}`,
    });
    expect(viaApi.data).toEqual({ loadSeed: { ok: true } });
    expect((await env.server.query(ENTITY, sco)).data).toEqual({ entity: { id: 'org:sco', name: 'SCO via the API' } });
  });

  it('moves the ETag after a retraction and after its revert: a cached answer never outlives a rank change', async () => {
    const FACTS = 'query ($id: ID!) { entity(id: $id) { relations(first: 200) { id } } }';
    type Facts = { entity: { relations: Array<{ id: string }> } };
    const auth = { authorization: `Bearer ${KEY}` };
    const before = await env.server.query<Facts>(FACTS, sco);
    const cached = await env.server.query(FACTS, sco);
    expect(cached.headers.get('etag')).toBe(before.headers.get('etag'));
    const fact = before.data!.entity.relations[0]!.id;
    const retracted = await env.server.query<{ retractFact: { id: string; status: string } }>(
      'mutation ($id: ID!) { retractFact(id: $id, reason: "test: a wrong fact") { id status } }',
      { id: fact },
      auth,
    );
    expect(retracted.data!.retractFact.status).toBe('COMMITTED');
    const after = await env.server.query<Facts>(FACTS, sco, { 'if-none-match': before.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(after.data!.entity.relations.map((r) => r.id)).not.toContain(fact);
    const revert = await env.server.query<{ revertLoad: { ok: boolean } }>('mutation ($id: ID!) { revertLoad(id: $id) { ok } }', { id: retracted.data!.retractFact.id }, auth);
    expect(revert.data!.revertLoad.ok).toBe(true);
    const back = await env.server.query<Facts>(FACTS, sco, { 'if-none-match': after.headers.get('etag')! });
    expect(back.status).toBe(200);
    expect(new Set([before, after, back].map((r) => r.headers.get('etag'))).size).toBe(3);
    expect(back.data).toEqual(before.data);
  });

  it('learns of a load by the seed command in another process within GRAPH_VERSION_MAX_AGE_MS', async () => {
    const before = await env.server.query(ENTITY, sco);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-cache-'));
    const file = path.join(dir, 'rename.json');
    writeFileSync(file, JSON.stringify(renamed('SCO via the command')));
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/seed/seed-cli.ts', file], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NEO4J_URI: inject('neo4jUri') },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(cli.status, cli.stderr).toBe(0);
    // The command has committed: past the bound, every answer reflects it.
    await sleep(testConfig().neo4j.versionMaxAgeMs + 50);
    const after = await postGraphQL(env.server.base, ENTITY, sco, { 'if-none-match': before.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.data).toEqual({ entity: { id: 'org:sco', name: 'SCO via the command' } });
    expect((await getGraphQL(env.server.base, '{ entity(id: "org:sco") { name } }')).data).toEqual({ entity: { name: 'SCO via the command' } });
    expect(await metricTotal(env.server.base, 'graph_version_reads_total')).toBeGreaterThan(0);
  });
});
