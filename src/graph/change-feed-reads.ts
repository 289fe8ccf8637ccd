import { changesStatement, committedLoadsStatement, FEED_HEAD_STATEMENT, type ChangesArgs, type FeedPosition } from './change-feed-statements.js';
import type { GraphScope } from './graph-client.js';
import { loadRecord, type LoadRecord } from './ledger-loads.js';
import { changeRecordOf, type ChangeRecord } from './ledger-reads.js';

/** Runs the change feed's statements (change-feed-statements.ts), one round trip each. */

export interface FeedChange {
  position: FeedPosition;
  change: ChangeRecord;
}

export interface FeedRead {
  /** In commit order. */
  changes: FeedChange[];
  /** For a backward read without `before`: the newest commit when read, which the changes go up to; else null. */
  head: number | null;
}

/** Changes in a span of commit order that pass a filter (the oldest, or the newest when backward), in commit order. */
export async function readChanges(scope: GraphScope, args: ChangesArgs): Promise<FeedRead> {
  const statement = changesStatement(args);
  const records = await scope.query(statement.cypher, statement.params);
  const head = records[0]?.has('head') ? (records[0].get('head') as number) : null;
  // A read that returns the head has one row with no change when none passed.
  const rows = records.filter((record) => record.get('rev') !== null).map((record) => {
    const change = changeRecordOf(record);
    return { position: { commit: change.load.commitSeq ?? 0, seq: change.sequence }, change };
  });
  // The statement orders them; its last steps (CHANGE_RETURN's lookups) are not bound to keep that order.
  rows.sort((a, b) => a.position.commit - b.position.commit || a.position.seq - b.position.seq);
  return { changes: rows, head };
}

/** Committed loads after a position, up to the commit `upTo`, oldest first. */
export async function committedLoadsAfter(scope: GraphScope, after: FeedPosition, upTo: number, load: string | null, limit: number): Promise<LoadRecord[]> {
  const statement = committedLoadsStatement(after, upTo, load, limit);
  const records = await scope.query(statement.cypher, statement.params);
  return records.map((r) => loadRecord(r.get('load') as Record<string, unknown>));
}

/** The newest commit sequence number; 0 before any load committed. */
export async function feedHead(scope: GraphScope): Promise<number> {
  const [record] = await scope.query(FEED_HEAD_STATEMENT.cypher, FEED_HEAD_STATEMENT.params);
  return (record?.get('head') as number | undefined) ?? 0;
}
