import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Driver } from 'neo4j-driver';
import { PROJECT_ROOT } from '../src/config.js';
import type { Graph } from '../src/graph/graph-client.js';
import { loadSeeds } from '../src/seed/seed-loader.js';
import { fileInput } from '../src/seed/seed-reader.js';
import { formatProgress } from '../src/seed/seed-report.js';
import { post, startContestant, stopContestant, warmUp, type HttpContestant } from './contestant-process.js';
import { formatDashboard, measureDashboards, type Dashboards } from './dashboard.js';
import { fmt } from './format.js';
import { openBenchDatabase, resetGraph } from './database.js';
import { BENCH_DATA_DIR, generateSeed, parseScale, WORLD_SEED, type GeneratedManifest } from './generate.js';
import { profileDbHits, recordingDriver, StatementLog } from './instrument.js';
import type { ContestantName } from './serve.js';
import { canonicalJson, picksOf, workload, type Data, type FloorCursor, type GraphQLRequest, type QuerySpec } from './workload.js';

/**
 * `npm run bench -- [--scale tiny|quick|full|<number>]`: generates and loads the synthetic graph (with the
 * project's loader, whose throughput is reported), then runs every query of the workload against the floor
 * (hand-written Cypher through the driver), this server, naive resolvers and @neo4j/graphql, one query at a
 * time with every contestant back to back, and writes bench/results/<date>.json and a table.
 */

export type ContestantId = 'floor' | ContestantName;
export const CONTESTANTS: ContestantId[] = ['floor', 'server', 'naive', 'neo4j-graphql'];

export interface Measurement {
  /** Milliseconds, sequential requests. */
  p50: number;
  p95: number;
  samples: number;
  /** Operations per second at the fixed concurrency. */
  throughput: number;
  /** Cypher statements (round trips) for one operation. */
  roundTrips: number;
  /** PROFILE db hits of those statements. */
  dbHits: number;
  /** The answer equals the floor's (after `canonical`). */
  sameAsFloor: boolean;
  /** Errors during the throughput run (non-2xx or transport). */
  errors: number;
  ratios: { p50: number; p95: number; throughput: number };
  note?: string;
}

/** A contestant that cannot express the query, or whose answer failed or came too late to time. */
export interface NotMeasured {
  unsupported?: string;
  failed?: string;
  /** Milliseconds of the one request made, when it was over the slow limit. */
  single?: number;
  roundTrips?: number;
}

export interface QueryResult {
  name: string;
  description: string;
  results: Partial<Record<ContestantId, Measurement | NotMeasured>>;
}

export interface BenchResults {
  date: string;
  scale: number;
  seed: number;
  counts: GeneratedManifest['counts'] & { storedFacts: number; storedEntities: number };
  loader: LoaderRun | null;
  settings: { samples: number; maxSampleSeconds: number; connections: number; durationSeconds: number; partial: boolean };
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; neo4j: string; platform: string };
  /** p50 ms of `{ __typename }` per HTTP contestant: HTTP and GraphQL cost with no Cypher at all. */
  emptyQueryP50: Partial<Record<ContestantName, number>>;
  queries: QueryResult[];
  /** Dashboards polling with If-None-Match against a server with its response cache on (bench/dashboard.ts). */
  dashboard?: Dashboards;
}

export interface LoaderRun {
  records: number;
  facts: number;
  ms: number;
  recordsPerSecond: number;
  factsPerSecond: number;
}

export interface BenchOptions {
  scale: number;
  seed?: number;
  /** A Neo4j to use (and empty!) instead of the bench's own local server. */
  neo4jUri?: string;
  heap?: string;
  samples?: number;
  maxSampleSeconds?: number;
  connections?: number;
  durationSeconds?: number;
  contestants?: ContestantId[];
  queries?: string[];
  /** `query:contestant` pairs not to run (e.g. to keep a smoke run short). */
  exclude?: string[];
  /** A first answer slower than this (ms) is not timed further: one sample, no load run. */
  slowMs?: number;
  /** Reload even when the database already holds this graph. */
  reload?: boolean;
  /** Run the dashboard contestants (dashboardRepeat and the mixed writer run); on unless false. */
  dashboard?: boolean;
  log?: (line: string) => void;
}

// ---- Loading ----

