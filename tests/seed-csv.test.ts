import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../src/graph/graph-client.js';
import { csvFileInput } from '../src/seed/seed-csv-reader.js';
import { linkFile } from '../src/seed/seed-link.js';
import { loadSeeds } from '../src/seed/seed-loader.js';
import { documentInput, fileInput, type ReadItem } from '../src/seed/seed-reader.js';
import { graphDigest, loadFiles, SEEDS_DIR, seededGraph } from './setup/harness.js';

/** CSV seeds and names in place of ids, against the seeded graph. */

const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-csv-'));

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function readAll(p: string): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of csvFileInput(p).read()) out.push(item);
  return out;
}

describe('reading CSV seed files', () => {
  it('reads RFC 4180 quoting, newlines inside cells, a BOM, CRLF and typed columns', async () => {
    const p = file(
      'quoting-entities.csv',
      '\uFEFF:ID,kind,name,aliases:string[],description,iso3,status,durationYears:int\r\n' +
        'person:a,PERSON,"Doe, Jane","Jane;J. Doe","She said ""hi""\r\nand left",,,\r\n' +
        '\r\n' +
        'treaty:t,TREATY,Pact,,,,SIGNED,25\r\n',
    );
    const items = await readAll(p);
    expect(items).toEqual([
      {
        record: { category: 'entity', value: { id: 'person:a', kind: 'PERSON', name: 'Doe, Jane', aliases: ['Jane', 'J. Doe'], description: 'She said "hi"\r\nand left' } },
        place: { file: p, path: 'line 2' },
      },
      { record: { category: 'entity', value: { id: 'treaty:t', kind: 'TREATY', name: 'Pact', status: 'SIGNED', durationYears: 25 } }, place: { file: p, path: 'line 5' } },
    ]);
  });

  it('joins consecutive rows of one fact into its citations', async () => {
    const p = file(
      'two-facts.csv',
      ':ID,:TYPE,:START_ID,:END_ID,source,quote\nfact:x,MEMBER_OF,country:IRN,org:sco,source:a,"one"\nfact:x,MEMBER_OF,country:IRN,org:sco,source:b,\n',
    );
    const items = await readAll(p);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ record: { value: { id: 'fact:x', citations: [{ source: 'source:a', quote: 'one' }, { source: 'source:b' }] } }, place: { path: 'line 2' } });
  });

  it('says which file, line and column is wrong', async () => {
    const quote = file('bad-quote-entities.csv', ':ID,kind,name\nperson:a,PERSON,"Jane"x\n');
    expect(await readAll(quote)).toEqual([{ problem: { file: quote, path: 'line 2, column 3', message: expect.stringMatching(/Invalid Closing Quote/) } }]);
    const int = file('bad-int-entities.csv', ':ID,kind,name,status,durationYears:int\ntreaty:t,TREATY,T,SIGNED,ten\n');
    expect(await readAll(int)).toEqual([{ problem: { file: int, path: 'line 2, column 5', message: 'durationYears:int: "ten" is not an integer' } }]);
    const header = file('bad-header-entities.csv', ':ID,kind,name,colour\n');
    expect(await readAll(header)).toEqual([{ problem: { file: header, path: 'line 1', message: expect.stringMatching(/^column 4: unknown header "colour"/) } }]);
    const schema = file('bad-kind-entities.csv', ':ID,kind,name\n\nperson:a,ALIEN,X\n');
    expect(await readAll(schema)).toEqual([{ problem: { file: schema, path: 'line 3 kind', message: expect.stringMatching(/must be one of COUNTRY/) } }]);
    const count = file('ragged-entities.csv', ':ID,kind,name\nperson:a,PERSON\n');
    expect((await readAll(count))[0]).toMatchObject({ problem: { file: count, path: expect.stringMatching(/^line 2/) } });
    const unnamed = file('things.csv', ':ID\n');
    expect((await readAll(unnamed))[0]).toMatchObject({ problem: { message: expect.stringMatching(/named for what it holds/) } });
  });
});

