import { ledgerConfig, type LedgerConfig } from '../config.js';
import type { GraphScope } from '../graph/graph-client.js';
import { LoadSession } from './load-session.js';
import { NameResolver, withNameReferences } from './name-references.js';
import { BatchWriter, zeroCounts, type ApplyBatch, type Counts } from './seed-batch-writer.js';
import { checkAgainstDatabase } from './seed-database-checks.js';
import type { SeedInput, SeedProblem } from './seed-reader.js';
import { Validation } from './seed-validation.js';

/**
 * Loads seed inputs into the graph: validate everything, then write everything as one load of the ledger: in one
 * transaction, or above the ledger's threshold in batches of their own transactions, undone if one fails.
 */

export type { Counts } from './seed-batch-writer.js';

export interface LoadReport {
  ok: boolean;
  dryRun: boolean;
  created: Counts;
  updated: Counts;
  unchanged: Counts;
  /** The first `maxErrors` problems. */
  errors: SeedProblem[];
  /** How many problems there were in all. */
  errorCount: number;
  records: number;
  durationMs: number;
  /** The load in the ledger; null for dry runs and invalid input, which write nothing. */
  loadId: string | null;
}

export interface LoadProgress {
  phase: 'validate' | 'write';
  records: number;
  elapsedMs: number;
}

export interface LoadOptions {
  dryRun?: boolean;
  /** Rows per UNWIND statement. */
  batchSize?: number;
  maxErrors?: number;
  /** Ids per category the duplicate check keeps in memory before it moves to temporary files. */
  maxIdsInMemory?: number;
  onProgress?: (progress: LoadProgress) => void;
  /** Transaction timeout for the write, in milliseconds (large loads need long ones). */
  writeTimeoutMs?: number;
  /** Who loads: the API key's name, the JWT's subject, the CLI's user@host. */
  principal?: string | null;
  /** The ledger's settings; LOAD_* environment variables (or their defaults) when omitted. */
  ledger?: LedgerConfig;
  /** Told when another load holds the writer lock and this one waits for it. */
  onWait?: (message: string) => void;
}

/**
 * Validates all inputs (schema, dates, duplicates, references, also against the database), then, if everything
 * is valid and this is not a dry run, writes all of it as one load: all or nothing.
 */
export async function loadSeeds(scope: GraphScope, given: SeedInput[], options: LoadOptions = {}): Promise<LoadReport> {
  const started = Date.now();
  const ledger = options.ledger ?? ledgerConfig();
  const batchSize = options.batchSize ?? ledger.batchSize;
  const dryRun = options.dryRun ?? false;
  const validation = new Validation(options.maxErrors ?? 1_000, options.maxIdsInMemory);
  // Names given in place of ids become ids (or errors) before anything else looks at the records.
  const resolver = new NameResolver(scope);
  const inputs = given.map((input) => withNameReferences(input, resolver));
  const progress = (phase: LoadProgress['phase'], records: number): void =>
    options.onProgress?.({ phase, records, elapsedMs: Date.now() - started });

  // How many node (source, entity) and fact records each input holds, so that a write pass can stop reading an
  // input once it has seen all of that pass's records: entities usually come first, and the nodes pass then
  // reads a few lines of a million-fact file instead of parsing all of it again.
  const perInput = inputs.map(() => ({ nodes: 0, facts: 0 }));
  for (const [i, input] of inputs.entries()) {
    for await (const item of input.read()) {
      if ('problem' in item) validation.add(item.problem);
      else {
        validation.check(item.record, item.place);
        perInput[i]![item.record.category === 'fact' ? 'facts' : 'nodes'] += 1;
        if (validation.records % 50_000 === 0) progress('validate', validation.records);
      }
    }
  }
  validation.finish();
  await checkAgainstDatabase(scope, validation, batchSize);

  const report = (writer: BatchWriter | undefined, loadId: string | null): LoadReport => ({
    ok: validation.problemCount === 0,
    dryRun,
    created: writer?.created ?? zeroCounts(),
    updated: writer?.updated ?? zeroCounts(),
    unchanged: writer?.unchanged ?? zeroCounts(),
    errors: validation.problems,
    errorCount: validation.problemCount,
    records: validation.records,
    durationMs: Date.now() - started,
    loadId,
  });
  if (validation.problemCount > 0) return report(undefined, null);

  const writeAll = async (apply: ApplyBatch): Promise<BatchWriter> => {
    const writer = new BatchWriter(apply, batchSize);
    let records = 0;
    // Two passes keep memory flat: sources and entities first, then facts, which need their endpoints.
    for (const pass of ['nodes', 'facts'] as const) {
      for (const [i, input] of inputs.entries()) {
        let left = perInput[i]![pass];
        for await (const item of input.read()) {
          if (!('record' in item)) continue;
          const isFact = item.record.category === 'fact';
          if (isFact !== (pass === 'facts')) continue;
          // Identical repeats were allowed by validation; each record is written once.
          if (!validation.isRepeat(item.place)) await writer.add(item.record);
          records += 1;
          if (records % 50_000 === 0) progress('write', records);
          left -= 1;
          if (left === 0) break;
        }
      }
      await writer.flush();
    }
    return writer;
  };
  const timeout = options.writeTimeoutMs ?? 30 * 60_000;
  if (dryRun) {
    const writer = await scope.read((tx) => writeAll((_size, work) => work(tx, { write: false })), timeout);
    progress('write', validation.records);
    return report(writer, null);
  }
  const session = await LoadSession.begin(scope, {
    principal: options.principal ?? null,
    inputs: await Promise.all(
      // The inputs as given: the name-resolving wrappers read records, not bytes.
      given.map(async (input, i) => ({
        name: input.name,
        sha256: (await input.sha256?.()) ?? null,
        records: perInput[i]!.nodes + perInput[i]!.facts,
      })),
    ),
    streamed: validation.records > ledger.streamThreshold,
    ledger,
    ...(options.onWait ? { onWait: options.onWait } : {}),
  });
  let writer: BatchWriter | undefined;
  await session.run(async (batch) => {
    writer = await writeAll((size, work) => batch(size, (tx, firstSeq) => work(tx, { write: true, tag: { load: session.id, firstSeq } })));
    return { created: writer.created, updated: writer.updated, unchanged: writer.unchanged };
  }, timeout);
  progress('write', validation.records);
  return report(writer, session.id);
}
