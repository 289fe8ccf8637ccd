import { ENTITY_KINDS, type EntityKindName } from '../model/kinds.js';
import type { Tx } from './graph-client.js';

/**
 * The loader's Cypher: each statement classifies a batch of rows as created, updated or unchanged against what
 * the database holds, and (unless classifying only, for dry runs) writes the created and updated ones.
 * Merge rules: given fields replace stored ones, omitted fields are kept, aliases and citations are unions.
 */

export type Outcome = 'created' | 'updated' | 'unchanged';
export type OutcomeCounts = Record<Outcome, number>;

export interface EntityRow {
  id: string;
  props: Record<string, unknown>;
  aliases: string[];
}

export interface SourceRow {
  id: string;
  props: Record<string, unknown>;
}

export interface FactRow {
  id: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
  sourceIds: string[];
  quotes: string[];
}

const CLASSIFY_ENTITIES = `
UNWIND $rows AS row
OPTIONAL MATCH (old:Entity {id: row.id})
WITH row, old, coalesce(old.aliases, []) AS oldAliases
WITH row, old, oldAliases + [a IN row.aliases WHERE NOT a IN oldAliases] AS aliases
WITH row, old, aliases,
  CASE
    WHEN old IS NULL THEN 'created'
    WHEN size(aliases) = size(coalesce(old.aliases, [])) AND all(k IN keys(row.props) WHERE old[k] = row.props[k]) THEN 'unchanged'
    ELSE 'updated'
  END AS outcome`;

function entityStatement(kind: EntityKindName, write: boolean): string {
  // The label comes from the fixed kind table, never from input.
  const label = ENTITY_KINDS[kind].label;
  const writePart = `
CALL {
  WITH row, aliases, outcome
  WITH row, aliases WHERE outcome <> 'unchanged'
  MERGE (e:Entity {id: row.id})
  SET e:${label}, e += row.props, e.aliases = aliases,
      e.aliasText = reduce(text = '', a IN aliases | text + a + ' ; ')
}`;
  return `${CLASSIFY_ENTITIES}${write ? writePart : ''}
RETURN outcome, count(*) AS n`;
}

const CLASSIFY_SOURCES = `
UNWIND $rows AS row
OPTIONAL MATCH (old:Source {id: row.id})
WITH row, old,
  CASE
    WHEN old IS NULL THEN 'created'
    WHEN all(k IN keys(row.props) WHERE old[k] = row.props[k]) THEN 'unchanged'
    ELSE 'updated'
  END AS outcome`;

function sourceStatement(write: boolean): string {
  const writePart = `
CALL {
  WITH row, outcome
  WITH row WHERE outcome <> 'unchanged'
  MERGE (s:Source {id: row.id})
  SET s += row.props
}`;
  return `${CLASSIFY_SOURCES}${write ? writePart : ''}
RETURN outcome, count(*) AS n`;
}

const CLASSIFY_FACTS = `
UNWIND $rows AS row
OPTIONAL MATCH ()-[old:FACT {id: row.id}]->()
WITH row, old,
  [i IN range(0, size(row.sourceIds) - 1)
    WHERE old IS NULL
       OR NOT any(j IN range(0, size(old.sourceIds) - 1)
                  WHERE old.sourceIds[j] = row.sourceIds[i] AND old.quotes[j] = row.quotes[i])] AS fresh
WITH row, old, fresh,
  CASE
    WHEN old IS NULL THEN 'created'
    WHEN size(fresh) = 0 AND startNode(old).id = row.from AND endNode(old).id = row.to
         AND all(k IN keys(row.props) WHERE old[k] = row.props[k]) THEN 'unchanged'
    ELSE 'updated'
  END AS outcome`;

// Each write reports how many facts it wrote, so that an endpoint deleted since validation fails the load
// instead of silently dropping a fact.
const WRITE_FACTS = `
CALL {
  WITH row, outcome
  WITH row WHERE outcome = 'created'
  MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  CREATE (a)-[f:FACT]->(b)
  SET f = row.props, f.sourceIds = row.sourceIds, f.quotes = row.quotes
  RETURN count(f) AS createdNow
}
CALL {
  WITH row, old, fresh, outcome
  WITH row, old, fresh WHERE outcome = 'updated'
  WITH row, fresh, properties(old) AS kept, old
  DELETE old
  WITH row, fresh, kept
  MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  CREATE (a)-[f:FACT]->(b)
  SET f = kept, f += row.props,
      f.sourceIds = kept.sourceIds + [i IN fresh | row.sourceIds[i]],
      f.quotes = kept.quotes + [i IN fresh | row.quotes[i]]
  RETURN count(f) AS updatedNow
}`;

function factStatement(write: boolean): string {
  return `${CLASSIFY_FACTS}${write ? WRITE_FACTS : `
WITH row, outcome, 0 AS createdNow, 0 AS updatedNow`}
RETURN outcome, count(*) AS n, sum(createdNow + updatedNow) AS written`;
}

export class SeedWriteError extends Error {
  override name = 'SeedWriteError';
}

async function runCounted(tx: Tx, cypher: string, rows: unknown[]): Promise<OutcomeCounts> {
  const counts: OutcomeCounts = { created: 0, updated: 0, unchanged: 0 };
  for (const record of await tx.run(cypher, { rows })) {
    counts[record.get('outcome') as Outcome] += record.get('n') as number;
  }
  return counts;
}

export function mergeEntities(tx: Tx, kind: EntityKindName, rows: EntityRow[], write: boolean): Promise<OutcomeCounts> {
  return runCounted(tx, entityStatement(kind, write), rows);
}

export function mergeSources(tx: Tx, rows: SourceRow[], write: boolean): Promise<OutcomeCounts> {
  return runCounted(tx, sourceStatement(write), rows);
}

export async function mergeFacts(tx: Tx, rows: FactRow[], write: boolean): Promise<OutcomeCounts> {
  const counts: OutcomeCounts = { created: 0, updated: 0, unchanged: 0 };
  let written = 0;
  for (const record of await tx.run(factStatement(write), { rows })) {
    counts[record.get('outcome') as Outcome] += record.get('n') as number;
    written += record.get('written') as number;
  }
  const expected = counts.created + counts.updated;
  if (write && written !== expected) {
    throw new SeedWriteError(
      `${expected - written} of ${expected} facts could not be written: an entity they connect was deleted during the load`,
    );
  }
  return counts;
}

/** Which of these entity ids exist, with their kinds. */
export async function existingEntityKinds(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  const records = await tx.run('UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN e.id AS id, e.kind AS kind', { ids });
  return new Map(records.map((r) => [r.get('id') as string, r.get('kind') as string]));
}

/** Which of these source ids exist. */
export async function existingSources(tx: Tx, ids: string[]): Promise<Set<string>> {
  const records = await tx.run('UNWIND $ids AS id MATCH (s:Source {id: id}) RETURN s.id AS id', { ids });
  return new Set(records.map((r) => r.get('id') as string));
}
