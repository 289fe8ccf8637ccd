import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { Driver } from 'neo4j-driver';
import type { Graph } from '../src/graph/graph-client.js';
import { loadSeeds } from '../src/seed/seed-loader.js';
import { documentInput } from '../src/seed/seed-reader.js';
import { startContestant, stopContestant, warmUp } from './contestant-process.js';
import { openBenchDatabase, type BenchDatabase } from './database.js';
import { recordingDriver, StatementLog } from './instrument.js';
import { fmt } from './format.js';
import { generateSeed, parseScale, type GeneratedManifest } from './generate.js';
import { picksOf, workload, type Data, type QuerySpec } from './workload.js';

/**
 * Dashboards poll the same operation with the same variables. `dashboardRepeat`: 8 clients revalidating with
 * If-None-Match between writes, against the floor running its Cypher each time (it cannot cache). The mixed run:
 * a writer in another process loads a small seed every few seconds while the dashboards poll; every answer
 * started after a write's commit plus the version bound must reflect it. `npm run bench` runs both (with floor
 * and server); `tsx bench/dashboard.ts [--scale quick]` runs only these, on the graph the bench loaded.
 */

export interface DashboardContestant {
  graphqlUrl: string;
  instrumentUrl: string;
  base: string;
}

export interface DashboardRepeat {
  operation: string;
  floor: { p50: number; throughput: number; statementsPerOperation: number };
  server: {
    p50: number;
    throughput: number;
    /** Sequential requests, requests in the throughput run, and how many of those were 304. */
    samples: number;
    requests: number;
    notModified: number;
    /** Cypher statements the server ran for the operation during the whole run (sequential and loaded). */
    statements: number;
    /** Reads of the graph version meanwhile (not in `statements`). */
    versionReads: number;
  };
  ratios: { p50: number; throughput: number };
}

export interface MixedRun {
  seconds: number;
  writes: number;
  answers: number;
  /** Answers started more than `boundMs` after a write committed that do not show it. */
  stale: number;
  boundMs: number;
  /** Answered without Cypher (304 or from the response cache) over all answers, from the server's /metrics. */
  hitRate: number;
  /** Cypher statements the server ran for the operation (version reads apart). */
  statements: number;
  versionReads: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function metric(base: string, name: string, label?: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => (l.startsWith(`${name} `) || l.startsWith(`${name}{`)) && (label === undefined || l.includes(label)))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

interface Polled {
  status: number;
  etag: string | null;
  data: Data | undefined;
}

async function poll(url: string, body: string, etag: string | null): Promise<Polled> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(etag ? { 'if-none-match': etag } : {}) },
    body,
  });
  const text = await res.text();
  const data = res.status === 200 ? ((JSON.parse(text) as { data?: Data }).data ?? undefined) : undefined;
  return { status: res.status, etag: res.headers.get('etag'), data };
}

export async function dashboardRepeat(
  spec: QuerySpec,
  server: DashboardContestant,
  floorDriver: Driver,
  options: { samples: number; connections: number; durationSeconds: number },
): Promise<DashboardRepeat> {
  const request = spec.graphql(null);
  const body = JSON.stringify(request);
  // The floor: its Cypher every time, sequentially and from `connections` loops.
  const floorTimes: number[] = [];
  for (let i = 0; i < options.samples + 5; i++) {
    const t = process.hrtime.bigint();
    await spec.floor(floorDriver, null);
    if (i >= 5) floorTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  floorTimes.sort((a, b) => a - b);
  let floorDone = 0;
  const end = Date.now() + options.durationSeconds * 1000;
  const floorStarted = Date.now();
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (Date.now() < end) {
        await spec.floor(floorDriver, null);
        floorDone += 1;
      }
    }),
  );
  const floorThroughput = (floorDone / (Date.now() - floorStarted)) * 1000;

  const first = await poll(server.graphqlUrl, body, null);
  if (!first.etag) throw new Error('dashboardRepeat: the server sent no ETag');
  const versionReadsBefore = await metric(server.base, 'graph_version_reads_total');
  await fetch(`${server.instrumentUrl}/bench/record`, { method: 'POST' });
  const times: number[] = [];
  for (let i = 0; i < options.samples + 5; i++) {
    const t = process.hrtime.bigint();
    const answer = await poll(server.graphqlUrl, body, first.etag);
    if (answer.status !== 304) throw new Error(`dashboardRepeat: expected 304, got ${answer.status}`);
    if (i >= 5) times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  const loaded = await autocannon({
    url: server.graphqlUrl,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'if-none-match': first.etag },
    body,
    connections: options.connections,
    duration: options.durationSeconds,
  });
  const counted = (await (await fetch(`${server.instrumentUrl}/bench/count?profile=false`)).json()) as { statements: number };
  const versionReads = (await metric(server.base, 'graph_version_reads_total')) - versionReadsBefore;
  const serverThroughput = loaded.requests.total / Math.max(loaded.duration, 1e-3);
  const p50 = percentile(times, 50);
  const floorP50 = percentile(floorTimes, 50);
  return {
    operation: spec.name,
    floor: { p50: floorP50, throughput: floorThroughput, statementsPerOperation: 1 },
    server: {
      p50,
      throughput: serverThroughput,
      samples: options.samples + 5,
      requests: loaded.requests.total,
      notModified: loaded['3xx'] ?? 0,
      statements: counted.statements,
      versionReads,
    },
    ratios: { p50: p50 / floorP50, throughput: serverThroughput / floorThroughput },
  };
}