async function storedCounts(graph: Graph): Promise<{ entities: number; facts: number }> {
  const [r] = await graph.scope().query('RETURN COUNT { MATCH (e:Entity) } AS entities, COUNT { ()-[:FACT]->() } AS facts');
  return { entities: r!.get('entities') as number, facts: r!.get('facts') as number };
}

function expectedCounts(m: GeneratedManifest): { entities: number; facts: number } {
  const worldFacts = readFileSync(WORLD_SEED, 'utf8').split('\n').filter((l) => l.startsWith('{"fact"')).length;
  return {
    entities: m.counts.countries + m.counts.people + m.counts.organizations + m.counts.treaties,
    facts: m.counts.facts + worldFacts,
  };
}

export async function ensureLoaded(graph: Graph, m: GeneratedManifest, markerDir: string | undefined, reload: boolean, log: (l: string) => void): Promise<LoaderRun | null> {
  const marker = markerDir === undefined ? undefined : path.join(markerDir, 'bench-loaded.json');
  const want = expectedCounts(m);
  const have = await storedCounts(graph);
  if (!reload && have.entities === want.entities && have.facts === want.facts) {
    log(`bench: the database already holds this graph (${have.facts} facts); not reloading`);
    if (marker && existsSync(marker)) return (JSON.parse(readFileSync(marker, 'utf8')) as { loader: LoaderRun }).loader;
    return null;
  }
  await resetGraph(graph);
  const started = Date.now();
  const report = await loadSeeds(graph.scope(), m.files.map((f) => fileInput(f)), {
    onProgress: (p) => {
      if (p.records % 250_000 === 0) log(formatProgress(p));
    },
  });
  const ms = Date.now() - started;
  if (!report.ok) throw new Error(`the generated seed is invalid: ${JSON.stringify(report.errors.slice(0, 3))}`);
  const facts = report.created.facts;
  const loader: LoaderRun = {
    records: report.records,
    facts,
    ms,
    recordsPerSecond: Math.round((report.records / ms) * 1000),
    factsPerSecond: Math.round((facts / ms) * 1000),
  };
  log(`bench: loaded ${report.records} records (${facts} facts) in ${(ms / 1000).toFixed(1)} s: ${loader.factsPerSecond} facts/s`);
  if (marker) writeFileSync(marker, JSON.stringify({ scale: m.scale, seed: m.seed, loader }, null, 2));
  return loader;
}

// ---- Measuring ----

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function sequential(run: () => Promise<unknown>, samples: number, maxSeconds: number): Promise<{ p50: number; p95: number; samples: number }> {
  for (let i = 0; i < Math.min(5, samples); i++) await run();
  const times: number[] = [];
  const deadline = Date.now() + maxSeconds * 1000;
  while (times.length < samples && (times.length < 5 || Date.now() < deadline)) {
    const t = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), samples: times.length };
}

/** Operations per second with `connections` loops for `seconds`, counting every request started in the window (waited for). */
export async function concurrentLoops(run: () => Promise<unknown>, connections: number, seconds: number): Promise<{ throughput: number; errors: number }> {
  const end = Date.now() + seconds * 1000;
  let done = 0;
  let errors = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) {
        try {
          await run();
          done += 1;
        } catch {
          errors += 1;
        }
      }
    }),
  );
  return { throughput: (done / (Date.now() - started)) * 1000, errors };
}

/**
 * The same loops over HTTP, for a GraphQL contestant: counted exactly as the floor's (every request started
 * within the window, waited for), so that heavy queries whose requests outlast the window are not dropped for one
 * contestant and counted for the other (autocannon stops at the deadline and discards requests in flight).
 */
