import { describe, expect, it } from 'vitest';
import { CypherSpliceError } from '../../src/graph/cypher.js';
import {
  changesStatement,
  committedLoadsStatement,
  FEED_HEAD_STATEMENT,
  NO_CHANGE_FILTER,
  type ChangeFilter,
} from '../../src/graph/change-feed-statements.js';
import type { EntityKindName } from '../../src/model/kinds.js';
import { showStatement, HOSTILE_STRINGS } from './plans.js';

/**
 * The change feed's Cypher: committed changes in commit order, loads by commitSeq and each load's revisions by
 * _seq (both newest first for a backward page), the filter on the state after each change only when the filter
 * needs it. Answers are checked against a real Neo4j in tests/change-feed.test.ts.
 */

describe('change feed statements', () => {
  it('every change after a position, unfiltered: no state-after lookups before the limit', () => {
    const statement = changesStatement({ filter: NO_CHANGE_FILTER, after: { commit: 120, seq: 117 }, limit: 21 });
    expect(showStatement(statement)).toMatchSnapshot();
    expect(statement.cypher).not.toContain('afterFrom');
  });
  it("an entity's changes and its facts', of some kinds and types, in one load", () => {
    const filter: ChangeFilter = { entity: 'country:IRN', kinds: ['COUNTRY', 'ORGANIZATION'], types: ['MEMBER_OF'], load: 'load:20260101T000000Z-0a0b0c0d' };
    expect(showStatement(changesStatement({ filter, after: { commit: 0, seq: 0 }, limit: 1001 }))).toMatchSnapshot();
  });
  it('kinds alone: every end of a fact counts', () => {
    expect(showStatement(changesStatement({ filter: { ...NO_CHANGE_FILTER, kinds: ['TREATY'] }, after: { commit: 5, seq: 5 }, limit: 10 }))).toMatchSnapshot();
  });
  it("the newest changes touching an entity: newest first, the feed's head read first, one row even when none pass", () => {
    const statement = changesStatement({ filter: { ...NO_CHANGE_FILTER, entity: 'country:IRN' }, after: { commit: 0, seq: 0 }, limit: 21, backward: true });
    expect(showStatement(statement)).toMatchSnapshot();
    expect(statement.cypher).toContain('ORDER BY l.commitSeq DESC');
    expect(statement.cypher).toContain('RETURN r ORDER BY r._seq DESC');
  });
  it('a span between two positions, backward and forward: no head read, the same bounds', () => {
    const span = { filter: { ...NO_CHANGE_FILTER, types: ['MEMBER_OF'] }, after: { commit: 40, seq: 33 }, before: { commit: 90, seq: 87 }, limit: 6 };
    const backward = changesStatement({ ...span, backward: true });
    expect(showStatement(backward)).toMatchSnapshot();
    expect(backward.cypher).not.toContain('head');
    const forward = changesStatement(span);
    expect(forward.cypher).toBe(backward.cypher.replace(/ DESC/g, ''));
    expect(forward.params).toEqual(backward.params);
  });
  it('the loads left to read, and the head', () => {
    expect(showStatement(committedLoadsStatement({ commit: 40, seq: 33 }, 90, null, 100))).toMatchSnapshot();
    expect(showStatement(FEED_HEAD_STATEMENT)).toMatchSnapshot();
  });
});


describe('change feed: a request string never reaches Cypher text', () => {
  const filter = (s: (name: string) => string): ChangeFilter => ({
    entity: s('entity'),
    kinds: ['COUNTRY'],
    types: [s('type')],
    load: s('load'),
  });
  it('the same text whatever the strings, each a parameter', () => {
    const benign = changesStatement({ filter: filter((a) => `${a}-value`), after: { commit: 3, seq: 1 }, limit: 5 });
    for (const hostile of HOSTILE_STRINGS) {
      const statement = changesStatement({ filter: filter((a) => `${a}:${hostile}`), after: { commit: 3, seq: 1 }, limit: 5 });
      expect(statement.cypher).toBe(benign.cypher);
      expect(statement.cypher).not.toContain(hostile);
      const sent = Object.values(statement.params).flatMap((v) => (Array.isArray(v) ? v : [v]));
      for (const name of ['entity', 'type', 'load']) expect(sent).toContain(`${name}:${hostile}`);
      for (const backward of [true, false]) {
        for (const before of [null, { commit: 9, seq: 4 }]) {
          const args = { after: { commit: 3, seq: 1 }, before, limit: 5, backward };
          const text = changesStatement({ filter: filter((a) => `${a}-value`), ...args }).cypher;
          expect(changesStatement({ filter: filter((a) => `${a}:${hostile}`), ...args }).cypher).toBe(text);
        }
      }
      const loads = committedLoadsStatement({ commit: 1, seq: 1 }, 2, `load:${hostile}`, 10);
      expect(loads.cypher).toBe(committedLoadsStatement({ commit: 1, seq: 1 }, 2, 'load:x', 10).cypher);
    }
  });
  it('checks what shapes a statement: the limit', () => {
    for (const limit of [0, 1.5, -1, Number.NaN, 10 ** 9]) {
      expect(() => changesStatement({ filter: NO_CHANGE_FILTER, after: { commit: 0, seq: 0 }, limit }), String(limit)).toThrow(CypherSpliceError);
    }
    expect(() => changesStatement({ filter: { ...NO_CHANGE_FILTER, kinds: ['PLANET' as EntityKindName] }, after: { commit: 0, seq: 0 }, limit: 1 })).toThrow(CypherSpliceError);
  });
});
