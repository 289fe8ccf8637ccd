import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/config.js';
import neo4j from 'neo4j-driver';
import { CANDIDATE_POOL, reconcile, type ReconcileRequest } from '../src/graph/reconcile-cypher.js';
import { candidateQuery } from '../src/graph/lucene.js';
import { prepareQuery } from '../src/model/name-match.js';
import { openBenchDatabase } from './database.js';
import { generateSeed, parseScale } from './generate.js';
import { generateTestSet, typo } from './reconcile-testset.js';
import { ensureLoaded, sequential } from './run.js';

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
    let next = 0;
    const batch = (): ReconcileRequest[] => {
      const start = (next++ * BATCH) % (names.length - BATCH);
      return names.slice(start, start + BATCH).map((query) => ({ query, limit: 5 }));
    };
    let roundTrips = 0;
    const timing = await sequential(
      async () => {
        const scope = db.graph.scope();
        await reconcile(scope, batch());
        roundTrips = scope.roundTrips.count;
      },
      Number(values.samples),
      120,
    );
    // The floor: the same full-text lookups alone, ids only, in one statement: what retrieval costs without
    // constraints, projection or scoring.
    next = 0;
    const floor = await sequential(
      async () => {
        const queries = batch().map((r) => candidateQuery(prepareQuery(r.query))).filter((q) => q !== undefined);
        await db.graph.scope().query(
          `UNWIND $queries AS q CALL { WITH q CALL db.index.fulltext.queryNodes('entity_search', q) YIELD node, score
           WITH node, score ORDER BY score DESC LIMIT $pool RETURN collect(node.id) AS ids } RETURN ids`,
          { queries, pool: neo4j.int(CANDIDATE_POOL) },
        );
      },
      Number(values.samples),
      120,
    );
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
    console.log(`floor (the full-text lookups alone): p50 ${result.floor.p50} ms, p95 ${result.floor.p95} ms; ratios ${result.ratios.p50} / ${result.ratios.p95}`);
    console.log(`results: ${path.relative(process.cwd(), file)}`);
  } finally {
    await db.close();
  }
}

await main();
