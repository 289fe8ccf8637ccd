import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, inject } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { graphDigest, SEEDS_DIR, useEmptyGraph } from './setup/harness.js';

/** `npm run seed -- <files or folders…>`, as a data engineer runs it. */

function seed(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/seed/seed-cli.ts', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEO4J_URI: inject('neo4jUri') },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the seed command', () => {
  const env = useEmptyGraph();

  it('loads folders, reports counts and time, and says so when a second run changes nothing', () => {
    const first = seed(SEEDS_DIR);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/seed: 634 records in [\d.]+ s \(\d+ records\/s\)/);
    expect(first.stdout).toMatch(/created were: +257 entities, 373 facts, 4 sources/);
    const second = seed(SEEDS_DIR);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/unchanged: +257 entities, 373 facts, 4 sources/);
    expect(second.stdout).toMatch(/nothing changed/);
  });

  it('--dry-run reports and writes nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-cli-'));
    const file = path.join(dir, 'new.json');
    writeFileSync(file, JSON.stringify({ entities: [{ id: 'org:new', kind: 'ORGANIZATION', name: 'New' }] }));
    const before = await graphDigest(env.graph);
    const dry = seed('--dry-run', file);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/dry run, nothing written/);
    expect(dry.stdout).toMatch(/created would be: +1 entities/);
    expect(await graphDigest(env.graph)).toBe(before);
  });

  it('exits 1 with every error, its file and place, and writes nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-cli-'));
    const file = path.join(dir, 'bad.jsonl');
    writeFileSync(file, '{"entity": {"id": "org:a", "kind": "ORGANIZATION", "name": "A"}}\n{"fact": {"type": "X", "from": "org:a", "to": "org:b", "citations": []}}\nnot json\n');
    const before = await graphDigest(env.graph);
    const bad = seed(file);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/seed: 2 error\(s\); nothing was written\./);
    expect(bad.stdout).toMatch(/bad\.jsonl: line 2 \/fact\/citations: must NOT have fewer than 1 items/);
    expect(bad.stdout).toMatch(/bad\.jsonl: line 3: invalid JSON/);
    expect(await graphDigest(env.graph)).toBe(before);
  });

  it('exits 2 on usage errors', () => {
    expect(seed().status).toBe(2);
    expect(seed('/no/such/folder').stderr).toMatch(/no such file or folder/);
    expect(seed('--batch-size', 'zero', SEEDS_DIR).status).toBe(2);
  });
});
