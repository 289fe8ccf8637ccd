import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { Config } from '../src/config.js';
import type { Graph } from '../src/graph/graph-client.js';
import { loadSeeds } from '../src/seed/seed-loader.js';
import { documentInput } from '../src/seed/seed-reader.js';
import { openGraph, testConfig, TestServer, useSeededServer } from './setup/harness.js';
import { getGraphQL, httpRequest, metricSeries, metricTotal, type Answer } from './setup/http-client.js';

/**
 * What the response cache's variables promise (README "Caching"): the byte bound and what it drops
 * (RESPONSE_CACHE_BYTES, and 0), the Cache-Control of answers (CACHE_CONTROL), introspection never cached, the
 * version bound (GRAPH_VERSION_MAX_AGE_MS=0), and instances over one Neo4j agreeing on ETags.
 *
 * Each instance here has its own server; an instance that must not learn of writes but from Neo4j has its own Graph
 * too (its own driver and version clock), as another process would. Metrics are the process's: every figure is read
 * as a difference around the requests it is about.
 */

const KEY = 'test-seed-key-0123456789';
const ENTITY = 'query ($id: ID!) { entity(id: $id) { id name } }';
const ENTITY_ID = 'query ($id: ID!) { entity(id: $id) { id } }';
const renamed = (id: string, name: string) => ({ entities: [{ id, kind: 'ORGANIZATION', name }] });

/** The body an `ENTITY_ID` answer is sent with (and held with in memory). */
const idAnswer = (id: string): string => `${JSON.stringify({ data: { entity: { id } } })}\n`;

const cacheCount = (server: TestServer, result: 'hit' | 'miss' | 'not_modified'): Promise<number> =>
  metricSeries(server.base, 'graphql_response_cache_total', { result });

async function evictions(server: TestServer): Promise<number> {
  const total = await metricTotal(server.base, 'graphql_response_cache_evictions_total');
  return Number.isNaN(total) ? 0 : total;
}

