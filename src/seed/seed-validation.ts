import type { EntityKindName } from '../model/kinds.js';
import type { SeedCategory, SeedRecord } from './seed-format.js';
import type { Place, SeedProblem } from './seed-reader.js';
import { fingerprint, recordId } from './seed-rows.js';
import { recordProblems } from './seed-rules.js';

/** What the validation pass learns: problems, and what is defined and referenced where. */

export function fieldPath(place: Place, field: string): string {
  return place.path.startsWith('line') ? `${place.path} ${field}` : `${place.path}/${field}`;
}

interface Seen {
  fingerprint: string;
  place: Place;
}

export class Validation {
  readonly problems: SeedProblem[] = [];
  problemCount = 0;
  records = 0;
  private readonly seen = new Map<SeedCategory, Map<string, Seen>>([
    ['source', new Map()],
    ['entity', new Map()],
    ['fact', new Map()],
  ]);
  readonly entityKinds = new Map<string, EntityKindName>();
  readonly sourceIds = new Set<string>();
  /** Referenced ids with the first place that references them. */
  readonly entityRefs = new Map<string, Place>();
  readonly sourceRefs = new Map<string, Place>();

  constructor(private readonly maxErrors: number) {}

  add(problem: SeedProblem): void {
    this.problemCount += 1;
    if (this.problems.length < this.maxErrors) this.problems.push(problem);
  }

  check(record: SeedRecord, place: Place): void {
    this.records += 1;
    for (const p of recordProblems(record)) this.add({ file: place.file, path: fieldPath(place, p.field), message: p.message });
    const id = recordId(record);
    const seen = this.seen.get(record.category)!;
    const print = fingerprint(record);
    const before = seen.get(id);
    if (before === undefined) seen.set(id, { fingerprint: print, place });
    else if (before.fingerprint !== print) {
      this.add({ ...place, message: `${record.category} "${id}" is defined again with different data (first at ${before.place.file} ${before.place.path})` });
    }
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
