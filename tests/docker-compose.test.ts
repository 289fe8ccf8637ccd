import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';

/** No Docker engine runs on our machines: the Compose file is checked with `docker-compose config` instead. */
describe('docker-compose.yml', () => {
  const hasCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;

  it.runIf(hasCompose || process.env['CI'] === 'true')('is valid Compose, with Neo4j 5.26 healthy before the API starts', () => {
    const result = spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NEO4J_PASSWORD: 'test-password' },
    });
    expect(result.stderr).not.toMatch(/ERROR/);
    expect(result.status).toBe(0);
    const config = result.stdout;
    expect(config).toMatch(/image: neo4j:5\.26-community/);
    expect(config).toMatch(/condition: service_healthy/);
    expect(config).toMatch(/NEO4J_URI: bolt:\/\/neo4j:7687/);
  });

  it('builds the API image in stages, as a non-root user, with production dependencies only', () => {
    const dockerfile = readFileSync(path.join(PROJECT_ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
  });
});
