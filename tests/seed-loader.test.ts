import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Graph } from '../src/graph/graph-client.js';
import { loadSeeds } from '../src/seed/seed-loader.js';
import { documentInput, fileInput, DEFAULT_READER_LIMITS, type SeedInput } from '../src/seed/seed-reader.js';
import type { SeedDocument } from '../src/seed/seed-format.js';
import { graphCounts, graphDigest, loadFiles, openGraph, resetGraph, SEEDS_DIR } from './setup/harness.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-seed-test-'));
function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

const SOURCE = { id: 'source:test-report', title: 'Test report', publishedOn: '2024-05' };
const base: SeedDocument = {
  sources: [SOURCE],
  entities: [
    { id: 'org:opec', kind: 'ORGANIZATION', name: 'OPEC', aliases: ['Organization of the Petroleum Exporting Countries'] },
    { id: 'person:test-minister', kind: 'PERSON', name: 'Test Minister' },
  ],
  facts: [
    {
      id: 'fact:test-iran-opec',
      type: 'MEMBER_OF',
      from: 'country:IRN',
      to: 'org:opec',
      status: 'founding member',
      startDate: '1960-09',
      citations: [{ source: 'source:test-report', quote: 'Iran is a founding member of OPEC.' }],
    },
  ],
};

describe('the seed loader', () => {
  let graph: Graph;

  beforeAll(async () => {
    graph = openGraph();
  });
  afterAll(async () => {
    await graph.close();
  });
  beforeEach(async () => {
    await resetGraph(graph);
    const report = await loadFiles(graph, [path.join(SEEDS_DIR, 'world-countries.jsonl')]);
    expect(report.ok).toBe(true);
  });

  /**
   * An input with no records whose reading deletes person:test-minister when `now()` says so: read once to
   * validate, then again to write, it plays another client deleting between validation and writing.
   */
  const concurrentDelete = (now: () => boolean): SeedInput => ({
    name: 'concurrent-writer',
    async *read() {
      if (now()) {
        await graph.scope().write((tx) => tx.run("MATCH (p:Entity {id: 'person:test-minister'}) DETACH DELETE p"));
      }
      yield* [];
    },
  });

  const load = (doc: unknown, dryRun = false) => loadSeeds(graph.scope(), [documentInput(doc)], { dryRun });

  it('loads a document that refers to ids already in the database, and reports what it created', async () => {
    const report = await load(base);
    expect(report.ok).toBe(true);
    expect(report.created).toEqual({ entities: 2, facts: 1, sources: 1 });
    const [rec] = await graph.scope().query(
      "MATCH (:Entity {id: 'country:IRN'})-[f:FACT {type: 'MEMBER_OF'}]->(o:Organization {id: 'org:opec'}) RETURN f, o",
    );
    const fact = rec!.get('f').properties as Record<string, unknown>;
    expect(fact).toMatchObject({
      startDate: '1960-09',
      validFrom: '1960-09-01',
      sourceIds: ['source:test-report'],
      quotes: ['Iran is a founding member of OPEC.'],
    });
  });

  it('is idempotent: loading the same document again changes nothing and says so', async () => {
    await load(base);
    const before = await graphDigest(graph);
    const again = await load(base);
    expect(again.ok).toBe(true);
    expect(again.created).toEqual({ entities: 0, facts: 0, sources: 0 });
    expect(again.updated).toEqual({ entities: 0, facts: 0, sources: 0 });
    expect(again.unchanged).toEqual({ entities: 2, facts: 1, sources: 1 });
    expect(await graphDigest(graph)).toBe(before);
  });

  it('is idempotent for the project seeds as a whole', async () => {
    const first = await loadFiles(graph, [SEEDS_DIR]);
    expect(first.ok).toBe(true);
    const digest = await graphDigest(graph);
    const second = await loadFiles(graph, [SEEDS_DIR]);
    expect(second.created).toEqual({ entities: 0, facts: 0, sources: 0 });
    expect(second.updated).toEqual({ entities: 0, facts: 0, sources: 0 });
    expect(await graphDigest(graph)).toBe(digest);
  });

  it('--dry-run reports what would change and writes nothing', async () => {
    const before = await graphDigest(graph);
    const report = await load(base, true);
    expect(report).toMatchObject({ ok: true, dryRun: true, created: { entities: 2, facts: 1, sources: 1 } });
    expect(await graphDigest(graph)).toBe(before);
    await load(base);
    const changed = structuredClone(base);
    changed.entities![0]!.description = 'Oil exporters';
    const dry = await load(changed, true);
    expect(dry.updated.entities).toBe(1);
    expect(dry.unchanged).toMatchObject({ entities: 1, facts: 1, sources: 1 });
  });

  it('updates in place by the documented merge rules: given fields replace, aliases and citations accumulate', async () => {
    await load(base);
    const changed: SeedDocument = {
      entities: [{ id: 'org:opec', kind: 'ORGANIZATION', name: 'OPEC', aliases: ['OPEP'], description: 'Oil exporters' }],
      facts: [
        {
          ...base.facts![0]!,
          status: 'member',
          citations: [{ source: 'source:test-report', quote: 'Iran joined OPEC at its founding.' }],
        },
      ],
    };
    const report = await load(changed);
    expect(report.updated).toMatchObject({ entities: 1, facts: 1 });
    const [rec] = await graph.scope().query("MATCH (o:Entity {id: 'org:opec'})<-[f:FACT]-() RETURN o, f");
    expect(rec!.get('o').properties).toMatchObject({
      description: 'Oil exporters',
      aliases: ['Organization of the Petroleum Exporting Countries', 'OPEP'],
    });
    expect(rec!.get('f').properties).toMatchObject({
      status: 'member',
      startDate: '1960-09',
      quotes: ['Iran is a founding member of OPEC.', 'Iran joined OPEC at its founding.'],
    });
  });

  it('moves a fact whose endpoints change', async () => {
    await load(base);
    const moved = structuredClone(base);
    moved.facts![0]!.from = 'country:IRQ';
    expect((await load(moved)).updated.facts).toBe(1);
    const rows = await graph.scope().query("MATCH (a)-[f:FACT {id: 'fact:test-iran-opec'}]->() RETURN a.id AS a");
    expect(rows.map((r) => r.get('a'))).toEqual(['country:IRQ']);
  });

  it('streams JSON Lines and names the line of each error, listing all of them', async () => {
    const good = file('good.jsonl', [
      JSON.stringify({ source: SOURCE }),
      JSON.stringify({ entity: base.entities![0] }),
      '',
      JSON.stringify({ fact: base.facts![0] }),
    ].join('\n'));
    const ok = await loadSeeds(graph.scope(), [fileInput(good)]);
    expect(ok.created).toEqual({ entities: 1, facts: 1, sources: 1 });

    const bad = file('bad.jsonl', [
      JSON.stringify({ source: SOURCE }),
      '{"entity": {"id": "org:x", "kind": "ORGANIZATION"',
      JSON.stringify({ entity: { id: 'org:y', kind: 'CITY', name: 'Y' } }),
      JSON.stringify({ fact: { ...base.facts![0], id: 'fact:z', startDate: '2021-02-30' } }),
      JSON.stringify({ spaceship: {} }),
    ].join('\n'));
    const before = await graphCounts(graph);
    const report = await loadSeeds(graph.scope(), [fileInput(bad)]);
    expect(report.ok).toBe(false);
    const where = report.errors.map((e) => `${path.basename(e.file)} ${e.path}: ${e.message}`);
    expect(where).toEqual([
      expect.stringMatching(/^bad\.jsonl line 2: invalid JSON at column \d+/),
      expect.stringMatching(/^bad\.jsonl line 3 \/entity\/kind: must be one of COUNTRY, PERSON, ORGANIZATION, TREATY/),
      expect.stringMatching(/^bad\.jsonl line 4 startDate: "2021-02-30" is not a day of 2021-02/),
      expect.stringMatching(/^bad\.jsonl line 5: .*"spaceship"/),
    ]);
    expect(await graphCounts(graph)).toEqual(before);
  });

  describe('rejects bad input with a precise message and leaves the database exactly as it was', () => {
    const cases: Array<[string, () => string, RegExp]> = [
      ['malformed JSON', () => file('malformed.json', '{"entities": [ {"id": "org:a", }]}'), /^\/: invalid JSON at line 1, column \d+: /],
      ['a wrong type', () => file('type.json', JSON.stringify({ entities: [{ id: 'org:a', kind: 'ORGANIZATION', name: 42 }] })), /^\/entities\/0\/name: must be string/],
      ['an unknown kind', () => file('kind.json', JSON.stringify({ entities: [{ id: 'org:a', kind: 'PLANET', name: 'A' }] })), /^\/entities\/0\/kind: must be one of/],
      ['an id whose prefix does not match its kind', () => file('prefix.json', JSON.stringify({ entities: [{ id: 'person:a', kind: 'ORGANIZATION', name: 'A' }] })), /^\/entities\/0\/id: id "person:a" must start with "org:"/],
      [
        'a dangling reference',
        () => file('dangling.json', JSON.stringify({ ...base, facts: [{ ...base.facts![0], to: 'org:nowhere' }] })),
        /^\/facts\/0\/to: refers to entity "org:nowhere", which is neither in the seed files nor in the database/,
      ],
      [
        'a citation of an unknown source',
        () => file('source.json', JSON.stringify({ ...base, sources: [], facts: [{ ...base.facts![0], citations: [{ source: 'source:ghost' }] }] })),
        /^\/facts\/0\/citations\/0\/source: cites source "source:ghost"/,
      ],
      [
        'a fact without citations',
        () => file('uncited.json', JSON.stringify({ ...base, facts: [{ ...base.facts![0], citations: [] }] })),
        /^\/facts\/0\/citations: must NOT have fewer than 1 items/,
      ],
      [
        'a duplicate id with conflicting data',
        () => file('dup.json', JSON.stringify({ entities: [base.entities![0], { ...base.entities![0], name: 'Other' }] })),
        /^\/entities\/1: entity "org:opec" is defined again with different data \(first at .*dup\.json \/entities\/0\)/,
      ],
      ['a date that is not a date', () => file('date.json', JSON.stringify({ ...base, facts: [{ ...base.facts![0], startDate: '2021-13' }] })), /^\/facts\/0\/startDate: "2021-13" has no month 13/],
      ['an end before the start', () => file('order.json', JSON.stringify({ ...base, facts: [{ ...base.facts![0], endDate: '1959' }] })), /^\/facts\/0\/endDate: endDate 1959 is before startDate 1960-09/],
      ['an oversized field', () => file('field.json', JSON.stringify({ entities: [{ id: 'org:a', kind: 'ORGANIZATION', name: 'x'.repeat(301) }] })), /^\/entities\/0\/name: must NOT have more than 300 characters/],
      ['invalid UTF-8', () => file('utf8.json', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])), /^\/: file is not valid UTF-8/],
      ['an unknown field', () => file('field2.json', JSON.stringify({ entities: [{ ...base.entities![0], colour: 'red' }] })), /^\/entities\/0: has an unknown field "colour"/],
    ];
    for (const [name, make, expected] of cases) {
      it(name, async () => {
        const before = await graphDigest(graph);
        const report = await loadSeeds(graph.scope(), [fileInput(make())]);
        expect(report.ok).toBe(false);
        expect(report.errors.map((e) => `${e.path}: ${e.message}`)).toContainEqual(expect.stringMatching(expected));
        expect(await graphDigest(graph)).toBe(before);
      });
    }

    it('an oversized file', async () => {
      const big = file('big.json', JSON.stringify(base));
      const report = await loadSeeds(graph.scope(), [fileInput(big, { ...DEFAULT_READER_LIMITS, maxJsonBytes: 100 })]);
      expect(report.errors[0]!.message).toMatch(/over the 100-byte limit for JSON; split it or use JSON Lines/);
    });

    it('an oversized JSON Lines line', async () => {
      const big = file('big.jsonl', `${JSON.stringify({ source: SOURCE })}\n${JSON.stringify({ entity: { ...base.entities![0], description: 'y'.repeat(500) } })}\n`);
      const report = await loadSeeds(graph.scope(), [fileInput(big, { ...DEFAULT_READER_LIMITS, maxLineBytes: 300 })]);
      expect(report.errors.map((e) => `${e.path}: ${e.message}`)).toEqual(['line 2: line is longer than the 300-byte limit']);
    });

    it('an entity whose kind would change', async () => {
      const report = await load({ entities: [{ id: 'org:IRN', kind: 'ORGANIZATION', name: 'x' }] });
      expect(report.ok).toBe(true);
      const clash = await load({ entities: [{ id: 'country:ZZZ', kind: 'COUNTRY', name: 'Z', iso3: 'ZZZ' }] });
      expect(clash.ok).toBe(true);
      const before = await graphDigest(graph);
      const bad = await load({ entities: [{ id: 'country:ZZZ', kind: 'ORGANIZATION', name: 'Z' }] });
      expect(bad.errors.map((e) => e.message)).toEqual(
        expect.arrayContaining([expect.stringMatching(/must start with "org:"/)]),
      );
      expect(await graphDigest(graph)).toBe(before);
    });
  });

  it('validates every file before writing any: one bad file keeps the good ones out too', async () => {
    const good = file('good2.json', JSON.stringify(base));
    const bad = file('bad2.json', JSON.stringify({ entities: [{ id: 'org:b', kind: 'ORGANIZATION' }] }));
    const before = await graphDigest(graph);
    const report = await loadSeeds(graph.scope(), [fileInput(good), fileInput(bad)]);
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([
      { file: bad, path: '/entities/0', message: "must have required property 'name'" },
    ]);
    expect(await graphDigest(graph)).toBe(before);
  });

  it('is all-or-nothing: a load that fails half-way through writing leaves nothing of itself', async () => {
    await load(base);
    const countries = (await graph.scope().query('MATCH (c:Country) RETURN c.id AS id ORDER BY id')).map((r) => r.get('id') as string);
    const bulk = Array.from({ length: 3_000 }, (_, i) => ({
      id: `fact:bulk-${i}`,
      type: 'TRADES_WITH',
      from: countries[i % countries.length]!,
      to: countries[(i * 7 + 1) % countries.length]!,
      citations: [{ source: 'source:bulk' }],
    })).filter((f) => f.from !== f.to);
    // The last fact needs an entity that a concurrent client deletes once validation is over: the write fails
    // after the new source, the new entity and dozens of fact batches are already in the transaction.
    const doomed = { ...base.facts![0]!, id: 'fact:doomed', to: 'person:test-minister', type: 'ADVISED_BY', citations: [{ source: 'source:bulk' }] };
    let reads = 0;
    const attempt = loadSeeds(
      graph.scope(),
      [
        documentInput({
          sources: [{ id: 'source:bulk', title: 'Bulk' }],
          entities: [{ id: 'org:bulk-traders', kind: 'ORGANIZATION', name: 'Bulk traders' }],
          facts: [...bulk, doomed],
        }),
        concurrentDelete(() => ++reads === 2),
      ],
      { batchSize: 50 },
    );
    await expect(attempt).rejects.toThrow(/could not be written/);
    const left = await graph.scope().query(`
      OPTIONAL MATCH (s:Source {id: 'source:bulk'}) WITH count(s) AS sources
      OPTIONAL MATCH (o:Entity {id: 'org:bulk-traders'}) WITH sources, count(o) AS entities
      OPTIONAL MATCH ()-[f:FACT]->() WHERE f.id STARTS WITH 'fact:bulk-' OR f.id = 'fact:doomed'
      RETURN sources, entities, count(f) AS facts`);
    expect(left[0]!.toObject()).toEqual({ sources: 0, entities: 0, facts: 0 });
  });

  it('fails the load, rather than dropping a fact, when an entity disappears between validation and writing', async () => {
    await load(base);
    let reads = 0;
    const fact = { ...base.facts![0]!, id: 'fact:late', to: 'person:test-minister', type: 'ADVISED_BY' };
    const attempt = loadSeeds(graph.scope(), [
      documentInput({ facts: [fact] }),
      {
        name: 'concurrent-writer',
        // Read once to validate, then again to write: the second read deletes the person the fact refers to,
        // as another client could between validation and writing.
        async *read() {
          reads += 1;
          if (reads === 2) {
            await graph.scope().write((tx) => tx.run("MATCH (p:Entity {id: 'person:test-minister'}) DETACH DELETE p"));
          }
          yield* [];
        },
      },
    ]);
    await expect(attempt).rejects.toThrow(/1 of 1 facts could not be written: an entity they connect was deleted/);
    const rows = await graph.scope().query("MATCH ()-[f:FACT {id: 'fact:late'}]->() RETURN f");
    expect(rows).toHaveLength(0);
  });
});
