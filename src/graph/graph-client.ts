import neo4j, {
  Neo4jError,
  type Driver,
  type ManagedTransaction,
  type BookmarkManager,
  type Record as Neo4jRecord,
} from 'neo4j-driver';
import type { Neo4jConfig } from '../config.js';
import { graphVersionReadsTotal, neo4jQueriesTotal, neo4jQueryDuration, neo4jUp } from '../metrics.js';
import { bumpGraphVersion, GraphVersionClock, READ_GRAPH_VERSION, versionOf, type GraphVersion } from './graph-version.js';

export type Params = Record<string, unknown>;

/** One statement runner inside a transaction; every call is one counted round trip. */
export interface Tx {
  run(cypher: string, params?: Params): Promise<Neo4jRecord[]>;
}

type Mode = 'read' | 'write';

/** Counts the Cypher round trips of one unit of work (a GraphQL request, a seed load). */
export class RoundTripCounter {
  count = 0;
}

export function createDriver(config: Neo4jConfig, uri: string): Driver {
  return neo4j.driver(uri, neo4j.auth.basic(config.user, config.password), {
    disableLosslessIntegers: true,
    // Fail fast when the server is unreachable rather than hang a request.
    connectionAcquisitionTimeout: config.connectionTimeoutMs,
    connectionTimeout: config.connectionTimeoutMs,
    maxTransactionRetryTime: config.maxRetryTimeMs,
    // A pooled connection idle for a while is checked before use, so a restarted server is noticed at once.
    connectionLivenessCheckTimeout: 30_000,
    userAgent: 'kg-graphql/0.1',
  });
}

/** Raised without asking the driver while Neo4j is known to be down (see Neo4jHealth). */
export class Neo4jUnavailableError extends Error {
  override name = 'Neo4jUnavailableError';
}

/** Errors meaning "the database cannot be reached now", as opposed to "this query is wrong". */
export function isConnectivityError(error: unknown): boolean {
  if (error instanceof Neo4jUnavailableError) return true;
  return error instanceof Neo4jError && (error.code === 'ServiceUnavailable' || error.code === 'SessionExpired');
}

/**
 * What the process knows of Neo4j's reachability, shared by every scope: it feeds the neo4j_up gauge and,
 * right after a connectivity failure, makes requests fail at once rather than each wait out the driver's retries.
 */
export class Neo4jHealth {
  up = true;
  private lastFailure = 0;

  constructor(private readonly failFastMs: number) {
    neo4jUp.set(1);
  }

  succeeded(): void {
    this.up = true;
    neo4jUp.set(1);
  }

  failed(): void {
    this.up = false;
    this.lastFailure = Date.now();
    neo4jUp.set(0);
  }

  /** True while requests should not even try: down, and the last failure is recent. */
  failingFast(): boolean {
    return !this.up && Date.now() - this.lastFailure < this.failFastMs;
  }
}

/**
 * Graph access for one unit of work: reads through executeRead and writes through executeWrite (so a cluster
 * can route them), the process's bookmarks (so reads after a write see it, on any cluster member), and a
 * round-trip count.
 */
export class GraphScope {
  readonly roundTrips = new RoundTripCounter();

  constructor(
    private readonly driver: Driver,
    private readonly database: string,
    private readonly timeoutMs: number,
    private readonly health?: Neo4jHealth,
    private readonly bookmarks: BookmarkManager = neo4j.bookmarkManager(),
    /** The process's graph version, moved at once by changes made through this scope. */
    readonly versions?: GraphVersionClock,
  ) {}

  /** Runs one read statement and returns its records. */
  async query(cypher: string, params: Params = {}): Promise<Neo4jRecord[]> {
    return this.read((tx) => tx.run(cypher, params));
  }

  read<T>(work: (tx: Tx) => Promise<T>, timeoutMs = this.timeoutMs): Promise<T> {
    return this.execute('read', work, timeoutMs);
  }

  write<T>(work: (tx: Tx) => Promise<T>, timeoutMs = this.timeoutMs): Promise<T> {
    return this.execute('write', work, timeoutMs);
  }

  /**
   * A write that may change the graph's data: when `changed` says it did, the graph version moves in the same
   * transaction (so every instance learns of it), and this process knows the new version as soon as it commits.
   * A write that changed nothing leaves the version, and every answer cached under it, as it was.
   */
  async change<T>(work: (tx: Tx) => Promise<T>, changed: (result: T) => boolean, timeoutMs = this.timeoutMs): Promise<T> {
    let version: GraphVersion | undefined;
    const result = await this.write(async (tx) => {
      const value = await work(tx);
      version = changed(value) ? await bumpGraphVersion(tx) : undefined;
      return value;
    }, timeoutMs);
    if (version !== undefined) this.versions?.advance(version);
    return result;
  }

