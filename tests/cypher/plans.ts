import neo4j from 'neo4j-driver';
import type { Statement } from '../../src/graph/cypher.js';
import type { PageRequest } from '../../src/graph/paging.js';
import { BARE_RELATION_PLAN, EMPTY_ENTITY_PLAN, type EntityPlan, type RelationPlan } from '../../src/graph/plan.js';

/** Representative plans, as src/graphql/selection-plan.ts makes them for typical selections. */

/** `relations(…) { type startDate from { id } to { id } sources { id } }`. */
export const CITED_RELATION: RelationPlan = { fields: ['type', 'startDate'], from: EMPTY_ENTITY_PLAN, to: EMPTY_ENTITY_PLAN, citations: true };

/** Edges whose endpoints carry their own lists: projected in Cypher rather than joined to the nodes. */
export const DEEP_EDGE: RelationPlan = {
  fields: ['type'],
  from: {
    fields: ['name'],
    related: [
      { field: 'relations', key: '*.relations', guard: undefined, types: null, direction: 'BOTH', asOf: null, first: 2, relation: BARE_RELATION_PLAN },
    ],
  },
  to: undefined,
  citations: false,
};

/** A country's name and iso3 with its relations, its memberships (with each organization's members) and its treaties in force. */
export const COUNTRY_PLAN: EntityPlan = {
  fields: ['name', 'iso3'],
  related: [
    {
      field: 'relations',
      key: '*.relations',
      guard: undefined,
      types: ['MEMBER_OF'],
      direction: 'OUTGOING',
      asOf: '2020-01-01',
      first: 5,
      relation: CITED_RELATION,
    },
    {
      field: 'memberships',
      key: 'Country.memberships',
      guard: 'COUNTRY',
      asOf: null,
      status: null,
      first: 10,
      entity: {
        fields: ['name'],
        related: [
          {
            field: 'members',
            key: 'Organization.members',
            guard: undefined,
            asOf: null,
            status: null,
            first: 3,
            entity: EMPTY_ENTITY_PLAN,
            relation: BARE_RELATION_PLAN,
          },
        ],
      },
      relation: BARE_RELATION_PLAN,
    },
    {
      field: 'treaties',
      key: 'Country.treaties',
      guard: 'COUNTRY',
      asOf: '2015-06-01',
      status: ['IN_FORCE'],
      first: 20,
      entity: EMPTY_ENTITY_PLAN,
      relation: { fields: ['status', 'endDate'], from: undefined, to: EMPTY_ENTITY_PLAN, citations: false },
    },
  ],
};

export const FIRST_PAGE: PageRequest = {
  sort: 'NAME',
  direction: 'ASC',
  size: 20,
  backward: false,
  after: null,
  before: null,
  withTotal: false,
};

/** Statements as snapshots show them: the Cypher, then each parameter (integers marked, as they travel). */
export function showStatement(statement: Statement): string {
  const params = Object.entries(statement.params).map(
    ([name, value]) => `$${name} = ${neo4j.isInt(value) ? `${value.toString()} (integer)` : JSON.stringify(value)}`,
  );
  return `${statement.cypher}\n-- parameters --\n${params.join('\n')}`;
}

/** Strings that would break out of a Cypher literal, comment or pattern if they reached the text: every read must keep them parameters. */
export const HOSTILE_STRINGS: readonly string[] = [
  "x' OR 1=1 //",
  'x"}) MATCH (n) DETACH DELETE n //',
  'x`) DETACH DELETE n WITH 1 AS y MATCH (z:`Entity',
  'x} ]->() RETURN 1 UNION MATCH (n) RETURN n {',
  '$p0 */ /* {id: $p1}',
  'MATCH (n) DETACH DELETE n',
  'Irán ☃ 𝕏 \u202e\u0000 \\u0027 \n RETURN 1',
];
