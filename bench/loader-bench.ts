import { createReadStream, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import type { Graph } from '../src/graph/graph-client.js';
import type { EntityRow, FactRow, SourceRow } from '../src/graph/seed-cypher.js';
import { ENTITY_KINDS, type EntityKindName } from '../src/model/kinds.js';
import { ledgerConfig } from '../src/config.js';
import { ensureSchema } from '../src/graph/schema-setup.js';
import { revertLoad } from '../src/seed/revert.js';
import { loadSeeds, type LoadProgress } from '../src/seed/seed-loader.js';
import { entityRow, factRow, sourceRow } from '../src/seed/seed-rows.js';
import type { SeedEntity, SeedFact, SeedSource } from '../src/seed/seed-format.js';
import { fileInput } from '../src/seed/seed-reader.js';
import { formatProgress } from '../src/seed/seed-report.js';
import { openBenchDatabase, resetGraph, type BenchDatabase } from './database.js';
import { BENCH_DATA_DIR, generateSeed, parseScale } from './generate.js';

/**
 * The loader's measures: the project's loader (validation, then a load recorded in the ledger) against a bare
 * `UNWIND … MERGE` of the same data in the same run, behind the same constraints and indexes (ensureSchema);
 * issue 12's figures on top (peak Node RSS, the ledger's size on disk, a reload, a revert). `measureLoader` is
 * issue 3's measure on one database, emptied between the two.
 */

export interface LoaderFigures {
  facts: number;
  records: number;
  /** The whole load: validation (schema, dates, references) and the write, in ms. */
  loaderMs: number;
  loaderFactsPerSecond: number;
  /** The bare load: reading the same files and MERGEing the rows, in ms. */
  bareMs: number;
  bareFactsPerSecond: number;
  /** loader rate / bare rate. */
  ratio: number;
}

const BATCH = 5_000;

/** Reads JSON Lines files as rows of the loader's shape, without any validation. */
async function* rawRecords(files: string[]): AsyncGenerator<{ source: SeedSource } | { entity: SeedEntity } | { fact: SeedFact }> {
  for (const file of files) {
    for await (const line of readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      if (line.trim() !== '') yield JSON.parse(line) as { source: SeedSource } | { entity: SeedEntity } | { fact: SeedFact };
    }
  }
}

/** The bare way: batched UNWIND … MERGE, each batch its own transaction, nodes first then facts. */
export async function bareLoad(graph: Graph, files: string[]): Promise<number> {
  const scope = graph.scope();
  const run = async (cypher: string, rows: unknown[]): Promise<void> => {
    if (rows.length) await scope.write((tx) => tx.run(cypher, { rows }), 30 * 60_000);
  };
  const sources: SourceRow[] = [];
  const entities = new Map<EntityKindName, EntityRow[]>();
  const entityCypher = (kind: EntityKindName): string =>
    // The label comes from the fixed kind table.
    `UNWIND $rows AS row MERGE (e:Entity {id: row.id}) SET e:${ENTITY_KINDS[kind].label}, e += row.props, e.aliases = row.aliases`;
  const sourceCypher = 'UNWIND $rows AS row MERGE (s:Source {id: row.id}) SET s += row.props';
  for await (const record of rawRecords(files)) {
    if ('source' in record) {
      sources.push(sourceRow(record.source));
      if (sources.length >= BATCH) await run(sourceCypher, sources.splice(0));
    } else if ('entity' in record) {
      const rows = entities.get(record.entity.kind) ?? [];
      entities.set(record.entity.kind, rows);
      rows.push(entityRow(record.entity));
      if (rows.length >= BATCH) await run(entityCypher(record.entity.kind), rows.splice(0));
    }
  }
  await run(sourceCypher, sources);
  for (const [kind, rows] of entities) await run(entityCypher(kind), rows);
  const factCypher =
    'UNWIND $rows AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to}) MERGE (a)-[f:FACT {id: row.id}]->(b) SET f += row.props';
  let facts: Array<{ id: string; from: string; to: string; props: Record<string, unknown> }> = [];
  let count = 0;
  const toBare = (row: FactRow): { id: string; from: string; to: string; props: Record<string, unknown> } => ({
    id: row.id,
    from: row.from,
    to: row.to,
    props: { ...row.props, sourceIds: row.sourceIds, quotes: row.quotes },
  });
  for await (const record of rawRecords(files)) {
    if (!('fact' in record)) continue;
    facts.push(toBare(factRow(record.fact)));
    count += 1;
    if (facts.length >= BATCH) {
      await run(factCypher, facts);
      facts = [];
    }
  }
  await run(factCypher, facts);
  return count;
}

async function factCount(graph: Graph): Promise<number> {
  const [record] = await graph.scope().query('MATCH ()-[r:FACT]->() RETURN count(r) AS n');
  return record!.get('n') as number;
}

export async function measureLoader(graph: Graph, files: string[], log: (line: string) => void): Promise<LoaderFigures> {
  await resetGraph(graph);
  const started = Date.now();
  const report = await loadSeeds(graph.scope(), files.map((f) => fileInput(f)), {
    onProgress: (p) => {
      if (p.records % 250_000 === 0) log(formatProgress(p));
    },
  });
  const loaderMs = Date.now() - started;
  if (!report.ok) throw new Error(`the generated seed is invalid: ${JSON.stringify(report.errors.slice(0, 3))}`);
  const facts = await factCount(graph);
  log(`loader: ${report.records} records, ${facts} facts in ${(loaderMs / 1000).toFixed(1)} s`);

  await resetGraph(graph);
  const bareStarted = Date.now();
  const bareFacts = await bareLoad(graph, files);
  const bareMs = Date.now() - bareStarted;
  const stored = await factCount(graph);
  if (stored !== facts || bareFacts !== facts) throw new Error(`bare load stored ${stored} facts of ${bareFacts}; the loader stored ${facts}`);
  log(`bare:   ${facts} facts in ${(bareMs / 1000).toFixed(1)} s`);
  const loaderFactsPerSecond = Math.round((facts / loaderMs) * 1000);
  const bareFactsPerSecond = Math.round((facts / bareMs) * 1000);
  return {
    facts,
    records: report.records,
    loaderMs,
    loaderFactsPerSecond,
    bareMs,
    bareFactsPerSecond,
    ratio: Number((loaderFactsPerSecond / bareFactsPerSecond).toFixed(2)),
  };
}

/** Bytes of a closed database's store files (closing checkpoints): what the data and the ledger take on disk. */
function storeBytes(dataDir: string | undefined): number | null {
  if (dataDir === undefined) return null;
  const store = path.join(dataDir, 'data', 'databases', 'neo4j');
  let total = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else total += statSync(full).size;
    }
  };
  walk(store);
  return total;
}

