import { randomBytes } from 'node:crypto';
import type { GraphScope, Tx } from '../graph/graph-client.js';
import {
  advanceSequence,
  commitLoad,
  createLoad,
  failLoad,
  releaseLock,
  renewLock,
  runningLoads,
  tryLock,
  LostLockError,
  type LoadInputRecord,
  type LoadOutcome,
  type LoadRecord,
} from '../graph/ledger-loads.js';
import { LOAD_ID_PREFIX } from '../graph/ledger-schema.js';
import { RESTORE_PHASES, restoreRevisions, revisionsInRange } from '../graph/ledger-restore.js';
import type { LedgerConfig } from '../config.js';

/**
 * One load's life in the ledger: the writer lock (waiting for it, or refusing), a heartbeat that keeps the lease,
 * batches (all in one transaction for small loads; each its own transaction above the threshold), the commit,
 * and on failure the undo of whatever was written, from the ledger.
 */

export class LoadInProgressError extends Error {
  override name = 'LoadInProgressError';
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function newLoadId(): string {
  return `${LOAD_ID_PREFIX}${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}Z-${randomBytes(4).toString('hex')}`;
}

/** Runs one batch: `size` sequence numbers are reserved for its changes, from `firstSeq`. */
export type BatchRunner = <T>(size: number, work: (tx: Tx, firstSeq: number) => Promise<T>) => Promise<T>;

export interface SessionOptions {
  principal: string | null;
  inputs: LoadInputRecord[];
  /** Batches in their own transactions (above the threshold) rather than one transaction. */
  streamed: boolean;
  reverts?: string | null;
  ledger: LedgerConfig;
  /** Told once when the lock is held by another load and this one waits. */
  onWait?: (message: string) => void;
}

async function acquire(scope: GraphScope, owner: string, ledger: LedgerConfig, onWait?: (message: string) => void): Promise<number> {
  const deadline = Date.now() + ledger.lockWaitMs;
  let told = false;
  for (;;) {
    const attempt = await tryLock(scope, owner, ledger.leaseMs);
    if (attempt.acquired) return attempt.nextSeq;
    const message = `another load is writing (${attempt.holder ?? 'unknown'}${attempt.principal ? `, by ${attempt.principal}` : ''}${attempt.startedAt ? `, started ${attempt.startedAt}` : ''}); one load writes at a time`;
    if (Date.now() >= deadline) throw new LoadInProgressError(`${message}: try again when it has finished`);
    if (!told) onWait?.(`${message}: waiting up to ${Math.round(ledger.lockWaitMs / 1000)} s`);
    told = true;
    await sleep(Math.min(250, Math.max(10, deadline - Date.now())));
  }
}

/**
 * Undoes a load's changes from its revisions, newest phase order first (restored nodes, facts, created nodes),
 * a batch a transaction, consuming the revisions: a load undone leaves nothing in the graph nor in its changes.
 * Idempotent, so an undo cut short is finished by the next one.
 */
export async function undoLoad(scope: GraphScope, load: LoadRecord, batchSize: number): Promise<void> {
  const [record] = await scope.query("MATCH (l:LedgerLock {id: 'writer'}) RETURN l.nextSeq AS next");
  const range = { first: load.firstSeq, last: Math.max(load.lastSeq ?? 0, ((record?.get('next') as number | undefined) ?? 1) - 1) };
  for (const phase of RESTORE_PHASES) {
    for (;;) {
      const done = await scope.change(
        async (tx) => {
          const revisions = await revisionsInRange(tx, phase, range, 0, batchSize);
          if (revisions.length > 0) await restoreRevisions(tx, phase, revisions, { record: false });
          return revisions.length === 0;
        },
        (finished) => !finished,
        30 * 60_000,
      );
      if (done) break;
    }
  }
}

/** Undoes and fails every RUNNING load but `except`; the caller holds the lock, so their owners are gone. */
async function recoverWithLock(scope: GraphScope, except: string, ledger: LedgerConfig, log?: (line: string) => void): Promise<number> {
  const abandoned = await runningLoads(scope, except);
  for (const load of abandoned) {
    log?.(`ledger: load ${load.id} (started ${load.startedAt}) was left RUNNING by a process that stopped; undoing it`);
    await undoLoad(scope, load, ledger.batchSize);
    await failLoad(scope, load.id, 'abandoned: the process running it stopped (its lease ran out, or its pid was gone on this host); its writes were undone');
  }
  return abandoned.length;
}

/**
 * At the start of the server or the CLI: undoes loads whose owner died. Does nothing while a live writer holds
 * the lock (it is not abandoned; if it dies, the next start recovers it).
 */
export async function recoverAbandonedLoads(scope: GraphScope, ledger: LedgerConfig, log?: (line: string) => void): Promise<number> {
  const owner = `recovery:${randomBytes(4).toString('hex')}`;
  const attempt = await tryLock(scope, owner, ledger.leaseMs);
  if (!attempt.acquired) return 0;
  try {
    return await recoverWithLock(scope, owner, ledger, log);
  } finally {
    await releaseLock(scope, owner);
  }
}

export class LoadSession {
  private heartbeat: NodeJS.Timeout | undefined;
  private lockLost = false;

