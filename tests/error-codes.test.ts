import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { ARGUMENT_BOUNDS } from '../src/graphql/bounds.js';
import { ERROR_CODES, type ErrorCode } from '../src/graphql/error-codes.js';

const HEADER = '| Code | Status (`graphql-response+json` / `json`) | Limit | Meaning |';

/** The settings a code names in `extensions.limit`: BAD_USER_INPUT names those of the argument bounds. */
function limitsOf(code: ErrorCode): string[] {
  if (code === 'BAD_USER_INPUT') return [...new Set(Object.values(ARGUMENT_BOUNDS).map((b) => b.limit))];
  return [...ERROR_CODES[code].limits];
}

/** The README row of a code, as src/graphql/error-codes.ts says it. */
function row(code: ErrorCode): string {
  const { status, jsonStatus, meaning } = ERROR_CODES[code];
  const statuses = status === jsonStatus ? String(status) : `${status} / ${jsonStatus}`;
  const limits = limitsOf(code).map((l) => `\`${l}\``).join(', ') || '—';
  return `| \`${code}\` | ${statuses} | ${limits} | ${meaning} |`;
}

describe('error codes', () => {
  it("README's table lists every code the API answers, with the status, limits and meaning of src/graphql/error-codes.ts", () => {
    const lines = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8').split('\n');
    const start = lines.indexOf(HEADER);
    expect(start, 'the error table in README.md').toBeGreaterThan(0);
    const end = lines.findIndex((l, i) => i > start + 1 && !l.startsWith('|'));
    const rows = lines.slice(start + 2, end);
    expect(rows).toEqual((Object.keys(ERROR_CODES) as ErrorCode[]).map(row));
  });

  it('answers well-formed request errors 200 to application/json clients and the statuses of GraphQL over HTTP otherwise', () => {
    for (const [code, spec] of Object.entries(ERROR_CODES)) {
      if (spec.status !== spec.jsonStatus) expect([code, spec.status, spec.jsonStatus]).toEqual([code, 400, 200]);
      if (spec.outcome === 'refused') expect(spec.limits.length, code).toBeGreaterThan(0);
    }
  });
});
