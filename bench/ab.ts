import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/config.js';
import { openBenchDatabase } from './database.js';
import { generateSeed, parseScale } from './generate.js';
import { picksOf, workload } from './workload.js';

/**
 * `tsx bench/ab.ts --before /tmp/main-checkout [--after .] [--queries hubAsOf,timeline]`: this server from two
 * source trees (say main and a branch; the other needs its node_modules), both over the bench's graph, asked the
 * same requests in alternating batches, so that a busy machine slows both alike. Per tree and request: p50 and p25
 * of sequential requests, and the server process's CPU milliseconds per request (/proc, every thread). Separate
 * bench runs on a shared machine differ by more than most changes do; this says which tree is cheaper.
 */

const { values } = parseArgs({
  options: {
    before: { type: 'string' },
    after: { type: 'string', default: PROJECT_ROOT },
    scale: { type: 'string', default: 'quick' },
    queries: { type: 'string', default: 'hubAsOf,timeline' },
    rounds: { type: 'string', default: '40' },
    batch: { type: 'string', default: '25' },
  },
});
if (!values.before) throw new Error('--before <project root> is required');

/** CPU milliseconds (user and system, every thread) a process has used so far. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
}

const manifest = await generateSeed({ scale: parseScale(values.scale) });
const db = await openBenchDatabase({ name: `neo4j-${manifest.scale}-${manifest.seed}`, heap: manifest.scale >= 0.5 ? '10g' : '2g' });

async function start(root: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'serve.ts'), 'server', db.uri], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', RESPONSE_CACHE_BYTES: '0', CYPHER_TIMEOUT_MS: '60000' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve) => {
    readline.createInterface({ input: child.stdout! }).on('line', (l) => {
      if (l.startsWith('BENCH_READY ')) resolve(l.slice('BENCH_READY '.length).split('|')[0]!);
    });
  });
  return { child, url };
}

const trees = { before: await start(path.resolve(values.before)), after: await start(path.resolve(values.after)) };
try {
  const post = async (url: string, body: string): Promise<void> => {
    await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text();
  };
  const requests = [
    { name: '{ __typename }', body: JSON.stringify({ query: '{ __typename }', variables: {} }) },
    ...workload(picksOf(manifest))
      .filter((q) => values.queries.split(',').includes(q.name))
      .map((q) => ({ name: q.name, body: JSON.stringify(q.graphql(null)) })),
  ];
  const batch = Number(values.batch);
  const times = new Map<string, number[]>();
  const cpu = new Map<string, number>();
  for (const tree of Object.values(trees)) for (const r of requests) for (let i = 0; i < 200; i++) await post(tree.url, r.body);
  for (let round = 0; round < Number(values.rounds); round++) {
    // Each tree goes first in every other round.
    const sides = round % 2 === 0 ? Object.entries(trees) : Object.entries(trees).reverse();
    for (const [side, tree] of sides) {
      for (const r of requests) {
        const key = `${r.name}|${side}`;
        const sampled = times.get(key) ?? [];
        times.set(key, sampled);
        const before = cpuMs(tree.child.pid!);
        for (let i = 0; i < batch; i++) {
          const t = process.hrtime.bigint();
          await post(tree.url, r.body);
          sampled.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
        cpu.set(key, (cpu.get(key) ?? 0) + cpuMs(tree.child.pid!) - before);
      }
    }
  }
  const at = (sorted: number[], q: number): number => sorted[Math.floor(sorted.length * q)]!;
  console.log('| request | tree | p50 ms | p25 ms | server CPU ms per request |');
  console.log('|---|---|---:|---:|---:|');
  for (const r of requests) {
    for (const side of Object.keys(trees)) {
      const key = `${r.name}|${side}`;
      const sorted = [...times.get(key)!].sort((a, b) => a - b);
      console.log(`| ${r.name} | ${side} | ${at(sorted, 0.5).toFixed(2)} | ${at(sorted, 0.25).toFixed(2)} | ${(cpu.get(key)! / sorted.length).toFixed(3)} |`);
    }
  }
} finally {
  for (const tree of Object.values(trees)) tree.child.kill('SIGTERM');
  await db.close();
}
