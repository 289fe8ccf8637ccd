import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { CypherBuilder, CypherSpliceError, factType, int, label } from '../../src/graph/cypher.js';
import { ENTITY_KIND_NAMES, type EntityKindName } from '../../src/model/kinds.js';

describe('the checked Cypher splices', () => {
  it('writes labels from the kinds table and refuses anything else', () => {
    expect(ENTITY_KIND_NAMES.map(label)).toEqual([':Country', ':Person', ':Organization', ':Treaty']);
    expect(label('ENTITY')).toBe(':Entity');
    for (const bad of ['Country', 'COUNTRY:Entity', 'toString', '__proto__']) {
      expect(() => label(bad as EntityKindName), bad).toThrow(CypherSpliceError);
    }
  });

  it('writes fact types from the fact types table as string literals', () => {
    expect(factType('MEMBER_OF')).toBe("'MEMBER_OF'");
    expect(() => factType("MEMBER_OF' OR true OR '" as 'MEMBER_OF')).toThrow(CypherSpliceError);
  });

  it('writes integers within their range and says what it expected', () => {
    expect(int(3, 1, 6)).toBe('3');
    expect(() => int(7, 1, 6)).toThrow('expected an integer from 1 to 6, got 7');
    expect(() => int(2.5, 1, 6)).toThrow('got 2.5');
    expect(() => int(Number.NaN, 1, 6)).toThrow('got NaN');
  });

  it('names parameters and variables uniquely in a statement, integers as Cypher integers', () => {
    const b = new CypherBuilder();
    expect([b.param('a'), b.intParam(5), b.variable('v'), b.variable('v'), b.param(['x'])]).toEqual(['$p0', '$p1', 'v0', 'v1', '$p2']);
    expect(b.params).toEqual({ p0: 'a', p1: neo4j.int(5), p2: ['x'] });
    expect(() => b.intParam(0.5)).toThrow(CypherSpliceError);
  });
});
