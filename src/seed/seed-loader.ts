import { createHash } from 'node:crypto';
import type { GraphScope, Tx } from '../graph/graph-client.js';
import {
  existingEntityKinds,
  existingSources,
  mergeEntities,
  mergeFacts,
  mergeSources,
  type EntityRow,
  type FactRow,
  type OutcomeCounts,
  type SourceRow,
} from '../graph/seed-cypher.js';
import { dateProblem, firstDay, lastDay } from '../model/dates.js';
import { ENTITY_KINDS, kindOfId, type EntityKindName } from '../model/kinds.js';
import { foldText } from '../model/text.js';
import { NameResolver, withNameReferences } from './name-references.js';
import type { SeedEntity, SeedFact, SeedRecord, SeedSource } from './seed-format.js';
import type { Place, SeedInput, SeedProblem } from './seed-reader.js';

/** Loads seed inputs into the graph: validate everything, then write everything in one transaction. */

export type Counts = Record<'entities' | 'facts' | 'sources', number>;

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
  onProgress?: (progress: LoadProgress) => void;
  /** Transaction timeout for the write, in milliseconds (large loads need long ones). */
  writeTimeoutMs?: number;
}

const zero = (): Counts => ({ entities: 0, facts: 0, sources: 0 });

function compact(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined) out[k] = v;
  return out;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

export function factId(fact: SeedFact): string {
  return fact.id ?? `fact:${fact.type}|${fact.from}|${fact.to}${fact.startDate ? `|${fact.startDate}` : ''}`;
}

export function entityRow(e: SeedEntity): EntityRow {
  return {
    id: e.id,
    aliases: unique((e.aliases ?? []).filter((a) => a !== e.name)),
    props: compact({
      id: e.id,
      kind: e.kind,
      name: e.name,
      sortName: foldText(e.name),
      description: e.description,
      iso2: e.iso2,
      iso3: e.iso3,
      region: e.region,
      subregion: e.subregion,
      capitals: e.capitals,
      status: e.status,
      signedOn: e.signedOn,
      // The first day the signing date covers: what date filters and sorting compare.
      signedOnKey: e.signedOn === undefined ? undefined : firstDay(e.signedOn),
      durationYears: e.durationYears,
      clauses: e.clauses,
    }),
  };
}

export function sourceRow(s: SeedSource): SourceRow {
  return { id: s.id, props: compact({ ...s }) };
}

export function factRow(f: SeedFact): FactRow {
  const id = factId(f);
  return {
    id,
    from: f.from,
    to: f.to,
    sourceIds: f.citations.map((c) => c.source),
    // Neo4j lists cannot hold nulls: an empty string stands for "no quote".
    quotes: f.citations.map((c) => c.quote ?? ''),
    props: compact({
      id,
      type: f.type,
      status: f.status,
      startDate: f.startDate,
      endDate: f.endDate,
      validFrom: f.startDate === undefined ? undefined : firstDay(f.startDate),
      validTo: f.endDate === undefined ? undefined : lastDay(f.endDate),
      role: f.role,
      summary: f.summary,
    }),
  };
}

function recordId(record: SeedRecord): string {
  return record.category === 'fact' ? factId(record.value) : record.value.id;
}

function fingerprint(record: SeedRecord): string {
  const row =
    record.category === 'entity'
      ? entityRow(record.value)
      : record.category === 'source'
        ? sourceRow(record.value)
        : factRow(record.value);
  return createHash('sha1').update(JSON.stringify(row)).digest('base64');
}