export function httpLoops(url: string, request: GraphQLRequest, connections: number, seconds: number): Promise<{ throughput: number; errors: number }> {
  return concurrentLoops(() => post(url, request), connections, seconds);
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

// ---- The run ----

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const log = options.log ?? ((l: string) => console.error(l));
  const seed = options.seed ?? 42;
  const samples = options.samples ?? 100;
  const maxSampleSeconds = options.maxSampleSeconds ?? 10;
  const connections = options.connections ?? 8;
  const durationSeconds = options.durationSeconds ?? 10;
  const contestants = options.contestants ?? CONTESTANTS;
  const slowMs = options.slowMs ?? 15_000;
  const manifest = await generateSeed({ scale: options.scale, seed, log });
  const db = await openBenchDatabase({
    name: `neo4j-${options.scale}-${seed}`,
    // A whole load is one transaction: a million facts need about 5 GB of transaction memory (70% of the heap).
    heap: options.heap ?? (options.scale >= 0.5 ? '10g' : '2g'),
    log,
    ...(options.neo4jUri ? { uri: options.neo4jUri } : {}),
  });
  const started: HttpContestant[] = [];
  try {
    const loader = await ensureLoaded(db.graph, manifest, db.dataDir, options.reload ?? false, log);
    const stored = await storedCounts(db.graph);
    const versionRecord = (await db.graph.scope().query('CALL dbms.components() YIELD versions RETURN versions[0] AS v'))[0];
    const floorLog = new StatementLog();
    const floorDriver: Driver = recordingDriver(db.graph.driver, floorLog);

    const http = new Map<ContestantName, HttpContestant>();
    // Started side by side: each spends a few seconds compiling and loading its modules.
    await Promise.all(
      contestants
        .filter((name): name is ContestantName => name !== 'floor')
        .map(async (name) => {
          const c = await startContestant(name, db.uri);
          started.push(c);
          http.set(name, c);
        }),
    );
    for (const c of http.values()) await warmUp(c.graphqlUrl);
    const emptyQueryP50: BenchResults['emptyQueryP50'] = {};
    for (const [name, c] of http) {
      // Cheap to ask, and its p50 is the fixed cost every query pays: more samples than the workload's, in the same time bound.
      const empty = await sequential(() => post(c.graphqlUrl, { query: '{ __typename }', variables: {} }), Math.max(samples, 200), maxSampleSeconds);
      emptyQueryP50[name] = round(empty.p50);
    }
    // Opt-in queries (the knownAt variants) run only when named in --queries.
    const specs = workload(picksOf(manifest)).filter((q) => (options.queries ? options.queries.includes(q.name) : !q.optIn));
    const queries: QueryResult[] = [];
    for (const spec of specs) {
      log(`bench: ${spec.name}…`);
      const results: QueryResult['results'] = {};
      const floorRequest = await floorCursor(spec, floorDriver);
      const floorAnswer = await spec.floor(floorDriver, floorRequest);
      const canonical = (d: Data): string => canonicalJson(spec.canonical ? spec.canonical(d) : d);
      const expected = canonical(floorAnswer);
      for (const name of contestants) {
        if (options.exclude?.includes(`${spec.name}:${name}`)) continue;
        const t0 = Date.now();
        const phase = (what: string): void => log(`bench:   ${name} ${what} (${Date.now() - t0} ms)`);
        if (name === 'floor') {
          floorLog.reset(true);
          await spec.floor(floorDriver, floorRequest);
          const statements = floorLog.statements;
          floorLog.reset(false);
          const run = (): Promise<Data> => spec.floor(floorDriver, floorRequest);
          const seq = await sequential(run, samples, maxSampleSeconds);
          const tp = await concurrentLoops(run, connections, durationSeconds);
          results.floor = {
            ...seq,
            ...tp,
            roundTrips: statements.length,
            dbHits: await profileDbHits(db.graph.driver, statements),
            sameAsFloor: true,
            ratios: { p50: 1, p95: 1, throughput: 1 },
          };
          continue;
        }
        const c = http.get(name)!;
        let request: GraphQLRequest;
        let reshape: (d: Data) => Data = (d) => d;
        let note: string | undefined;
        if (name === 'neo4j-graphql') {
          if ('unsupported' in spec.neo4jGraphql) {
            results[name] = { unsupported: spec.neo4jGraphql.unsupported };
            continue;
          }
          const variant = spec.neo4jGraphql;
          const cursor = await graphqlCursor(spec, c.graphqlUrl, (cur) => variant(cur), (d) => (spec.nextCursor ? spec.nextCursor(variant(null).reshape(d)) : null));
          const v = variant(cursor);
          request = { query: v.query, variables: v.variables };
          reshape = v.reshape;
          note = v.note;
        } else {
          const cursor = await graphqlCursor(spec, c.graphqlUrl, spec.graphql, (d) => (spec.nextCursor ? spec.nextCursor(d) : null));
          request = spec.graphql(cursor);
        }
        await fetch(`${c.instrumentUrl}/bench/record`, { method: 'POST' });
        const t1 = Date.now();
        let raw: Data;
        try {
          raw = await post(c.graphqlUrl, request);
        } catch (error) {
          results[name] = { failed: String(error instanceof Error ? error.message : error).slice(0, 300) };
          log(`bench: ${spec.name}: ${name} failed: ${(results[name] as NotMeasured).failed}`);
          continue;
        }
        const firstMs = Date.now() - t1;
        const slow = firstMs > slowMs;
        const counted = (await (await fetch(`${c.instrumentUrl}/bench/count?profile=${String(!slow)}`)).json()) as {
          statements: number;
          dbHits: number | null;
          error?: string;
        };
        if (counted.error) throw new Error(`profiling ${name}'s statements failed: ${counted.error}`);
        phase('answered and profiled');
        const answer = reshape(raw);
        const same = canonical(answer) === expected;
        if (!same) {
          const file = path.join(BENCH_DATA_DIR, `differs-${spec.name}-${name}.json`);
          writeFileSync(file, JSON.stringify({ floor: JSON.parse(expected) as unknown, [name]: JSON.parse(canonical(answer)) as unknown }, null, 1));
          log(`bench: ${spec.name}: ${name}'s answer differs from the floor's (both in ${path.relative(PROJECT_ROOT, file)})`);
        }
        if (slow) {
          results[name] = { single: firstMs, roundTrips: counted.statements };
          log(`bench: ${spec.name}: ${name} took ${firstMs} ms; not timed further`);
          continue;
        }
        const seq = await sequential(() => post(c.graphqlUrl, request), samples, maxSampleSeconds);
        phase('timed');
        const tp = await httpLoops(c.graphqlUrl, request, connections, durationSeconds);
        phase('loaded');
        results[name] = {
          ...seq,
          ...tp,
          roundTrips: counted.statements,
          dbHits: counted.dbHits ?? 0,
          sameAsFloor: same,
          ratios: { p50: 0, p95: 0, throughput: 0 },
          ...(note ? { note } : {}),
        };
      }
      const floor = results.floor as Measurement | undefined;
      for (const m of Object.values(results)) {
        if (!m || !('p50' in m)) continue;
        m.p50 = round(m.p50);
        m.p95 = round(m.p95);
        m.throughput = round(m.throughput, 1);
        if (floor) m.ratios = { p50: round(m.p50 / floor.p50), p95: round(m.p95 / floor.p95), throughput: round(m.throughput / floor.throughput) };
      }
      queries.push({ name: spec.name, description: spec.description, results });
    }
    const dashboard =
      options.dashboard !== false && contestants.includes('server') && contestants.includes('floor')
        ? await measureDashboards(db, manifest, floorDriver, { samples, connections, durationSeconds, log })
        : undefined;
    const cpus = os.cpus();
    return {
      date: new Date().toISOString(),
      scale: options.scale,
      seed,
      counts: { ...manifest.counts, storedFacts: stored.facts, storedEntities: stored.entities },
      loader,
      settings: {
        samples,
        maxSampleSeconds,
        connections,
        durationSeconds,
        partial: options.queries !== undefined || options.contestants !== undefined || (options.exclude?.length ?? 0) > 0,
      },
      machine: {
        cpus: cpus.length,
        cpuModel: cpus[0]?.model ?? 'unknown',
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        neo4j: String(versionRecord?.get('v') ?? 'unknown'),
        platform: `${os.type()} ${os.release()}`,
      },
      emptyQueryP50,
      queries,
      ...(dashboard ? { dashboard } : {}),
    };
  } finally {
    for (const c of started) await stopContestant(c);
    await db.close();
  }
}

