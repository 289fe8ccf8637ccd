import { Writable } from 'node:stream';
import { serverAudits } from 'graphql-http';
import { Neo4jError } from 'neo4j-driver';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig, type Config } from '../src/config.js';
import type { Graph } from '../src/graph/graph-client.js';
import { formatError } from '../src/graphql/error-format.js';
import { startHttpServer, type RunningServer } from '../src/http/app.js';
import { Readiness } from '../src/readiness.js';
import { seededGraph, testConfig } from './setup/harness.js';
import { getGraphQL, postGraphQL } from './setup/http-client.js';

/** GraphQL over HTTP conformance, production mode, Cypher timeouts, logs and metrics. */

interface Started {
  server: RunningServer;
  base: string;
  logs: Array<Record<string, unknown>>;
}

async function start(graph: Graph, config: Config): Promise<Started> {
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const readiness = new Readiness();
  readiness.schemaReady = true;
  readiness.seedsReady = true;
  const server = await startHttpServer({ config, graph, readiness, logger: pino({ level: 'info' }, sink) });
  return { server, base: `http://127.0.0.1:${server.port}`, logs };
}

const productionConfig = (): Config =>
  loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    NEO4J_URI: inject('neo4jUri'),
    PORT: '0',
    SEED_PATHS: 'none',
    CORS_ORIGINS: 'https://dash.example',
  });

