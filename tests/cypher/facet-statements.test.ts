import { describe, expect, it } from 'vitest';
import { CypherSpliceError } from '../../src/graph/cypher.js';
import { FACET_DIMENSIONS, facetsStatement, type FacetDimension, type FacetFilter } from '../../src/graph/facet-statements.js';
import type { EntityKindName } from '../../src/model/kinds.js';
import { showStatement, HOSTILE_STRINGS } from './plans.js';

/**
 * The Cypher of `facets` for each way of choosing facts, with every dimension: one statement, the facts
 * selected once, each dimension a subquery over them; with knownAt, the same over the facts as they were then.
 * Answers are checked against a real Neo4j in tests/api-facets.test.ts (and, with knownAt, tests/known-at.test.ts).
 */

const NO_FILTER: FacetFilter = { entity: null, direction: 'BOTH', depth: null, types: null, kinds: null, from: null, to: null, asOf: null, rank: 'BEST', knownAt: null };
const ALL = [...FACET_DIMENSIONS];

describe('facets statements', () => {
  it('over the whole graph, every dimension', () => {
    expect(showStatement(facetsStatement({ where: NO_FILTER, by: ALL, top: 10 }))).toMatchSnapshot();
  });
  it("over an entity's outgoing facts, with every filter", () => {
    const where: FacetFilter = {
      ...NO_FILTER,
      entity: 'country:IRN',
      direction: 'OUTGOING',
      types: ['MEMBER_OF', 'PARTY_TO'],
      kinds: ['ORGANIZATION', 'TREATY'],
      from: '2015',
      to: '2021-09',
      asOf: '2020-01-01',
      rank: 'NON_DEPRECATED',
    };
    expect(showStatement(facetsStatement({ where, by: ['YEAR', 'OTHER_ENTITY'], top: 5 }))).toMatchSnapshot();
  });
  it('counts the best-ranked facts by default, as reads return them, and every fact with rank ALL', () => {
    const entity = { ...NO_FILTER, entity: 'country:IRN' };
    expect(facetsStatement({ where: entity, by: ['RANK'], top: 3 }).cypher).toContain('.outranked IS NULL');
    expect(facetsStatement({ where: { ...entity, rank: 'ALL' }, by: ['RANK'], top: 3 }).cypher).not.toMatch(/outranked|DEPRECATED/);
  });
  it('over a depth-2 neighborhood, followed by type and date, entities kept by kind', () => {
    const where: FacetFilter = { ...NO_FILTER, entity: 'org:sco', depth: 2, types: ['MEMBER_OF'], kinds: ['COUNTRY'], asOf: '2022-01-01' };
    expect(showStatement(facetsStatement({ where, by: ['OTHER_KIND', 'SOURCE'], top: 3 }))).toMatchSnapshot();
  });
});

describe('facets statements as known at an instant', () => {
  const T = '2026-11-30T12:00:00.000Z';
  it('over the whole graph, every dimension, kinds of both ends then', () => {
    expect(showStatement(facetsStatement({ where: { ...NO_FILTER, kinds: ['COUNTRY'], knownAt: T }, by: ALL, top: 10 }))).toMatchSnapshot();
  });
  it("over an entity's outgoing facts, with every filter", () => {
    const where: FacetFilter = {
      ...NO_FILTER,
      entity: 'country:IRN',
      direction: 'OUTGOING',
      types: ['MEMBER_OF', 'PARTY_TO'],
      kinds: ['ORGANIZATION', 'TREATY'],
      from: '2015',
      to: '2021-09',
      asOf: '2020-01-01',
      rank: 'NON_DEPRECATED',
      knownAt: T,
    };
    expect(showStatement(facetsStatement({ where, by: ['YEAR', 'OTHER_KIND', 'OTHER_ENTITY'], top: 5 }))).toMatchSnapshot();
  });
  it('over a depth-2 neighborhood, followed by type, date and best rank then, entities kept by kind then', () => {
    const where: FacetFilter = { ...NO_FILTER, entity: 'org:sco', depth: 2, types: ['MEMBER_OF'], kinds: ['COUNTRY'], asOf: '2022-01-01', knownAt: T };
    expect(showStatement(facetsStatement({ where, by: ['OTHER_KIND', 'SOURCE', 'OTHER_ENTITY'], top: 3 }))).toMatchSnapshot();
  });
  it('binds the ledger scope once, and the default statement reads no ledger', () => {
    for (const where of [NO_FILTER, { ...NO_FILTER, entity: 'country:IRN' }, { ...NO_FILTER, entity: 'country:IRN', depth: 3 }]) {
      const then = facetsStatement({ where: { ...where, knownAt: T }, by: ALL, top: 10 });
      expect(then.cypher.match(/:Load\)/g)).toHaveLength(1);
      expect(Object.values(then.params)).toContain(T);
      expect(facetsStatement({ where, by: ALL, top: 10 }).cypher).not.toMatch(/Revision|:Load/);
    }
  });
});

