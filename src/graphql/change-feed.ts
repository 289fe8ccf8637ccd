import type { FeedConfig } from '../config.js';
import { committedLoadsAfter, feedHead, readChanges, type FeedChange } from '../graph/change-feed-reads.js';
import { afterLoad, type ChangeFilter, type FeedPosition } from '../graph/change-feed-statements.js';
import type { GraphScope } from '../graph/graph-client.js';
import type { LoadRecord } from '../graph/ledger-loads.js';
import type { ChangeRecord } from '../graph/ledger-reads.js';
import type { Logger } from '../logger.js';
import { changeFeedPollsTotal, subscribersActive, subscriptionEventsTotal } from '../metrics.js';
import { decodeOpaque, encodeOpaque } from './connections.js';
import { badInput } from './errors.js';

/**
 * The live change feed behind the `changes` subscription. State lives in Neo4j: one poller per process reads the
 * ledger's newest commit every CHANGE_FEED_POLL_MS while anyone subscribes (an indexed read of one number), and
 * when it moves, each subscriber reads the loads committed since its position and their changes that pass its
 * filter. Subscribers at the same position with the same filter share those reads. So events come from any
 * instance's or the CLI's loads, on Neo4j Community, and a subscriber resumes from any cursor after a restart.
 *
 * Exactly once, in order: a subscriber's position only moves forward, past each event as it is queued, and a
 * cursor names a position in commit order (the same as `Query.changes`'s cursors), so resuming from the last
 * cursor received reads every later change once.
 */

export interface ChangeEventModel {
  cursor: string;
  change: ChangeRecord | null;
  summary: LoadRecord | null;
}

const CURSOR_VERSION = 'f1';

/** A feed position as an opaque cursor. */
export function feedCursor(position: FeedPosition): string {
  return encodeOpaque([CURSOR_VERSION, position.commit, position.seq]);
}

/** The position a cursor names; null when none is given; a bad one is the argument's error. */
export function feedPosition(argument: string, cursor: string | null | undefined): FeedPosition | null {
  const parts = decodeOpaque(argument, cursor, CURSOR_VERSION);
  if (parts === null) return null;
  const [, commit, seq] = parts;
  if (parts.length !== 3 || !Number.isSafeInteger(commit) || !Number.isSafeInteger(seq) || (seq as number) < 0 || (seq as number) > (commit as number)) {
    throw badInput(argument, 'is not a cursor from this API');
  }
  return { commit: commit as number, seq: seq as number };
}

const before = (a: FeedPosition, b: FeedPosition): boolean => a.commit < b.commit || (a.commit === b.commit && a.seq < b.seq);
const key = (p: FeedPosition): string => `${p.commit}.${p.seq}`;

/** Loads read per statement while catching up. */
const LOADS_PER_READ = 100;

export class ChangeFeed {
  private readonly subscribers = new Set<FeedSubscriber>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private failing = false;
  /** The newest commit this process has seen. */
  head = 0;
  /** Reads in flight or just done, shared by subscribers that need the same one (same position, same filter). */
  private readonly shared = new Map<string, Promise<unknown>>();

  constructor(
    private readonly open: () => GraphScope,
    readonly config: FeedConfig,
    private readonly log: Logger,
  ) {}

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Subscribes from a position (null: from the newest commit now); events come as an async iterator. */
  async subscribe(filter: ChangeFilter, after: FeedPosition | null): Promise<AsyncIterableIterator<ChangeEventModel>> {
    this.head = Math.max(this.head, await feedHead(this.open()));
    const subscriber = new FeedSubscriber(this, filter, after ?? afterLoad(this.head), (s) => this.remove(s));
    this.subscribers.add(subscriber);
    subscribersActive.inc();
    this.schedule();
    subscriber.wake();
    return subscriber;
  }

