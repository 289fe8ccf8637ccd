import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/config.js';
import neo4j from 'neo4j-driver';
import { CANDIDATE_POOL, reconcile } from '../src/graph/reconcile-cypher.js';
import { candidateQuery } from '../src/graph/lucene.js';
import { prepareQuery } from '../src/model/name-match.js';
import type { EntityKindName } from '../src/model/kinds.js';
import { openBenchDatabase } from './database.js';
import { generateSeed, parseScale } from './generate.js';
import { generateTestSet, typo } from './reconcile-testset.js';
import { ensureLoaded, percentile } from './run.js';

/**
 * `npm run bench:reconcile -- [--scale tiny|quick|full]`: loads the bench graph (or reuses it), then times
 * batches of 50 reconciliation queries through the engine (one Cypher round trip each): names from the generated
 * test set (countries) and the bench graph's own people, organizations and treaties, a fifth of them with a typo.
 * Each sample is a different batch. Writes bench/results/<date>-reconcile-<scale>.json.
 */

const BATCH = 50;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'quick' },
      seed: { type: 'string', default: '42' },
      samples: { type: 'string', default: '60' },
      heap: { type: 'string' },
    },
  });
  const scale = parseScale(values.scale);
  const seed = Number(values.seed);
  const log = (l: string): void => console.error(l);
  const manifest = await generateSeed({ scale, seed, log });
  const db = await openBenchDatabase({ name: `neo4j-${scale}-${seed}`, heap: values.heap ?? (scale >= 0.5 ? '10g' : '2g'), log });
  try {
    await ensureLoaded(db.graph, manifest, db.dataDir, false, log);
    const countries = (await generateTestSet()).cases.filter((c) => c.group === 'name').map((c) => c.query);
    const ids = [
      ...Array.from({ length: 400 }, (_, i) => `person:p${(i * 7919) % manifest.counts.people}`),
      ...Array.from({ length: 200 }, (_, i) => `org:o${(i * 613) % manifest.counts.organizations}`),
      ...Array.from({ length: 200 }, (_, i) => `treaty:t${(i * 877) % manifest.counts.treaties}`),
    ];
    const records = await db.graph.scope().query('UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN e.name AS name ORDER BY id', { ids });
    const graphNames = records.map((r) => r.get('name') as string);
    // Half country names, half the graph's names, one query in five misspelt.
    const names = graphNames.flatMap((name, i) => [countries[(i * 37) % countries.length]!, name]).map((q, i) => (i % 5 === 4 ? (typo(q) ?? q) : q));
    const kindOf = (i: number): EntityKindName => {
      if (i % 2 === 0) return 'COUNTRY';
      const id = ids[(i - 1) / 2]!;
      return id.startsWith('person:') ? 'PERSON' : id.startsWith('org:') ? 'ORGANIZATION' : 'TREATY';
    };
    const slice = (start: number): string[] => names.slice(start, start + BATCH);
    // Warm up on every name once (a fresh server's page cache and query plans), so the first timing is not the cold one.
    for (let start = 0; start + BATCH <= names.length; start += BATCH) {
      await reconcile(db.graph.scope(), slice(start).map((query) => ({ query, limit: 5 })));
    }
    let roundTrips = 0;
    const { engine, typed, floor } = await interleaved(
      {
        engine: async (start) => {
          const scope = db.graph.scope();
          await reconcile(scope, slice(start).map((query) => ({ query, limit: 5 })));
          roundTrips = scope.roundTrips.count;
        },
        // The same batch with each query's kind given, as OpenRefine sends a type: the filtered pool.
        typed: async (start) => {
          await reconcile(db.graph.scope(), slice(start).map((query, j) => ({ query, limit: 5, kinds: [kindOf(start + j)] })));
        },
        // The floor: the same full-text lookups alone, Lucene's best CANDIDATE_POOL hits by id, in one statement:
        // what retrieval costs without constraints, projection or scoring.
        floor: async (start) => {
          const queries = slice(start).map((q) => candidateQuery(prepareQuery(q))).filter((q) => q !== undefined);
          await db.graph.scope().query(
            `UNWIND $queries AS q CALL { WITH q CALL db.index.fulltext.queryNodes('entity_search', q, {limit: $pool}) YIELD node, score
             RETURN collect(node.id) AS ids } RETURN ids`,
            { queries, pool: neo4j.int(CANDIDATE_POOL) },
          );
        },
      },
      (i) => (i * BATCH) % (names.length - BATCH),
      Number(values.samples),
    );
    const timing = engine;
    const counts = await db.graph.scope().query('MATCH (e:Entity) WITH count(e) AS entities MATCH ()-[f:FACT]->() RETURN entities, count(f) AS facts');
    const result = {
      date: new Date().toISOString(),
      scale,
      seed,
      entities: counts[0]!.get('entities') as number,
      facts: counts[0]!.get('facts') as number,
      batch: BATCH,
      roundTripsPerBatch: roundTrips,
      p50: Math.round(timing.p50 * 10) / 10,
      p95: Math.round(timing.p95 * 10) / 10,
      samples: timing.samples,
      typed: { p50: Math.round(typed.p50 * 10) / 10, p95: Math.round(typed.p95 * 10) / 10 },
      floor: { p50: Math.round(floor.p50 * 10) / 10, p95: Math.round(floor.p95 * 10) / 10 },
      ratios: { p50: Math.round((timing.p50 / floor.p50) * 100) / 100, p95: Math.round((timing.p95 / floor.p95) * 100) / 100 },
    };
    const dir = path.join(PROJECT_ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${result.date.slice(0, 10)}-reconcile-${scale === 1 ? 'full' : `scale-${scale}`}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `reconcile, batches of ${BATCH} over ${result.entities} entities and ${result.facts} facts: p50 ${result.p50} ms, p95 ${result.p95} ms (${result.samples} batches, ${roundTrips} round trip each)`,
    );
    console.log(`with each query's kind given: p50 ${result.typed.p50} ms, p95 ${result.typed.p95} ms`);
    console.log(`floor (the full-text lookups alone): p50 ${result.floor.p50} ms, p95 ${result.floor.p95} ms; ratios ${result.ratios.p50} / ${result.ratios.p95}`);
    console.log(`results: ${path.relative(process.cwd(), file)}`);
  } finally {
    await db.close();
  }
}

/**
 * Times contestants on the same batches, taking turns within each sample (in rotating order), so that a shared
 * machine's noise falls on all of them alike and their ratios mean something.
 */
async function interleaved<K extends string>(
  runs: Record<K, (start: number) => Promise<void>>,
  startOf: (sample: number) => number,
  samples: number,
): Promise<Record<K, { p50: number; p95: number; samples: number }>> {
  const names = Object.keys(runs) as K[];
  const times = new Map<K, number[]>(names.map((n) => [n, []]));
  for (let i = 0; i < samples; i++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length]!;
      const t = process.hrtime.bigint();
      await runs[name](startOf(i));
      times.get(name)!.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  const result = {} as Record<K, { p50: number; p95: number; samples: number }>;
  for (const name of names) {
    const sorted = times.get(name)!.sort((a, b) => a - b);
    result[name] = { p50: percentile(sorted, 50), p95: percentile(sorted, 95), samples: sorted.length };
  }
  return result;
}

await main();
