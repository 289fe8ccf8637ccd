import os from 'node:os';
import type { GraphScope, Tx } from './graph-client.js';
import type { LoadStatus } from './ledger-schema.js';

/**
 * Load records and the writer lock. The lock is one node with a lease in database time (timestamp()), so every
 * API instance and CLI over the same Neo4j agrees on who may write, and a holder that dies (SIGKILL, power loss)
 * loses it when its lease runs out. The lock also names the holder's host and pid: a process on the same host that
 * finds that pid gone takes the lock at once instead of waiting for the lease. It also holds the ledger's
 * sequence: the next number to give a change.
 */

export interface LoadInputRecord {
  name: string;
  sha256: string | null;
  records: number;
}

export type CountsRecord = Record<'entities' | 'facts' | 'sources', number>;

export interface LoadRecord {
  id: string;
  status: LoadStatus;
  principal: string | null;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  inputs: LoadInputRecord[];
  reverts: string | null;
  revertedBy: string | null;
  streamed: boolean;
  firstSeq: number;
  lastSeq: number | null;
  commitSeq: number | null;
  created: CountsRecord;
  updated: CountsRecord;
  unchanged: CountsRecord;
  deleted: CountsRecord;
}

const zero = (): CountsRecord => ({ entities: 0, facts: 0, sources: 0 });

function counts(value: unknown): CountsRecord {
  return typeof value === 'string' ? (JSON.parse(value) as CountsRecord) : zero();
}

/** A Load node's properties as a record (inputs and counts are stored as JSON text: Neo4j has no map properties). */
export function loadRecord(props: Record<string, unknown>): LoadRecord {
  return {
    id: props['id'] as string,
    status: props['status'] as LoadStatus,
    principal: (props['principal'] as string | undefined) ?? null,
    startedAt: props['startedAt'] as string,
    finishedAt: (props['finishedAt'] as string | undefined) ?? null,
    error: (props['error'] as string | undefined) ?? null,
    inputs: typeof props['inputs'] === 'string' ? (JSON.parse(props['inputs']) as LoadInputRecord[]) : [],
    reverts: (props['reverts'] as string | undefined) ?? null,
    revertedBy: (props['revertedBy'] as string | undefined) ?? null,
    streamed: (props['streamed'] as boolean | undefined) ?? false,
    firstSeq: props['firstSeq'] as number,
    lastSeq: (props['lastSeq'] as number | undefined) ?? null,
    commitSeq: (props['commitSeq'] as number | undefined) ?? null,
    created: counts(props['created']),
    updated: counts(props['updated']),
    unchanged: counts(props['unchanged']),
    deleted: counts(props['deleted']),
  };
}

export type LockAttempt =
  | { acquired: true; nextSeq: number }
  | { acquired: false; holder: string | null; principal: string | null; startedAt: string | null };

/** Whether a process on this host is gone: only ESRCH says so (EPERM means it lives under another user). */
function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Whether the lock's holder is a process on this host that has died, so its lease need not be waited out. */
function holderDead(host: unknown, pid: unknown): boolean {
  return host === os.hostname() && typeof pid === 'number' && pid !== process.pid && processGone(pid);
}

/**
 * Takes the writer lock for `owner` if it is free, its lease ran out, or its holder was a process on this host
 * that has died. The first statement write-locks the lock node, so the check and the claim that follow cannot
 * interleave with another writer's.
 */
export function tryLock(scope: GraphScope, owner: string, leaseMs: number): Promise<LockAttempt> {
  return scope.write(async (tx) => {
    await tx.run("MERGE (l:Ledger:LedgerLock {id: 'writer'}) ON CREATE SET l.nextSeq = 1 SET l.lastAttempt = $owner", { owner });
    const [state] = await tx.run(
      `MATCH (l:LedgerLock {id: 'writer'})
       OPTIONAL MATCH (held:Load {id: l.owner})
       RETURN l.owner AS owner, l.leaseUntil < timestamp() AS expired, l.nextSeq AS nextSeq, l.ownerHost AS host,
              l.ownerPid AS pid, held.principal AS principal, held.startedAt AS startedAt`,
    );
    const holder = state!.get('owner') as string | null;
    if (holder !== null && holder !== owner && state!.get('expired') !== true && !holderDead(state!.get('host'), state!.get('pid'))) {
      return { acquired: false, holder, principal: state!.get('principal') as string | null, startedAt: state!.get('startedAt') as string | null };
    }
    await tx.run(
      `MATCH (l:LedgerLock {id: 'writer'})
       SET l.owner = $owner, l.ownerHost = $host, l.ownerPid = toInteger($pid), l.leaseUntil = timestamp() + toInteger($leaseMs)`,
      { owner, leaseMs, host: os.hostname(), pid: process.pid },
    );
    return { acquired: true, nextSeq: state!.get('nextSeq') as number };
  });
}

/** Extends the lease; false when the lock is no longer this owner's (its lease ran out and another took it). */
export async function renewLock(scope: GraphScope, owner: string, leaseMs: number): Promise<boolean> {
  const records = await scope.write((tx) =>
    tx.run("MATCH (l:LedgerLock {id: 'writer', owner: $owner}) SET l.leaseUntil = timestamp() + toInteger($leaseMs) RETURN l", { owner, leaseMs }),
  );
  return records.length > 0;
}

