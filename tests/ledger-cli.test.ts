import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { Readiness } from '../src/readiness.js';
import { prepareDatabase } from '../src/startup.js';
import { graphDigest, testConfig, useEmptyGraph } from './setup/harness.js';

/** The ledger from the seed command: load ids, --loads, --revert, and a load killed half-way (SIGKILL). */

const LEASE_MS = 1_500;
/** Streams every load in batches of ten rows, each its own transaction. */
const ENV = { LOAD_STREAM_THRESHOLD: '10', LOAD_BATCH_SIZE: '10', LOAD_LEASE_MS: String(LEASE_MS) };

function cliArgs(...args: string[]): string[] {
  return ['--import', 'tsx', 'src/seed/seed-cli.ts', ...args];
}

type Env = Record<string, string>;

function seedWith(env: Env, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, cliArgs(...args), {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...ENV, ...env, NEO4J_URI: inject('neo4jUri') },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const seed = (...args: string[]): ReturnType<typeof seedWith> => seedWith({}, ...args);

const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-ledger-cli-'));

/** A JSON Lines seed: a source, `people` people and `facts` facts between them. */
function seedFile(name: string, people: number, facts: number): string {
  const lines = [JSON.stringify({ source: { id: `source:${name}`, title: name } })];
  for (let i = 0; i < people; i++) lines.push(JSON.stringify({ entity: { id: `person:${name}-${i}`, kind: 'PERSON', name: `Person ${i}` } }));
  for (let i = 0; i < facts; i++) {
    lines.push(JSON.stringify({
      fact: { id: `fact:${name}-${i}`, type: 'MET_WITH', from: `person:${name}-${i % people}`, to: `person:${name}-${(i * 7 + 1) % people}`, startDate: '2020', citations: [{ source: `source:${name}` }] },
    }));
  }
  const file = path.join(dir, `${name}.jsonl`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('the ledger from the seed command', () => {
  const env = useEmptyGraph();

  /** The load of a file, by the file's name among its inputs. */
  const loadState = async (file: string): Promise<{ id: string; status: string; span: number } | undefined> => {
    const [record] = await env.graph.scope().query(
      'MATCH (l:Load) WHERE l.inputs CONTAINS $name RETURN l.id AS id, l.status AS status, l.lastSeq - l.firstSeq AS span',
      { name: `${path.sep}${path.basename(file)}"` },
    );
    return record?.toObject() as { id: string; status: string; span: number } | undefined;
  };

  /** Starts a streamed load of `file` in a CLI and SIGKILLs it once it has committed many batches. */
  async function killHalfway(file: string, env: Env = {}): Promise<string> {
    const child = spawn(process.execPath, cliArgs(file), {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...ENV, ...env, NEO4J_URI: inject('neo4jUri') },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await expect.poll(async () => (await loadState(file))?.span ?? -1, { timeout: 60_000, interval: 50 }).toBeGreaterThan(300);
    child.kill('SIGKILL');
    await exited;
    const state = (await loadState(file))!;
    expect(state.status).toBe('RUNNING');
    return state.id;
  }

  it('prints the load id, lists loads, and reverts a load by id (dry run first)', async () => {
    const before = await graphDigest(env.graph);
    const loaded = seed(seedFile('listed', 10, 30));
    expect(loaded.status).toBe(0);
    const id = /load: +(load:\S+)/.exec(loaded.stdout)![1]!;
    const afterLoad = await graphDigest(env.graph);

    const listed = seed('--loads');
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/^load +status +by +started/);
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).toMatch(new RegExp(`${id} +COMMITTED +\\S+@\\S+ `));

    const dry = seed('--revert', id, '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/would change 41 records/);
    expect(dry.stdout).toMatch(/would delete fact fact:listed-0/);
    expect(await graphDigest(env.graph)).toBe(afterLoad);

    const reverted = seed('--revert', id);
    expect(reverted.status).toBe(0);
    expect(reverted.stdout).toMatch(/reverted load:\S+: 41 records put back/);
    expect(await graphDigest(env.graph)).toBe(before);
    expect(seed('--revert', id).stderr).toMatch(/already reverted/);
    expect(seed('--revert', 'load:nope').stderr).toMatch(/there is no load "load:nope"/);
  }, 300_000);

  it('undoes a load whose CLI was killed half-way at the next CLI start, and marks it FAILED', async () => {
    const before = await graphDigest(env.graph);
    const file = seedFile('killed', 50, 3_000);
    const id = await killHalfway(file);
    expect(await graphDigest(env.graph)).not.toBe(before);
    // The dead load's lease runs out; the next CLI start (here, listing loads) finds it and undoes it.
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 200));
    const next = seed('--loads');
    expect(next.status, next.stderr).toBe(0);
    expect(next.stderr).toContain(`load ${id}`);
    expect(next.stdout).toMatch(new RegExp(`${id} +FAILED`));
    expect(await graphDigest(env.graph)).toBe(before);
    expect((await loadState(file))!.status).toBe('FAILED');
  }, 300_000);

  it('undoes it at the next server start too', async () => {
    const before = await graphDigest(env.graph);
    const id = await killHalfway(seedFile('killed-again', 50, 3_000));
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 200));
    const lines: string[] = [];
    await prepareDatabase({ ...testConfig(), ledger: { ...testConfig().ledger, leaseMs: LEASE_MS } }, env.graph, new Readiness(), (l) => lines.push(l));
    expect(lines.join('\n')).toContain(`load ${id}`);
    expect(await graphDigest(env.graph)).toBe(before);
    const [record] = await env.graph.scope().query('MATCH (l:Load {id: $id}) RETURN l.status AS status, l.error AS error', { id });
    expect(record!.toObject()).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/abandoned/) });
  }, 300_000);

  it('takes the lock over at once from a killed load on this host, without waiting out its lease', async () => {
    // A minute's lease, and a next load that waits at most half a second for the lock: it can only start if it
    // sees that the holder's pid is gone.
    const long = { LOAD_LEASE_MS: '60000' };
    const before = await graphDigest(env.graph);
    const id = await killHalfway(seedFile('killed-long-lease', 50, 3_000), long);
    const [lock] = await env.graph.scope().query("MATCH (l:LedgerLock {id: 'writer'}) RETURN l.owner AS owner, l.ownerHost AS host, l.leaseUntil > timestamp() AS leased");
    expect(lock!.toObject()).toMatchObject({ owner: id, host: os.hostname(), leased: true });

    const next = seedWith({ ...long, LOAD_LOCK_WAIT_MS: '500' }, seedFile('after-takeover', 10, 10));
    expect(next.stderr).not.toMatch(/another load is writing/);
    expect(next.status, next.stderr).toBe(0);
    expect(next.stderr).toContain(`load ${id}`);
    const [dead] = await env.graph.scope().query('MATCH (l:Load {id: $id}) RETURN l.status AS status', { id });
    expect(dead!.get('status')).toBe('FAILED');
    // The killed load's writes are undone; only the next load's are left.
    const reverted = seed('--revert', /load: +(load:\S+)/.exec(next.stdout)![1]!);
    expect(reverted.status).toBe(0);
    expect(await graphDigest(env.graph)).toBe(before);
  }, 300_000);

  it('still waits for the lease when the holder is a live process', async () => {
    const [lock] = await env.graph.scope().write((tx) => tx.run(
      "MERGE (l:Ledger:LedgerLock {id: 'writer'}) ON CREATE SET l.nextSeq = 1 SET l.owner = 'load:other-host', l.ownerHost = 'elsewhere', l.ownerPid = 1, l.leaseUntil = timestamp() + 60000 RETURN l.owner AS owner",
    ));
    expect(lock!.get('owner')).toBe('load:other-host');
    const refused = seedWith({ LOAD_LEASE_MS: '60000', LOAD_LOCK_WAIT_MS: '300' }, seedFile('refused', 2, 1));
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/another load is writing \(load:other-host/);
    await env.graph.scope().write((tx) => tx.run("MATCH (l:LedgerLock {id: 'writer'}) REMOVE l.owner, l.ownerHost, l.ownerPid, l.leaseUntil"));
  }, 300_000);
});
