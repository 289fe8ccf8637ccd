import type { Tx } from '../graph/graph-client.js';
import {
  mergeEntities,
  mergeFacts,
  mergeSources,
  type EntityRow,
  type FactRow,
  type OutcomeCounts,
  type SourceRow,
  type WriteMode,
} from '../graph/seed-cypher.js';
import type { EntityKindName } from '../model/kinds.js';
import type { SeedRecord } from './seed-format.js';
import { entityRow, factRow, sourceRow } from './seed-rows.js';

/** Batches rows by statement and applies them, adding up the outcomes. */

/** Runs one statement of `size` rows: in which transaction, and whether it writes (with which ledger tag). */
export type ApplyBatch = (size: number, work: (tx: Tx, mode: WriteMode) => Promise<OutcomeCounts>) => Promise<OutcomeCounts>;

export type Counts = Record<'entities' | 'facts' | 'sources', number>;

export const zeroCounts = (): Counts => ({ entities: 0, facts: 0, sources: 0 });

export class BatchWriter {
  readonly created = zeroCounts();
  readonly updated = zeroCounts();
  readonly unchanged = zeroCounts();
  private readonly sources: SourceRow[] = [];
  private readonly entities = new Map<EntityKindName, EntityRow[]>();
  private readonly facts: FactRow[] = [];

  constructor(
    private readonly apply: ApplyBatch,
    private readonly batchSize: number,
  ) {}

  private tally(key: keyof Counts, counts: OutcomeCounts): void {
    this.created[key] += counts.created;
    this.updated[key] += counts.updated;
    this.unchanged[key] += counts.unchanged;
  }

  async add(record: SeedRecord): Promise<void> {
    if (record.category === 'source') {
      this.sources.push(sourceRow(record.value));
      if (this.sources.length >= this.batchSize) await this.flushSources();
    } else if (record.category === 'entity') {
      const rows = this.entities.get(record.value.kind) ?? [];
      rows.push(entityRow(record.value));
      this.entities.set(record.value.kind, rows);
      if (rows.length >= this.batchSize) await this.flushEntities(record.value.kind);
    } else {
      this.facts.push(factRow(record.value));
      if (this.facts.length >= this.batchSize) await this.flushFacts();
    }
  }

  private async flushSources(): Promise<void> {
    if (this.sources.length === 0) return;
    const rows = this.sources.splice(0);
    this.tally('sources', await this.apply(rows.length, (tx, mode) => mergeSources(tx, rows, mode)));
  }

  private async flushEntities(kind: EntityKindName): Promise<void> {
    const rows = this.entities.get(kind);
    if (!rows || rows.length === 0) return;
    const batch = rows.splice(0);
    this.tally('entities', await this.apply(batch.length, (tx, mode) => mergeEntities(tx, kind, batch, mode)));
  }

  private async flushFacts(): Promise<void> {
    if (this.facts.length === 0) return;
    const rows = this.facts.splice(0);
    this.tally('facts', await this.apply(rows.length, (tx, mode) => mergeFacts(tx, rows, mode)));
  }

  /** Writes whatever is pending. */
  async flush(): Promise<void> {
    await this.flushSources();
    for (const kind of this.entities.keys()) await this.flushEntities(kind);
    await this.flushFacts();
  }
}
