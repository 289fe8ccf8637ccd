import type { GraphScope } from './graph-client.js';
import { GRAPH_VERSION_SCHEMA } from './graph-version.js';
import { LEDGER_SCHEMA_STATEMENTS } from './ledger-schema.js';

/**
 * Constraints and indexes of the model, created idempotently (IF NOT EXISTS).
 * - ids are unique for entities, sources and facts (facts are :FACT relationships);
 * - range indexes serve filters and keyset pagination by name and date;
 * - the full-text index serves search over names and aliases, folding case and accents;
 * - the load ledger's constraints and indexes (ledger-schema.ts);
 * - the graph version is one node (graph-version.ts).
 */
export const SCHEMA_STATEMENTS: readonly string[] = [
  'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE',
  'CREATE CONSTRAINT source_id IF NOT EXISTS FOR (s:Source) REQUIRE s.id IS UNIQUE',
  'CREATE CONSTRAINT fact_id IF NOT EXISTS FOR ()-[f:FACT]-() REQUIRE f.id IS UNIQUE',
  'CREATE INDEX entity_kind_sort IF NOT EXISTS FOR (e:Entity) ON (e.kind, e.sortName, e.id)',
  'CREATE INDEX entity_sort IF NOT EXISTS FOR (e:Entity) ON (e.sortName)',
  'CREATE INDEX fact_type IF NOT EXISTS FOR ()-[f:FACT]-() ON (f.type)',
  'CREATE INDEX fact_valid_from IF NOT EXISTS FOR ()-[f:FACT]-() ON (f.validFrom)',
  // Best-rank refreshes find the groups holding a PREFERRED fact through it (best-rank.ts).
  'CREATE INDEX fact_rank IF NOT EXISTS FOR ()-[f:FACT]-() ON (f.rank)',
  GRAPH_VERSION_SCHEMA,
  "CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliasText] OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding' } }",
  ...LEDGER_SCHEMA_STATEMENTS,
];

/** Creates every constraint and index, then waits until they are online. */
export async function ensureSchema(scope: GraphScope): Promise<void> {
  for (const statement of SCHEMA_STATEMENTS) {
    // Schema commands cannot share a transaction with other statements, so each runs alone.
    await scope.write((tx) => tx.run(statement));
  }
  await scope.write((tx) => tx.run('CALL db.awaitIndexes(300)'));
}