/**
 * Renames `entityId` every `everyMs` through the project's loader on `writerGraph` (its own driver: to the server
 * it is another process), while `connections` dashboards poll `spec` and check every answer's `entity.name`.
 */
export async function mixedWriter(
  spec: QuerySpec,
  server: DashboardContestant,
  writerGraph: Graph,
  options: { entityId: string; kind: string; connections: number; seconds: number; everyMs: number; boundMs: number },
): Promise<MixedRun> {
  const body = JSON.stringify(spec.graphql(null));
  const initial = await poll(server.graphqlUrl, body, null);
  const originalName = ((initial.data?.['entity'] as Data | undefined)?.['name'] as string | undefined) ?? options.entityId;
  const rename = (name: string) => loadSeeds(writerGraph.scope(), [documentInput({ entities: [{ id: options.entityId, kind: options.kind, name }] })]);
  const commits: Array<{ at: number; name: string }> = [];
  const hitsBefore = (await metric(server.base, 'graphql_response_cache_total', 'hit')) + (await metric(server.base, 'graphql_response_cache_total', 'not_modified'));
  const lookupsBefore = await metric(server.base, 'graphql_response_cache_total');
  const versionReadsBefore = await metric(server.base, 'graph_version_reads_total');
  await fetch(`${server.instrumentUrl}/bench/record`, { method: 'POST' });
  const end = Date.now() + options.seconds * 1000;
  const answers: Array<{ started: number; name: string }> = [];
  const writer = (async () => {
    let k = 0;
    while (Date.now() + options.everyMs < end) {
      await new Promise((r) => setTimeout(r, options.everyMs));
      const name = `${originalName} (write ${++k})`;
      const report = await rename(name);
      if (!report.ok) throw new Error(`mixed run: the write failed: ${JSON.stringify(report.errors)}`);
      commits.push({ at: Date.now(), name });
    }
  })();
  const pollers = Array.from({ length: options.connections }, async () => {
    let etag: string | null = null;
    let name = originalName;
    while (Date.now() < end) {
      const started = Date.now();
      const answer = await poll(server.graphqlUrl, body, etag);
      if (answer.status === 200) {
        name = ((answer.data?.['entity'] as Data | undefined)?.['name'] as string | undefined) ?? name;
        etag = answer.etag;
      } else if (answer.status !== 304) throw new Error(`mixed run: status ${answer.status}`);
      answers.push({ started, name });
    }
  });
  await Promise.all([writer, ...pollers]);
  const counted = (await (await fetch(`${server.instrumentUrl}/bench/count?profile=false`)).json()) as { statements: number };
  const hits = (await metric(server.base, 'graphql_response_cache_total', 'hit')) + (await metric(server.base, 'graphql_response_cache_total', 'not_modified')) - hitsBefore;
  const lookups = (await metric(server.base, 'graphql_response_cache_total')) - lookupsBefore;
  const versionReads = (await metric(server.base, 'graph_version_reads_total')) - versionReadsBefore;
  // An answer must show the latest write committed more than boundMs before it started.
  const order = new Map(commits.map((c, i) => [c.name, i + 1]));
  let stale = 0;
  for (const a of answers) {
    const due = commits.filter((c) => c.at + options.boundMs < a.started).length;
    if ((order.get(a.name) ?? 0) < due) stale += 1;
  }
  await rename(originalName);
  return {
    seconds: options.seconds,
    writes: commits.length,
    answers: answers.length,
    stale,
    boundMs: options.boundMs,
    hitRate: lookups > 0 ? hits / lookups : 0,
    statements: counted.statements,
    versionReads,
  };
}

