import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';

/**
 * Imports only point down: src/http → src/graphql → src/seed → src/graph → what every layer shares (src/model,
 * config, logger, metrics, readiness). main.ts and startup.ts sit on top.
 */
const SRC = path.join(PROJECT_ROOT, 'src');
const RANKS: Record<string, number> = { 'main.ts': 0, 'startup.ts': 0, http: 1, graphql: 2, seed: 3, graph: 4 };
const SHARED = 5;

function rankOf(file: string): number {
  const top = path.relative(SRC, file).split(path.sep)[0]!;
  return RANKS[top] ?? SHARED;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

const IMPORT = /^(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/gm;

describe('layers', () => {
  it('imports only point down the list, or stay within a layer', () => {
    const upward: string[] = [];
    for (const file of sources(SRC)) {
      for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const target = path.resolve(path.dirname(file), match[1]!.replace(/\.js$/, '.ts'));
        const [from, to] = [rankOf(file), rankOf(target)];
        if (to < from) {
          upward.push(`${path.relative(SRC, file)} → ${path.relative(SRC, target)}`);
        }
      }
    }
    expect(upward).toEqual([]);
  });

  it('keeps plugins free of resolver modules (what both need lives below them)', () => {
    const plugins = sources(path.join(SRC, 'graphql', 'plugins'));
    const offenders = plugins.filter((f) => /from '\.\.\/resolvers\//.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
