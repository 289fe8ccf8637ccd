import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { PROJECT_ROOT } from '../src/config.js';
import { openBenchDatabase } from './database.js';
import { generateSeed, parseScale } from './generate.js';
import { post, startContestant, stopContestant, type HttpContestant } from './contestant-process.js';
import { concurrentLoops, httpLoops, ensureLoaded, round, sequential } from './run.js';
import { canonicalJson, type Data } from './workload.js';

/**
 * `npm run bench:facets -- [--scale full]`: a dashboard's counts of an entity's facts by type, year and the
 * other end's kind, answered by
 * - the floor: hand-written Cypher through the driver, one statement;
 * - this server: one `facets` field (one Cypher statement);
 * - @neo4j/graphql 7, which has counts but no group-by: one `totalCount` request per bucket (the buckets'
 *   values given to it for free; a dashboard would also have to find them), sent 6 at a time as a browser
 *   would, and the same counts as aliased root fields of one request.
 * Every answer is checked against the floor's. Results in bench/results/facets-<date>.json and a table.
 */

const DIMENSIONS = ['FACT_TYPE', 'YEAR', 'OTHER_KIND'] as const;
type Dimension = (typeof DIMENSIONS)[number];
type Counts = { total: number } & Record<Dimension, Array<[string, number]>>;

const FLOOR = `MATCH (e:Entity {id: $id})
RETURN COUNT { (e)-[:FACT]-() } AS total,
  COLLECT { MATCH (e)-[r:FACT]-() WITH r.type AS value, count(*) AS n RETURN [value, n] } AS FACT_TYPE,
  COLLECT { MATCH (e)-[r:FACT]-() WHERE r.validFrom IS NOT NULL WITH left(r.validFrom, 4) AS value, count(*) AS n RETURN [value, n] } AS YEAR,
  COLLECT { MATCH (e)-[r:FACT]-(o) WITH o.kind AS value, count(*) AS n RETURN [value, n] } AS OTHER_KIND`;

const SERVER = `query Facets($id: ID!) {
  facets(where: { entity: $id }, by: [FACT_TYPE, YEAR, OTHER_KIND], top: 200) { dimension total otherCount buckets { value count } }
}`;

/** @neo4j/graphql's filter on a fact (edge) or its other end (node) for one bucket. */
function bucketFilter(dimension: Dimension, value: string): string {
  if (dimension === 'FACT_TYPE') return `{ edge: { Fact: { type: { eq: ${JSON.stringify(value)} } } } }`;
  if (dimension === 'YEAR') return `{ edge: { Fact: { validFrom: { startsWith: ${JSON.stringify(value)} } } } }`;
  return `{ node: { kind: { eq: ${JSON.stringify(value)} } } }`;
}

/**
 * One bucket's count, both directions (the library has no undirected relationship field): a connection's
 * `totalCount`, since relationships declared on an interface get no `aggregate` field.
 */
function bucketField(alias: string, dimension: Dimension, value: string | null): string {
  const where = value === null ? '' : `(where: ${bucketFilter(dimension, value)})`;
  return `${alias}: entities(where: { id: { eq: $id } }) {
    in: inConnection${where} { totalCount }
    out: outConnection${where} { totalCount }
  }`;
}

interface Bucket {
  alias: string;
  dimension: Dimension | 'total';
  value: string | null;
}

function bucketsOf(counts: Counts): Bucket[] {
  const buckets: Bucket[] = [{ alias: 'total', dimension: 'total', value: null }];
  for (const d of DIMENSIONS) counts[d].forEach(([value], i) => buckets.push({ alias: `${d.toLowerCase()}${i}`, dimension: d, value }));
  return buckets;
}

function countOf(data: Data, alias: string): number {
  const [e] = data[alias] as Array<{ in: { totalCount: number }; out: { totalCount: number } }>;
  return e ? e.in.totalCount + e.out.totalCount : 0;
}

function assemble(buckets: Bucket[], count: (b: Bucket) => number): Counts {
  const counts: Counts = { total: 0, FACT_TYPE: [], YEAR: [], OTHER_KIND: [] };
  for (const b of buckets) {
    const n = count(b);
    if (b.dimension === 'total') counts.total = n;
    else if (n > 0) counts[b.dimension].push([b.value!, n]);
  }
  return counts;
}

function canonical(counts: Counts): string {
  const sorted = (list: Array<[string, number]>): Array<[string, number]> => [...list].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return canonicalJson({ total: counts.total, FACT_TYPE: sorted(counts.FACT_TYPE), YEAR: sorted(counts.YEAR), OTHER_KIND: sorted(counts.OTHER_KIND) });
}