  /** Ends every subscription (their clients see them complete) and stops polling. */
  stop(): void {
    for (const subscriber of [...this.subscribers]) void subscriber.return();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private remove(subscriber: FeedSubscriber): void {
    if (this.subscribers.delete(subscriber)) subscribersActive.dec();
    if (this.subscribers.size === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private schedule(): void {
    if (this.timer !== undefined || this.polling || this.subscribers.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.poll();
    }, this.config.pollIntervalMs);
    this.timer.unref();
  }

  /** One poll: the newest commit, then every subscriber behind it catches up. */
  private async poll(): Promise<void> {
    this.polling = true;
    try {
      this.head = Math.max(this.head, await feedHead(this.open()));
      changeFeedPollsTotal.inc({ outcome: 'ok' });
      if (this.failing) this.log.info('change feed: the ledger can be read again');
      this.failing = false;
      for (const subscriber of this.subscribers) if (before(subscriber.position, afterLoad(this.head))) subscriber.wake();
    } catch (error) {
      changeFeedPollsTotal.inc({ outcome: 'error' });
      if (!this.failing) this.log.warn({ err: error }, 'change feed: cannot read the ledger; retrying');
      this.failing = true;
    } finally {
      this.polling = false;
      this.schedule();
    }
  }

  /** A read that subscribers in the same place share; forgotten one poll interval after it settles. */
  share<T>(id: string, read: () => Promise<T>): Promise<T> {
    const known = this.shared.get(id) as Promise<T> | undefined;
    if (known) return known;
    const promise = read();
    this.shared.set(id, promise);
    const forget = (): void => {
      setTimeout(() => this.shared.delete(id), this.config.pollIntervalMs).unref();
    };
    promise.then(forget, () => this.shared.delete(id));
    return promise;
  }

  loadsAfter(position: FeedPosition, load: string | null): Promise<LoadRecord[]> {
    const upTo = this.head;
    return this.share(`loads ${key(position)} ${upTo} ${load ?? ''}`, () => committedLoadsAfter(this.open(), position, upTo, load, LOADS_PER_READ));
  }

  /** A load's changes after a position that pass a filter: at most one more than the summary threshold. */
  changesOf(load: LoadRecord, position: FeedPosition, filter: ChangeFilter, filterKey: string): Promise<FeedChange[]> {
    return this.share(`changes ${load.id} ${key(position)} ${filterKey}`, () =>
      readChanges(this.open(), { filter: { ...filter, load: load.id }, after: position, limit: this.config.summaryThreshold + 1 }).then((read) => read.changes),
    );
  }

  warn(error: unknown): void {
    this.log.warn({ err: error }, 'change feed: a subscriber could not read the ledger; it retries at the next poll');
  }
}

/** One subscription: its filter, its position, and the events queued for its client. */
class FeedSubscriber implements AsyncIterableIterator<ChangeEventModel> {
  private readonly queue: ChangeEventModel[] = [];
  private pull: ((result: IteratorResult<ChangeEventModel>) => void) | undefined;
  private drained: (() => void) | undefined;
  private done = false;
  private running = false;
  private again = false;
  private readonly filterKey: string;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly filter: ChangeFilter,
    /** Everything up to here was queued (or did not pass the filter). */
    public position: FeedPosition,
    private readonly onEnd: (subscriber: FeedSubscriber) => void,
  ) {
    this.filterKey = JSON.stringify(filter);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ChangeEventModel> {
    return this;
  }

  next(): Promise<IteratorResult<ChangeEventModel>> {
    const event = this.queue.shift();
    if (event !== undefined) {
      subscriptionEventsTotal.inc({ kind: event.summary ? 'summary' : 'change' });
      if (this.queue.length === 0) this.drained?.();
      return Promise.resolve({ value: event, done: false });
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.pull = (result) => {
        if (!result.done) subscriptionEventsTotal.inc({ kind: result.value.summary ? 'summary' : 'change' });
        resolve(result);
      };
    });
  }

  /** The client went away or completed: nothing more is read for it. */
  return(): Promise<IteratorResult<ChangeEventModel>> {
    if (!this.done) {
      this.done = true;
      this.queue.length = 0;
      this.pull?.({ value: undefined, done: true });
      this.pull = undefined;
      this.drained?.();
      this.onEnd(this);
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<ChangeEventModel>> {
    void this.return();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  private push(event: ChangeEventModel): void {
    const pull = this.pull;
    if (pull) {
      this.pull = undefined;
      pull({ value: event, done: false });
    } else {
      this.queue.push(event);
    }
  }

  /** Catches up with the feed's head, unless already doing so (then once more when done). */
  wake(): void {
    if (this.done) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.catchUp()
      .catch((error: unknown) => this.feed.warn(error))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async catchUp(): Promise<void> {
    const threshold = this.feed.config.summaryThreshold;
    for (;;) {
      const head = this.feed.head;
      if (this.done || !before(this.position, afterLoad(head))) return;
      const loads = await this.feed.loadsAfter(this.position, this.filter.load);
      for (const load of loads) {
        if (this.done) return;
        const changes = await this.feed.changesOf(load, this.position, this.filter, this.filterKey);
        const end = afterLoad(load.commitSeq!);
        if (changes.length > threshold) {
          this.push({ cursor: feedCursor(end), change: null, summary: load });
        } else {
          for (const { position, change } of changes) this.push({ cursor: feedCursor(position), change, summary: null });
        }
        this.position = end;
        // A client that reads slowly holds the next load back: its queue stays within about one load's events.
        if (this.queue.length > threshold) await new Promise<void>((resolve) => (this.drained = resolve));
        this.drained = undefined;
      }
      if (loads.length < LOADS_PER_READ && before(this.position, afterLoad(head))) this.position = afterLoad(head);
    }
  }
}
