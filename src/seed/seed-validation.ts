import type { EntityKindName } from '../model/kinds.js';
import type { SeedCategory, SeedRecord } from './seed-format.js';
import { SeenIds, type Verdict } from './seed-duplicates.js';
import type { Place, SeedProblem } from './seed-reader.js';
import { fingerprint, recordId } from './seed-rows.js';
import { recordProblems } from './seed-rules.js';

/** What the validation pass learns: problems, and what is defined and referenced where. */

export function fieldPath(place: Place, field: string): string {
  return place.path.startsWith('line') ? `${place.path} ${field}` : `${place.path}/${field}`;
}

export class Validation {
  readonly problems: SeedProblem[] = [];
  problemCount = 0;
  records = 0;
  private readonly seen: Map<SeedCategory, SeenIds>;
  /** Places of identical repeats of a definition: the writer skips them (each record is written once). */
  private readonly repeats = new Map<string, Set<string>>();
  readonly entityKinds = new Map<string, EntityKindName>();
  readonly sourceIds = new Set<string>();
  /** Referenced ids with the first place that references them. */
  readonly entityRefs = new Map<string, Place>();
  readonly sourceRefs = new Map<string, Place>();

  constructor(
    private readonly maxErrors: number,
    /** Ids per category kept in memory for the duplicate check before it moves to disk (seed-duplicates.ts). */
    maxIdsInMemory = 250_000,
  ) {
    this.seen = new Map((['source', 'entity', 'fact'] as const).map((c) => [c, new SeenIds(maxIdsInMemory)]));
  }

  /** True for a record that repeats an earlier one identically. */
  isRepeat(place: Place): boolean {
    return this.repeats.get(place.file)?.has(place.path) ?? false;
  }

  private judge(category: SeedCategory, id: string, place: Place, verdict: Verdict): void {
    if (verdict.kind === 'repeat') {
      const paths = this.repeats.get(place.file) ?? new Set<string>();
      paths.add(place.path);
      this.repeats.set(place.file, paths);
    } else if (verdict.kind === 'conflict') {
      this.add({ ...place, message: `${category} "${id}" is defined again with different data (first at ${verdict.first.file} ${verdict.first.path})` });
    }
  }

  /** Completes the duplicate checks that large inputs left for the end. */
  finish(): void {
    for (const [category, seen] of this.seen) {
      for (const { id, place, verdict } of seen.finish()) this.judge(category, id, place, verdict);
    }
  }

  add(problem: SeedProblem): void {
    this.problemCount += 1;
    if (this.problems.length < this.maxErrors) this.problems.push(problem);
  }

  check(record: SeedRecord, place: Place): void {
    this.records += 1;
    for (const p of recordProblems(record)) this.add({ file: place.file, path: fieldPath(place, p.field), message: p.message });
    const id = recordId(record);
    this.judge(record.category, id, place, this.seen.get(record.category)!.see(id, fingerprint(record), place));
    if (record.category === 'entity') this.entityKinds.set(id, record.value.kind);
    else if (record.category === 'source') this.sourceIds.add(id);
    else {
      const f = record.value;
      const refer = (refs: Map<string, Place>, ref: string, field: string): void => {
        if (!refs.has(ref)) refs.set(ref, { file: place.file, path: fieldPath(place, field) });
      };
      refer(this.entityRefs, f.from, 'from');
      refer(this.entityRefs, f.to, 'to');
      f.citations.forEach((c, i) => refer(this.sourceRefs, c.source, `citations/${i}/source`));
    }
  }
}