describe('CSV seeds and name references in the graph', () => {
  let graph: Graph;
  beforeAll(async () => {
    graph = await seededGraph();
  });
  afterAll(async () => {
    await graph.close();
  });

  const EXAMPLES = path.join(SEEDS_DIR, 'examples');

  it('loads the CSV version of the article seed over the JSON one and changes nothing', async () => {
    const before = await graphDigest(graph);
    const dry = await loadFiles(graph, [EXAMPLES], true);
    expect(dry.errors).toEqual([]);
    expect(dry.created).toEqual({ entities: 0, facts: 0, sources: 0 });
    expect(dry.updated).toEqual({ entities: 0, facts: 0, sources: 0 });
    const report = await loadFiles(graph, [EXAMPLES]);
    expect(report.ok).toBe(true);
    expect(report.unchanged.facts).toBeGreaterThan(20);
    expect(report.created).toEqual({ entities: 0, facts: 0, sources: 0 });
    expect(report.updated).toEqual({ entities: 0, facts: 0, sources: 0 });
    expect(await graphDigest(graph)).toBe(before);
  });

  it('creates from CSV, then finds everything unchanged: idempotent; a dry run writes nothing', async () => {
    const entities = file('new-entities.csv', ':ID,kind,name,aliases:string[]\norg:csv-club,ORGANIZATION,CSV Club,CC;The Club\n');
    const facts = file('new-facts.csv', ':ID,:TYPE,:START_ID(COUNTRY),:END_ID,source,quote\nfact:fr-csv-club,MEMBER_OF,French Republic,org:csv-club,source:world-countries,\n');
    const dry = await loadSeeds(graph.scope(), [fileInput(entities), fileInput(facts)], { dryRun: true });
    expect(dry).toMatchObject({ ok: true, created: { entities: 1, facts: 1 } });
    expect(await graph.scope().query("MATCH (o:Entity {id: 'org:csv-club'}) RETURN o")).toHaveLength(0);
    expect(await loadSeeds(graph.scope(), [fileInput(entities), fileInput(facts)])).toMatchObject({ ok: true, created: { entities: 1, facts: 1 } });
    const again = await loadSeeds(graph.scope(), [fileInput(entities), fileInput(facts)]);
    expect(again).toMatchObject({ ok: true, created: { entities: 0, facts: 0 }, unchanged: { entities: 1, facts: 1 } });
    const [fact] = await graph.scope().query("MATCH (a)-[f:FACT {id: 'fact:fr-csv-club'}]->(b) RETURN a.id AS a, b.id AS b");
    expect([fact!.get('a'), fact!.get('b')]).toEqual(['country:FRA', 'org:csv-club']);
  });

  it('resolves names in JSON seeds and refuses names without a confident match, listing candidates', async () => {
    const ok = await loadSeeds(graph.scope(), [
      documentInput({
        facts: [{ type: 'MEMBER_OF', from: { name: 'Islamic Republic of Iran', kind: 'COUNTRY' }, to: { name: 'Shanghai Cooperation Org.' }, citations: [{ source: 'source:world-countries' }] }],
      }),
    ], { dryRun: true });
    expect(ok.errors).toEqual([]);
    const bad = await loadSeeds(graph.scope(), [
      documentInput({ facts: [{ type: 'MEMBER_OF', from: { name: 'Irak' }, to: { name: 'Niger' }, citations: [{ source: 'source:world-countries' }] }] }),
    ]);
    expect(bad.ok).toBe(false);
    expect(bad.errors).toEqual([
      { file: 'document', path: '/facts/0/from', message: expect.stringMatching(/^"Irak" is not a confident match for any entity; candidates: country:IR[AQN] "Ira[nq]" \d+/) },
    ]);
  });

  it('--link writes a copy with the ids filled in, in the same format', async () => {
    const json = file('named.json', JSON.stringify({ facts: [{ type: 'MEMBER_OF', from: { name: 'Kingdom of Spain' }, to: 'org:sco', citations: [{ source: 'source:world-countries' }] }] }));
    const linked = await linkFile(graph.scope(), json);
    expect(linked).toMatchObject({ file: path.join(dir, 'named.linked.json'), resolved: 1, problems: [] });
    expect(JSON.parse(readFileSync(linked.file, 'utf8'))).toMatchObject({ facts: [{ from: 'country:ESP', to: 'org:sco' }] });
    const csv = await linkFile(graph.scope(), path.join(EXAMPLES, 'article-iran-east-axis-facts.csv'), dir);
    expect(csv.problems).toEqual([]);
    const text = readFileSync(csv.file, 'utf8');
    expect(text).toContain('fact:iran-plans-partnership-russia,PLANS_STRATEGIC_PARTNERSHIP_WITH,country:IRN,country:RUS');
    expect(text).not.toContain('Islamic Republic of Iran,');
    const bad = file('unknown-facts.csv', ':ID,:TYPE,:START_ID,:END_ID,source\nfact:q,X,Atlantis Republic,org:sco,source:world-countries\n');
    const report = await linkFile(graph.scope(), bad, dir);
    expect(report.problems).toEqual([{ file: bad, path: 'line 2 from', message: expect.stringMatching(/"Atlantis Republic" is not a confident match/) }]);
  });
});