  private constructor(
    private readonly scope: GraphScope,
    readonly id: string,
    private nextSeq: number,
    readonly firstSeq: number,
    private readonly options: SessionOptions,
  ) {}

  /** Takes the lock (waiting up to LOAD_LOCK_WAIT_MS), recovers abandoned loads, records the load as RUNNING. */
  static async begin(scope: GraphScope, options: SessionOptions): Promise<LoadSession> {
    const id = newLoadId();
    const nextSeq = await acquire(scope, id, options.ledger, options.onWait);
    try {
      await recoverWithLock(scope, id, options.ledger);
      await createLoad(scope, {
        id,
        principal: options.principal,
        inputs: options.inputs,
        streamed: options.streamed,
        firstSeq: nextSeq,
        reverts: options.reverts ?? null,
      });
    } catch (error) {
      await releaseLock(scope, id);
      throw error;
    }
    const session = new LoadSession(scope, id, nextSeq, nextSeq, options);
    session.startHeartbeat();
    return session;
  }

  private startHeartbeat(): void {
    const every = Math.max(50, Math.floor(this.options.ledger.leaseMs / 3));
    this.heartbeat = setInterval(() => {
      renewLock(this.scope, this.id, this.options.ledger.leaseMs).then(
        (held) => {
          if (!held) this.lockLost = true;
        },
        () => undefined,
      );
    }, every);
    this.heartbeat.unref();
  }

  private reserve(size: number): number {
    const first = this.nextSeq;
    this.nextSeq += size;
    return first;
  }

  /**
   * Runs the load's writes: `body` gets a batch runner and returns the outcome to record. Small loads run in one
   * transaction (the commit included); streamed ones commit each batch. On failure the writes are undone and the
   * load is FAILED with the reason; the error is rethrown.
   */
  async run(body: (batch: BatchRunner) => Promise<LoadOutcome>, timeoutMs: number): Promise<number> {
    const { leaseMs } = this.options.ledger;
    try {
      if (!this.options.streamed) {
        // Every commit moves the graph version, even of a load that changed nothing: `loads` shows it.
        return await this.scope.change(
          async (tx) => {
            // The commit's sequence number follows the batches' (reserved after them).
            const outcome = await body((size, work) => work(tx, this.reserve(size)));
            return commitLoad(tx, this.id, this.reserve(1), outcome);
          },
          () => true,
          timeoutMs,
        );
      }
      const outcome = await body((size, work) => {
        if (this.lockLost) throw new LostLockError(`load ${this.id} lost the writer lock (its lease ran out); it stops here`);
        // A streamed batch moves the graph version whatever it wrote: its readers may see it before the commit.
        return this.scope.change(
          async (tx) => {
            const result = await work(tx, this.reserve(size));
            await advanceSequence(tx, this.id, this.nextSeq, leaseMs);
            return result;
          },
          () => true,
          timeoutMs,
        );
      });
      return await this.scope.change((tx) => commitLoad(tx, this.id, this.reserve(1), outcome), () => true, timeoutMs);
    } catch (error) {
      // If the database is gone, the load stays RUNNING: the next start recovers it once its lease runs out.
      await this.fail(error).catch(() => undefined);
      throw error;
    } finally {
      await this.end().catch(() => undefined);
    }
  }

  private async fail(error: unknown): Promise<void> {
    // A load that lost the lock is the new owner's to undo; touching the graph now could race it.
    if (error instanceof LostLockError) return;
    const reason = error instanceof Error ? error.message : String(error);
    if (this.options.streamed) {
      const [record] = await this.scope.query('MATCH (l:Load {id: $id}) RETURN l.lastSeq AS last', { id: this.id });
      await undoLoad(
        this.scope,
        { id: this.id, firstSeq: this.firstSeq, lastSeq: (record?.get('last') as number | undefined) ?? this.nextSeq - 1 } as LoadRecord,
        this.options.ledger.batchSize,
      );
    }
    await failLoad(this.scope, this.id, reason);
  }

  /** Gives up a load that wrote nothing (a refused revert): its record goes, the lock is released. */
  async discard(): Promise<void> {
    await this.scope.change((tx) => tx.run("MATCH (l:Load {id: $id, status: 'RUNNING'}) DELETE l", { id: this.id }), () => true);
    await this.end();
  }

  private async end(): Promise<void> {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    await releaseLock(this.scope, this.id);
  }
}
