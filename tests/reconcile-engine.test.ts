import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestSet, measureAccuracy, typo, type TestSet } from '../bench/reconcile-testset.js';
import type { Graph } from '../src/graph/graph-client.js';
import { reconcile } from '../src/graph/reconcile-cypher.js';
import { loadSeeds } from '../src/seed/seed-loader.js';
import { documentInput } from '../src/seed/seed-reader.js';
import { seededGraph } from './setup/harness.js';

/** The reconciliation engine over the seeded graph: names to ids, and its accuracy on the generated test set. */
describe('reconciling names against the graph', () => {
  let graph: Graph;
  beforeAll(async () => {
    graph = await seededGraph();
  });
  afterAll(async () => {
    await graph.close();
  });

  const top = async (query: string, extra: Partial<Parameters<typeof reconcile>[1][number]> = {}) => {
    const [result] = await reconcile(graph.scope(), [{ query, limit: 5, ...extra }]);
    return result!.candidates;
  };

  it('answers a batch of names in one round trip, in order, with the evidence', async () => {
    const scope = graph.scope();
    const results = await reconcile(scope, [
      { query: 'Islamic Republic of Iran', limit: 3 },
      { query: 'Shanghai Cooperation Org.', limit: 3 },
      { query: 'Khamenei', limit: 3 },
      { query: '?!', limit: 3 },
    ]);
    expect(scope.roundTrips.count).toBe(1);
    expect(results.map((r) => [r.query, r.candidates[0]?.entity.id, r.candidates[0]?.match, r.candidates[0]?.matchedName])).toEqual([
      ['Islamic Republic of Iran', 'country:IRN', true, 'Islamic Republic of Iran'],
      ['Shanghai Cooperation Org.', 'org:sco', true, 'Shanghai Cooperation Organization'],
      ['Khamenei', 'person:ali-khamenei', true, 'Khamenei'],
      ['?!', undefined, undefined, undefined],
    ]);
    expect(results[0]!.candidates[0]!.score).toBe(100);
  });

  it('finds an entity by its id, as the W3C specification expects', async () => {
    expect((await top('org:sco'))[0]).toMatchObject({ entity: { id: 'org:sco' }, score: 100, match: true, matchedName: 'org:sco' });
  });

  it('finds countries by ISO codes, even those the full-text index drops as stop words', async () => {
    expect((await top('AT'))[0]).toMatchObject({ entity: { id: 'country:AUT' }, score: 100, match: true });
    expect((await top('by'))[0]).toMatchObject({ entity: { id: 'country:BLR' }, score: 100, match: true });
    expect((await top('irn'))[0]).toMatchObject({ entity: { id: 'country:IRN' }, match: true });
  });

  it('finds names with a typo, scored below 100, and ranks the rest after', async () => {
    const candidates = await top('Afgahnistan');
    expect(candidates[0]).toMatchObject({ entity: { id: 'country:AFG', name: 'Afghanistan' }, matchedName: 'Afghanistan' });
    expect(candidates[0]!.score).toBeLessThan(100);
    const scores = candidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('restricts candidates by kind', async () => {
    expect((await top('Iran', { kinds: ['COUNTRY'] })).every((c) => c.entity.kind === 'COUNTRY')).toBe(true);
    const people = await top('Iran', { kinds: ['PERSON'] });
    expect(people.every((c) => c.entity.kind === 'PERSON')).toBe(true);
    expect(people.some((c) => c.match)).toBe(false);
  });

  it('restricts candidates by property constraints: codes, a treaty party, an organization member', async () => {
    expect((await top('Congo', { properties: [{ pid: 'iso3', values: ['cod'] }] })).map((c) => c.entity.id)).toEqual(['country:COD']);
    const withRussia = await top('Cooperation', { kinds: ['TREATY'], properties: [{ pid: 'party', values: ['Russia'] }] });
    expect(withRussia.map((c) => c.entity.id)).toContain('treaty:iran-russia-comprehensive-cooperation-charter');
    expect(withRussia.map((c) => c.entity.id)).not.toContain('treaty:iran-china-25-year-cooperation-agreement');
    const withIran = await top('Shanghai', { properties: [{ pid: 'member', values: ['country:IRN'] }] });
    expect(withIran.map((c) => c.entity.id)).toEqual(['org:sco']);
    expect(await top('Shanghai', { properties: [{ pid: 'member', values: ['country:USA', 'United Kingdom'] }] })).toEqual([]);
  });

  describe('on the test set generated from world-countries and the seeds', () => {
    let set: TestSet;
    beforeAll(async () => {
      set = await generateTestSet();
    });

    it('makes deterministic one-letter typos', () => {
      expect(typo('Afghanistan')).toBe(typo('Afghanistan'));
      for (const name of ['Afghanistan', 'Islamic Republic of Iran', 'Saudi Arabia']) {
        const t = typo(name)!;
        expect(t).not.toBe(name);
        expect(Math.abs(t.length - name.length)).toBeLessThanOrEqual(1);
        expect(t[0]).toBe(name[0]);
      }
    });

    it('ranks the right entity first for ≥97% of names and ≥90% of typos, and is never confidently wrong', { timeout: 180_000 }, async () => {
      expect(set.cases.length).toBeGreaterThan(2000);
      const report = await measureAccuracy(graph.scope(), set.cases);
      const summary = Object.fromEntries(
        Object.entries(report).map(([group, f]) => [group, { cases: f.cases, accuracy: f.accuracy, matches: f.matches, wrong: f.wrongMatches }]),
      );
      console.info(JSON.stringify(summary));
      expect(report.name.accuracy, JSON.stringify(report.name.misses.slice(0, 20))).toBeGreaterThanOrEqual(0.97);
      expect(report.typo.accuracy, JSON.stringify(report.typo.misses.slice(0, 20))).toBeGreaterThanOrEqual(0.9);
      expect([...report.name.wrong, ...report.typo.wrong]).toEqual([]);
    });
  });
  // Last: it adds an entity to the seeded graph.
  it('is never confident when two entities share the name', async () => {
    const report = await loadSeeds(graph.scope(), [
      documentInput({ entities: [{ id: 'org:congo', kind: 'ORGANIZATION', name: 'Congo', aliases: ['Congo basin forum'] }] }),
    ]);
    expect(report.ok).toBe(true);
    const candidates = await top('congo');
    expect(candidates.filter((c) => c.score === 100).map((c) => c.entity.id).sort()).toEqual(['country:COG', 'org:congo']);
    expect(candidates.some((c) => c.match)).toBe(false);
    // The kind decides.
    expect((await top('congo', { kinds: ['ORGANIZATION'] }))[0]).toMatchObject({ entity: { id: 'org:congo' }, match: true });
  });
});