async function ledgerCounts(graph: Graph): Promise<{ loads: number; revisions: number }> {
  const [record] = await graph.scope().query(
    'CALL { MATCH (l:Load) RETURN count(l) AS loads } CALL { MATCH (r:Revision) RETURN count(r) AS revisions } RETURN loads, revisions',
  );
  return { loads: record!.get('loads') as number, revisions: record!.get('revisions') as number };
}

/** Peak RSS of this process while `work` runs, sampled every 100 ms. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRssBytes: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  try {
    const result = await work();
    return { result, peakRssBytes: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

export interface LedgerScaleFigures {
  scale: number;
  facts: number;
  records: number;
  heap: string;
  load: { ms: number; factsPerSecond: number; peakRssBytes: number; storeBytes: number | null; revisions: number };
  reload?: { ms: number; peakRssBytes: number; revisionsAdded: number; loadsAdded: number; storeBytesAdded: number | null };
  revert?: { ms: number; changes: number; revisionsAdded: number };
  bare?: { ms: number; factsPerSecond: number; storeBytes: number | null };
  /** Loader facts/s over bare facts/s. */
  ratio?: number;
  /** Store bytes of the loaded database over the bare one's: the ledger (revisions, loads, their indexes). */
  ledgerBytes?: number | null;
  bytesPerRevision?: number | null;
}

const mb = (bytes: number | null | undefined): string => (bytes === null || bytes === undefined ? '—' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);

