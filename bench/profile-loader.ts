import { createReadStream } from 'node:fs';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import type { Record as Neo4jRecord } from 'neo4j-driver';
import { entityRow, factRow } from '../src/seed/seed-rows.js';
import type { SeedEntity, SeedFact } from '../src/seed/seed-format.js';
import { openBenchDatabase, resetGraph } from './database.js';
import { generateSeed, parseScale } from './generate.js';

/**
 * PROFILEs the loader's statements (src/graph/seed-cypher.ts) on one batch of generated rows, in a transaction
 * that is rolled back: db hits per operator, to see where a load spends its time.
 */

interface PlanNode {
  operatorType: string;
  dbHits: number;
  rows: number;
  children: PlanNode[];
  arguments: Record<string, unknown>;
}

export function totalDbHits(plan: PlanNode): number {
  return plan.dbHits + plan.children.reduce((sum, c) => sum + totalDbHits(c), 0);
}

function printPlan(plan: PlanNode, depth = 0): void {
  const details = String(plan.arguments['Details'] ?? '').slice(0, 100);
  console.log(`${'  '.repeat(depth)}${plan.operatorType} rows=${plan.rows} dbHits=${plan.dbHits} ${details}`);
  for (const c of plan.children) printPlan(c, depth + 1);
}

const { values } = parseArgs({ options: { scale: { type: 'string', default: 'tiny' }, statement: { type: 'string', default: 'facts' } } });
const manifest = await generateSeed({ scale: parseScale(values.scale) });
const db = await openBenchDatabase({ name: 'neo4j-profile', heap: '2g' });
try {
  await resetGraph(db.graph);
  const { loadSeeds } = await import('../src/seed/seed-loader.js');
  const { fileInput } = await import('../src/seed/seed-reader.js');
  const seedCypher = await import('../src/graph/seed-cypher.js');
  // Load everything but the last 5000 facts, then profile those.
  const entities: SeedEntity[] = [];
  const facts: SeedFact[] = [];
  for (const file of manifest.files) {
    for await (const line of readline.createInterface({ input: createReadStream(file) })) {
      const rec = JSON.parse(line) as { entity?: SeedEntity; fact?: SeedFact };
      if (rec.entity) entities.push(rec.entity);
      if (rec.fact) facts.push(rec.fact);
    }
  }
  await loadSeeds(db.graph.scope(), manifest.files.map((f) => fileInput(f)));
  const batch = facts.slice(-5000).map((f) => ({ ...f, id: `${f.id ?? 'fact:x'}-new` }));
  const rows = batch.map(factRow);
  const session = db.graph.driver.session();
  const tx = session.beginTransaction();
  try {
    let captured: { cypher: string } | undefined;
    const fakeTx = {
      async run(cypher: string, params: Record<string, unknown> = {}): Promise<Neo4jRecord[]> {
        captured = { cypher };
        const started = Date.now();
        const result = await tx.run(`PROFILE ${cypher}`, params);
        const plan = result.summary.profile as unknown as PlanNode;
        console.log(`--- ${Date.now() - started} ms, total db hits ${totalDbHits(plan)}`);
        printPlan(plan);
        return result.records;
      },
    };
    // Rolled back at the end: the ledger tag only has to be well formed.
    const mode = { write: true, tag: { load: 'load:profile', firstSeq: 1 } } as const;
    if (values.statement === 'facts') await seedCypher.mergeFacts(fakeTx, rows, mode);
    else await seedCypher.mergeEntities(fakeTx, 'PERSON', entities.filter((e) => e.kind === 'PERSON').slice(0, 5000).map(entityRow), mode);
    console.log(captured?.cypher);
  } finally {
    await tx.rollback();
    await session.close();
  }
} finally {
  await db.close();
}