/** Checks of one record that need nothing but the record. */
function recordProblems(record: SeedRecord): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  const checkDate = (field: string, value: string | undefined): void => {
    if (value === undefined) return;
    const problem = dateProblem(value);
    if (problem) problems.push({ field, message: problem });
  };
  if (record.category === 'entity') {
    const e = record.value;
    const prefixKind = kindOfId(e.id);
    if (prefixKind !== e.kind) {
      problems.push({ field: 'id', message: `id "${e.id}" must start with "${ENTITY_KINDS[e.kind].prefix}:" for kind ${e.kind}` });
    }
    if (e.kind === 'COUNTRY' && e.iso3 !== undefined && e.id !== `country:${e.iso3}`) {
      problems.push({ field: 'iso3', message: `iso3 "${e.iso3}" does not match id "${e.id}"` });
    }
    checkDate('signedOn', e.signedOn);
  } else if (record.category === 'source') {
    checkDate('publishedOn', record.value.publishedOn);
  } else {
    const f = record.value;
    checkDate('startDate', f.startDate);
    checkDate('endDate', f.endDate);
    if (f.startDate && f.endDate && !dateProblem(f.startDate) && !dateProblem(f.endDate) && lastDay(f.endDate) < firstDay(f.startDate)) {
      problems.push({ field: 'endDate', message: `endDate ${f.endDate} is before startDate ${f.startDate}` });
    }
    if (f.from === f.to) problems.push({ field: 'to', message: `a fact relates two different entities; from and to are both "${f.from}"` });
    for (const [field, ref] of [['from', f.from], ['to', f.to]] as const) {
      if (!kindOfId(ref)) problems.push({ field, message: `"${ref}" is not an entity id (country:, person:, org: or treaty:)` });
    }
  }
  return problems;
}

function fieldPath(place: Place, field: string): string {
  return place.path.startsWith('line') ? `${place.path} ${field}` : `${place.path}/${field}`;
}

interface Seen {
  fingerprint: string;
  place: string;
}

/** What the validation pass learns: problems, and what is defined and referenced where. */
class Validation {
  readonly problems: SeedProblem[] = [];
  problemCount = 0;
  records = 0;
  private readonly seen = new Map<string, Seen>();
  readonly entityKinds = new Map<string, EntityKindName>();
  readonly sourceIds = new Set<string>();
  /** Referenced ids with the first place that references them. */
  readonly entityRefs = new Map<string, string>();
  readonly sourceRefs = new Map<string, string>();

  constructor(private readonly maxErrors: number) {}

  add(problem: SeedProblem): void {
    this.problemCount += 1;
    if (this.problems.length < this.maxErrors) this.problems.push(problem);
  }

