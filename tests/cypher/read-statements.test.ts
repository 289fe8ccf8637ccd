import { describe, expect, it } from 'vitest';
import { BARE_RELATION_PLAN, EMPTY_ENTITY_PLAN, type RelationPlan } from '../../src/graph/plan.js';
import * as read from '../../src/graph/read-statements.js';
import { CITED_RELATION, COUNTRY_PLAN, DEEP_EDGE, FIRST_PAGE, showStatement } from './plans.js';

/**
 * The Cypher and parameters of each read for representative plans (as @neo4j/graphql's TCK tests do): a change
 * to a statement shows here as a diff to review. Answers are checked against a real Neo4j in tests/api-*.
 */

const ENDPOINT_EDGE: RelationPlan = { fields: ['type'], from: EMPTY_ENTITY_PLAN, to: EMPTY_ENTITY_PLAN, citations: false };

describe('entity, node and relation types', () => {
  it('reads only the id and kind of an entity when nothing else is selected', () => {
    expect(showStatement(read.entityStatement('country:IRN', EMPTY_ENTITY_PLAN))).toMatchSnapshot();
  });
  it('reads a whole selection in one statement: lists, hops in hops, guards by kind, citations', () => {
    expect(showStatement(read.entityStatement('country:IRN', COUNTRY_PLAN))).toMatchSnapshot();
  });
  it('reads a source and a fact by id', () => {
    expect(showStatement(read.sourceStatement('source:un-charter'))).toMatchSnapshot();
    expect(showStatement(read.factStatement('fact:irn-sco', CITED_RELATION))).toMatchSnapshot();
    expect(showStatement(read.factStatement('fact:irn-sco', BARE_RELATION_PLAN))).toMatchSnapshot();
  });
  it('counts facts by type', () => {
    expect(showStatement(read.relationTypesStatement())).toMatchSnapshot();
  });
});

describe('search', () => {
  it('sends the folded words as a Lucene query parameter, with and without kinds', () => {
    expect(showStatement(read.searchStatement({ text: 'Irán nuclear', kinds: null, first: 10 }, EMPTY_ENTITY_PLAN)!)).toMatchSnapshot();
    expect(showStatement(read.searchStatement({ text: 'shanghai', kinds: ['ORGANIZATION', 'TREATY'], first: 3 }, COUNTRY_PLAN)!)).toMatchSnapshot();
  });
  it('runs nothing for text without a word', () => {
    expect(read.searchStatement({ text: ' ~*?! ', kinds: null, first: 10 }, EMPTY_ENTITY_PLAN)).toBeUndefined();
  });
});

describe('neighborhood', () => {
  it('depth 1 without filters, edges bare', () => {
    const args = { id: 'country:IRN', depth: 1 as const, relationTypes: null, kinds: null, asOf: null, limit: 50 };
    expect(showStatement(read.neighborhoodStatement(args, { node: EMPTY_ENTITY_PLAN, edge: BARE_RELATION_PLAN }))).toMatchSnapshot();
  });
  it('depth 3 with every filter, edges joined to the nodes by id', () => {
    const args = { id: 'country:IRN', depth: 3 as const, relationTypes: ['BORDERS', 'MEMBER_OF'], kinds: ['COUNTRY' as const], asOf: '2020-01-01', limit: 25 };
    expect(showStatement(read.neighborhoodStatement(args, { node: EMPTY_ENTITY_PLAN, edge: ENDPOINT_EDGE }))).toMatchSnapshot();
  });
  it("depth 1 with edges reading their endpoints' names: the nodes read them, for the edges joined to them", () => {
    const args = { id: 'country:IRN', depth: 1 as const, relationTypes: null, kinds: null, asOf: null, limit: 5 };
    const named = { fields: ['name' as const], related: [] };
    const edge: RelationPlan = { fields: [], from: named, to: EMPTY_ENTITY_PLAN, citations: false };
    expect(showStatement(read.neighborhoodStatement(args, { node: EMPTY_ENTITY_PLAN, edge }))).toContain('RETURN n11 { .id, .kind, .name } ORDER BY i12');
  });
  it('depth 2 with endpoints that carry lists, projected in Cypher', () => {
    const args = { id: 'org:sco', depth: 2 as const, relationTypes: null, kinds: null, asOf: null, limit: 10 };
    expect(showStatement(read.neighborhoodStatement(args, { node: COUNTRY_PLAN, edge: DEEP_EDGE }))).toMatchSnapshot();
  });
});