describe('HTTP', () => {
  let graph: Graph;
  let dev: Started;

  beforeAll(async () => {
    graph = await seededGraph();
    dev = await start(graph, testConfig());
  });
  afterAll(async () => {
    await dev.server.stop();
    await graph.close();
  });

  describe('GraphQL over HTTP', () => {
    it('passes every audit of graphql-http (MUST, SHOULD and MAY)', async () => {
      const failures: string[] = [];
      for (const audit of serverAudits({ url: `${dev.base}/graphql` })) {
        const result = await audit.fn();
        if (result.status !== 'ok') failures.push(`${result.status}: ${audit.name}: ${result.reason}`);
      }
      expect(failures).toEqual([]);
    });

    it('answers application/graphql-response+json with 4xx for request errors, application/json with 200', async () => {
      const send = (accept: string) => postGraphQL(dev.base, '{ nope }', undefined, { accept });
      const modern = await send('application/graphql-response+json');
      expect(modern.status).toBe(400);
      expect(modern.contentType).toMatch(/^application\/graphql-response\+json/);
      const legacy = await send('application/json');
      expect(legacy.status).toBe(200);
      expect(legacy.contentType).toMatch(/^application\/json/);
      expect((await send('application/xml')).status).toBe(406);
    });

    it('serves queries over GET, never mutations (405 with Allow: POST)', async () => {
      const get = (query: string) => getGraphQL(dev.base, query, { accept: 'application/graphql-response+json' });
      const ok = await get('{ entity(id: "country:IRN") { name } }');
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ data: { entity: { name: 'Iran' } } });
      const mutation = await get('mutation { loadSeed(document: {}) { ok } }');
      expect(mutation.status).toBe(405);
      expect(mutation.headers.get('allow')).toBe('POST');
    });
  });

  describe('production mode', () => {
    let prod: Started;
    beforeAll(async () => {
      prod = await start(graph, productionConfig());
    });
    afterAll(() => prod.server.stop());

    it('reads its defaults from NODE_ENV=production, each one can be turned back on', () => {
      expect(productionConfig().http).toMatchObject({ production: true, introspection: false, playground: false, csrfPrevention: true });
      const dev = loadConfig({});
      expect(dev.http).toMatchObject({ production: false, introspection: true, playground: true, csrfPrevention: false, corsOrigins: ['*'] });
      expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).http.introspection).toBe(true);
      expect(loadConfig({ NODE_ENV: 'production' }).http.corsOrigins).toEqual([]);
    });

    const post = (base: string, query: string, headers: Record<string, string> = {}) => postGraphQL(base, query, undefined, headers);

    it('turns introspection and field suggestions off', async () => {
      const res = await post(prod.base, '{ __schema { types { name } } }');
      expect(res.errors![0]!.extensions!['code']).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors![0]!.message).toMatch(/introspection/i);
      const typo = await post(prod.base, '{ entiti(id: "x") { id } }');
      expect(typo.errors![0]!.message).not.toMatch(/Did you mean/);
      // In development both are on.
      const devTypo = await post(dev.base, '{ entiti(id: "x") { id } }');
      expect(devTypo.errors![0]!.message).toMatch(/Did you mean "entity"/);
    });

    it('turns CSRF prevention on: a GET a browser could send cross-site is refused without a preflight header', async () => {
      const url = `${prod.base}/graphql?query=${encodeURIComponent('{ relationTypes }')}`;
      const simple = await fetch(url);
      expect(simple.status).toBe(400);
      expect(await simple.text()).toMatch(/CSRF/i);
      expect((await fetch(url, { headers: { 'apollo-require-preflight': 'true' } })).status).toBe(200);
      expect((await post(prod.base, '{ relationTypes }')).status).toBe(200);
    });

    it('allows CORS from the allow-list only', async () => {
      const preflight = (origin: string) =>
        fetch(`${prod.base}/graphql`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
        });
      const allowed = await preflight('https://dash.example');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dash.example');
      expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
      const other = await preflight('https://evil.example');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const anyDev = await fetch(`${dev.base}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://anywhere.example', 'access-control-request-method': 'POST' } });
      expect(anyDev.headers.get('access-control-allow-origin')).toBe('https://anywhere.example');
    });

    it('serves no playground', async () => {
      expect((await fetch(`${prod.base}/`, { headers: { accept: 'text/html' } })).status).toBe(404);
      const page = await fetch(`${prod.base}/graphql`, { headers: { accept: 'text/html' } });
      expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    });

    it('sends no stack traces and no internals', () => {
      const internal = formatError({ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: boom', '  at x (/app/src/y.ts:1:1)'] } }, new Error('boom'));
      expect(internal).toEqual({ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      const db = formatError({ message: 'x' }, new Neo4jError('Invalid input MATCH (n) near …', 'Neo.ClientError.Statement.SyntaxError', '42001', 'syntax'));
      expect(db).toEqual({ message: 'The graph database could not answer this query.', extensions: { code: 'DATABASE_ERROR' } });
      const user = formatError({ message: 'bad', extensions: { code: 'BAD_USER_INPUT', stacktrace: ['at …'] } }, new Error('bad'));
      expect(user.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    });
  });

  // Neo4j checks transaction timeouts every 2 s (db.transaction.monitor.check.interval), and no API query over the
  // test data runs that long, so the timeout is shown on a statement of our own through the same GraphScope.
  describe('Cypher timeouts', () => {
    const SLOW = 'UNWIND range(1, 200000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n';

    it('cancels a transaction in Neo4j past its timeout, and says QUERY_TIMEOUT', async () => {
      const started = performance.now();
      const error = await graph
        .scope()
        .read((tx) => tx.run(SLOW), 300)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      const elapsed = performance.now() - started;
      expect(error).toBeInstanceOf(Neo4jError);
      expect((error as Neo4jError).code).toMatch(/TransactionTimedOut/);
      expect(elapsed).toBeLessThan(10_000);
      expect(formatError({ message: 'x', path: ['search'] }, error)).toEqual({
        path: ['search'],
        message: 'The query ran past its time limit and was cancelled.',
        extensions: { code: 'QUERY_TIMEOUT' },
      });
      // Nothing of it is left running in the database.
      const running = await graph.scope().query(`SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery STARTS WITH 'UNWIND range' RETURN count(*) AS n`);
      expect(running[0]!.get('n')).toBe(0);
    });
  });

  describe('observability', () => {
    it('gives each request an id, echoed in the response and in its log line', async () => {
      const given = await postGraphQL(dev.base, 'query CountryCard { entity(id: "country:IRN") { name relations(first: 3) { id } } }', undefined, {
        'x-request-id': 'dash-42',
      });
      expect(given.headers.get('x-request-id')).toBe('dash-42');
      const line = dev.logs.find((l) => l['requestId'] === 'dash-42');
      expect(line).toMatchObject({ operation: 'CountryCard', type: 'query', outcome: 'ok', status: 200, roundTrips: 1, msg: 'graphql request' });
      expect(typeof line?.['durationMs']).toBe('number');
      const generated = await fetch(`${dev.base}/health`, { headers: { 'x-request-id': 'bad id with spaces' } });
      expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('exports request counts and latency by operation and outcome, Cypher latency, refusals by limit and connectivity', async () => {
      await postGraphQL(dev.base, `query TooDeep { entity(id: "country:IRN") { ${'relations { from { '.repeat(5)}id${' } }'.repeat(5)} } }`);
      const text = await (await fetch(`${dev.base}/metrics`)).text();
      expect(text).toMatch(/graphql_requests_total\{operation="CountryCard",outcome="ok"\} [1-9]/);
      expect(text).toMatch(/graphql_request_duration_seconds_bucket\{le="[^"]+",operation="CountryCard",outcome="ok"\}/);
      expect(text).toMatch(/graphql_requests_total\{operation="TooDeep",outcome="refused"\} 1/);
      expect(text).toMatch(/graphql_refused_total\{limit="MAX_QUERY_DEPTH"\} [1-9]/);
      expect(text).toMatch(/neo4j_query_duration_seconds_bucket\{le="[^"]+",mode="read"\}/);
      expect(text).toMatch(/^neo4j_up 1$/m);
      const refusedLine = dev.logs.find((l) => l['operation'] === 'TooDeep');
      expect(refusedLine).toMatchObject({ outcome: 'refused', roundTrips: 0, errors: ['QUERY_TOO_DEEP'] });
    });
  });
});
