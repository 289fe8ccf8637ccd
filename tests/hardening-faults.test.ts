import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, type Config } from '../src/config.js';
import { createDriver, Graph } from '../src/graph/graph-client.js';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../src/graph/local-neo4j.js';
import { ensureSchema } from '../src/graph/schema-setup.js';
import { startHttpServer, type RunningServer } from '../src/http/app.js';
import { Readiness } from '../src/readiness.js';
import { loadSeeds } from '../src/seed/seed-loader.js';
import { fileInput } from '../src/seed/seed-reader.js';
import { prepareDatabase } from '../src/startup.js';
import { graphCounts, graphDigest, testConfig } from './setup/harness.js';
import { metricTotal, postGraphQL } from './setup/http-client.js';

/**
 * Faults against a Neo4j of this file's own (not the run's shared one), stopped and started on the same data:
 * the server starts before Neo4j, Neo4j stops under traffic and comes back, seed loads are cut off half-way,
 * and SIGTERM drains in-flight requests.
 */

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

class OwnNeo4j {
  private server: LocalNeo4j | undefined;
  private constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {}

  static async create(): Promise<OwnNeo4j> {
    return new OwnNeo4j(await freePort(), mkdtempSync(path.join(os.tmpdir(), 'kg-neo4j-faults-')));
  }

