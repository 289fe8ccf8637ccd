import { describe, expect, it } from 'vitest';
import { CypherSpliceError, type Statement } from '../../src/graph/cypher.js';
import type { EntityKindName } from '../../src/model/kinds.js';
import type { PageRequest, SortField } from '../../src/graph/paging.js';
import { EMPTY_ENTITY_PLAN, type EntityPlan, type RelationPlan } from '../../src/graph/plan.js';
import {
  entityStatement,
  factStatement,
  listStatement,
  neighborhoodStatement,
  pathsStatement,
  searchStatement,
  sourceStatement,
  timelineStatement,
  type EntityFilter,
} from '../../src/graph/read-statements.js';
import { luceneQuery } from '../../src/graph/lucene.js';
import { foldText } from '../../src/model/text.js';
import { FIRST_PAGE, HOSTILE_STRINGS } from './plans.js';

/**
 * No string from a request ever reaches Cypher text: with hostile strings in every string argument of every
 * read (ids, dates, filters, cursors, and the arguments a selection's plan carries), the statement's text is
 * the same as with harmless ones, and the strings travel as parameters.
 */


/** A read written with every string from `s`, which gives each argument its own value. */
type Read = (s: (name: string) => string) => Statement;

/** A relation plan holds no request value: only what is selected. */
const relation: RelationPlan = { fields: ['type', 'summary'], from: EMPTY_ENTITY_PLAN, to: EMPTY_ENTITY_PLAN, citations: true };

/** An entity plan carries its lists' arguments. */
function entityPlan(s: (name: string) => string): EntityPlan {
  return {
    fields: ['name'],
    related: [
      { field: 'relations', key: s('relationsAlias'), guard: undefined, types: [s('relationsType')], direction: 'BOTH', asOf: s('relationsAsOf'), first: 3, relation },
      {
        field: 'treaties',
        key: s('treatiesAlias'),
        guard: 'COUNTRY',
        asOf: s('treatiesAsOf'),
        status: [s('treatiesStatus')],
        first: 3,
        entity: EMPTY_ENTITY_PLAN,
        relation,
      },
    ],
  };
}

function filter(s: (name: string) => string): EntityFilter {
  const names = ['nameContains', 'region', 'subregion', 'memberOf', 'partyToTreatyWith', 'neighborOf', 'holdsPositionIn', 'hasMember', 'signedFrom', 'signedTo', 'party'] as const;
  return { ...Object.fromEntries(names.map((n) => [n, s(n)])), ids: [s('ids')], status: [s('status')] };
}

function page(s: (name: string) => string, withTotal: boolean): PageRequest {
  return { ...FIRST_PAGE, after: { key: s('afterKey'), id: s('afterId') }, before: { key: s('beforeKey'), id: s('beforeId') }, withTotal };
}

const READS: Record<string, Read> = {
  entity: (s) => entityStatement(s('id'), entityPlan(s)),
  source: (s) => sourceStatement(s('id')),
  fact: (s) => factStatement(s('id'), relation),
  search: (s) => searchStatement({ text: `find ${s('text')}`, kinds: [s('kind') as EntityKindName], first: 10 }, entityPlan(s))!,
  neighborhood: (s) =>
    neighborhoodStatement(
      { id: s('id'), depth: 3, relationTypes: [s('type')], kinds: [s('kind') as EntityKindName], asOf: s('asOf'), limit: 10 },
      { node: entityPlan(s), edge: relation },
    ),
  paths: (s) =>
    pathsStatement(
      { fromId: s('fromId'), toId: s('toId'), maxHops: 3, relationTypes: [s('type')], first: 2 },
      { node: entityPlan(s), edge: relation },
    ),
  timeline: (s) => timelineStatement({ id: s('id'), from: s('from'), to: s('to'), first: 10 }, relation),
  list: (s) => listStatement('COUNTRY', filter(s), page(s, false), entityPlan(s)),
  listWithTotal: (s) => listStatement('TREATY', filter(s), page(s, true), entityPlan(s)),
};

/** The parameters' values, every string among them. */
function paramStrings(statement: Statement): string[] {
  return Object.values(statement.params).flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is string => typeof v === 'string');
}

/** Arguments a read compares in another form, and the form it sends. */
const SENT_AS: Record<string, (value: string) => string> = {
  nameContains: foldText,
  region: (v) => v.toLowerCase(),
  subregion: (v) => v.toLowerCase(),
  text: (v) => luceneQuery(`find ${v}`)!,
};

describe('a request string never reaches Cypher text', () => {
  for (const [name, read] of Object.entries(READS)) {
    it(`${name}: the same text whatever the strings, each string a parameter`, () => {
      const benign = read((arg) => `${arg}-value`);
      for (const hostile of HOSTILE_STRINGS) {
        const given = new Map<string, string>();
        const statement = read((arg) => {
          given.set(arg, `${arg}:${hostile}`);
          return `${arg}:${hostile}`;
        });
        expect(statement.cypher, hostile).toBe(benign.cypher);
        expect(statement.cypher).not.toContain(hostile);
        expect(statement.cypher).not.toMatch(/DETACH|\/\/|`/);
        const sent = paramStrings(statement);
        for (const [arg, value] of given) {
          // A plan's response keys only name where hydration keeps a list; they are not sent at all.
          if (arg.endsWith('Alias')) continue;
          expect(sent, `${name}: ${arg}`).toContain((SENT_AS[arg] ?? ((v: string) => v))(value));
        }
      }
    });
  }

  it('checks the texts that cannot be parameters against their tables', () => {
    const hostileKind = 'COUNTRY) DETACH DELETE (n' as EntityKindName;
    expect(() => listStatement(hostileKind, {}, FIRST_PAGE, EMPTY_ENTITY_PLAN)).toThrow(CypherSpliceError);
    expect(() => listStatement('COUNTRY', {}, { ...FIRST_PAGE, sort: 'NAME, n.x' as SortField }, EMPTY_ENTITY_PLAN)).toThrow(CypherSpliceError);
    // A direction is only compared, never spliced: anything but ASC reads as DESC.
    const odd = listStatement('COUNTRY', {}, { ...FIRST_PAGE, direction: 'ASC; DROP' as 'ASC' }, EMPTY_ENTITY_PLAN);
    expect(odd.cypher).not.toContain('DROP');
  });

  it('splices path bounds only as integers within range', () => {
    const plansOf = { node: EMPTY_ENTITY_PLAN, edge: { fields: [], from: undefined, to: undefined, citations: false } };
    const args = { fromId: 'a', toId: 'b', maxHops: 3, relationTypes: null, first: 2 };
    for (const bad of [Number.NaN, 2.5, 0, -1, Number.POSITIVE_INFINITY, 2 ** 31, Number('3}]-(x) DETACH DELETE x')]) {
      expect(() => pathsStatement({ ...args, maxHops: bad }, plansOf), String(bad)).toThrow(CypherSpliceError);
      expect(() => pathsStatement({ ...args, first: bad }, plansOf), String(bad)).toThrow(CypherSpliceError);
    }
    expect(() => neighborhoodStatement({ id: 'a', depth: 4 as 3, relationTypes: null, kinds: null, asOf: null, limit: 5 }, plansOf)).toThrow(CypherSpliceError);
    expect(() => timelineStatement({ id: 'a', from: null, to: null, first: 1.5 }, plansOf.edge)).toThrow(CypherSpliceError);
  });
});
