import { mkdtempSync, appendFileSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Place } from './seed-reader.js';

/**
 * Which ids of one category a load's inputs define, with a fingerprint of each definition and where it first
 * appears, to find ids defined twice: with different data (an error) or identically (a repeat, written once).
 * Up to `maxInMemory` ids live in a Map; past that, everything moves to hash partitions in a temporary folder and
 * is checked partition by partition at the end, so memory stays bounded whatever the input's size.
 */

export interface Sighting {
  fingerprint: string;
  place: Place;
}

export type Verdict = { kind: 'first' } | { kind: 'repeat' } | { kind: 'conflict'; first: Place } | { kind: 'later' };

const PARTITIONS = 256;
/** Bytes buffered per partition before it is appended to its file. */
const FLUSH_BYTES = 64 * 1024;

function partitionOf(id: string): number {
  // FNV-1a: cheap and spreads ids evenly.
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % PARTITIONS;
}

export class SeenIds {
  private memory = new Map<string, Sighting>();
  private spill: { dir: string; buffers: string[][]; bytes: number[] } | undefined;

  constructor(private readonly maxInMemory: number) {}

  /** Where the definitions seen so far went: all in memory, or spilled to disk. */
  get spilled(): boolean {
    return this.spill !== undefined;
  }

  /** The verdict on this definition, when it can be told now; `later` once spilled (see `finish`). */
  see(id: string, fingerprint: string, place: Place): Verdict {
    if (this.spill) {
      this.append(id, fingerprint, place);
      return { kind: 'later' };
    }
    const before = this.memory.get(id);
    if (before === undefined) {
      this.memory.set(id, { fingerprint, place });
      if (this.memory.size > this.maxInMemory) this.spillAll();
      return { kind: 'first' };
    }
    return before.fingerprint === fingerprint ? { kind: 'repeat' } : { kind: 'conflict', first: before.place };
  }

  private spillAll(): void {
    this.spill = {
      dir: mkdtempSync(path.join(os.tmpdir(), 'kg-seed-ids-')),
      buffers: Array.from({ length: PARTITIONS }, () => []),
      bytes: new Array<number>(PARTITIONS).fill(0),
    };
    for (const [id, seen] of this.memory) this.append(id, seen.fingerprint, seen.place);
    this.memory = new Map();
  }

  private append(id: string, fingerprint: string, place: Place): void {
    const spill = this.spill!;
    const p = partitionOf(id);
    const line = JSON.stringify([id, fingerprint, place.file, place.path]);
    spill.buffers[p]!.push(line);
    spill.bytes[p]! += line.length + 1;
    if (spill.bytes[p]! >= FLUSH_BYTES) this.flush(p);
  }

  private flush(p: number): void {
    const spill = this.spill!;
    if (spill.buffers[p]!.length === 0) return;
    appendFileSync(path.join(spill.dir, String(p)), `${spill.buffers[p]!.join('\n')}\n`);
    spill.buffers[p] = [];
    spill.bytes[p] = 0;
  }

  /**
   * The verdicts that were left for later: each repeat and each conflict in the spilled definitions, partition by
   * partition (a partition holds about 1/256 of the ids). Removes the temporary folder.
   */
  *finish(): Generator<{ id: string; place: Place; verdict: Verdict }> {
    const spill = this.spill;
    if (!spill) return;
    try {
      for (let p = 0; p < PARTITIONS; p++) {
        this.flush(p);
        let text: string;
        try {
          text = readFileSync(path.join(spill.dir, String(p)), 'utf8');
        } catch {
          continue; // no id fell in this partition
        }
        const seen = new Map<string, Sighting>();
        for (const line of text.split('\n')) {
          if (line === '') continue;
          const [id, fingerprint, file, where] = JSON.parse(line) as [string, string, string, string];
          const place = { file, path: where };
          const before = seen.get(id);
          if (before === undefined) seen.set(id, { fingerprint, place });
          else if (before.fingerprint === fingerprint) yield { id, place, verdict: { kind: 'repeat' } };
          else yield { id, place, verdict: { kind: 'conflict', first: before.place } };
        }
      }
    } finally {
      rmSync(spill.dir, { recursive: true, force: true });
      this.spill = undefined;
    }
  }
}