/** Walks the pages before the measured one and returns the floor's position there. */
async function floorCursor(spec: QuerySpec, driver: Driver): Promise<FloorCursor | null> {
  let cursor: FloorCursor | null = null;
  for (let page = 1; page < (spec.pages ?? 1); page++) {
    cursor = spec.nextFloorCursor!(await spec.floor(driver, cursor));
  }
  return cursor;
}

async function graphqlCursor(
  spec: QuerySpec,
  url: string,
  request: (cursor: string | null) => GraphQLRequest,
  next: (data: Data) => string | null,
): Promise<string | null> {
  let cursor: string | null = null;
  for (let page = 1; page < (spec.pages ?? 1); page++) {
    const r = request(cursor);
    cursor = next(await post(url, { query: r.query, variables: r.variables }));
  }
  return cursor;
}

// ---- Output ----

/** The first GraphQL error message of a failure, cut short for a table cell. */
function shortError(failed: string): string {
  if (failed.includes('has not completed within the timeout')) return 'Neo4j ended it at the transaction timeout (CYPHER_TIMEOUT_MS, 60 s)';
  const message = /"message":"([^"]*)/.exec(failed)?.[1] ?? failed;
  return message.length > 110 ? `${message.slice(0, 110)}…` : message;
}

export function formatTable(results: BenchResults): string {
  const lines = [
    '| query | contestant | p50 ms | ×floor | p95 ms | ×floor | ops/s | ×floor | round trips | db hits | same data |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const q of results.queries) {
    for (const name of CONTESTANTS) {
      const m = q.results[name];
      if (!m) continue;
      if (!('p50' in m)) {
        const why = m.unsupported
          ? `cannot: ${m.unsupported}`
          : m.failed
            ? `failed: ${shortError(m.failed)}`
            : `one request took ${fmt(m.single ?? 0)} ms: not timed further`;
        const single = m.single === undefined ? '—' : fmt(m.single);
        lines.push(`| ${q.name} | ${name} | ${single} | — | — | — | — | — | ${m.roundTrips ?? '—'} | — | ${why} |`);
        continue;
      }
      lines.push(
        `| ${q.name} | ${name} | ${fmt(m.p50)} | ${m.ratios.p50.toFixed(2)} | ${fmt(m.p95)} | ${m.ratios.p95.toFixed(2)} | ${fmt(m.throughput)} | ${m.ratios.throughput.toFixed(2)} | ${m.roundTrips} | ${m.dbHits} | ${m.sameAsFloor ? 'yes' : 'no'}${m.errors ? ` (${m.errors} errors)` : ''} |`,
      );
    }
  }
  return lines.join('\n');
}

