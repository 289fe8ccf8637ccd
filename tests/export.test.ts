import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSeed } from '../bench/generate.js';
import type { Graph } from '../src/graph/graph-client.js';
import { ledgerConfig } from '../src/config.js';
import { exportGraph, type ExportFormat } from '../src/seed/seed-export.js';
import { loadSeeds } from '../src/seed/seed-loader.js';
import { documentInput } from '../src/seed/seed-reader.js';
import { graphDigest, loadFiles, openGraph, resetGraph, SEEDS_DIR } from './setup/harness.js';

/**
 * Export round trips: the export loaded into the same graph changes nothing; loaded into an empty graph it
 * reproduces the same graph, digest for digest. Both formats, on the project's seeds and on a generated graph
 * of 100k facts.
 */

const FORMATS: ExportFormat[] = ['jsonl', 'csv'];


describe('exporting the graph in the seed formats', () => {
  let graph: Graph;
  beforeAll(async () => {
    graph = openGraph();
  });
  afterAll(async () => {
    await graph.close();
  });

  /** Loads `paths` into an empty graph, exports it in each format and checks both round trips. */
  async function roundTrips(paths: string[], pageSize?: number): Promise<void> {
    await resetGraph(graph);
    const loaded = await loadFiles(graph, paths);
    expect(loaded.errors).toEqual([]);
    const digest = await graphDigest(graph, 600_000);
    const exports = new Map<ExportFormat, string>();
    for (const format of FORMATS) {
      const out = mkdtempSync(path.join(os.tmpdir(), `kg-export-${format}-`));
      const report = await exportGraph(graph.scope(), { format, out, kinds: null, ...(pageSize ? { pageSize } : {}) });
      expect(report.counts.facts).toBe(loaded.created.facts);
      expect(report.counts.entities).toBe(loaded.created.entities);
      exports.set(format, out);
      const again = await loadFiles(graph, [out]);
      expect(again.errors).toEqual([]);
      expect(again.created).toEqual({ entities: 0, facts: 0, sources: 0 });
      expect(again.updated).toEqual({ entities: 0, facts: 0, sources: 0 });
      expect(await graphDigest(graph, 600_000)).toBe(digest);
    }
    for (const [format, out] of exports) {
      await resetGraph(graph);
      const fresh = await loadFiles(graph, [out]);
      expect(fresh.errors, format).toEqual([]);
      expect(await graphDigest(graph, 600_000), format).toBe(digest);
    }
  }

  it('round-trips the seeds in JSON Lines and CSV, in pages smaller than the graph', async () => {
    await roundTrips([SEEDS_DIR], 97);
  });

  it('writes the seed formats: one JSON Lines file, or a CSV file per category with neo4j-admin headers', async () => {
    await resetGraph(graph);
    await loadFiles(graph, [SEEDS_DIR]);
    const csv = mkdtempSync(path.join(os.tmpdir(), 'kg-export-csv-'));
    await exportGraph(graph.scope(), { format: 'csv', out: csv, kinds: ['ORGANIZATION', 'COUNTRY'] });
    expect(readdirSync(csv).sort()).toEqual(['entities.csv', 'facts.csv', 'sources.csv']);
    const entities = readFileSync(path.join(csv, 'entities.csv'), 'utf8');
    expect(entities.split('\n')[0]).toBe(':ID,kind,name,aliases:string[],description,iso2,iso3,region,subregion,capitals:string[],status,signedOn,durationYears:int,clauses:string[]');
    expect(entities).toContain('org:sco,ORGANIZATION,Shanghai Cooperation Organization,SCO;Shanghai Cooperation Organisation,');
    expect(entities).not.toContain('person:');
    const facts = readFileSync(path.join(csv, 'facts.csv'), 'utf8');
    expect(facts.split('\n')[0]).toBe(':ID,:TYPE,:START_ID,:END_ID,status,startDate,endDate,role,summary,rank,rankReason,source,quote');
    expect(facts).toContain('fact:iran-member-sco,MEMBER_OF,country:IRN,org:sco,approved,2021-09');
    expect(facts).not.toMatch(/,person:|,treaty:/);
    const jsonl = mkdtempSync(path.join(os.tmpdir(), 'kg-export-jsonl-'));
    await exportGraph(graph.scope(), { format: 'jsonl', out: jsonl, kinds: null });
    const lines = readFileSync(path.join(jsonl, 'graph.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, Record<string, unknown>>);
    const jcpoa = lines.find((l) => l['entity']?.['id'] === 'treaty:jcpoa')!['entity']!;
    expect(Object.keys(jcpoa)).not.toContain('sortName');
    expect(jcpoa).toMatchObject({ kind: 'TREATY', status: 'IN_FORCE', signedOn: '2015-07-14' });
  });

  it('exports with --since only what that load and later ones created or changed, as it stands now', async () => {
    await resetGraph(graph);
    const load = (doc: unknown) => loadSeeds(graph.scope(), [documentInput(doc)], { ledger: ledgerConfig({}), principal: 'tester@test' });
    const a = await load({
      sources: [{ id: 'source:a', title: 'A' }],
      entities: [
        { id: 'person:a1', kind: 'PERSON', name: 'A One' },
        { id: 'person:a2', kind: 'PERSON', name: 'A Two' },
        { id: 'org:a', kind: 'ORGANIZATION', name: 'Org A' },
      ],
      facts: [{ id: 'fact:a1-leads', type: 'LEADS', from: 'person:a1', to: 'org:a', citations: [{ source: 'source:a' }] }],
    });
    // B changes one of A's entities, adds an entity and a fact, and reloads A's source unchanged.
    const b = await load({
      sources: [{ id: 'source:a', title: 'A' }],
      entities: [
        { id: 'person:a2', kind: 'PERSON', name: 'A Two', description: 'changed by B' },
        { id: 'person:b1', kind: 'PERSON', name: 'B One' },
      ],
      facts: [{ id: 'fact:b1-met', type: 'MET_WITH', from: 'person:b1', to: 'person:a1', citations: [{ source: 'source:a', quote: 'They met.' }] }],
    });
    expect(a.ok && b.ok).toBe(true);
    const exported = async (since: string): Promise<Record<string, unknown>[]> => {
      const out = mkdtempSync(path.join(os.tmpdir(), 'kg-export-since-'));
      await exportGraph(graph.scope(), { format: 'jsonl', out, kinds: null, since, pageSize: 1 });
      return readFileSync(path.join(out, 'graph.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    };
    expect(await exported(b.loadId!)).toEqual([
      { entity: { id: 'person:a2', kind: 'PERSON', name: 'A Two', aliases: [], description: 'changed by B' } },
      { entity: { id: 'person:b1', kind: 'PERSON', name: 'B One', aliases: [] } },
      { fact: { id: 'fact:b1-met', type: 'MET_WITH', from: 'person:b1', to: 'person:a1', citations: [{ source: 'source:a', quote: 'They met.' }] } },
    ]);
    // The given load is included: since A is everything, as it stands after B.
    const all = await exported(a.loadId!);
    expect(all.map((r) => Object.values(r)[0] as { id: string }).map((r) => r.id)).toEqual([
      'source:a', 'org:a', 'person:a1', 'person:a2', 'person:b1', 'fact:a1-leads', 'fact:b1-met',
    ]);
    await expect(exportGraph(graph.scope(), { format: 'jsonl', out: os.tmpdir(), kinds: null, since: 'load:nope' })).rejects.toThrow(/there is no load "load:nope"/);
  });

  it('round-trips a generated graph of 100k facts in both formats', { timeout: 1_800_000 }, async () => {
    const manifest = await generateSeed({ scale: 0.1 });
    expect(manifest.counts.facts).toBeGreaterThanOrEqual(100_000);
    await roundTrips(manifest.files);
  });
});