export interface Dashboards {
  repeat: DashboardRepeat;
  mixed: MixedRun;
}

/** dashboardRepeat and the mixed run on `hubAsOf`, against a server of its own with the response cache on. */
export async function measureDashboards(
  db: BenchDatabase,
  manifest: GeneratedManifest,
  floorDriver: Driver,
  options: { samples: number; connections: number; durationSeconds: number; log: (line: string) => void },
): Promise<Dashboards> {
  const { samples, connections, durationSeconds, log } = options;
  const hubAsOf = workload(picksOf(manifest)).find((q) => q.name === 'hubAsOf')!;
  log('bench: dashboardRepeat (response cache on, If-None-Match)…');
  const cached = await startContestant('server', db.uri, {});
  try {
    await warmUp(cached.graphqlUrl);
    // The floor's Cypher warm too (its plan cached, its pages in memory), as after the workload.
    const floorWarm = Date.now() + 1_000;
    while (Date.now() < floorWarm) await hubAsOf.floor(floorDriver, null);
    const contestant = { graphqlUrl: cached.graphqlUrl, instrumentUrl: cached.instrumentUrl, base: cached.graphqlUrl.replace(/\/graphql$/, '') };
    const repeat = await dashboardRepeat(hubAsOf, contestant, floorDriver, { samples, connections, durationSeconds });
    log('bench: mixed run (a writer every 2 s while dashboards poll)…');
    const mixed = await mixedWriter(hubAsOf, contestant, db.graph, {
      entityId: picksOf(manifest).hub,
      kind: 'ORGANIZATION',
      connections,
      seconds: Math.max(10, durationSeconds * 3),
      everyMs: 2_000,
      // GRAPH_VERSION_MAX_AGE_MS plus one version read.
      boundMs: 250 + 50,
    });
    return { repeat, mixed };
  } finally {
    await stopContestant(cached);
  }
}

export function formatDashboard(d: Dashboards): string {
  const { repeat: r, mixed: m } = d;
  return [
    '| contestant | p50 ms | ×floor | ops/s | ×floor | Cypher statements |',
    '|---|---:|---:|---:|---:|---|',
    `| floor (${r.operation}, its Cypher every time) | ${fmt(r.floor.p50)} | 1.00 | ${fmt(r.floor.throughput)} | 1.00 | 1 per operation |`,
    `| server, If-None-Match (304) | ${fmt(r.server.p50)} | ${r.ratios.p50.toFixed(2)} | ${fmt(r.server.throughput)} | ${r.ratios.throughput.toFixed(2)} | ${r.server.statements} in ${r.server.requests + r.server.samples} requests (and ${r.server.versionReads} version reads) |`,
    '',
    `mixed run: ${m.writes} writes in ${m.seconds} s, ${m.answers} answers, ${m.stale} stale (bound ${m.boundMs} ms), hit rate ${(m.hitRate * 100).toFixed(1)}%, ${m.statements} Cypher statements (and ${m.versionReads} version reads)`,
  ].join('\n');
}


if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: 'quick' }, seed: { type: 'string', default: '42' } } });
  const manifest = await generateSeed({ scale: parseScale(values.scale), seed: Number(values.seed) });
  const quick = manifest.scale < 0.5;
  const db = await openBenchDatabase({ name: `neo4j-${manifest.scale}-${manifest.seed}`, heap: quick ? '2g' : '10g' });
  try {
    // Wrapped as in `npm run bench`, so that the floor pays the same counting proxy.
    const dashboards = await measureDashboards(db, manifest, recordingDriver(db.graph.driver, new StatementLog()), {
      samples: quick ? 30 : 100,
      connections: 8,
      durationSeconds: quick ? 3 : 10,
      log: (line) => console.error(line),
    });
    console.log(formatDashboard(dashboards));
  } finally {
    await db.close();
  }
}
