import { createReadStream } from 'node:fs';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import type { Graph } from '../src/graph/graph-client.js';
import type { EntityRow, FactRow, SourceRow } from '../src/graph/seed-cypher.js';
import { ENTITY_KINDS, type EntityKindName } from '../src/model/kinds.js';
import { loadSeeds } from '../src/seed/seed-loader.js';
import { entityRow, factRow, sourceRow } from '../src/seed/seed-rows.js';
import type { SeedEntity, SeedFact, SeedSource } from '../src/seed/seed-format.js';
import { fileInput } from '../src/seed/seed-reader.js';
import { formatProgress } from '../src/seed/seed-report.js';
import { openBenchDatabase, resetGraph } from './database.js';
import { generateSeed, parseScale } from './generate.js';

/**
 * Issue 3's measure: the project's loader against a bare `UNWIND … MERGE` of the same data, same Neo4j, same run,
 * the database emptied between the two. Both behind the same constraints and indexes (ensureSchema).
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: 'quick' }, heap: { type: 'string', default: '6g' } } });
  const log = (l: string): void => console.error(l);
  const scale = parseScale(values.scale);
  const manifest = await generateSeed({ scale, log });
  const db = await openBenchDatabase({ name: 'neo4j-loader', heap: values.heap, log });
  try {
    const figures = await measureLoader(db.graph, manifest.files, log);
    console.log(`\n| | facts | time | facts/s |\n|---|---:|---:|---:|`);
    console.log(`| project loader (validate + one transaction) | ${figures.facts} | ${(figures.loaderMs / 1000).toFixed(1)} s | ${figures.loaderFactsPerSecond} |`);
    console.log(`| bare UNWIND … MERGE (batch transactions) | ${figures.facts} | ${(figures.bareMs / 1000).toFixed(1)} s | ${figures.bareFactsPerSecond} |`);
    console.log(`\nloader / bare = ${figures.ratio} (aim: at least 0.5)`);
  } finally {
    await db.close();
  }
}
