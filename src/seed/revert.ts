import type { LedgerConfig } from '../config.js';
import type { GraphScope } from '../graph/graph-client.js';
import { getLoad, type CountsRecord, type LoadRecord } from '../graph/ledger-loads.js';
import { conflictsOf, deleteFactsRecorded, factsOnCreatedEntities, RESTORE_PHASES, restoreRevisions, revisionsInRange, type ConflictRecord } from '../graph/ledger-restore.js';
import type { ChangeAction, RecordCategory } from '../graph/ledger-schema.js';
import { LoadSession, type BatchRunner } from './load-session.js';

/**
 * Reverts a committed load: every record it created, changed or deleted goes back to its state before the load,
 * as a new load (so a revert can be reverted). Records that a later load changed again are conflicts: the revert
 * is refused, naming them and those loads, unless forced. Nothing is half-reverted: the revert is a load like any
 * other, undone if it fails.
 */

export interface PlannedChange {
  recordId: string;
  category: RecordCategory;
  action: ChangeAction;
}

export interface RevertOutcome {
  ok: boolean;
  dryRun: boolean;
  /** The revert's own load; null for dry runs and refusals. */
  loadId: string | null;
  reverted: LoadRecord;
  conflicts: ConflictRecord[];
  /** What the revert changes (or would), up to `maxListed`. */
  changes: PlannedChange[];
  changeCount: number;
  created: CountsRecord;
  updated: CountsRecord;
  deleted: CountsRecord;
  message: string | null;
}

export class RevertError extends Error {
  override name = 'RevertError';
}

export interface RevertOptions {
  dryRun?: boolean;
  force?: boolean;
  principal?: string | null;
  ledger: LedgerConfig;
  /** How many planned changes and conflicts the report lists. */
  maxListed?: number;
  onWait?: (message: string) => void;
}

const COUNT_KEY: Record<RecordCategory, keyof CountsRecord> = { ENTITY: 'entities', SOURCE: 'sources', FACT: 'facts' };
/** What a revert does to a record, by what the load did to it. */
const INVERSE: Record<ChangeAction, ChangeAction> = { CREATED: 'DELETED', UPDATED: 'UPDATED', DELETED: 'CREATED' };

async function plan(scope: GraphScope, load: LoadRecord, batchSize: number, maxListed: number) {
  const conflicts: ConflictRecord[] = [];
  const changes: PlannedChange[] = [];
  const counts = { CREATED: zero(), UPDATED: zero(), DELETED: zero() };
  let changeCount = 0;
  let conflictCount = 0;
  const range = { first: load.firstSeq, last: load.lastSeq ?? load.firstSeq - 1 };
  let after = 0;
  for (;;) {
    const page = await scope.read(async (tx) => {
      const records = await tx.run(
        `MATCH (r:Revision) WHERE r._seq >= toInteger($first) AND r._seq <= toInteger($last) AND r._seq > toInteger($after)
         RETURN r._seq AS seq, r._record AS recordId, r._category AS category, r._action AS action ORDER BY r._seq LIMIT toInteger($limit)`,
        { ...range, after, limit: batchSize },
      );
      const rows = records.map((r) => r.toObject() as { seq: number; recordId: string; category: RecordCategory; action: ChangeAction });
      return { rows, conflicts: rows.length ? await conflictsOf(tx, rows.map((r) => r.seq), load.id) : [] };
    }, 30 * 60_000);
    if (page.rows.length === 0) break;
    for (const row of page.rows) {
      const action = INVERSE[row.action];
      counts[action][COUNT_KEY[row.category]] += 1;
      changeCount += 1;
      if (changes.length < maxListed) changes.push({ recordId: row.recordId, category: row.category, action });
    }
    conflictCount += page.conflicts.length;
    for (const c of page.conflicts) if (conflicts.length < maxListed) conflicts.push(c);
    after = page.rows.at(-1)!.seq;
  }
  return { conflicts, conflictCount, changes, changeCount, counts };
}

function zero(): CountsRecord {
  return { entities: 0, facts: 0, sources: 0 };
}

