import { ENTITY_KINDS, type EntityKindName } from '../model/kinds.js';
import { rankedFact, refreshBestRanks, type TouchedGroup } from './best-rank.js';
import type { Tx } from './graph-client.js';
import type { LedgerTag } from './ledger-schema.js';

/**
 * The loader's Cypher: each statement classifies a batch of rows as created, updated or unchanged against what
 * the database holds, and (unless classifying only, for dry runs) writes the created and updated ones, each with
 * its revision in the ledger (ledger-schema.ts) in the same statement: the record's state before, its load, and
 * its sequence number (the batch's first plus the row's index; unchanged rows leave a gap).
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

// Rows with their sequence numbers; each statement takes the rows and the batch's first number.
const ROWS = `
UNWIND range(0, size($rows) - 1) AS i
WITH $rows[i] AS row, toInteger($firstSeq) + i AS seq`;

const CLASSIFY_ENTITIES = `${ROWS}
OPTIONAL MATCH (old:Entity {id: row.id})
WITH row, seq, old, coalesce(old.aliases, []) AS oldAliases
WITH row, seq, old, oldAliases + [a IN row.aliases WHERE NOT a IN oldAliases] AS aliases
WITH row, seq, old, aliases,
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
  WITH row, seq, old, aliases, outcome
  WITH row, seq, old, aliases, outcome WHERE outcome <> 'unchanged'
  CREATE (rev:Ledger:Revision)
  SET rev = coalesce(properties(old), {})
  SET rev._seq = seq, rev._record = row.id, rev._category = 'ENTITY', rev._load = $load,
      rev._action = CASE outcome WHEN 'created' THEN 'CREATED' ELSE 'UPDATED' END
  MERGE (e:Entity {id: row.id})
  SET e:${label}, e += row.props, e.aliases = aliases,
      e.aliasText = reduce(text = '', a IN aliases | text + a + ' ; ')
}`;
  return `${CLASSIFY_ENTITIES}${write ? writePart : ''}
RETURN outcome, count(*) AS n`;
}

const CLASSIFY_SOURCES = `${ROWS}
OPTIONAL MATCH (old:Source {id: row.id})
WITH row, seq, old,
  CASE
    WHEN old IS NULL THEN 'created'
    WHEN all(k IN keys(row.props) WHERE old[k] = row.props[k]) THEN 'unchanged'
    ELSE 'updated'
  END AS outcome`;

function sourceStatement(write: boolean): string {
  const writePart = `
CALL {
  WITH row, seq, old, outcome
  WITH row, seq, old, outcome WHERE outcome <> 'unchanged'
  CREATE (rev:Ledger:Revision)
  SET rev = coalesce(properties(old), {})
  SET rev._seq = seq, rev._record = row.id, rev._category = 'SOURCE', rev._load = $load,
      rev._action = CASE outcome WHEN 'created' THEN 'CREATED' ELSE 'UPDATED' END
  MERGE (s:Source {id: row.id})
  SET s += row.props
}`;
  return `${CLASSIFY_SOURCES}${write ? writePart : ''}
RETURN outcome, count(*) AS n`;
}

const CLASSIFY_FACTS = `${ROWS}
OPTIONAL MATCH ()-[old:FACT {id: row.id}]->()
WITH row, seq, old,
  [i IN range(0, size(row.sourceIds) - 1)
    WHERE old IS NULL
       OR NOT any(j IN range(0, size(old.sourceIds) - 1)
                  WHERE old.sourceIds[j] = row.sourceIds[i] AND old.quotes[j] = row.quotes[i])] AS fresh
WITH row, seq, old, fresh,
  CASE
    WHEN old IS NULL THEN 'created'
    WHEN size(fresh) = 0 AND startNode(old).id = row.from AND endNode(old).id = row.to
         AND all(k IN keys(row.props) WHERE coalesce(old[k] = row.props[k], old[k] IS NULL AND row.props[k] IS NULL)) THEN 'unchanged'
    ELSE 'updated'
  END AS outcome,
  old IS NOT NULL AND ${rankedFact('old')} AS oldRanked`;

// Each write reports how many facts it wrote, so that an endpoint deleted since validation fails the load
// instead of silently dropping a fact.
const WRITE_FACTS = `
CALL {
  WITH row, seq, outcome
  WITH row, seq WHERE outcome = 'created'
  MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  CREATE (a)-[f:FACT]->(b)
  SET f = row.props, f.sourceIds = row.sourceIds, f.quotes = row.quotes
  CREATE (rev:Ledger:Revision {_seq: seq, _record: row.id, _category: 'FACT', _action: 'CREATED', _load: $load})
  RETURN count(f) AS createdNow
}
CALL {
  WITH row, seq, old, fresh, outcome
  WITH row, seq, old, fresh WHERE outcome = 'updated'
  WITH row, seq, fresh, properties(old) AS kept, startNode(old).id AS keptFrom, endNode(old).id AS keptTo, old
  CREATE (rev:Ledger:Revision)
  SET rev = kept
  SET rev._seq = seq, rev._record = row.id, rev._category = 'FACT', rev._action = 'UPDATED', rev._load = $load,
      rev._from = keptFrom, rev._to = keptTo
  DELETE old
  WITH row, fresh, kept, keptFrom
  MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  CREATE (a)-[f:FACT]->(b)
  SET f = kept, f += row.props,
      f.sourceIds = kept.sourceIds + [i IN fresh | row.sourceIds[i]],
      f.quotes = kept.quotes + [i IN fresh | row.quotes[i]]
  RETURN count(f) AS updatedNow, collect({from: keptFrom, type: kept.type, ranked: ${rankedFact('kept')}}) AS oldGroups
}`;

// The (subject, type) groups a write touched, old and new, whose best ranks it refreshes (best-rank.ts).
function factStatement(write: boolean): string {
  return `${CLASSIFY_FACTS}${write ? WRITE_FACTS : `
WITH row, outcome, oldRanked, 0 AS createdNow, 0 AS updatedNow, [] AS oldGroups`}
RETURN outcome, count(*) AS n, sum(createdNow + updatedNow) AS written,
  collect(CASE WHEN outcome <> 'unchanged' THEN {from: row.from, type: row.props.type, ranked: oldRanked OR coalesce(row.props.rank, 'NORMAL') <> 'NORMAL'} END) AS groups,
  reduce(all = [], gs IN collect(oldGroups) | all + gs) AS oldGroups`;
}

export class SeedWriteError extends Error {
  override name = 'SeedWriteError';
}

/** Classifies only (a dry run), or writes with revisions under the tag. */
export type WriteMode = { write: false } | { write: true; tag: LedgerTag };