export function writeResults(results: BenchResults, dir = path.join(PROJECT_ROOT, 'bench', 'results')): string {
  mkdirSync(dir, { recursive: true });
  const scaleName = results.scale === 1 ? 'full' : `scale-${results.scale}`;
  // A run of some queries or contestants does not replace the day's complete run.
  const partial = results.settings.partial ? '-partial' : '';
  const file = path.join(dir, `${results.date.slice(0, 10)}-${scaleName}${partial}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'quick' },
      seed: { type: 'string', default: '42' },
      samples: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      contestants: { type: 'string' },
      queries: { type: 'string' },
      exclude: { type: 'string' },
      heap: { type: 'string' },
      reload: { type: 'boolean', default: false },
      'no-dashboard': { type: 'boolean', default: false },
    },
  });
  const scale = parseScale(values.scale);
  const quick = scale < 0.5;
  const results = await runBench({
    scale,
    seed: Number(values.seed),
    samples: Number(values.samples ?? (quick ? 30 : 100)),
    maxSampleSeconds: quick ? 3 : 10,
    durationSeconds: Number(values.duration ?? (quick ? 3 : 10)),
    connections: Number(values.connections ?? 8),
    reload: values.reload,
    dashboard: !values['no-dashboard'],
    ...(values.heap ? { heap: values.heap } : {}),
    ...(values.contestants ? { contestants: values.contestants.split(',') as ContestantId[] } : {}),
    ...(values.queries ? { queries: values.queries.split(',') } : {}),
    ...(values.exclude ? { exclude: values.exclude.split(',') } : {}),
  });
  const file = writeResults(results);
  console.log(formatTable(results));
  if (results.dashboard) console.log(`\n${formatDashboard(results.dashboard)}`);
  console.log(`\n{ __typename } p50 (HTTP and GraphQL alone): ${Object.entries(results.emptyQueryP50).map(([k, v]) => `${k} ${v} ms`).join(', ')}`);
  if (results.loader) console.log(`\nloader: ${results.loader.factsPerSecond} facts/s (${results.loader.records} records in ${(results.loader.ms / 1000).toFixed(1)} s)`);
  console.log(`results: ${path.relative(process.cwd(), file)}`);
}