async function deleteForeignFacts(scope: GraphScope, batch: BatchRunner, range: { first: number; last: number }, batchSize: number, load: string): Promise<number> {
  let deleted = 0;
  let after = '';
  for (;;) {
    const ids = await scope.read((tx) => factsOnCreatedEntities(tx, range, after, batchSize));
    if (ids.length === 0) return deleted;
    await batch(ids.length, (tx, firstSeq) => deleteFactsRecorded(tx, ids, { load, firstSeq }));
    deleted += ids.length;
    after = ids.at(-1)!;
  }
}

export async function revertLoad(scope: GraphScope, id: string, options: RevertOptions): Promise<RevertOutcome> {
  const load = await getLoad(scope, id);
  if (!load) throw new RevertError(`there is no load "${id}"`);
  if (load.status === 'REVERTED') throw new RevertError(`load ${id} was already reverted by ${load.revertedBy ?? 'another load'}`);
  if (load.status !== 'COMMITTED') throw new RevertError(`load ${id} is ${load.status}: only a committed load can be reverted`);
  const maxListed = options.maxListed ?? 1_000;
  const batchSize = options.ledger.batchSize;
  const report = (planned: Awaited<ReturnType<typeof plan>>, loadId: string | null, ok: boolean, message: string | null): RevertOutcome => ({
    ok,
    dryRun: options.dryRun ?? false,
    loadId,
    reverted: load,
    conflicts: planned.conflicts,
    changes: planned.changes,
    changeCount: planned.changeCount,
    created: planned.counts.CREATED,
    updated: planned.counts.UPDATED,
    deleted: planned.counts.DELETED,
    message,
  });
  const refusal = (planned: Awaited<ReturnType<typeof plan>>): string =>
    `${planned.conflictCount} record(s) of load ${id} were changed again by later loads (${[...new Set(planned.conflicts.flatMap((c) => c.loads))].join(', ')}); ` +
    'reverting would undo their changes too: revert those first, or force';

  if (options.dryRun) {
    const planned = await plan(scope, load, batchSize, maxListed);
    const refused = planned.conflictCount > 0 && !options.force;
    return report(planned, null, !refused, refused ? refusal(planned) : null);
  }
  const session = await LoadSession.begin(scope, {
    principal: options.principal ?? null,
    inputs: [{ name: `revert of ${id}`, sha256: null, records: 0 }],
    // The load's span of sequence numbers bounds its changes (unchanged records leave gaps).
    streamed: (load.lastSeq ?? load.firstSeq) - load.firstSeq + 1 > options.ledger.streamThreshold,
    reverts: id,
    ledger: options.ledger,
    ...(options.onWait ? { onWait: options.onWait } : {}),
  });
  // Planned under the lock: no load can change a record between the check and the writes.
  let planned: Awaited<ReturnType<typeof plan>>;
  try {
    planned = await plan(scope, load, batchSize, maxListed);
  } catch (error) {
    await session.discard();
    throw error;
  }
  if (planned.conflictCount > 0 && !options.force) {
    await session.discard();
    return report(planned, null, false, refusal(planned));
  }
  const range = { first: load.firstSeq, last: load.lastSeq ?? load.firstSeq - 1 };
  await session.run(async (batch) => {
    for (const phase of RESTORE_PHASES) {
      // Forced past conflicts: other loads' facts on entities the load created go first, each with its revision,
      // so that reverting this revert puts them back.
      if (phase === 'delete-nodes') planned.counts.DELETED.facts += await deleteForeignFacts(scope, batch, range, batchSize, session.id);
      let after = 0;
      for (;;) {
        const revisions = await scope.read((tx) => revisionsInRange(tx, phase, range, after, batchSize));
        if (revisions.length === 0) break;
        await batch(revisions.length, (tx, firstSeq) => restoreRevisions(tx, phase, revisions, { record: true, tag: { load: session.id, firstSeq } }));
        after = revisions.at(-1)!.seq;
      }
    }
    return { created: planned.counts.CREATED, updated: planned.counts.UPDATED, unchanged: zero(), deleted: planned.counts.DELETED };
  }, 30 * 60_000);
  return report(planned, session.id, true, null);
}
