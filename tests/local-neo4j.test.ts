import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, inject } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { startLocalNeo4j } from '../src/graph/local-neo4j.js';

/** The managed local Neo4j: reused when running, refused in one clear line when Java is missing. */
describe('the managed local Neo4j', () => {
  it('connects to a Neo4j already listening on its port instead of starting another', async () => {
    const uri = new URL(inject('neo4jUri'));
    const logs: string[] = [];
    const local = await startLocalNeo4j({ port: Number(uri.port), dataDir: '/nonexistent', heap: '1g', log: (l) => logs.push(l) });
    expect(local.startedHere).toBe(false);
    expect(local.uri).toBe(`bolt://127.0.0.1:${uri.port}`);
    expect(logs).toEqual([`neo4j-local: using the Neo4j already listening at ${local.uri}`]);
    await local.stop();
  });

  it('says in one line that Java is missing, and names the alternatives', () => {
    // A PATH holding node alone: no java, no mvn.
    const bin = mkdtempSync(path.join(os.tmpdir(), 'kg-nojava-'));
    symlinkSync(process.execPath, path.join(bin, 'node'));
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: PROJECT_ROOT,
      env: { PATH: bin, HOME: process.env['HOME'] ?? '/tmp', NEO4J_LOCAL_PORT: '1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^error: Java 17\+ is needed to run the local Neo4j, and `java` was not found\. Alternatives: run `docker compose up`, or set NEO4J_URI/);
  });
});
