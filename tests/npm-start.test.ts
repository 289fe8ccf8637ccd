import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { freePort, isPortOpen } from '../src/graph/local-neo4j.js';

/**
 * `npm start` end to end with the managed local Neo4j: it starts the database itself, seeds it, serves, turns
 * ready, and on Ctrl-C leaves no process behind; a second start keeps the data and loads nothing twice.
 */

interface Started {
  child: ChildProcess;
  url: string;
  lines: string[];
}

function start(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEO4J_URI: '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const onLine = (line: string): void => {
      lines.push(line);
      const url = /(http:\/\/localhost:\d+\/graphql)/.exec(line)?.[1];
      if (url) resolve({ child, url, lines });
    };
    readline.createInterface({ input: child.stdout! }).on('line', onLine);
    readline.createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${lines.join('\n')}`)));
  });
}

async function waitReady(url: string, timeoutMs = 120_000): Promise<void> {
  const ready = url.replace('/graphql', '/ready');
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const res = await fetch(ready).catch(() => undefined);
    if (res?.status === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('never ready');
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

describe('npm start with the managed local Neo4j', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kg-start-test-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts Neo4j, seeds, serves, turns ready, stops cleanly, and restarts without loading twice', async () => {
    const port = await freePort();
    const env = { NEO4J_LOCAL_PORT: String(port), NEO4J_LOCAL_DATA: dataDir, NEO4J_LOCAL_HEAP: '1g' };

    const first = await start(env);
    await waitReady(first.url);
    const res = await fetch(first.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename entity(id: \\"org:sco\\") { name } }"}' });
    expect(await res.json()).toEqual({ data: { __typename: 'Query', entity: { name: 'Shanghai Cooperation Organization' } } });
    expect((await fetch(first.url.replace('/graphql', '/health'))).status).toBe(200);
    expect(first.lines.join('\n')).toMatch(/created were: +257 entities/);
    expect(await stop(first.child)).toBe(0);
    expect(await isPortOpen(port)).toBe(false);

    const second = await start(env);
    await waitReady(second.url);
    const log = second.lines.join('\n');
    expect(log).toMatch(/using|starting Neo4j/);
    expect(log).toMatch(/unchanged: +257 entities, 373 facts, 4 sources/);
    expect(log).toMatch(/nothing changed/);
    expect(await stop(second.child, 'SIGTERM')).toBe(0);
    expect(await isPortOpen(port)).toBe(false);
  }, 240_000);
});