describe('paths', () => {
  it('k shortest paths, with and without a type filter', () => {
    const plans = { node: EMPTY_ENTITY_PLAN, edge: ENDPOINT_EDGE };
    expect(showStatement(read.pathsStatement({ fromId: 'country:IRN', toId: 'country:USA', maxHops: 4, relationTypes: ['PARTY_TO'], first: 3 }, plans))).toMatchSnapshot();
    expect(showStatement(read.pathsStatement({ fromId: 'country:IRN', toId: 'country:USA', maxHops: 6, relationTypes: null, first: 1 }, { node: EMPTY_ENTITY_PLAN, edge: CITED_RELATION }))).toMatchSnapshot();
  });
});

describe('timeline', () => {
  it('between two dates (first and last day of each), and open-ended', () => {
    expect(showStatement(read.timelineStatement({ id: 'country:IRN', from: '2015', to: '2021-02', first: 50 }, CITED_RELATION))).toMatchSnapshot();
    expect(showStatement(read.timelineStatement({ id: 'country:IRN', from: null, to: null, first: 10 }, BARE_RELATION_PLAN))).toMatchSnapshot();
  });
});

describe('lists', () => {
  it('a first page by name, no filter, no total', () => {
    expect(showStatement(read.listStatement('COUNTRY', {}, FIRST_PAGE, EMPTY_ENTITY_PLAN))).toMatchSnapshot();
  });
  it('every filter, after a cursor, with the total counted in the same pass', () => {
    const filter = {
      ids: ['country:IRN', 'country:IRQ'],
      nameContains: 'Irán',
      region: 'Asia',
      subregion: 'Southern Asia',
      memberOf: 'org:sco',
      partyToTreatyWith: 'country:USA',
      neighborOf: 'country:IRQ',
      holdsPositionIn: 'org:un',
      hasMember: 'person:x',
      party: 'country:FRA',
      status: ['IN_FORCE'],
      signedFrom: '2015',
      signedTo: '2016-02',
    };
    const page = { ...FIRST_PAGE, sort: 'ID' as const, after: { key: 'country:IRN', id: 'country:IRN' }, withTotal: true };
    expect(showStatement(read.listStatement('COUNTRY', filter, page, COUNTRY_PLAN))).toMatchSnapshot();
  });
  it('a last page before a cursor, newest signature first (the order walked in reverse)', () => {
    const page = { ...FIRST_PAGE, sort: 'SIGNED_ON' as const, direction: 'DESC' as const, size: 5, backward: true, before: { key: '2015-07-14', id: 'treaty:jcpoa' } };
    expect(showStatement(read.listStatement('TREATY', { status: ['SIGNED', 'IN_FORCE'] }, page, EMPTY_ENTITY_PLAN))).toMatchSnapshot();
  });
});

describe('knownAt: the graph as known at an instant, from the ledger, in the same statement', () => {
  const T = '2026-11-30T12:00:00.000Z';
  it('an entity then: its hops, hops in hops and relations read then, from one ledger scope', () => {
    const statement = showStatement(read.entityStatement('country:IRN', COUNTRY_PLAN, T));
    expect(statement).toMatchSnapshot();
    // One scope for the whole selection: the loads and revisions are read once.
    expect(statement.match(/MATCH \(\w+:Load\)/g)).toHaveLength(1);
  });
  it('a relations field naming its own instant inside a read of now binds its own scope', () => {
    const plan = { fields: [], related: [{ ...COUNTRY_PLAN.related[0]!, knownAt: T }] } as const;
    expect(showStatement(read.entityStatement('country:IRN', { fields: [...plan.fields], related: [...plan.related] }))).toMatchSnapshot();
  });
  it('a fact then, a timeline then, with a rank selection', () => {
    expect(showStatement(read.factStatement('fact:irn-sco', CITED_RELATION, T))).toMatchSnapshot();
    expect(showStatement(read.timelineStatement({ id: 'country:IRN', from: '2001', to: null, rank: 'NON_DEPRECATED', knownAt: T, first: 20 }, CITED_RELATION))).toMatchSnapshot();
  });
  it('a neighborhood then: levels of ids, facts and entities as they were', () => {
    const args = { id: 'country:IRN', depth: 2 as const, relationTypes: ['BORDERS'], kinds: ['COUNTRY' as const], asOf: null, knownAt: T, limit: 25 };
    expect(showStatement(read.neighborhoodStatement(args, { node: EMPTY_ENTITY_PLAN, edge: ENDPOINT_EDGE }))).toMatchSnapshot();
  });
});
