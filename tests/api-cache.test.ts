import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { SignJWT } from 'jose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ledgerConfig, PROJECT_ROOT, type Config } from '../src/config.js';
import type { Graph } from '../src/graph/graph-client.js';
import { startHttpServer, type RunningServer } from '../src/http/app.js';
import { Readiness } from '../src/readiness.js';
import { loadSeeds } from '../src/seed/seed-loader.js';
import { documentInput } from '../src/seed/seed-reader.js';
import { testConfig, useSeededServer } from './setup/harness.js';
import { getGraphQL, httpRequest, metricSeries, metricTotal, postGraphQL, type Answer } from './setup/http-client.js';

/** Dashboards poll: repeated reads are answered by ETag (304) or from memory, never stale, never across credentials. */

const KEY = 'test-seed-key-0123456789';
const ENTITY = 'query ($id: ID!) { entity(id: $id) { id name } }';
const renamed = (name: string) => ({ entities: [{ id: 'org:sco', kind: 'ORGANIZATION', name }] });

const cacheCount = (base: string, result: string): Promise<number> => metricSeries(base, 'graphql_response_cache_total', { result });

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

  it('moves the ETag of ledger reads after a load that changed nothing, and after a streamed load commits', async () => {
    const LOADS = '{ loads(first: 1) { edges { node { id status } } } changes(last: 1) { edges { node { recordId } } } }';
    type Loads = { loads: { edges: Array<{ node: { id: string; status: string } }> }; changes: { edges: Array<{ node: { recordId: string } }> } };
    const doc = renamed('SCO, loaded twice');
    await loadSeeds(env.graph.scope(), [documentInput(doc)]);
    const before = await env.server.query<Loads>(LOADS);
    const again = await loadSeeds(env.graph.scope(), [documentInput(doc)]);
    expect(again.unchanged.entities).toBe(1);
    const afterNoop = await env.server.query<Loads>(LOADS, {}, { 'if-none-match': before.headers.get('etag')! });
    expect(afterNoop.status).toBe(200);
    expect(afterNoop.data!.loads.edges[0]!.node).toEqual({ id: again.loadId, status: 'COMMITTED' });

    // A streamed load commits its batches first and its ledger record last, in a transaction that writes no data.
    const streamed = await loadSeeds(env.graph.scope(), [documentInput(renamed('SCO, streamed'))], {
      ledger: { ...ledgerConfig(), streamThreshold: 0 },
    });
    const afterStream = await env.server.query<Loads>(LOADS, {}, { 'if-none-match': afterNoop.headers.get('etag')! });
    expect(afterStream.status).toBe(200);
    expect(afterStream.data!.loads.edges[0]!.node).toEqual({ id: streamed.loadId, status: 'COMMITTED' });
    expect(afterStream.data!.changes.edges[0]!.node.recordId).toBe('org:sco');
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

/** A server whose request log lines the test reads (which say whether an answer came before the GraphQL pipeline). */
class LoggedServer {
  readonly logs: Array<Record<string, unknown>> = [];
  private running?: RunningServer;

  async start(graph: Graph, config: Config): Promise<void> {
    const sink = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        for (const line of chunk.toString('utf8').split('\n')) if (line) this.logs.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const readiness = new Readiness();
    readiness.schemaReady = true;
    readiness.seedsReady = true;
    this.running = await startHttpServer({ config, graph, readiness, logger: pino({ level: 'info' }, sink) });
  }

  get base(): string {
    return `http://127.0.0.1:${this.running!.port}`;
  }

  /** How the last request was answered: `not_modified` or `hit` when before the pipeline, else `pipeline`. */
  lastAnswer(): string {
    const line = this.logs.filter((l) => l['msg'] === 'graphql request').at(-1);
    return typeof line?.['early'] === 'string' ? line['early'] : 'pipeline';
  }

  post(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
    return postGraphQL(this.base, query, variables, headers);
  }

  stop(): Promise<void> | undefined {
    return this.running?.stop();
  }
}

const SECRET = 'a-test-secret-of-at-least-32-characters!!';
const IRN = { id: 'country:IRN' };

describe('early answers: known requests answered before the GraphQL pipeline', () => {
  const env = useSeededServer(() => testConfig({ seedApiKey: KEY }));
  const server = new LoggedServer();
  const strict = new LoggedServer();
  beforeAll(async () => {
    const config = testConfig({ seedApiKey: KEY });
    await server.start(env.graph, { ...config, auth: { ...config.auth, jwtSecret: SECRET }, http: { ...config.http, corsOrigins: ['https://dash.example'] } });
    // CSRF prevention on: a GET must show it was preflighted.
    await strict.start(env.graph, { ...config, http: { ...config.http, csrfPrevention: true } });
  });
  afterAll(async () => {
    await server.stop();
    await strict.stop();
  });

  it('answers a known revalidation with 304 and a known request from memory, without Apollo or Cypher, and counts both', async () => {
    const first = await server.post(ENTITY, IRN);
    const etag = first.headers.get('etag')!;
    expect(server.lastAnswer()).toBe('pipeline');
    const cypher = await metricTotal(server.base, 'neo4j_queries_total');
    const requests = await metricTotal(server.base, 'graphql_requests_total');
    const notModified = await cacheCount(server.base, 'not_modified');
    const hits = await cacheCount(server.base, 'hit');
    const again = await server.post(ENTITY, IRN, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('private, no-cache');
    expect(again.headers.get('x-request-id')).toBeTruthy();
    // The same request was answered before (If-None-Match aside): its verdict holds at this version.
    expect(server.lastAnswer()).toBe('not_modified');
    // Without If-None-Match: the same bytes and headers, from memory.
    const fromMemory = await server.post(ENTITY, IRN);
    expect(server.lastAnswer()).toBe('hit');
    expect(fromMemory.status).toBe(200);
    expect(fromMemory.text).toBe(first.text);
    expect(fromMemory.contentType).toBe(first.contentType);
    expect(fromMemory.headers.get('etag')).toBe(etag);
    expect(await metricTotal(server.base, 'neo4j_queries_total')).toBe(cypher);
    expect(await metricTotal(server.base, 'graphql_requests_total')).toBe(requests + 2);
    expect(await cacheCount(server.base, 'not_modified')).toBe(notModified + 1);
    expect(await cacheCount(server.base, 'hit')).toBe(hits + 1);
  });

  it('gives early answers the headers the pipeline gives (CORS, request id), and still reads bodies the same way', async () => {
    const headers = { origin: 'https://dash.example', 'x-request-id': 'dash-1' };
    const first = await server.post(ENTITY, { id: 'country:CHN' }, headers);
    expect(server.lastAnswer()).toBe('pipeline');
    const again = await server.post(ENTITY, { id: 'country:CHN' }, { ...headers, 'x-request-id': 'dash-2' });
    expect(server.lastAnswer()).toBe('hit');
    for (const name of ['access-control-allow-origin', 'access-control-expose-headers', 'vary', 'content-type', 'etag', 'cache-control']) {
      expect(again.headers.get(name), name).toBe(first.headers.get(name));
    }
    expect(again.headers.get('access-control-allow-origin')).toBe('https://dash.example');
    expect(again.headers.get('x-request-id')).toBe('dash-2');
    const revalidated = await server.post(ENTITY, { id: 'country:CHN' }, { ...headers, 'if-none-match': first.headers.get('etag')! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('access-control-allow-origin')).toBe('https://dash.example');
    // A body that is not JSON is read before Express, and refused by Express as before.
    const broken = await httpRequest(`${server.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(broken.status).toBe(400);
    expect(broken.errors?.[0]?.extensions?.['code']).toBe('BAD_REQUEST');
    const notUtf8 = await httpRequest(`${server.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.from([0x7b, 0xff, 0x7d]) });
    expect(notUtf8.status).toBe(400);
    expect(notUtf8.errors?.[0]?.message).toBe('The request body is not valid UTF-8');
  });

  it('answers GET and persisted-query GET revalidations early too', async () => {
    const query = '{ entity(id: "country:RUS") { name } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const registered = await server.post(query, {}, {});
    const etag = registered.headers.get('etag')!;
    const byText = `${server.base}/graphql?query=${encodeURIComponent(query)}`;
    const byHash = `${server.base}/graphql?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }))}`;
    await httpRequest(`${server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
    });
    for (const url of [byText, byHash]) {
      expect((await httpRequest(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
      const cypher = await metricTotal(server.base, 'neo4j_queries_total');
      expect((await httpRequest(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
      expect(server.lastAnswer()).toBe('not_modified');
      expect(await metricTotal(server.base, 'neo4j_queries_total')).toBe(cypher);
    }
  });

  it('never answers one credential or one set of variables with another\'s answer', async () => {
    const anonymous = await server.post(ENTITY, IRN);
    const etag = anonymous.headers.get('etag')!;
    await server.post(ENTITY, IRN, { 'if-none-match': etag });
    // The API key's request with the anonymous ETag: its own answer, from the pipeline.
    const withKey = await server.post(ENTITY, IRN, { authorization: `Bearer ${KEY}`, 'if-none-match': etag });
    expect(withKey.status).toBe(200);
    expect(server.lastAnswer()).toBe('pipeline');
    expect(withKey.headers.get('etag')).not.toBe(etag);
    const keyEtag = withKey.headers.get('etag')!;
    await server.post(ENTITY, IRN, { authorization: `Bearer ${KEY}`, 'if-none-match': keyEtag });
    expect((await server.post(ENTITY, IRN, { authorization: `Bearer ${KEY}`, 'if-none-match': keyEtag })).status).toBe(304);
    expect(server.lastAnswer()).toBe('not_modified');
    // Neither ETag serves the other credential, however often both were seen.
    expect((await server.post(ENTITY, IRN, { 'if-none-match': keyEtag })).status).toBe(200);
    expect((await server.post(ENTITY, IRN, { authorization: `Bearer ${KEY}`, 'if-none-match': etag })).status).toBe(200);
    const otherVariables = await server.post(ENTITY, { id: 'country:RUS' }, { 'if-none-match': etag });
    expect(otherVariables.status).toBe(200);
    expect(otherVariables.data).toEqual({ entity: { id: 'country:RUS', name: 'Russia' } });
  });

  it('still refuses a request whose credential has expired since its answer was remembered', async () => {
    // Valid for two or three seconds more (jose allows 5 s of clock skew past exp).
    const expires = Math.floor(Date.now() / 1000) - 2;
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('dashboard').setExpirationTime(expires).sign(new TextEncoder().encode(SECRET));
    const headers = { authorization: `Bearer ${token}` };
    const first = await server.post(ENTITY, IRN, headers);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    await server.post(ENTITY, IRN, { ...headers, 'if-none-match': etag });
    await server.post(ENTITY, IRN, headers);
    await sleep(Math.max(0, (expires + 5) * 1000 - Date.now()) + 100);
    const refused = await server.post(ENTITY, IRN, { ...headers, 'if-none-match': etag });
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const refusedAgain = await server.post(ENTITY, IRN, headers);
    expect(refusedAgain.status).toBe(401);
    expect(refusedAgain.data).toBeUndefined();
  });

  it('still refuses a GET that CSRF prevention blocks, though the same GET preflighted was answered', async () => {
    const url = `${strict.base}/graphql?query=${encodeURIComponent('{ entity(id: "country:IRN") { name } }')}`;
    const preflighted = { 'apollo-require-preflight': 'true' };
    const first = await httpRequest(url, { headers: preflighted });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect((await httpRequest(url, { headers: { ...preflighted, 'if-none-match': etag } })).status).toBe(304);
    expect((await httpRequest(url, { headers: { ...preflighted, 'if-none-match': etag } })).status).toBe(304);
    expect(strict.lastAnswer()).toBe('not_modified');
    const blocked = await httpRequest(url, { headers: { 'if-none-match': etag } });
    expect(blocked.status).toBe(400);
    expect(blocked.text).toContain('Cross-Site Request Forgery');
  });

  it('serves the new data after a write, never the remembered answer', async () => {
    const query = 'query ($id: ID!) { entity(id: $id) { id name } }';
    const eastAxis = { id: 'org:east-axis' };
    const first = await server.post(query, eastAxis);
    const etag = first.headers.get('etag')!;
    await server.post(query, eastAxis, { 'if-none-match': etag });
    expect((await server.post(query, eastAxis, { 'if-none-match': etag })).status).toBe(304);
    expect(server.lastAnswer()).toBe('not_modified');
    await server.post(query, eastAxis);
    expect(server.lastAnswer()).toBe('hit');
    await loadSeeds(env.graph.scope(), [documentInput({ entities: [{ id: 'org:east-axis', kind: 'ORGANIZATION', name: 'East Axis (renamed)' }] })]);
    const revalidated = await server.post(query, eastAxis, { 'if-none-match': etag });
    expect(revalidated.status).toBe(200);
    expect(revalidated.data).toEqual({ entity: { id: 'org:east-axis', name: 'East Axis (renamed)' } });
    expect(revalidated.headers.get('etag')).not.toBe(etag);
    const plain = await server.post(query, eastAxis);
    expect(plain.data).toEqual({ entity: { id: 'org:east-axis', name: 'East Axis (renamed)' } });
    expect(plain.headers.get('etag')).toBe(revalidated.headers.get('etag'));
  });
});