function params(rows: unknown[], mode: WriteMode): Record<string, unknown> {
  return { rows, load: mode.write ? mode.tag.load : null, firstSeq: mode.write ? mode.tag.firstSeq : 0 };
}

async function runCounted(tx: Tx, cypher: string, rows: unknown[], mode: WriteMode): Promise<OutcomeCounts> {
  const counts: OutcomeCounts = { created: 0, updated: 0, unchanged: 0 };
  for (const record of await tx.run(cypher, params(rows, mode))) {
    counts[record.get('outcome') as Outcome] += record.get('n') as number;
  }
  return counts;
}

export function mergeEntities(tx: Tx, kind: EntityKindName, rows: EntityRow[], mode: WriteMode): Promise<OutcomeCounts> {
  return runCounted(tx, entityStatement(kind, mode.write), rows, mode);
}

export function mergeSources(tx: Tx, rows: SourceRow[], mode: WriteMode): Promise<OutcomeCounts> {
  return runCounted(tx, sourceStatement(mode.write), rows, mode);
}

export async function mergeFacts(tx: Tx, rows: FactRow[], mode: WriteMode): Promise<OutcomeCounts> {
  const { write } = mode;
  const counts: OutcomeCounts = { created: 0, updated: 0, unchanged: 0 };
  let written = 0;
  const groups: Array<Partial<TouchedGroup> | null> = [];
  for (const record of await tx.run(factStatement(write), params(rows, mode))) {
    counts[record.get('outcome') as Outcome] += record.get('n') as number;
    written += record.get('written') as number;
    groups.push(...(record.get('groups') as TouchedGroup[]), ...(record.get('oldGroups') as TouchedGroup[]));
  }
  const expected = counts.created + counts.updated;
  if (write && written !== expected) {
    throw new SeedWriteError(
      `${expected - written} of ${expected} facts could not be written: an entity they connect was deleted during the load`,
    );
  }
  if (write) await refreshBestRanks(tx, groups);
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