export async function releaseLock(scope: GraphScope, owner: string): Promise<void> {
  await scope.write((tx) => tx.run("MATCH (l:LedgerLock {id: 'writer', owner: $owner}) REMOVE l.owner, l.ownerHost, l.ownerPid, l.leaseUntil", { owner }));
}

export class LostLockError extends Error {
  override name = 'LostLockError';
}

/**
 * In a batch's transaction: moves the ledger's sequence past the batch and the load's last sequence with it,
 * renewing the lease. Throws (rolling the batch back) if the lock is no longer this load's.
 */
export async function advanceSequence(tx: Tx, load: string, nextSeq: number, leaseMs: number): Promise<void> {
  const records = await tx.run(
    `MATCH (l:LedgerLock {id: 'writer', owner: $load})
     SET l.nextSeq = toInteger($nextSeq), l.leaseUntil = timestamp() + toInteger($leaseMs)
     WITH l MATCH (ld:Load {id: $load})
     SET ld.lastSeq = toInteger($nextSeq) - 1
     RETURN ld.id`,
    { load, nextSeq, leaseMs },
  );
  if (records.length === 0) throw new LostLockError(`load ${load} lost the writer lock (its lease ran out); it stops here`);
}

export interface NewLoad {
  id: string;
  principal: string | null;
  inputs: LoadInputRecord[];
  streamed: boolean;
  firstSeq: number;
  reverts: string | null;
}

// The ledger is read through the API (`loads`, `changes`, `history`), so each of its writes moves the graph
// version (GraphScope.change), as data writes do: no cached answer outlives a load, even one that changed nothing.

export async function createLoad(scope: GraphScope, load: NewLoad): Promise<void> {
  await scope.change((tx) =>
    tx.run(
      `CREATE (l:Ledger:Load {id: $id, status: 'RUNNING', principal: $principal, startedAt: $startedAt, inputs: $inputs,
                              streamed: $streamed, firstSeq: toInteger($firstSeq), lastSeq: toInteger($firstSeq) - 1, reverts: $reverts})`,
      { ...load, inputs: JSON.stringify(load.inputs), startedAt: new Date().toISOString() },
    ),
    () => true,
  );
}

export interface LoadOutcome {
  created: CountsRecord;
  updated: CountsRecord;
  unchanged: CountsRecord;
  /** Records deleted (reverts of creations). */
  deleted?: CountsRecord;
}

/**
 * In the load's last transaction: COMMITTED, with its counts, a commit sequence number (commit order for change
 * feeds) and, for a revert, the reverted load marked REVERTED.
 */
export async function commitLoad(tx: Tx, load: string, nextSeq: number, outcome: LoadOutcome): Promise<number> {
  const [record] = await tx.run(
    `MATCH (lock:LedgerLock {id: 'writer', owner: $load}), (ld:Load {id: $load})
     SET lock.nextSeq = toInteger($nextSeq) + 1,
         ld.status = 'COMMITTED', ld.finishedAt = $now, ld.lastSeq = toInteger($nextSeq) - 1, ld.commitSeq = toInteger($nextSeq),
         ld.created = $created, ld.updated = $updated, ld.unchanged = $unchanged, ld.deleted = $deleted
     WITH ld
     OPTIONAL MATCH (reverted:Load {id: ld.reverts})
     SET reverted.status = 'REVERTED', reverted.revertedBy = ld.id
     RETURN ld.commitSeq AS commitSeq`,
    {
      load,
      nextSeq,
      now: new Date().toISOString(),
      created: JSON.stringify(outcome.created),
      updated: JSON.stringify(outcome.updated),
      unchanged: JSON.stringify(outcome.unchanged),
      deleted: JSON.stringify(outcome.deleted ?? zero()),
    },
  );
  if (!record) throw new LostLockError(`load ${load} lost the writer lock (its lease ran out) before it committed`);
  return record.get('commitSeq') as number;
}

export async function failLoad(scope: GraphScope, load: string, error: string): Promise<void> {
  await scope.change(
    (tx) =>
      tx.run("MATCH (ld:Load {id: $load}) SET ld.status = 'FAILED', ld.finishedAt = $now, ld.error = $error", {
        load,
        error,
        now: new Date().toISOString(),
      }),
    () => true,
  );
}

export async function getLoad(scope: GraphScope, id: string): Promise<LoadRecord | null> {
  const [record] = await scope.query('MATCH (l:Load {id: $id}) RETURN properties(l) AS l', { id });
  return record ? loadRecord(record.get('l') as Record<string, unknown>) : null;
}

/** RUNNING loads other than `except`: abandoned ones, once their owner's lease is gone. */
export async function runningLoads(scope: GraphScope, except: string): Promise<LoadRecord[]> {
  const records = await scope.query("MATCH (l:Load {status: 'RUNNING'}) WHERE l.id <> $except RETURN properties(l) AS l", { except });
  return records.map((r) => loadRecord(r.get('l') as Record<string, unknown>));
}
