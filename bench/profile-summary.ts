import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/**
 * `tsx bench/profile-summary.ts <file.cpuprofile> [--from processGraphQLRequest] [--top 30]`: where a server's CPU went, from
 * the first sample inside `--from` (a function the first request runs, so that start-up is left out) to the end:
 * busy time by package (node_modules/<name>, the project's src/, Node's internals, GC), the functions with the
 * most self time, and the inclusive time of the functions named by `--inclusive`.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { from: { type: 'string', default: 'processGraphQLRequest' }, top: { type: 'string', default: '30' }, inclusive: { type: 'string', default: '' } },
});
const profile = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

function stackOf(id: number): ProfileNode[] {
  const stack: ProfileNode[] = [];
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!);
  return stack;
}

function place(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const src = /\/(src|bench)\/(.*)$/.exec(url);
  if (src) return `${src[1]}/${src[2]}`;
  return url;
}

const samples = profile.samples;
let start = samples.findIndex((id) => stackOf(id).some((n) => n.callFrame.functionName === values.from));
if (start < 0) start = 0;
const self = new Map<number, number>();
let total = 0;
let idle = 0;
const inclusiveNames = values.inclusive ? values.inclusive.split(',') : [];
const inclusive = new Map<string, number>(inclusiveNames.map((n) => [n, 0]));
for (let i = start; i < samples.length; i++) {
  const dt = profile.timeDeltas[i] ?? 0;
  const node = byId.get(samples[i]!)!;
  if (node.callFrame.functionName === '(idle)') {
    idle += dt;
    continue;
  }
  total += dt;
  self.set(node.id, (self.get(node.id) ?? 0) + dt);
  if (inclusiveNames.length) {
    const names = new Set(stackOf(node.id).map((n) => n.callFrame.functionName));
    for (const name of inclusiveNames) if (names.has(name)) inclusive.set(name, inclusive.get(name)! + dt);
  }
}
const byPlace = new Map<string, number>();
const byFunction = new Map<string, number>();
/** Native code and Node's own modules (socket writes, JSON, hashing) count for the package that called them. */
function caller(id: number): ProfileNode {
  for (const n of stackOf(id)) if ((n.callFrame.url && !n.callFrame.url.startsWith('node:')) || n.callFrame.functionName.startsWith('(')) return n;
  return byId.get(id)!;
}
for (const [id, dt] of self) {
  const node = byId.get(id)!;
  const p = place(caller(id));
  byPlace.set(p, (byPlace.get(p) ?? 0) + dt);
  const f = `${node.callFrame.functionName || '(anonymous)'} ${p}:${node.callFrame.lineNumber + 1}`;
  byFunction.set(f, (byFunction.get(f) ?? 0) + dt);
}
const pct = (dt: number): string => `${((dt / total) * 100).toFixed(1)}%`;
console.log(`busy ${(total / 1000).toFixed(0)} ms, idle ${(idle / 1000).toFixed(0)} ms (from the first sample in ${values.from})`);
console.log('\nself time by package (native code and Node modules counted for their caller):');
for (const [p, dt] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${pct(dt).padStart(6)}  ${p}`);
console.log('\nfunctions by self time:');
for (const [f, dt] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(`  ${pct(dt).padStart(6)}  ${f}`);
if (inclusiveNames.length) {
  console.log('\ninclusive:');
  for (const [n, dt] of inclusive) console.log(`  ${pct(dt).padStart(6)}  ${n}`);
}