describe('facets: a request string never reaches Cypher text', () => {
  const filter = (s: (name: string) => string, depth: number | null, knownAt: string | null = null): FacetFilter => ({
    entity: s('entity'),
    direction: 'BOTH',
    depth,
    types: [s('type')],
    kinds: [s('kind') as EntityKindName],
    from: '2015',
    to: '2016',
    asOf: s('asOf'),
    rank: 'BEST',
    knownAt: knownAt === null ? null : s(knownAt),
  });
  for (const knownAt of [null, 'knownAt']) {
    for (const depth of [null, 3]) {
      it(`the same text whatever the strings, each a parameter (depth ${String(depth)}${knownAt === null ? '' : ', knownAt'})`, () => {
        const benign = facetsStatement({ where: filter((a) => `${a}-value`, depth, knownAt), by: ALL, top: 10 });
        for (const hostile of HOSTILE_STRINGS) {
          const statement = facetsStatement({ where: filter((a) => `${a}:${hostile}`, depth, knownAt), by: ALL, top: 10 });
          expect(statement.cypher).toBe(benign.cypher);
          expect(statement.cypher).not.toContain(hostile);
          const sent = Object.values(statement.params).flatMap((v) => (Array.isArray(v) ? v : [v]));
          for (const name of ['entity', 'type', 'kind', 'asOf', ...(knownAt === null ? [] : [knownAt])]) expect(sent).toContain(`${name}:${hostile}`);
        }
      });
    }
  }

  it('checks what cannot be a parameter: dimensions, depth and top', () => {
    const bad = 'FACT_TYPE} RETURN 1 //' as FacetDimension;
    expect(() => facetsStatement({ where: NO_FILTER, by: [bad], top: 10 })).toThrow(CypherSpliceError);
    expect(() => facetsStatement({ where: { ...NO_FILTER, entity: 'a', depth: 4 }, by: ALL, top: 10 })).toThrow(CypherSpliceError);
    expect(() => facetsStatement({ where: { ...NO_FILTER, depth: 2 }, by: ALL, top: 10 })).toThrow(CypherSpliceError);
    const then = { ...NO_FILTER, knownAt: '2026-11-30T12:00:00.000Z' };
    expect(() => facetsStatement({ where: then, by: [bad], top: 10 })).toThrow(CypherSpliceError);
    expect(() => facetsStatement({ where: { ...then, entity: 'a', depth: 4 }, by: ALL, top: 10 })).toThrow(CypherSpliceError);
    expect(() => facetsStatement({ where: { ...then, depth: 2 }, by: ALL, top: 10 })).toThrow(CypherSpliceError);
    expect(() => facetsStatement({ where: then, by: ALL, top: -1 })).toThrow(CypherSpliceError);
    for (const top of [Number.NaN, 1.5, -1, 2 ** 31]) {
      expect(() => facetsStatement({ where: NO_FILTER, by: ALL, top }), String(top)).toThrow(CypherSpliceError);
    }
  });
});
