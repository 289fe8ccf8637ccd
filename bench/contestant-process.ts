import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { PROJECT_ROOT } from '../src/config.js';
import type { ContestantName } from './serve.js';
import type { Data, GraphQLRequest } from './workload.js';

/** The HTTP contestants' processes (bench/serve.ts): started, warmed, asked and stopped the same way by every bench. */

export interface HttpContestant {
  graphqlUrl: string;
  instrumentUrl: string;
  child: ChildProcess;
}

/**
 * The workload measures each contestant's pipeline: this server's response cache is off there (every request would
 * otherwise be a repeat), and on for the dashboard contestants.
 */
export async function startContestant(name: ContestantName, uri: string, env: Record<string, string> = { RESPONSE_CACHE_BYTES: '0' }): Promise<HttpContestant> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'bench', 'serve.ts'), name, uri], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, CYPHER_TIMEOUT_MS: '60000', NODE_ENV: 'production', ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (l) => {
      if (l.startsWith('BENCH_READY ')) resolve(l.slice('BENCH_READY '.length));
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with code ${code} before it was ready`)));
  });
  const [graphqlUrl, instrumentUrl] = line.split('|') as [string, string];
  return { graphqlUrl, instrumentUrl, child };
}

/**
 * A contestant's process has just started: its code is not compiled by V8's optimizing tiers yet. Every HTTP
 * contestant serves `{ __typename }` for this long before anything is timed (the floor runs in the bench process,
 * already warm from loading and checking the graph).
 */
const WARM_UP_MS = 1_000;

export async function warmUp(graphqlUrl: string): Promise<void> {
  const end = Date.now() + WARM_UP_MS;
  while (Date.now() < end) await post(graphqlUrl, { query: '{ __typename }', variables: {} });
}

export function stopContestant(c: HttpContestant): Promise<void> {
  if (c.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => c.child.kill('SIGKILL'), 10_000);
    c.child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    c.child.kill('SIGTERM');
  });
}

export async function post(url: string, request: GraphQLRequest): Promise<Data> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
    signal: AbortSignal.timeout(180_000),
  });
  const body = (await res.json()) as { data?: Data; errors?: unknown[] };
  if (!res.ok || body.errors?.length) throw new Error(`GraphQL error from ${url}: ${JSON.stringify(body.errors ?? res.status).slice(0, 500)}`);
  return body.data!;
}