  check(record: SeedRecord, place: Place): void {
    this.records += 1;
    for (const p of recordProblems(record)) this.add({ file: place.file, path: fieldPath(place, p.field), message: p.message });
    const id = recordId(record);
    const key = `${record.category}\u0000${id}`;
    const print = fingerprint(record);
    const where = `${place.file} ${place.path}`;
    const before = this.seen.get(key);
    if (before === undefined) this.seen.set(key, { fingerprint: print, place: where });
    else if (before.fingerprint !== print) {
      this.add({ ...place, message: `${record.category} "${id}" is defined again with different data (first at ${before.place})` });
    }
    if (record.category === 'entity') this.entityKinds.set(id, record.value.kind);
    else if (record.category === 'source') this.sourceIds.add(id);
    else {
      const f = record.value;
      if (!this.entityRefs.has(f.from)) this.entityRefs.set(f.from, `${fieldPath(place, 'from')}\u0000${place.file}`);
      if (!this.entityRefs.has(f.to)) this.entityRefs.set(f.to, `${fieldPath(place, 'to')}\u0000${place.file}`);
      f.citations.forEach((c, i) => {
        if (!this.sourceRefs.has(c.source)) {
          this.sourceRefs.set(c.source, `${fieldPath(place, `citations/${i}/source`)}\u0000${place.file}`);
        }
      });
    }
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Resolves references and kinds against the database for what the inputs do not define themselves. */
async function checkAgainstDatabase(scope: GraphScope, v: Validation, batchSize: number): Promise<void> {
  const refPlace = (encoded: string): { file: string; path: string } => {
    const [path, file] = encoded.split('\u0000') as [string, string];
    return { file, path };
  };
  const entityIds = unique([...v.entityRefs.keys(), ...v.entityKinds.keys()]);
  const missingSources = [...v.sourceRefs.keys()].filter((id) => !v.sourceIds.has(id));
  await scope.read(async (tx: Tx) => {
    for (const batch of chunks(entityIds, batchSize)) {
      const stored = await existingEntityKinds(tx, batch);
      for (const id of batch) {
        const storedKind = stored.get(id);
        const loadedKind = v.entityKinds.get(id);
        if (loadedKind !== undefined && storedKind !== undefined && storedKind !== loadedKind) {
          v.add({ file: '(database)', path: id, message: `entity "${id}" is a ${storedKind} in the database and cannot become a ${loadedKind}` });
        }
        if (loadedKind === undefined && storedKind === undefined) {
          v.add({ ...refPlace(v.entityRefs.get(id)!), message: `refers to entity "${id}", which is neither in the seed files nor in the database` });
        }
      }
    }
    for (const batch of chunks(missingSources, batchSize)) {
      const stored = await existingSources(tx, batch);
      for (const id of batch) {
        if (!stored.has(id)) {
          v.add({ ...refPlace(v.sourceRefs.get(id)!), message: `cites source "${id}", which is neither in the seed files nor in the database` });
        }
      }
    }
  });
}

/** Batches rows by statement and applies them, adding up the outcomes. */
class BatchWriter {
  readonly created = zero();
  readonly updated = zero();
  readonly unchanged = zero();
  private readonly sources: SourceRow[] = [];
  private readonly entities = new Map<EntityKindName, EntityRow[]>();
  private readonly facts: FactRow[] = [];
  private readonly seenIds = new Set<string>();

  constructor(
    private readonly tx: Tx,
    private readonly write: boolean,
    private readonly batchSize: number,
  ) {}

  private tally(key: keyof Counts, counts: OutcomeCounts): void {
    this.created[key] += counts.created;
    this.updated[key] += counts.updated;
    this.unchanged[key] += counts.unchanged;
  }

  async add(record: SeedRecord): Promise<void> {
    // Identical repeats were allowed by validation; apply each record once.
    const key = `${record.category}\u0000${recordId(record)}`;
    if (this.seenIds.has(key)) return;
    this.seenIds.add(key);
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
    this.tally('sources', await mergeSources(this.tx, this.sources.splice(0), this.write));
  }

  private async flushEntities(kind: EntityKindName): Promise<void> {
    const rows = this.entities.get(kind);
    if (!rows || rows.length === 0) return;
    this.tally('entities', await mergeEntities(this.tx, kind, rows.splice(0), this.write));
  }

  private async flushFacts(): Promise<void> {
    if (this.facts.length === 0) return;
    this.tally('facts', await mergeFacts(this.tx, this.facts.splice(0), this.write));
  }

  /** Writes whatever is pending. */
  async flush(): Promise<void> {
    await this.flushSources();
    for (const kind of this.entities.keys()) await this.flushEntities(kind);
    await this.flushFacts();
  }
}

/**
 * Validates all inputs (schema, dates, duplicates, references, also against the database), then, if everything
 * is valid and this is not a dry run, writes all of it in one transaction: all or nothing.
 */
export async function loadSeeds(scope: GraphScope, given: SeedInput[], options: LoadOptions = {}): Promise<LoadReport> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 5_000;
  const dryRun = options.dryRun ?? false;
  const validation = new Validation(options.maxErrors ?? 1_000);
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
  await checkAgainstDatabase(scope, validation, batchSize);

  const report = (writer: BatchWriter | undefined): LoadReport => ({
    ok: validation.problemCount === 0,
    dryRun,
    created: writer?.created ?? zero(),
    updated: writer?.updated ?? zero(),
    unchanged: writer?.unchanged ?? zero(),
    errors: validation.problems,
    errorCount: validation.problemCount,
    records: validation.records,
    durationMs: Date.now() - started,
  });
  if (validation.problemCount > 0) return report(undefined);

  const apply = async (tx: Tx): Promise<BatchWriter> => {
    const writer = new BatchWriter(tx, !dryRun, batchSize);
    let records = 0;
    // Two passes keep memory flat: sources and entities first, then facts, which need their endpoints.
    for (const pass of ['nodes', 'facts'] as const) {
      for (const [i, input] of inputs.entries()) {
        let left = perInput[i]![pass];
        for await (const item of input.read()) {
          if (!('record' in item)) continue;
          const isFact = item.record.category === 'fact';
          if (isFact !== (pass === 'facts')) continue;
          await writer.add(item.record);
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
  // Only a load that created or updated something moves the graph version (a repeat leaves caches warm).
  const changedData = (w: BatchWriter): boolean => [w.created, w.updated].some((c) => c.entities + c.facts + c.sources > 0);
  const writer = dryRun ? await scope.read(apply, timeout) : await scope.change(apply, changedData, timeout);
  progress('write', validation.records);
  return report(writer);
}
