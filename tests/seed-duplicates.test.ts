import { describe, expect, it } from 'vitest';
import { SeenIds } from '../src/seed/seed-duplicates.js';
import { Validation } from '../src/seed/seed-validation.js';
import type { SeedRecord } from '../src/seed/seed-format.js';

/** The duplicate check in bounded memory: the same verdicts in memory and once spilled to disk. */

const place = (n: number) => ({ file: 'big.jsonl', path: `line ${n}` });

describe('duplicate ids in bounded memory', () => {
  for (const maxInMemory of [1_000, 2]) {
    it(`finds conflicts and repeats with ${maxInMemory} ids in memory`, () => {
      const seen = new SeenIds(maxInMemory);
      const verdicts: string[] = [];
      const input: Array<[string, string]> = [['a', 'x'], ['b', 'y'], ['c', 'z'], ['a', 'x'], ['b', 'other'], ['d', 'w'], ['c', 'z']];
      input.forEach(([id, print], i) => {
        const v = seen.see(id, print, place(i + 1));
        if (v.kind === 'repeat') verdicts.push(`${id} line ${i + 1} repeat`);
        if (v.kind === 'conflict') verdicts.push(`${id} line ${i + 1} conflict with ${v.first.path}`);
      });
      for (const { id, place: p, verdict } of seen.finish()) {
        if (verdict.kind === 'repeat') verdicts.push(`${id} ${p.path} repeat`);
        if (verdict.kind === 'conflict') verdicts.push(`${id} ${p.path} conflict with ${verdict.first.path}`);
      }
      expect(seen.spilled).toBe(false);
      expect(verdicts.sort()).toEqual(['a line 4 repeat', 'b line 5 conflict with line 2', 'c line 7 repeat']);
    });
  }

  it('reports a conflicting definition found on disk with both places, and marks repeats for the writer', () => {
    const v = new Validation(100, 3);
    const fact = (i: number, status: string): SeedRecord => ({
      category: 'fact',
      value: { id: `fact:f${i}`, type: 'MET_WITH', from: 'person:a', to: 'person:b', status, citations: [{ source: 'source:s' }] },
    });
    for (let i = 0; i < 10; i++) v.check(fact(i, 'one'), place(i + 1));
    v.check(fact(1, 'one'), place(11));
    v.check(fact(2, 'two'), place(12));
    v.finish();
    expect(v.problems).toEqual([{ file: 'big.jsonl', path: 'line 12', message: 'fact "fact:f2" is defined again with different data (first at big.jsonl line 3)' }]);
    expect(v.isRepeat(place(11))).toBe(true);
    expect(v.isRepeat(place(2))).toBe(false);
  });
});
