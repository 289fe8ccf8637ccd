import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../src/graph/local-neo4j.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
  }
}

let local: LocalNeo4j | undefined;
let dataDir: string | undefined;

/** A real Neo4j for the run: NEO4J_URI when set, else a throwaway local server on a free port. */
export async function setup(project: TestProject): Promise<void> {
  if (process.env['NEO4J_URI']) {
    project.provide('neo4jUri', process.env['NEO4J_URI']);
    return;
  }
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kg-neo4j-test-'));
  local = await startLocalNeo4j({ port: await freePort(), dataDir, heap: '2g', log: (l) => console.error(l) });
  project.provide('neo4jUri', local.uri);
}

export async function teardown(): Promise<void> {
  await local?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
