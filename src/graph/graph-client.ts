import neo4j, {
  type Driver,
  type ManagedTransaction,
  type BookmarkManager,
  type Record as Neo4jRecord,
} from 'neo4j-driver';
import type { Neo4jConfig } from '../config.js';
import { neo4jQueriesTotal, neo4jQueryDuration } from '../metrics.js';

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
    connectionAcquisitionTimeout: 5_000,
    connectionTimeout: 5_000,
    maxTransactionRetryTime: 5_000,
    userAgent: 'kg-graphql/0.1',
  });
}

/**
 * Graph access for one unit of work: reads through executeRead and writes through executeWrite (so a cluster
 * can route them), one bookmark manager (so reads after a write see it), and a round-trip count.
 */
export class GraphScope {
  readonly roundTrips = new RoundTripCounter();
  private readonly bookmarks: BookmarkManager = neo4j.bookmarkManager();

  constructor(
    private readonly driver: Driver,
    private readonly database: string,
    private readonly timeoutMs: number,
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

  private async execute<T>(mode: Mode, work: (tx: Tx) => Promise<T>, timeoutMs: number): Promise<T> {
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
  constructor(
    readonly driver: Driver,
    private readonly config: Neo4jConfig,
  ) {}

  scope(): GraphScope {
    return new GraphScope(this.driver, this.config.database, this.config.transactionTimeoutMs);
  }

  /** True when Neo4j answers a trivial read. */
  async ping(): Promise<boolean> {
    try {
      await this.scope().query('RETURN 1');
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
