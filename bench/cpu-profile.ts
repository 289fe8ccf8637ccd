import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/config.js';
import { openBenchDatabase } from './database.js';
import { BENCH_DATA_DIR, generateSeed, parseScale } from './generate.js';
import { picksOf, workload, type GraphQLRequest } from './workload.js';

/**
 * `tsx bench/cpu-profile.ts --scale full --query neighborhoodHub`: runs this server (bench/serve.ts) under
 * `node --cpu-prof`, sends the query sequentially, and leaves the .cpuprofile in bench/data/profiles/ (open it in
 * Chrome DevTools or VS Code, or summarize it with bench/profile-summary.ts). `--query typename` profiles
 * `{ __typename }` (the fixed cost of a request); `--revalidate` sends each request with the first answer's ETag
 * in If-None-Match (the 304 path; the response cache is on then). The server's environment applies
 * (RESPONSE_CACHE_BYTES=0 to profile execution).
 */

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'quick' },
    query: { type: 'string' },
    requests: { type: 'string', default: '20' },
    revalidate: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  },
});
const manifest = await generateSeed({ scale: parseScale(values.scale) });
const request: GraphQLRequest | undefined =
  values.query === 'typename' ? { query: '{ __typename }', variables: {} } : workload(picksOf(manifest)).find((q) => q.name === values.query)?.graphql(null);
if (!request) throw new Error(`no query named ${values.query}`);
const db = await openBenchDatabase({ name: `neo4j-${manifest.scale}-${manifest.seed}`, heap: manifest.scale >= 0.5 ? '10g' : '2g' });
const dir = path.join(BENCH_DATA_DIR, 'profiles');
mkdirSync(dir, { recursive: true });
const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', path.join(PROJECT_ROOT, 'bench', 'serve.ts'), 'server', db.uri], {
  stdio: ['pipe', 'pipe', 'inherit'],
  env: { ...process.env, NODE_ENV: 'production' },
});
try {
  const url = await new Promise<string>((resolve) => {
    readline.createInterface({ input: child.stdout! }).on('line', (l) => {
      if (l.startsWith('BENCH_READY ')) resolve(l.slice(12).split('|')[0]!);
    });
  });
  const body = JSON.stringify(request);
  let etag: string | null = null;
  const times: number[] = [];
  for (let i = 0; i < Number(values.requests); i++) {
    const t = process.hrtime.bigint();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(etag ? { 'if-none-match': etag } : {}) }, body });
    const text = await res.text();
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    times.push(ms);
    if (values.revalidate) etag ??= res.headers.get('etag');
    if (!values.quiet) console.log(`${ms.toFixed(2)} ms, ${res.status}, ${text.length} bytes`);
  }
  times.sort((a, b) => a - b);
  console.log(`${times.length} requests, p50 ${times[Math.floor(times.length / 2)]!.toFixed(2)} ms`);
} finally {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  await db.close();
  console.log(`profile in ${path.relative(process.cwd(), dir)}`);
}
