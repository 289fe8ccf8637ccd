import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT } from '../src/config.js';
import { ARGUMENT_BOUNDS, boundedArg, boundedArguments, boundOf, omittedValue, type ArgumentBound } from '../src/graphql/bounds.js';

/** The argument bounds are written once (src/graphql/bounds.ts); schema.graphql's descriptions must tell them. */
describe('argument bounds', () => {
  const schema = buildSchema(readFileSync(path.join(PROJECT_ROOT, 'schema.graphql'), 'utf8'));
  const { limits } = loadConfig({});

  const table: [string, ArgumentBound][] = Object.entries(ARGUMENT_BOUNDS);
  for (const [name, bound] of table) {
    describe(name, () => {
      const uses = [...boundedArguments(schema, bound)];
      const max = bound.max(limits);

      it('bounds an argument of every field it names', () => {
        const named = bound.fields.filter((f) => !f.startsWith('*.'));
        expect(uses.map((u) => `${u.type}.${u.field}`)).toEqual(expect.arrayContaining(named));
        expect(uses.length).toBeGreaterThan(0);
      });

      it(`is described as (${bound.min}-${max}) in schema.graphql, with what omitting it means`, () => {
        for (const { type, field, argument } of uses) {
          const where = `${type}.${field}(${argument.name})`;
          expect(argument.description, where).toContain(`(${bound.min}-${max})`);
          if (bound.whenOmitted === 'max') expect(argument.description, where).toContain(`up to ${bound.limit} (${max}) when omitted`);
          if (typeof bound.whenOmitted === 'number') expect(argument.description, where).toContain(`${bound.whenOmitted} when`);
        }
      });

      it('has one default, in schema.graphql, within its bounds, unless the table says what omitting it means', () => {
        const defaults = new Set(uses.map((u) => u.argument.defaultValue));
        expect(defaults.size).toBe(1);
        const [value] = defaults;
        if (bound.whenOmitted === undefined) {
          expect(typeof value).toBe('number');
          expect(omittedValue(bound, limits)).toBe(value);
          expect(boundedArg(bound, null, limits)).toBe(value);
        } else {
          // first and last exclude each other, and "all up to the setting" depends on configuration.
          expect(value).toBeUndefined();
        }
        expect(omittedValue(bound, limits)).toBeGreaterThanOrEqual(bound.min);
        expect(omittedValue(bound, limits)).toBeLessThanOrEqual(max);
      });
    });
  }

  it('refuses a value out of bounds with the argument named, and keeps one within', () => {
    const bound = ARGUMENT_BOUNDS.pathsFirst;
    expect(boundedArg(bound, limits.maxPaths, limits)).toBe(limits.maxPaths);
    expect(() => boundedArg(bound, limits.maxPaths + 1, limits)).toThrow(`Argument "first" must be between 1 and ${limits.maxPaths}, got ${limits.maxPaths + 1}`);
    expect(() => boundedArg(bound, 0, limits)).toThrow('must be between 1 and');
  });

  it('finds the bound of an argument by where it stands, telling Country.treaties from Query.treaties', () => {
    expect(boundOf('Query', 'treaties', 'first')).toBe(ARGUMENT_BOUNDS.connectionFirst);
    expect(boundOf('Country', 'treaties', 'first')).toBe(ARGUMENT_BOUNDS.hopFirst);
    expect(boundOf('Entity', 'relations', 'first')).toBe(ARGUMENT_BOUNDS.relationsFirst);
    expect(boundOf('Query', 'search', 'text')).toBeUndefined();
  });

  it('caps the neighborhood depth at 3 whatever MAX_NEIGHBORHOOD_DEPTH says', () => {
    const deep = loadConfig({ MAX_NEIGHBORHOOD_DEPTH: '9' }).limits;
    expect(ARGUMENT_BOUNDS.neighborhoodDepth.max(deep)).toBe(3);
  });
});