describe('the response cache\'s settings', () => {
  const env = useSeededServer(() => testConfig({ seedApiKey: KEY }));
  const servers: TestServer[] = [];
  const graphs: Graph[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all(graphs.map((g) => g.close()));
  });

  async function start(config: Config, graph: Graph = env.graph): Promise<TestServer> {
    const server = await TestServer.start(graph, config);
    servers.push(server);
    return server;
  }

  /** A Graph of its own: a driver and a version clock that learn of other Graphs' writes only from Neo4j. */
  function ownGraph(config: Config): Graph {
    const graph = openGraph(config);
    graphs.push(graph);
    return graph;
  }

  /**
   * Asks `server` for one entity's id, and says how it was answered: `hit` (from memory, no Cypher) or `miss`
   * (executed, Cypher run); anything between the two fails the test.
   */
  async function ask(server: TestServer, id: string): Promise<'hit' | 'miss'> {
    const [cypher, hits, misses] = [await server.cypherRoundTrips(), await cacheCount(server, 'hit'), await cacheCount(server, 'miss')];
    const answer = await server.query(ENTITY_ID, { id });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(idAnswer(id));
    const ran = (await server.cypherRoundTrips()) > cypher;
    const hit = (await cacheCount(server, 'hit')) === hits + 1;
    const missed = (await cacheCount(server, 'miss')) === misses + 1;
    expect({ ran, missed }, `${id}, answered as a ${hit ? 'hit' : 'miss'}`).toEqual(hit ? { ran: false, missed: false } : { ran: true, missed: true });
    return hit ? 'hit' : 'miss';
  }

  it('drops the least recently used answers past RESPONSE_CACHE_BYTES, counts the evictions, and runs Cypher for a dropped answer again', async () => {
    const size = Buffer.byteLength(idAnswer('country:IRN'));
    // Room for two of these answers (all the same size), not three.
    const server = await start(testConfig({}, { RESPONSE_CACHE_BYTES: String(2 * size + Math.floor(size / 2)) }));
    const [irn, rus, chn] = ['country:IRN', 'country:RUS', 'country:CHN'];
    const held = () => metricTotal(server.base, 'graphql_response_cache_bytes');
    const evicted = await evictions(server);

    expect(await ask(server, irn)).toBe('miss');
    expect(await ask(server, rus)).toBe('miss');
    expect(await held()).toBe(2 * size);
    expect(await evictions(server)).toBe(evicted);
    // IRN is now the most recently used, so the third answer drops RUS.
    expect(await ask(server, irn)).toBe('hit');
    expect(await ask(server, chn)).toBe('miss');
    expect(await evictions(server)).toBe(evicted + 1);
    expect(await held()).toBe(2 * size);
    expect(await ask(server, irn)).toBe('hit');
    expect(await ask(server, chn)).toBe('hit');
    // RUS was dropped: a miss again, executed (and it drops IRN, now the least recently used).
    expect(await ask(server, rus)).toBe('miss');
    expect(await evictions(server)).toBe(evicted + 2);
    expect(await ask(server, rus)).toBe('hit');
    expect(await ask(server, irn)).toBe('miss');
    expect(await evictions(server)).toBe(evicted + 3);
    expect(await held()).toBe(2 * size);
  });

  it('counts an answer by its bytes as sent (UTF-8), not by its characters', async () => {
    const ala = { id: 'country:ALA' };
    const probe = await start(testConfig());
    const answer = await probe.query(ENTITY, ala);
    expect(answer.data).toEqual({ entity: { id: 'country:ALA', name: 'Åland Islands' } });
    expect(await metricTotal(probe.base, 'graphql_response_cache_bytes')).toBe(Buffer.byteLength(answer.text));
    // A bound one byte short of the answer: it is not held, so every repeat runs Cypher.
    const bytes = Buffer.byteLength(answer.text);
    expect(bytes).toBeGreaterThan(answer.text.length);
    const server = await start(testConfig({}, { RESPONSE_CACHE_BYTES: String(bytes - 1) }));
    await server.query(ENTITY, ala);
    const [cypher, hits] = [await server.cypherRoundTrips(), await cacheCount(server, 'hit')];
    const again = await server.query(ENTITY, ala);
    expect(again.text).toBe(answer.text);
    expect(await cacheCount(server, 'hit')).toBe(hits);
    expect(await server.cypherRoundTrips()).toBeGreaterThan(cypher);
  });

  it('with RESPONSE_CACHE_BYTES=0 answers no repeat from memory, yet revalidates with 304 and no Cypher', async () => {
    const server = await start(testConfig({}, { RESPONSE_CACHE_BYTES: '0' }));
    const irn = 'country:IRN';
    const first = await server.query(ENTITY_ID, { id: irn });
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    for (let i = 0; i < 3; i += 1) expect(await ask(server, irn)).toBe('miss');
    expect((await server.query(ENTITY_ID, { id: irn })).headers.get('etag')).toBe(etag);

    const [cypher, notModified] = [await server.cypherRoundTrips(), await cacheCount(server, 'not_modified')];
    // A GET never seen (the pipeline's 304), then again (the early 304), then the POST seen before (early too).
    const url = `${server.base}/graphql?query=${encodeURIComponent(ENTITY_ID)}&variables=${encodeURIComponent(JSON.stringify({ id: irn }))}`;
    for (const revalidate of [() => httpRequest(url, { headers: { 'if-none-match': etag! } }), () => httpRequest(url, { headers: { 'if-none-match': etag! } }), () => server.query(ENTITY_ID, { id: irn }, { 'if-none-match': etag! })]) {
      const answer = await revalidate();
      expect(answer.status).toBe(304);
      expect(answer.text).toBe('');
      expect(answer.headers.get('etag')).toBe(etag);
    }
    expect(await server.cypherRoundTrips()).toBe(cypher);
    expect(await cacheCount(server, 'not_modified')).toBe(notModified + 3);
  });

  it('gives cacheable answers the CACHE_CONTROL value, and mutations and answers with errors no-store', async () => {
    const cacheControl = 'public, max-age=30, stale-while-revalidate=5';
    const server = await start(testConfig({ seedApiKey: KEY }, { CACHE_CONTROL: cacheControl }));
    const irn = { id: 'country:IRN' };
    const first = await server.query(ENTITY, irn);
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const url = `${server.base}/graphql?query=${encodeURIComponent(ENTITY)}&variables=${encodeURIComponent(JSON.stringify(irn))}`;
    const answers: Array<[string, Answer]> = [
      ['the first answer', first],
      ['an answer from memory', await server.query(ENTITY, irn)],
      ['the pipeline\'s 304', await httpRequest(url, { headers: { 'if-none-match': etag } })],
      ['an early 304', await httpRequest(url, { headers: { 'if-none-match': etag } })],
      ['an early 304 to a POST', await server.query(ENTITY, irn, { 'if-none-match': etag })],
    ];
    expect(answers.map(([, a]) => a.status)).toEqual([200, 200, 304, 304, 304]);
    for (const [what, answer] of answers) {
      expect(answer.headers.get('cache-control'), what).toBe(cacheControl);
      expect(answer.headers.get('etag'), what).toBe(etag);
    }

    const auth = { authorization: `Bearer ${KEY}` };
    const uncacheable: Array<[string, () => Promise<Answer>, (answer: Answer) => void]> = [
      [
        'a dry-run mutation',
        () => server.query('mutation ($d: JSON!) { loadSeed(document: $d, dryRun: true) { ok } }', { d: {} }, auth),
        (answer) => expect(answer.data).toEqual({ loadSeed: { ok: true } }),
      ],
      [
        'a mutation that writes',
        () => server.query('mutation ($d: JSON!) { loadSeed(document: $d) { ok } }', { d: renamed('org:sco', 'SCO, cache-control test') }, auth),
        (answer) => expect(answer.data).toEqual({ loadSeed: { ok: true } }),
      ],
      ['a refused argument', () => server.query('{ entity(id: "") { id } }'), (answer) => expect(answer.errors).toHaveLength(1)],
      ['an invalid document', () => server.query('{ entity(id: "country:IRN") { noSuchField } }'), (answer) => expect(answer.errors).toHaveLength(1)],
      ['a GET with an error', () => getGraphQL(server.base, '{ entity(id: "") { id } }'), (answer) => expect(answer.errors).toHaveLength(1)],
    ];
    for (const [what, send, check] of uncacheable) {
      // Twice: the second would be answered early had the first been remembered.
      for (const answer of [await send(), await send()]) {
        check(answer);
        expect(answer.headers.get('cache-control'), what).toBe('no-store');
        expect(answer.headers.get('etag'), what).toBeNull();
      }
    }
  });

  it('never caches introspection: no ETag, no-store, and a repeat is neither a hit nor a 304', async () => {
    const server = env.server;
    const introspection = [
      '{ __schema { queryType { name } } }',
      '{ __type(name: "Country") { name } }',
      '{ entity(id: "country:IRN") { name } __schema { queryType { name } } }',
      'query Named { country: __type(name: "Country") { kind } }',
    ];
    for (const query of introspection) {
      const [hits, misses, notModified] = [await cacheCount(server, 'hit'), await cacheCount(server, 'miss'), await cacheCount(server, 'not_modified')];
      for (let i = 0; i < 3; i += 1) {
        const answer = await server.query(query);
        expect(answer.status, query).toBe(200);
        expect(answer.errors, query).toBeUndefined();
        expect(answer.headers.get('etag'), query).toBeNull();
        expect(answer.headers.get('cache-control'), query).toBe('no-store');
      }
      expect(await cacheCount(server, 'hit'), query).toBe(hits);
      expect(await cacheCount(server, 'miss'), query).toBe(misses);
      expect(await cacheCount(server, 'not_modified'), query).toBe(notModified);
    }

    // Sent by its hash alone (an automatic persisted query), introspection is still introspection.
    const query = '{ __schema { mutationType { name } } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const registered = await httpRequest(`${server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
    });
    expect(registered.data).toEqual({ __schema: { mutationType: { name: 'Mutation' } } });
    const byHash = `${server.base}/graphql?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }))}`;
    for (const answer of [registered, await httpRequest(byHash), await httpRequest(byHash)]) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get('etag')).toBeNull();
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }

    // __typename is not introspection: such answers are cached like any other.
    const typename = await server.query('{ entity(id: "country:IRN") { __typename name } }');
    expect(typename.headers.get('etag')).toBeTruthy();
    expect(typename.headers.get('cache-control')).toBe('private, no-cache');
  });

  it('with GRAPH_VERSION_MAX_AGE_MS=0 sees a write made elsewhere on the very next request', async () => {
    const config = testConfig({}, { GRAPH_VERSION_MAX_AGE_MS: '0' });
    expect(config.neo4j.versionMaxAgeMs).toBe(0);
    const server = await start(config, ownGraph(config));
    // A control with a bound longer than the test: it reads the version once, so it must miss the write.
    const slowConfig = testConfig({}, { GRAPH_VERSION_MAX_AGE_MS: '600000' });
    const slow = await start(slowConfig, ownGraph(slowConfig));
    // The writer stands for another process: its driver and version clock are its own.
    const writer = ownGraph(testConfig());
    const sco = { id: 'org:sco' };

    const before = await server.query(ENTITY, sco);
    const etag = before.headers.get('etag')!;
    expect((await server.query(ENTITY, sco, { 'if-none-match': etag })).status).toBe(304);
    // With 0, each request reads the version (one small read, not the operation's Cypher).
    const [reads, cypher] = [await metricTotal(server.base, 'graph_version_reads_total'), await server.cypherRoundTrips()];
    for (let i = 0; i < 3; i += 1) expect((await server.query(ENTITY, sco, { 'if-none-match': etag })).status).toBe(304);
    expect(await metricTotal(server.base, 'graph_version_reads_total')).toBeGreaterThanOrEqual(reads + 3);
    expect(await server.cypherRoundTrips()).toBe(cypher);
    const slowBefore = await slow.query(ENTITY, sco);
    expect(slowBefore.headers.get('etag')).toBe(etag);

    await loadSeeds(writer.scope(), [documentInput(renamed('org:sco', 'SCO, written elsewhere'))]);

    const after = await server.query(ENTITY, sco, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.data).toEqual({ entity: { id: 'org:sco', name: 'SCO, written elsewhere' } });
    expect(after.headers.get('etag')).not.toBe(etag);
    expect((await server.query(ENTITY, sco)).data).toEqual(after.data);
    // The control has not read the version since, so it still answers 304: the write reached the instances only
    // through Neo4j, and what made `server` see it is its reading the version on every request (counted above).
    expect((await slow.query(ENTITY, sco, { 'if-none-match': etag })).status).toBe(304);
  });

  it('revalidates an ETag from one instance on another over the same Neo4j, and after a write through one, the other answers anew within the bound', async () => {
    const config = testConfig({ seedApiKey: KEY });
    const a = await start(config, ownGraph(config));
    const b = await start(config, ownGraph(config));
    const eastAxis = { id: 'org:east-axis' };

    const fromA = await a.query(ENTITY, eastAxis);
    const etag = fromA.headers.get('etag')!;
    expect(fromA.data).toEqual({ entity: { id: 'org:east-axis', name: expect.any(String) as string } });
    // B has never seen the request: its pipeline takes A's ETag, with no Cypher.
    const [cypher, notModified] = [await b.cypherRoundTrips(), await cacheCount(b, 'not_modified')];
    const revalidated = await b.query(ENTITY, eastAxis, { 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(etag);
    expect(await b.cypherRoundTrips()).toBe(cypher);
    expect(await cacheCount(b, 'not_modified')).toBe(notModified + 1);
    // And B's own answer is A's, byte for byte, under the same ETag.
    const fromB = await b.query(ENTITY, eastAxis);
    expect(fromB.headers.get('etag')).toBe(etag);
    expect(fromB.text).toBe(fromA.text);
    expect((await b.query(ENTITY, eastAxis, { 'if-none-match': etag })).status).toBe(304);

    const write = await a.query('mutation ($d: JSON!) { loadSeed(document: $d) { ok } }', { d: renamed('org:east-axis', 'East Axis, renamed through A') }, {
      authorization: `Bearer ${KEY}`,
    });
    expect(write.data).toEqual({ loadSeed: { ok: true } });
    const renamedData = { entity: { id: 'org:east-axis', name: 'East Axis, renamed through A' } };
    const atA = await a.query(ENTITY, eastAxis, { 'if-none-match': etag });
    expect(atA.status).toBe(200);
    expect(atA.data).toEqual(renamedData);
    const newEtag = atA.headers.get('etag')!;
    expect(newEtag).not.toBe(etag);

    // Past the bound (the request's own version read is the "one version read after it commits").
    await sleep(config.neo4j.versionMaxAgeMs + 50);
    const atB = await b.query(ENTITY, eastAxis, { 'if-none-match': etag });
    expect(atB.status).toBe(200);
    expect(atB.data).toEqual(renamedData);
    expect(atB.headers.get('etag')).toBe(newEtag);
    expect(atB.text).toBe(atA.text);
    // The new ETag revalidates both ways.
    expect((await a.query(ENTITY, eastAxis, { 'if-none-match': newEtag })).status).toBe(304);
    expect((await b.query(ENTITY, eastAxis, { 'if-none-match': newEtag })).status).toBe(304);
  });
});