/** Runs `tasks` with at most `width` in flight. */
async function pool(tasks: Array<() => Promise<void>>, width: number): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, async () => {
    while (next < tasks.length) await tasks[next++]!();
  }));
}

interface Row {
  entity: string;
  facts: number;
  contestant: string;
  requests: number;
  statements: number;
  p50: number;
  p95: number;
  throughput: number | null;
  ratioP50: number;
  sameAsFloor: boolean;
  /** Why it has no figures. */
  failed?: string;
}

async function statementsOf(c: HttpContestant, run: () => Promise<unknown>): Promise<number> {
  await fetch(`${c.instrumentUrl}/bench/record`, { method: 'POST' });
  await run();
  const counted = (await (await fetch(`${c.instrumentUrl}/bench/count?profile=false`)).json()) as { statements: number };
  return counted.statements;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'quick' },
      seed: { type: 'string', default: '42' },
      samples: { type: 'string', default: '30' },
      duration: { type: 'string', default: '5' },
      connections: { type: 'string', default: '4' },
      // Only the floor and this server (after a change to the statement, say).
      'server-only': { type: 'boolean', default: false },
    },
  });
  const scale = parseScale(values.scale);
  const seed = Number(values.seed);
  const samples = Number(values.samples);
  const seconds = Number(values.duration);
  const connections = Number(values.connections);
  const log = (l: string): void => console.error(l);
  const manifest = await generateSeed({ scale, seed, log });
  const db = await openBenchDatabase({ name: `neo4j-${scale}-${seed}`, heap: scale >= 0.5 ? '10g' : '2g', log });
  const contestants: HttpContestant[] = [];
  const rows: Row[] = [];
  try {
    await ensureLoaded(db.graph, manifest, db.dataDir, false, log);
    const serverOnly = values['server-only'];
    const [server, n4g] = await Promise.all([startContestant('server', db.uri), serverOnly ? undefined : startContestant('neo4j-graphql', db.uri)]);
    contestants.push(server, ...(n4g ? [n4g] : []));
    const driver = db.graph.driver;
    const floor = async (id: string): Promise<Counts> => {
      const session = driver.session({ defaultAccessMode: neo4j.session.READ });
      try {
        const [r] = (await session.executeRead((tx) => tx.run(FLOOR, { id }))).records;
        return { total: r!.get('total') as number, FACT_TYPE: r!.get('FACT_TYPE'), YEAR: r!.get('YEAR'), OTHER_KIND: r!.get('OTHER_KIND') } as Counts;
      } finally {
        await session.close();
      }
    };
    for (const id of [manifest.picks.person, manifest.picks.hubOrg, manifest.picks.hubCountry]) {
      log(`bench:facets: ${id}…`);
      const expected = await floor(id);
      const want = canonical(expected);
      const row = (contestant: string, m: { p50: number; p95: number }, extra: Partial<Row>): Row => ({
        entity: id,
        facts: expected.total,
        contestant,
        requests: 1,
        statements: 1,
        throughput: null,
        sameAsFloor: true,
        ...extra,
        p50: round(m.p50),
        p95: round(m.p95),
        ratioP50: 0,
      });
      const floorSeq = await sequential(() => floor(id), samples, 20);
      const floorTp = await concurrentLoops(() => floor(id), connections, seconds);
      const floorRow = row('floor', floorSeq, { throughput: round(floorTp.throughput, 1) });

      const request = { query: SERVER, variables: { id } };
      const ours = (data: Data): Counts => {
        const facets = data['facets'] as Array<{ dimension: Dimension; total: number; buckets: Array<{ value: string; count: number }> }>;
        const c: Counts = { total: facets[0]!.total, FACT_TYPE: [], YEAR: [], OTHER_KIND: [] };
        for (const f of facets) c[f.dimension] = f.buckets.map((b) => [b.value, b.count]);
        return c;
      };
      const serverSame = canonical(ours(await post(server.graphqlUrl, request))) === want;
      const serverStatements = await statementsOf(server, () => post(server.graphqlUrl, request));
      const serverSeq = await sequential(() => post(server.graphqlUrl, request), samples, 20);
      const serverTp = await httpLoops(server.graphqlUrl, request, connections, seconds);
      const serverRow = row('server (facets)', serverSeq, { statements: serverStatements, throughput: round(serverTp.throughput, 1), sameAsFloor: serverSame });

      if (!n4g) {
        for (const r of [floorRow, serverRow]) {
          r.ratioP50 = round(r.p50 / floorRow.p50);
          rows.push(r);
        }
        continue;
      }
      const buckets = bucketsOf(expected);
      const perBucket = async (): Promise<Counts> => {
        const results = new Map<string, number>();
        await pool(
          buckets.map((b) => async () => {
            const data = await post(n4g.graphqlUrl, { query: `query Bucket($id: ID!) {\n  ${bucketField('c', b.dimension as Dimension, b.value)}\n}`, variables: { id } });
            results.set(b.alias, countOf(data, 'c'));
          }),
          6,
        );
        return assemble(buckets, (b) => results.get(b.alias)!);
      };
      const aliased = { query: `query Buckets($id: ID!) {\n  ${buckets.map((b) => bucketField(b.alias, b.dimension as Dimension, b.value)).join('\n  ')}\n}`, variables: { id } };
      const oneRequest = async (): Promise<Counts> => {
        const data = await post(n4g.graphqlUrl, aliased);
        return assemble(buckets, (b) => countOf(data, b.alias));
      };
      // A first run plans every bucket's Cypher (a new statement per value): warm-up, not timed.
      await perBucket();
      await oneRequest().catch(() => undefined);
      const t = Date.now();
      const perBucketAnswer = canonical(await perBucket());
      const perBucketSame = perBucketAnswer === want;
      if (!perBucketSame) log(`bench:facets: @neo4j/graphql's counts differ from the floor's:\n  floor ${want}\n  n4g   ${perBucketAnswer}`);
      const firstMs = Date.now() - t;
      const slow = firstMs > 20_000;
      const perBucketStatements = await statementsOf(n4g, perBucket);
      const perBucketSeq = slow ? { p50: firstMs, p95: firstMs } : await sequential(perBucket, Math.min(samples, 5), 60);
      const perBucketRow = row('@neo4j/graphql, a request per bucket (6 at a time)', perBucketSeq, {
        requests: buckets.length,
        statements: perBucketStatements,
        sameAsFloor: perBucketSame,
      });
      let aliasedRow: Row;
      try {
        const aliasedSame = canonical(await oneRequest()) === want;
        const aliasedStatements = await statementsOf(n4g, oneRequest);
        const aliasedSeq = slow ? { p50: NaN, p95: NaN } : await sequential(oneRequest, Math.min(samples, 5), 60);
        aliasedRow = row('@neo4j/graphql, every bucket aliased in one request', aliasedSeq, { statements: aliasedStatements, sameAsFloor: aliasedSame });
      } catch (error) {
        // Its root fields run at once, each on its own connection: past the driver's pool, requests fail.
        const failed = String(error instanceof Error ? error.message : error).slice(0, 300);
        log(`bench:facets: ${id}: @neo4j/graphql's aliased request failed: ${failed}`);
        aliasedRow = row('@neo4j/graphql, every bucket aliased in one request', { p50: NaN, p95: NaN }, { statements: NaN, sameAsFloor: false, failed });
      }
      for (const r of [floorRow, serverRow, perBucketRow, aliasedRow]) {
        r.ratioP50 = round(r.p50 / floorRow.p50);
        rows.push(r);
      }
      log(`bench:facets: ${id} done`);
    }
  } finally {
    await Promise.all(contestants.map(stopContestant));
    await db.close();
  }
  const cpus = os.cpus();
  const results = { date: new Date().toISOString(), scale, seed, machine: { cpus: cpus.length, cpuModel: cpus[0]?.model ?? '', node: process.version }, rows };
  const dir = path.join(PROJECT_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `facets-${results.date.slice(0, 10)}-${values.scale}${values['server-only'] ? '-server' : ''}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  const lines = [
    '| entity | facts | contestant | requests | Cypher statements | p50 ms | p95 ms | ops/s | p50 × floor | same as floor |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map((r) =>
      r.failed
        ? `| ${r.entity} | ${r.facts} | ${r.contestant} | ${r.requests} | – | failed: ${r.failed.slice(0, 120)} | | | | |`
        : `| ${r.entity} | ${r.facts} | ${r.contestant} | ${r.requests} | ${r.statements} | ${r.p50} | ${r.p95} | ${r.throughput ?? '–'} | ${r.ratioP50} | ${r.sameAsFloor ? 'yes' : 'NO'} |`,
    ),
  ];
  console.log(lines.join('\n'));
  console.error(`bench:facets: results in ${path.relative(PROJECT_ROOT, file)}`);
}

await main();
