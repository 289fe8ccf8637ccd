import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/config.js';
import { openBenchDatabase } from './database.js';
import { BENCH_DATA_DIR, generateSeed, parseScale } from './generate.js';
import { picksOf, workload } from './workload.js';

/**
 * `tsx bench/cpu-profile.ts --scale full --query neighborhoodHub`: runs this server (bench/serve.ts) under
 * `node --cpu-prof`, sends the query sequentially, and leaves the .cpuprofile in bench/data/profiles/ (open it in
 * Chrome DevTools or VS Code).
 */

const { values } = parseArgs({ options: { scale: { type: 'string', default: 'quick' }, query: { type: 'string' }, requests: { type: 'string', default: '20' } } });
const manifest = await generateSeed({ scale: parseScale(values.scale) });
const spec = workload(picksOf(manifest)).find((q) => q.name === values.query);
if (!spec) throw new Error(`no query named ${values.query}`);
const db = await openBenchDatabase({ name: `neo4j-${manifest.scale}-${manifest.seed}`, heap: manifest.scale >= 0.5 ? '10g' : '2g' });
const dir = path.join(BENCH_DATA_DIR, 'profiles');
mkdirSync(dir, { recursive: true });
const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', path.join(PROJECT_ROOT, 'bench', 'serve.ts'), 'server', db.uri], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
try {
  const url = await new Promise<string>((resolve) => {
    readline.createInterface({ input: child.stdout! }).on('line', (l) => {
      if (l.startsWith('BENCH_READY ')) resolve(l.slice(12).split('|')[0]!);
    });
  });
  const body = JSON.stringify(spec.graphql(null));
  for (let i = 0; i < Number(values.requests); i++) {
    const t = Date.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const text = await res.text();
    console.log(`${Date.now() - t} ms, ${text.length} bytes`);
  }
} finally {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  await db.close();
  console.log(`profile in ${path.relative(process.cwd(), dir)}`);
}
