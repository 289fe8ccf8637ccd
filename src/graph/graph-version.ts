import type { Record as Neo4jRecord } from 'neo4j-driver';
import type { Tx } from './graph-client.js';

/**
 * The graph's version: one node in Neo4j, moved in the same transaction as every write that changes data, so
 * that every API instance over the database agrees on it and anything derived from a read (a cached answer, an
 * ETag) can name the state it was read from. An epoch, drawn when the node is created, tells a graph emptied and
 * loaded again from the one before it: the counter alone would start over and repeat old versions.
 */

/** `<epoch>:<counter>`, or NO_VERSION for a graph never written through the write path. */
export type GraphVersion = string;
export const NO_VERSION: GraphVersion = 'none';

export const GRAPH_VERSION_SCHEMA = 'CREATE CONSTRAINT graph_version_id IF NOT EXISTS FOR (g:GraphVersion) REQUIRE g.id IS UNIQUE';

export const READ_GRAPH_VERSION = "OPTIONAL MATCH (g:GraphVersion {id: 'graph'}) RETURN g.epoch AS epoch, g.n AS n";

const BUMP_GRAPH_VERSION = `MERGE (g:GraphVersion {id: 'graph'}) ON CREATE SET g.epoch = randomUUID(), g.n = 0
SET g.n = g.n + 1
RETURN g.epoch AS epoch, g.n AS n`;

export function versionOf(record: Neo4jRecord | undefined): GraphVersion {
  const epoch = record?.get('epoch') as string | null | undefined;
  return epoch == null ? NO_VERSION : `${epoch}:${String(record!.get('n'))}`;
}

/** Moves the version inside a write transaction (the caller's), which it write-locks until the commit. */
export async function bumpGraphVersion(tx: Tx): Promise<GraphVersion> {
  const [record] = await tx.run(BUMP_GRAPH_VERSION);
  return versionOf(record);
}

/**
 * What this process knows of the version: read from Neo4j at most every `maxAgeMs` (concurrent requests share one
 * read), and moved at once by writes made through this process. So a request sees a change made elsewhere at most
 * `maxAgeMs` plus one version read after its commit, and a change made here at once.
 */
export class GraphVersionClock {
  private known: { version: GraphVersion; readAt: number } | undefined;
  private pending: Promise<GraphVersion | undefined> | undefined;
  /** Moves on every advance, so that a read started before a local write cannot set an older version after it. */
  private generation = 0;

  constructor(
    private readonly read: () => Promise<GraphVersion>,
    readonly maxAgeMs: number,
  ) {}

  /** The version, at most maxAgeMs old; undefined when Neo4j cannot be asked (nothing may then be served from it). */
  current(): Promise<GraphVersion | undefined> {
    if (this.known && Date.now() - this.known.readAt <= this.maxAgeMs) return Promise.resolve(this.known.version);
    this.pending ??= this.refresh().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** A write through this process committed: its version holds from now on. */
  advance(version: GraphVersion): void {
    this.generation += 1;
    this.known = { version, readAt: Date.now() };
  }

  private async refresh(): Promise<GraphVersion | undefined> {
    const generation = this.generation;
    // The read reflects every commit before it starts: its age counts from here.
    const readAt = Date.now();
    try {
      const version = await this.read();
      if (generation === this.generation) this.known = { version, readAt };
      return this.known?.version ?? version;
    } catch {
      this.known = undefined;
      return undefined;
    }
  }
}