  get uri(): string {
    return `bolt://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.server) return;
    this.server = await startLocalNeo4j({ port: this.port, dataDir: this.dataDir, heap: '1g', log: () => undefined });
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  /** Kills the JVM outright, as a crash or an OOM kill would. */
  async kill(): Promise<void> {
    const pid = this.server?.pid;
    this.server = undefined;
    if (pid === undefined) return;
    process.kill(pid, 'SIGKILL');
    for (;;) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await sleep(100);
    }
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

function faultConfig(uri: string): Config {
  const base = testConfig();
  return {
    ...base,
    neo4j: { ...base.neo4j, uri, connectionTimeoutMs: 2_000, maxRetryTimeMs: 1_000, failFastMs: 1_000, probeIntervalMs: 500 },
  };
}

interface Outcome {
  ok: boolean;
  code: string | undefined;
  status: number;
  ms: number;
}

async function ask(base: string, query = '{ countries(first: 3) { totalCount edges { node { id name } } } }'): Promise<Outcome> {
  const answer = await postGraphQL(base, query);
  const code = answer.errors?.[0]?.extensions?.['code'];
  return { ok: !answer.errors, code: typeof code === 'string' ? code : undefined, status: answer.status, ms: answer.ms };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return Date.now() - started;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A JSON Lines seed of `n` organizations, each MEMBER_OF the previous one: big enough to take a while to write. */
async function writeBigSeed(file: string, n: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (line: string): Promise<void> =>
    new Promise((resolve) => (out.write(`${line}\n`) ? resolve() : out.once('drain', () => resolve())));
  await write(JSON.stringify({ source: { id: 'source:big', title: 'Big seed' } }));
  for (let i = 0; i < n; i++) {
    await write(JSON.stringify({ entity: { id: `org:big-${i}`, kind: 'ORGANIZATION', name: `Big org ${i}`, aliases: [`BO${i}`] } }));
  }
  for (let i = 1; i < n; i++) {
    await write(JSON.stringify({ fact: { type: 'MEMBER_OF', from: `org:big-${i}`, to: `org:big-${i - 1}`, citations: [{ source: 'source:big', quote: `row ${i}` }] } }));
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

describe('faults', () => {
  let neo4j: OwnNeo4j;
  let graph: Graph;
  let server: RunningServer;
  let readiness: Readiness;
  let base: string;
  let tmp: string;

  beforeAll(async () => {
    neo4j = await OwnNeo4j.create();
    tmp = mkdtempSync(path.join(os.tmpdir(), 'kg-faults-'));
  });
  afterAll(async () => {
    await server?.stop();
    await graph?.close();
    await neo4j.destroy();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('starts before Neo4j: /ready is 503, requests fail fast with SERVICE_UNAVAILABLE, and it turns ready by itself', async () => {
    const config = faultConfig(neo4j.uri);
    graph = new Graph(createDriver(config.neo4j, neo4j.uri), config.neo4j);
    readiness = new Readiness();
    server = await startHttpServer({ config, graph, readiness });
    base = `http://127.0.0.1:${server.port}`;
    const preparing = prepareDatabase(config, graph, readiness, () => undefined, () => false, { initialMs: 200, maxMs: 1_000 });

    const notReady = await fetch(`${base}/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ neo4j: 'down' });
    const down = await ask(base);
    expect(down).toMatchObject({ ok: false, code: 'SERVICE_UNAVAILABLE', status: 200 });
    expect(down.ms).toBeLessThan(5_000);
    expect(await metricTotal(base, 'neo4j_up')).toBe(0);

    await neo4j.start();
    await preparing;
    await waitFor('/ready', async () => (await fetch(`${base}/ready`)).status === 200, 30_000);
    expect(await ask(base)).toMatchObject({ ok: true });
    expect(await metricTotal(base, 'neo4j_up')).toBe(1);
  });

  it('fails fast while Neo4j is down under traffic, and recovers when it returns, with no restart', async () => {
    const outcomes: Array<Outcome & { at: number }> = [];
    let running = true;
    const worker = async (): Promise<void> => {
      while (running) {
        try {
          outcomes.push({ ...(await ask(base)), at: Date.now() });
        } catch (error) {
          // The server itself must never drop a connection.
          outcomes.push({ ok: false, code: `FETCH ${(error as Error).message}`, status: 0, ms: 0, at: Date.now() });
        }
        await sleep(20);
      }
    };
    const workers = Array.from({ length: 4 }, () => worker());
    await sleep(1_000);
    const stoppedAt = Date.now();
    await neo4j.stop();
    await sleep(4_000);
    expect((await fetch(`${base}/ready`)).status).toBe(503);
    expect(await metricTotal(base, 'neo4j_up')).toBe(0);
    const restartAt = Date.now();
    await neo4j.start();
    const recovered = await waitFor('traffic to recover', async () => outcomes.slice(-4).length === 4 && outcomes.slice(-4).every((o) => o.ok && o.at > restartAt), 60_000);
    running = false;
    await Promise.all(workers);

    const during = outcomes.filter((o) => o.at > stoppedAt && o.at < restartAt);
    const failedMs = outcomes.filter((o) => !o.ok).map((o) => o.ms).sort((a, b) => a - b);
    const slowest = failedMs.at(-1) ?? 0;
    console.info(
      `outage: ${outcomes.length} requests, ${failedMs.length} failed (median ${Math.round(failedMs[failedMs.length >> 1] ?? 0)} ms, ` +
        `slowest ${Math.round(slowest)} ms), ${during.length} answered while down, traffic recovered ${recovered} ms after the restart began`,
    );
    expect(outcomes.filter((o) => o.at < stoppedAt).every((o) => o.ok)).toBe(true);
    expect(during.length).toBeGreaterThan(0);
    // Every failure is a clean SERVICE_UNAVAILABLE (no crash, no hang, no dropped connection)...
    const failures = outcomes.filter((o) => !o.ok);
    expect(new Set(failures.map((o) => o.code))).toEqual(new Set(['SERVICE_UNAVAILABLE']));
    // ...and fast: most at once (failing fast), none much past the driver's window (two connection attempts
    // of NEO4J_CONNECTION_TIMEOUT_MS around its retry time), with slack for a loaded machine.
    const { connectionTimeoutMs, maxRetryTimeMs } = faultConfig(neo4j.uri).neo4j;
    expect(slowest).toBeLessThan(2 * connectionTimeoutMs + maxRetryTimeMs + 4_000);
    expect(failedMs[failedMs.length >> 1]).toBeLessThan(1_000);
    expect(recovered).toBeLessThan(60_000);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    expect(await metricTotal(base, 'neo4j_up')).toBe(1);
  });

  describe('a seed load cut off half-way leaves nothing of it', () => {
    let file: string;
    beforeAll(async () => {
      file = path.join(tmp, 'big.jsonl');
      await writeBigSeed(file, 60_000);
    });

    it('when the loading process is killed', async () => {
      const before = await graphCounts(graph);
      const digest = await graphDigest(graph);
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src/seed/seed-cli.ts'), file], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, NEO4J_URI: neo4j.uri, LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const lines = readline.createInterface({ input: child.stderr! });
      await new Promise<void>((resolve, reject) => {
        lines.on('line', (line) => {
          if (/written \d+ records/.test(line)) resolve();
        });
        void exited.then(() => reject(new Error('the load ended before it was half-way')));
      });
      child.kill('SIGKILL');
      await exited;
      // The server notices nothing but an aborted transaction: the graph is as it was.
      await sleep(500);
      expect(await graphCounts(graph)).toEqual(before);
      expect(await graphDigest(graph)).toBe(digest);
    });

    it('when Neo4j dies during the load', async () => {
      const before = await graphCounts(graph);
      const digest = await graphDigest(graph);
      let stopping: Promise<void> | undefined;
      const load = loadSeeds(graph.scope(), [fileInput(file)], {
        onProgress: (p) => {
          if (p.phase === 'write' && !stopping) stopping = neo4j.kill();
        },
      });
      await expect(load).rejects.toThrow();
      await stopping;
      await neo4j.start();
      await waitFor('Neo4j', () => graph.ping(), 60_000);
      expect(await graphCounts(graph)).toEqual(before);
      expect(await graphDigest(graph)).toBe(digest);
      await ensureSchema(graph.scope());
    });
  });

  describe('SIGTERM', () => {
    let child: ChildProcess | undefined;
    afterAll(() => {
      child?.kill('SIGKILL');
    });

    it('drains in-flight requests, closes the driver and exits 0', async () => {
      await neo4j.start();
      const port = await freePort();
      const key = 'sigterm-test-key-0123456789';
      const logs: string[] = [];
      child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src/main.ts')], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, NEO4J_URI: neo4j.uri, PORT: String(port), SEED_PATHS: 'none', SEED_API_KEY: key, SHUTDOWN_GRACE_MS: '20000', LOG_LEVEL: 'info' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      readline.createInterface({ input: child.stderr! }).on('line', (line) => logs.push(line));
      // 'close', not 'exit': by then its stderr has been read to the end.
      const exited = new Promise<number | null>((resolve) => child!.once('close', (code) => resolve(code)));
      const url = `http://127.0.0.1:${port}`;
      await waitFor('the server to be ready', async () => (await fetch(`${url}/ready`)).status === 200, 60_000);

      const roundTrips = async (): Promise<number> => {
        const total = await metricTotal(url, 'neo4j_queries_total');
        return Number.isNaN(total) ? 0 : total;
      };
      const baseline = await roundTrips();
      // A write big enough to be in flight when the signal comes.
      const entities = Array.from({ length: 20_000 }, (_, i) => ({ id: `org:drain-${i}`, kind: 'ORGANIZATION', name: `Drain ${i}` }));
      const started = Date.now();
      const inFlight = postGraphQL<{ loadSeed: { ok: boolean; created: { entities: number } } }>(
        url,
        'mutation($d: JSON!) { loadSeed(document: $d) { ok created { entities } } }',
        { d: { entities } },
        { authorization: `Bearer ${key}` },
      ).then((answer) => ({ ...answer, at: Date.now() }));
      // In flight for sure: it has started talking to Neo4j (its validation reads are counted).
      await waitFor('the load to reach Neo4j', async () => (await roundTrips()) > baseline, 30_000);
      const signalledAt = Date.now();
      child.kill('SIGTERM');
      const answer = await inFlight;
      const code = await exited;

      expect(code).toBe(0);
      expect(answer.status).toBe(200);
      expect(answer.data?.loadSeed).toEqual({ ok: true, created: { entities: 20_000 } });
      expect(answer.at).toBeGreaterThan(signalledAt); // it was in flight when the signal came
      expect(signalledAt - started).toBeGreaterThan(0);
      const events = logs.map((l) => {
        try {
          return (JSON.parse(l) as { msg?: string }).msg ?? '';
        } catch {
          return l;
        }
      });
      expect(events.some((m) => m.startsWith('SIGTERM')), logs.join('\n')).toBe(true);
      expect(events.slice(-2), logs.join('\n')).toEqual(['requests drained; closing the database', 'stopped']);
      await expect(fetch(`${url}/health`)).rejects.toThrow();
      child = undefined;
    }, 180_000);
  });
});
