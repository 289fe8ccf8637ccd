import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Config } from '../src/config.js';
import type { Graph } from '../src/graph/graph-client.js';
import { openGraph, testConfig, TestServer } from './setup/harness.js';
import { postGraphQL, type GraphQLErrorBody } from './setup/http-client.js';
import { Subscription, wsClient, type WsClient } from './setup/ws-client.js';

/**
 * The WebSocket (graphql-ws on /graphql) gets the HTTP side's rules from src/http/subscriptions.ts: keep-alive
 * pings (WS_KEEPALIVE_MS), browsers' origins checked against CORS_ORIGINS, introspection off where it is off, and
 * the bound on connections (WS_MAX_CONNECTIONS). Raw `ws` sockets here, to see pings and refused upgrades.
 */

const PROTOCOL = 'graphql-transport-ws';
const SUBSCRIBE = 'subscription { changes { cursor } }';
const INTROSPECTION = '{ __schema { queryType { name } } }';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

type Upgrade = { socket: WebSocket; status?: undefined; body?: undefined } | { socket?: undefined; status: number; body: string };

/** Opens a raw WebSocket to `<base>/graphql`: the open socket, or the HTTP status and body the upgrade was refused with. */
function upgrade(base: string, options: WebSocket.ClientOptions = {}): Promise<Upgrade> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/graphql`, PROTOCOL, options);
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    socket.once('error', reject);
  });
}

/** A raw socket that has said connection_init and been acknowledged, as graphql-ws clients do first. */
async function initialised(base: string, options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  const opened = await upgrade(base, options);
  if (!opened.socket) throw new Error(`the upgrade was refused: ${opened.status} ${opened.body}`);
  const socket = opened.socket;
  const ack = new Promise<void>((resolve, reject) => {
    socket.on('message', (data: WebSocket.RawData) => {
      const message = JSON.parse(String(data)) as { type: string };
      if (message.type === 'connection_ack') resolve();
    });
    socket.once('close', (code, reason) => reject(new Error(`closed before connection_ack: ${code} ${String(reason)}`)));
  });
  socket.send(JSON.stringify({ type: 'connection_init' }));
  await ack;
  return socket;
}

function closedOf(socket: WebSocket): Promise<{ code: number; at: number }> {
  return new Promise((resolve) => socket.once('close', (code) => resolve({ code, at: Date.now() })));
}

async function closeAll(sockets: WebSocket[]): Promise<void> {
  await Promise.all(
    sockets.map(async (s) => {
      if (s.readyState === WebSocket.CLOSED) return;
      const closed = closedOf(s);
      s.close();
      await closed;
    }),
  );
}

/** One series of a Prometheus metric (`name{label="value"}`), 0 when absent. */
async function metric(base: string, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const prefix = labels ? `${name}{${labels}} ` : `${name} `;
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line ? Number(line.slice(prefix.length)) : 0;
}

describe('WebSocket hardening', () => {
  let graph: Graph;
  const servers: TestServer[] = [];
  const sockets: WebSocket[] = [];
  const clients: WsClient[] = [];
  const start = async (config: Config): Promise<TestServer> => {
    const server = await TestServer.start(graph, config);
    servers.push(server);
    return server;
  };
  const feedConfig = (feed: Partial<Config['feed']>, http: Partial<Config['http']> = {}): Config => {
    const base = testConfig();
    return { ...base, feed: { ...base.feed, ...feed }, http: { ...base.http, ...http } };
  };

  beforeAll(() => {
    // Nothing here reads or writes the graph's data: the server only needs a Neo4j to stand on.
    graph = openGraph();
  });
  afterAll(async () => {
    await closeAll(sockets);
    for (const c of clients) await c.dispose();
    for (const s of servers) await s.stop();
    await graph?.close();
  });

  it('pings every WS_KEEPALIVE_MS, and drops a connection that stops answering pings', async () => {
    const KEEPALIVE = 150;
    const server = await start(feedConfig({ keepAliveMs: KEEPALIVE }));
    const socket = await initialised(server.base);
    sockets.push(socket);
    const pings: number[] = [];
    socket.on('ping', () => pings.push(Date.now()));
    for (let i = 0; i < 100 && pings.length < 6; i++) await sleep(50);
    expect(pings.length).toBeGreaterThanOrEqual(6);
    // Pings come at the configured pace (timers may run late on a busy machine, never early).
    const meanGap = (pings.at(-1)! - pings[0]!) / (pings.length - 1);
    expect(meanGap).toBeGreaterThanOrEqual(KEEPALIVE * 0.9);
    expect(meanGap).toBeLessThan(KEEPALIVE * 3);
    // A client that answers them (ws pongs by itself) stays connected.
    expect(socket.readyState).toBe(WebSocket.OPEN);

    // One that does not answer is dropped: it gets a ping, no pong goes back, and by the next ping it is gone.
    const silent = await initialised(server.base, { autoPong: false });
    sockets.push(silent);
    let firstPing = 0;
    silent.once('ping', () => (firstPing = Date.now()));
    const closed = await closedOf(silent);
    expect(firstPing).toBeGreaterThan(0);
    // Terminated, not closed by a handshake: the client sees an abnormal closure.
    expect(closed.code).toBe(1006);
    expect(closed.at - firstPing).toBeGreaterThanOrEqual(KEEPALIVE * 0.9);
    expect(closed.at - firstPing).toBeLessThan(KEEPALIVE * 10);
  });

  it('sends no pings with WS_KEEPALIVE_MS=0', async () => {
    const server = await start(feedConfig({ keepAliveMs: 0 }));
    const socket = await initialised(server.base);
    sockets.push(socket);
    let pings = 0;
    socket.on('ping', () => (pings += 1));
    await sleep(1_000);
    expect(pings).toBe(0);
    expect(socket.readyState).toBe(WebSocket.OPEN);
  });

  it('refuses the upgrade (403) from an Origin that CORS_ORIGINS does not allow, and accepts allowed ones', async () => {
    const ALLOWED = 'https://dashboards.example.org';
    const server = await start(feedConfig({}, { corsOrigins: [ALLOWED] }));
    const refusedBefore = await metric(server.base, 'graphql_ws_connections_refused_total', 'reason="origin"');
    const refusedOrigins = ['https://evil.example', 'https://dashboards.example.org.evil.example', 'http://dashboards.example.org', 'null'];
    for (const origin of refusedOrigins) {
      const answer = await upgrade(server.base, { origin });
      expect(answer.socket, origin).toBeUndefined();
      expect(answer.status, origin).toBe(403);
      expect(answer.body, origin).toMatch(/This origin is not allowed \(CORS_ORIGINS\)/);
    }
    expect(await metric(server.base, 'graphql_ws_connections_refused_total', 'reason="origin"')).toBe(refusedBefore + refusedOrigins.length);

    // The allowed origin, the server's own pages (same host) and non-browser clients (no Origin) get through.
    const own = new URL(server.base).host;
    for (const options of [{ origin: ALLOWED }, { origin: `http://${own}` }, {}]) {
      const socket = await initialised(server.base, options);
      sockets.push(socket);
      expect(socket.readyState, JSON.stringify(options)).toBe(WebSocket.OPEN);
    }
  });

  it('refuses the upgrade past WS_MAX_CONNECTIONS with 503 and the reason, and takes connections again once one closes', async () => {
    const MAX = 2;
    const server = await start(feedConfig({ maxConnections: MAX }));
    const open = await Promise.all(Array.from({ length: MAX }, () => initialised(server.base)));
    sockets.push(...open);
    const limitBefore = await metric(server.base, 'graphql_ws_connections_refused_total', 'reason="limit"');
    const connectionsBefore = await metric(server.base, 'graphql_ws_connections');

    const refused = await upgrade(server.base);
    expect(refused.socket).toBeUndefined();
    expect(refused.status).toBe(503);
    expect(refused.body).toBe(`This server holds its maximum of ${MAX} WebSocket connections (WS_MAX_CONNECTIONS); try again later`);
    expect(await metric(server.base, 'graphql_ws_connections_refused_total', 'reason="limit"')).toBe(limitBefore + 1);
    expect(await metric(server.base, 'graphql_ws_connections')).toBe(connectionsBefore);

    // A graphql-ws client is refused the same way: its socket never opens (1006: no WebSocket close frame).
    const client = wsClient(server.base);
    clients.push(client);
    expect((await client.closed).code).toBe(1006);

    // One closes: there is room again.
    await closeAll([open[0]!]);
    for (let i = 0; i < 200 && (await metric(server.base, 'graphql_ws_connections')) !== connectionsBefore - 1; i++) await sleep(25);
    const again = await initialised(server.base);
    sockets.push(again);
    expect(again.readyState).toBe(WebSocket.OPEN);
    expect((await upgrade(server.base)).status).toBe(503);
  });

  it('refuses introspection over the WebSocket where it is off (production), as over HTTP', async () => {
    const production = await start(testConfig({}, { NODE_ENV: 'production' }));
    expect(production.server).toBeDefined();
    const overHttp = await postGraphQL(production.base, INTROSPECTION);
    expect(overHttp.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    const httpMessage = overHttp.errors![0]!.message;
    expect(httpMessage).toMatch(/introspection/i);

    const client = wsClient(production.base);
    clients.push(client);
    const refusedOver = async (query: string): Promise<GraphQLErrorBody[]> => {
      const sub = new Subscription(client.client, query);
      await expect(sub.waitFor(1)).rejects.toThrow(/subscription errors/);
      expect(sub.events).toEqual([]);
      return sub.errors;
    };
    const overWs = await refusedOver(INTROSPECTION);
    expect(overWs.map((e) => [e.extensions?.['code'], e.message])).toEqual([['GRAPHQL_VALIDATION_FAILED', httpMessage]]);
    const TYPE = 'query { __type(name: "Query") { fields { name } } }';
    const typeOverHttp = await postGraphQL(production.base, TYPE);
    const typeOverWs = await refusedOver(TYPE);
    expect(typeOverWs.map((e) => [e.extensions?.['code'], e.message])).toEqual(typeOverHttp.errors!.map((e) => [e.extensions?.['code'], e.message]));
    expect(typeOverWs[0]!.message).toMatch(/introspection/i);
    // Nor do field suggestions describe the schema: a misspelt field is refused without "Did you mean …?".
    const TYPO = 'subscription { chanegs { cursor } }';
    const typoOverWs = await refusedOver(TYPO);
    expect(typoOverWs[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' }, message: expect.stringMatching(/Cannot query field "chanegs"/) });
    expect(typoOverWs.map((e) => e.message).join(' ')).not.toMatch(/Did you mean/);
    expect(typoOverWs.map((e) => e.message)).toEqual((await postGraphQL(production.base, TYPO)).errors!.map((e) => e.message));
    // The connection stays usable: a subscription still starts.
    const sub = new Subscription<{ changes: { cursor: string } }>(client.client, SUBSCRIBE);
    for (let i = 0; i < 200 && (await metric(production.base, 'graphql_subscribers')) < 1; i++) await sleep(25);
    expect(await metric(production.base, 'graphql_subscribers')).toBe(1);
    expect(sub.errors).toEqual([]);
    sub.unsubscribe();

    // Where introspection is on, validation lets the same document through; only its being a query is refused.
    const development = await start(testConfig());
    const devClient = wsClient(development.base);
    clients.push(devClient);
    const devSub = new Subscription(devClient.client, INTROSPECTION);
    await expect(devSub.waitFor(1)).rejects.toThrow(/subscription errors/);
    expect(devSub.errors.map((e) => e.extensions?.['code'])).toEqual(['BAD_REQUEST']);
    const devTypo = new Subscription(devClient.client, TYPO);
    await expect(devTypo.waitFor(1)).rejects.toThrow(/subscription errors/);
    expect(devTypo.errors[0]!.message).toMatch(/Did you mean "changes"\?/);
  });
});
