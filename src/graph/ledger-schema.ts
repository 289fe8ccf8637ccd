/**
 * The load ledger's place in Neo4j: nodes labelled :Ledger (never :Entity or :Source, and no relationships into
 * the data), so reads of the graph never meet them.
 * - (:Ledger:Load {id, status, principal, startedAt, finishedAt, error, inputs, counts, firstSeq, lastSeq, commitSeq})
 * - (:Ledger:Revision {<the record's properties before the change>, _seq, _record, _category, _action, _load,
 *   _from, _to}): one per created, changed or deleted record. The state after is the next revision's before, or
 *   the record as it stands.
 * - (:Ledger:LedgerLock {id: 'writer', owner, leaseUntil, nextSeq}): one writer at a time, and the sequence.
 */

/** Every load id starts with this, so that `node(id:)` can tell loads from the graph's records. */
export const LOAD_ID_PREFIX = 'load:';

export const LEDGER_SCHEMA_STATEMENTS: readonly string[] = [
  'CREATE CONSTRAINT load_id IF NOT EXISTS FOR (l:Load) REQUIRE l.id IS UNIQUE',
  'CREATE INDEX load_first_seq IF NOT EXISTS FOR (l:Load) ON (l.firstSeq)',
  'CREATE INDEX load_status IF NOT EXISTS FOR (l:Load) ON (l.status)',
  // The change feed reads loads in commit order.
  'CREATE INDEX load_commit_seq IF NOT EXISTS FOR (l:Load) ON (l.commitSeq)',
  'CREATE INDEX revision_record IF NOT EXISTS FOR (r:Revision) ON (r._record)',
  'CREATE INDEX revision_seq IF NOT EXISTS FOR (r:Revision) ON (r._seq)',
  'CREATE CONSTRAINT ledger_lock_id IF NOT EXISTS FOR (l:LedgerLock) REQUIRE l.id IS UNIQUE',
];

/** A revision's own keys; every other key of it is a property of the record before the change. */
export const REVISION_KEYS = ['_seq', '_record', '_category', '_action', '_load', '_from', '_to'] as const;

/** The Cypher that strips a revision's own keys from a copy of it (fixed text, no input). */
export const REMOVE_REVISION_KEYS = (variable: string): string => REVISION_KEYS.map((k) => `${variable}.${k}`).join(', ');

export type RecordCategory = 'ENTITY' | 'SOURCE' | 'FACT';
export type ChangeAction = 'CREATED' | 'UPDATED' | 'DELETED';
export type LoadStatus = 'RUNNING' | 'COMMITTED' | 'FAILED' | 'REVERTED';

/** Where a batch's changes go in the ledger: their load, and the first sequence number reserved for the batch. */
export interface LedgerTag {
  load: string;
  firstSeq: number;
}
