import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import { entitiesPage, factsPage, sourcesPage, type ExportPage, type StoredFact } from '../graph/export-cypher.js';
import type { GraphScope } from '../graph/graph-client.js';
import { getLoad } from '../graph/ledger-loads.js';
import type { EntityKindName } from '../model/kinds.js';
import { ARRAY_DELIMITER, CSV_COLUMNS, type Column, type CsvCategory } from './seed-csv-format.js';
import type { SeedEntity, SeedFact, SeedRecord, SeedSource } from './seed-format.js';

/**
 * Writes the graph out in the seed formats (JSON Lines, or CSV files per category), page by page, so memory stays
 * bounded whatever the graph's size. Loading the output reproduces the graph: only seed fields are written; what
 * the loader derives (sort keys, date keys, the alias text of the full-text index) it derives again.
 */

export type ExportFormat = 'jsonl' | 'csv';

export interface ExportOptions {
  format: ExportFormat;
  /** The folder written to (created when missing). */
  out: string;
  /** Only entities of these kinds, and the facts between them; all when null. Sources are always all written. */
  kinds: readonly EntityKindName[] | null;
  /**
   * Only records created or changed by this load and the loads committed after it (their current state; records
   * deleted since are not written); all when null or absent.
   */
  since?: string | null;
  /** Records per read. */
  pageSize?: number;
}

export interface ExportReport {
  files: string[];
  counts: { sources: number; entities: number; facts: number };
}

type Raw = Record<string, unknown>;

/** The seed fields of each category: the CSV columns' fields (citations aside). */
function seedFields(category: CsvCategory): string[] {
  return CSV_COLUMNS[category].map((c) => c.field).filter((f) => !f.startsWith('citation.'));
}

function pick(props: Raw, fields: readonly string[]): Raw {
  const out: Raw = {};
  for (const f of fields) {
    const v = props[f];
    if (v === undefined || v === null) continue;
    out[f] = v;
  }
  return out;
}

const SOURCE_FIELDS = seedFields('source');
const ENTITY_FIELDS = seedFields('entity');
const FACT_FIELDS = seedFields('fact').filter((f) => f !== 'from' && f !== 'to');

export function sourceRecord(props: Raw): SeedSource {
  return pick(props, SOURCE_FIELDS) as unknown as SeedSource;
}

export function entityRecord(props: Raw): SeedEntity {
  return pick(props, ENTITY_FIELDS) as unknown as SeedEntity;
}

export function factRecord(stored: StoredFact): SeedFact {
  const sourceIds = (stored.props['sourceIds'] ?? []) as string[];
  const quotes = (stored.props['quotes'] ?? []) as string[];
  const { id, type, ...rest } = pick(stored.props, FACT_FIELDS);
  return {
    id,
    type,
    from: stored.from,
    to: stored.to,
    ...rest,
    // An empty quote stands for "no quote" in the graph.
    citations: sourceIds.map((source, i) => (quotes[i] ? { source, quote: quotes[i] } : { source })),
  } as SeedFact;
}

/** A file written with backpressure: waits when the stream's buffer is full. */
class OutputFile {
  private readonly stream: WriteStream;

  constructor(readonly file: string) {
    this.stream = createWriteStream(file, { encoding: 'utf8' });
  }

  async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

function cell(value: unknown, col: Column, at: string): string {
  if (value === undefined || value === null) return '';
  if (col.type === 'string[]') {
    const items = value as string[];
    const bad = items.find((item) => item.includes(ARRAY_DELIMITER));
    if (bad !== undefined) throw new Error(`${at}: "${col.header}" item "${bad}" holds "${ARRAY_DELIMITER}", which CSV lists cannot; export as jsonl`);
    return items.length === 0 ? ARRAY_DELIMITER : items.join(ARRAY_DELIMITER);
  }
  return String(value);
}

/** The CSV rows of a record: one, or for a fact one per citation. */
export function csvRows(record: SeedRecord): string[][] {
  const columns = CSV_COLUMNS[record.category];
  const value = record.value as unknown as Raw;
  const at = String(value['id']);
  if (record.category !== 'fact') return [columns.map((c) => cell(value[c.field], c, at))];
  return record.value.citations.map((citation) =>
    columns.map((c) =>
      c.field === 'citation.source' ? citation.source : c.field === 'citation.quote' ? (citation.quote ?? '') : cell(value[c.field], c, at),
    ),
  );
}

async function drain<T>(next: (after: string) => Promise<ExportPage<T>>, each: (item: T) => Promise<void>): Promise<number> {
  let after = '';
  let count = 0;
  for (;;) {
    const page = await next(after);
    for (const item of page.items) await each(item);
    count += page.items.length;
    if (page.next === undefined) return count;
    after = page.next;
  }
}

export class ExportError extends Error {
  override name = 'ExportError';
}

/** The first sequence number of the `--since` load: one writer at a time, so later loads' changes come after it. */
async function sinceSeq(scope: GraphScope, id: string): Promise<number> {
  const load = await getLoad(scope, id);
  if (!load) throw new ExportError(`--since: there is no load "${id}" (npm run seed -- --loads lists them)`);
  if (load.status !== 'COMMITTED' && load.status !== 'REVERTED') {
    throw new ExportError(`--since: load ${id} is ${load.status}; only a committed load marks a point to export from`);
  }
  return load.firstSeq;
}

export async function exportGraph(scope: GraphScope, options: ExportOptions): Promise<ExportReport> {
  const size = options.pageSize ?? 5000;
  const since = options.since ? await sinceSeq(scope, options.since) : null;
  mkdirSync(options.out, { recursive: true });
  const counts = { sources: 0, entities: 0, facts: 0 };
  const files: OutputFile[] = [];
  const open = (name: string): OutputFile => {
    const f = new OutputFile(path.join(options.out, name));
    files.push(f);
    return f;
  };
  try {
    const outputs: Record<CsvCategory, OutputFile> =
      options.format === 'jsonl'
        ? (() => {
            const one = open('graph.jsonl');
            return { source: one, entity: one, fact: one };
          })()
        : { source: open('sources.csv'), entity: open('entities.csv'), fact: open('facts.csv') };
    if (options.format === 'csv') {
      for (const category of ['source', 'entity', 'fact'] as const) {
        await outputs[category].write(stringify([CSV_COLUMNS[category].map((c) => c.header)]));
      }
    }
    const emit = async (record: SeedRecord): Promise<void> => {
      const text = options.format === 'jsonl' ? `${JSON.stringify({ [record.category]: record.value })}\n` : stringify(csvRows(record));
      await outputs[record.category].write(text);
    };
    counts.sources = await drain(
      (after) => sourcesPage(scope, after, size, since),
      (props) => emit({ category: 'source', value: sourceRecord(props) }),
    );
    counts.entities = await drain(
      (after) => entitiesPage(scope, after, size, options.kinds, since),
      (props) => emit({ category: 'entity', value: entityRecord(props) }),
    );
    counts.facts = await drain(
      (after) => factsPage(scope, after, size, options.kinds, since),
      (fact) => emit({ category: 'fact', value: factRecord(fact) }),
    );
  } finally {
    for (const f of files) await f.close();
  }
  return { files: files.map((f) => f.file), counts };
}