interface ScaleOptions {
  heap: string;
  reload: boolean;
  revert: boolean;
  bare: boolean;
  log: (line: string) => void;
  /** Called with the figures so far after each phase, so a long run keeps what it measured. */
  onFigures: (figures: LedgerScaleFigures) => void;
}

/**
 * Issue 12's measure, at one scale, a fresh database per contestant (so store sizes compare): the project's loader
 * (validation, then a streamed load with its ledger); a reload of the same files (nothing changes: the ledger
 * should not grow); a revert of the load; then a bare batched UNWIND … MERGE of the same files.
 */
async function measureLedgerScale(scale: number, options: ScaleOptions): Promise<LedgerScaleFigures> {
  const { heap, log } = options;
  const manifest = await generateSeed({ scale, log });
  const fresh = async (name: string) => {
    rmSync(path.join(BENCH_DATA_DIR, name), { recursive: true, force: true });
    const db = await openBenchDatabase({ name, heap, log });
    await ensureSchema(db.graph.scope());
    return db;
  };
  /** Opens the database `name`, runs `work`, closes it (closing checkpoints, so store sizes are read after). */
  const using = async <T>(db: BenchDatabase, work: (db: BenchDatabase) => Promise<T>): Promise<T> => {
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  };
  const inputs = () => manifest.files.map((f) => fileInput(f));
  const progress = (p: LoadProgress): void => {
    if (p.records % 500_000 === 0) log(formatProgress(p));
  };
  const ledger = ledgerConfig();
  const name = `neo4j-ledger-loader-${scale}`;

  let loadDir: string | undefined;
  const first = await using(await fresh(name), async (db) => {
    loadDir = db.dataDir;
    const started = Date.now();
    const loaded = await withPeakRss(() => loadSeeds(db.graph.scope(), inputs(), { onProgress: progress, ledger, principal: 'bench' }));
    const ms = Date.now() - started;
    if (!loaded.result.ok) throw new Error(`the generated seed is invalid: ${JSON.stringify(loaded.result.errors.slice(0, 3))}`);
    return { ms, loaded, facts: await factCount(db.graph), counts: await ledgerCounts(db.graph) };
  });
  const report = first.loaded.result;
  const loadStore = storeBytes(loadDir);
  const figures: LedgerScaleFigures = {
    scale,
    facts: first.facts,
    records: report.records,
    heap,
    load: {
      ms: first.ms,
      factsPerSecond: Math.round((first.facts / first.ms) * 1000),
      peakRssBytes: first.loaded.peakRssBytes,
      storeBytes: loadStore,
      revisions: first.counts.revisions,
    },
  };
  log(`loader: ${first.facts} facts in ${(first.ms / 1000).toFixed(1)} s, peak RSS ${mb(first.loaded.peakRssBytes)}, store ${mb(loadStore)}, ${first.counts.revisions} revisions`);
  options.onFigures(figures);

  if (options.reload) {
    figures.reload = await using(await openBenchDatabase({ name, heap, log }), async (db) => {
      const started = Date.now();
      const again = await withPeakRss(() => loadSeeds(db.graph.scope(), inputs(), { onProgress: progress, ledger, principal: 'bench' }));
      const ms = Date.now() - started;
      const after = await ledgerCounts(db.graph);
      log(`reload: ${(ms / 1000).toFixed(1)} s, ${after.revisions - first.counts.revisions} revisions added (unchanged: ${JSON.stringify(again.result.unchanged)})`);
      return { ms, peakRssBytes: again.peakRssBytes, revisionsAdded: after.revisions - first.counts.revisions, loadsAdded: after.loads - first.counts.loads, storeBytesAdded: null };
    });
    const reloadStore = storeBytes(loadDir);
    figures.reload.storeBytesAdded = reloadStore !== null && loadStore !== null ? reloadStore - loadStore : null;
    options.onFigures(figures);
  }

  if (options.revert) {
    figures.revert = await using(await openBenchDatabase({ name, heap, log }), async (db) => {
      const before = await ledgerCounts(db.graph);
      const started = Date.now();
      const reverted = await revertLoad(db.graph.scope(), report.loadId!, { ledger, principal: 'bench' });
      const ms = Date.now() - started;
      const after = await ledgerCounts(db.graph);
      log(`revert: ${reverted.changeCount} changes in ${(ms / 1000).toFixed(1)} s; ${await factCount(db.graph)} facts left`);
      return { ms, changes: reverted.changeCount, revisionsAdded: after.revisions - before.revisions };
    });
    options.onFigures(figures);
  }

  if (options.bare) {
    let bareDir: string | undefined;
    const bare = await using(await fresh(`neo4j-ledger-bare-${scale}`), async (db) => {
      bareDir = db.dataDir;
      const started = Date.now();
      const facts = await bareLoad(db.graph, manifest.files);
      const ms = Date.now() - started;
      return { ms, factsPerSecond: Math.round((facts / ms) * 1000), storeBytes: null as number | null };
    });
    bare.storeBytes = storeBytes(bareDir);
    figures.bare = bare;
    figures.ratio = Number((figures.load.factsPerSecond / bare.factsPerSecond).toFixed(2));
    figures.ledgerBytes = loadStore !== null && bare.storeBytes !== null ? loadStore - bare.storeBytes : null;
    figures.bytesPerRevision = figures.ledgerBytes === null ? null : Math.round(figures.ledgerBytes / first.counts.revisions);
    log(`bare:   ${first.facts} facts in ${(bare.ms / 1000).toFixed(1)} s, store ${mb(bare.storeBytes)}; loader / bare = ${figures.ratio}`);
    options.onFigures(figures);
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      scales: { type: 'string', default: 'quick' },
      heap: { type: 'string', default: '2g' },
      reload: { type: 'string', default: 'largest' },
      revert: { type: 'string', default: 'smallest' },
      bare: { type: 'string', default: 'all' },
      out: { type: 'string' },
    },
  });
  const log = (l: string): void => console.error(`${new Date().toISOString().slice(11, 19)} ${l}`);
  const scales = values.scales.split(',').map((s) => parseScale(s.trim()));
  const largest = Math.max(...scales);
  const smallest = Math.min(...scales);
  const pick = (option: string, scale: number): boolean =>
    option === 'all' || (option === 'largest' && scale === largest) || (option === 'smallest' && scale === smallest);
  const out = values.out ?? path.join('bench', 'results', `${new Date().toISOString().slice(0, 10)}-loader-ledger.json`);
  const results: LedgerScaleFigures[] = [];
  const save = (): void =>
    writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), heap: values.heap, node: process.version, ledger: ledgerConfig(), results }, null, 2)}\n`);
  for (const scale of scales) {
    const at = results.length;
    await measureLedgerScale(scale, {
      heap: values.heap,
      reload: pick(values.reload, scale),
      revert: pick(values.revert, scale),
      bare: pick(values.bare, scale),
      log,
      onFigures: (figures) => {
        results[at] = figures;
        save();
      },
    });
  }
  console.log('\n| facts | loader | facts/s | bare UNWIND … MERGE | facts/s | loader / bare | peak Node RSS | ledger on disk | per revision |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const bare = r.bare ? `${(r.bare.ms / 1000).toFixed(0)} s | ${r.bare.factsPerSecond}` : '— | —';
    console.log(`| ${r.facts} | ${(r.load.ms / 1000).toFixed(0)} s | ${r.load.factsPerSecond} | ${bare} | ${r.ratio ?? '—'} | ${mb(r.load.peakRssBytes)} | ${mb(r.ledgerBytes)} | ${r.bytesPerRevision ?? '—'} B |`);
  }
  for (const r of results) {
    if (r.reload) console.log(`reload of ${r.facts} facts: ${(r.reload.ms / 1000).toFixed(0)} s, ${r.reload.revisionsAdded} revisions and ${r.reload.loadsAdded} load added, store ${mb(r.reload.storeBytesAdded)} more`);
    if (r.revert) console.log(`revert of the ${r.facts}-fact load: ${r.revert.changes} changes in ${(r.revert.ms / 1000).toFixed(0)} s`);
  }
  console.log(`\nresults in ${out}`);
}