  private async execute<T>(mode: Mode, work: (tx: Tx) => Promise<T>, timeoutMs: number): Promise<T> {
    if (this.health?.failingFast()) throw new Neo4jUnavailableError('Neo4j is unreachable (failing fast)');
    try {
      const result = await this.run(mode, work, timeoutMs);
      this.health?.succeeded();
      return result;
    } catch (error) {
      if (isConnectivityError(error)) this.health?.failed();
      throw error;
    }
  }

  private async run<T>(mode: Mode, work: (tx: Tx) => Promise<T>, timeoutMs: number): Promise<T> {
    const session = this.driver.session({
      database: this.database,
      bookmarkManager: this.bookmarks,
      defaultAccessMode: mode === 'read' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    try {
      const txWork = (tx: ManagedTransaction): Promise<T> => work(countingTx(tx, mode, this.roundTrips));
      const txConfig = { timeout: timeoutMs };
      return mode === 'read'
        ? await session.executeRead(txWork, txConfig)
        : await session.executeWrite(txWork, txConfig);
    } finally {
      await session.close();
    }
  }
}

function countingTx(tx: ManagedTransaction, mode: Mode, counter: RoundTripCounter): Tx {
  return {
    async run(cypher, params = {}) {
      counter.count += 1;
      const stop = neo4jQueryDuration.startTimer({ mode });
      try {
        const result = await tx.run(cypher, params);
        neo4jQueriesTotal.inc({ mode, outcome: 'ok' });
        return result.records;
      } catch (error) {
        neo4jQueriesTotal.inc({ mode, outcome: 'error' });
        throw error;
      } finally {
        stop();
      }
    },
  };
}

/** The process-wide graph: one driver, scopes per unit of work. */
export class Graph {
  readonly health: Neo4jHealth;
  private probe: NodeJS.Timeout | undefined;
  /** Shared by every scope: a read in this process waits for the writes this process made (causal consistency). */
  private readonly bookmarks: BookmarkManager = neo4j.bookmarkManager();
  /** The graph's version as this process knows it (see graph-version.ts). */
  readonly versions: GraphVersionClock;

  constructor(
    readonly driver: Driver,
    private readonly config: Neo4jConfig,
  ) {
    this.health = new Neo4jHealth(config.failFastMs ?? 0);
    this.versions = new GraphVersionClock(() => this.readVersion(), config.versionMaxAgeMs ?? 250);
  }

  scope(): GraphScope {
    return new GraphScope(this.driver, this.config.database, this.config.transactionTimeoutMs, this.health, this.bookmarks, this.versions);
  }

  /**
   * The version as stored. Not a counted round trip (neo4j_queries_total is the API's work; this has its own
   * counter), and through the shared bookmarks, so that reads after it see at least the state it names.
   */
  private async readVersion(): Promise<GraphVersion> {
    if (this.health.failingFast()) throw new Neo4jUnavailableError('Neo4j is unreachable (failing fast)');
    const session = this.driver.session({ database: this.config.database, bookmarkManager: this.bookmarks, defaultAccessMode: neo4j.session.READ });
    try {
      graphVersionReadsTotal.inc();
      const records = await session.executeRead(async (tx) => (await tx.run(READ_GRAPH_VERSION)).records, {
        timeout: Math.min(this.config.transactionTimeoutMs, 5_000),
      });
      return versionOf(records[0]);
    } finally {
      await session.close();
    }
  }

  /**
   * True when Neo4j answers a trivial read. Not a counted round trip (neo4j_queries_total is the API's work),
   * and no retries: a probe answers now.
   */
  async ping(): Promise<boolean> {
    const session = this.driver.session({ database: this.config.database, defaultAccessMode: neo4j.session.READ });
    try {
      await session.run('RETURN 1', {}, { timeout: Math.min(this.config.transactionTimeoutMs, 5_000) });
      this.health.succeeded();
      return true;
    } catch {
      this.health.failed();
      return false;
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /** Probes Neo4j every intervalMs for the neo4j_up gauge, until close(). */
  startProbe(intervalMs = this.config.probeIntervalMs ?? 0): void {
    if (intervalMs <= 0 || this.probe) return;
    this.probe = setInterval(() => void this.ping(), intervalMs);
    this.probe.unref();
  }

  close(): Promise<void> {
    clearInterval(this.probe);
    this.probe = undefined;
    return this.driver.close();
  }
}
