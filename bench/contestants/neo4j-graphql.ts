import { Neo4jGraphQL } from '@neo4j/graphql';
import type { GraphQLSchema } from 'graphql';
import type { Driver } from 'neo4j-driver';

/**
 * @neo4j/graphql 7 over the same graph: entities are nodes labelled with their kind and :Entity, facts are :FACT
 * relationships with properties (its @relationshipProperties), search is its @fulltext over our `entity_search`
 * index. Each kind has `out` and `in` facts: the library has no undirected relationship field.
 */

const ENTITY_FIELDS = `
  id: ID!
  kind: String!
  name: String!
  aliases: [String!]
  description: String
  sortName: String`;

const FACT_FIELDS = `
  out: [Entity!]! @relationship(type: "FACT", direction: OUT, properties: "Fact")
  in: [Entity!]! @relationship(type: "FACT", direction: IN, properties: "Fact")`;

function kind(type: string, plural: string, extra = ''): string {
  return `type ${type} implements Entity @node(labels: ["${type}", "Entity"])
  @fulltext(indexes: [{ indexName: "entity_search", queryName: "search${plural}", fields: ["name", "aliasText"] }]) {${ENTITY_FIELDS}
  aliasText: String${extra}${FACT_FIELDS}
}`;
}

export const NEO4J_GRAPHQL_TYPE_DEFS = `#graphql
interface Entity {${ENTITY_FIELDS}
  out: [Entity!]! @declareRelationship
  in: [Entity!]! @declareRelationship
}

type Fact @relationshipProperties {
  id: ID!
  type: String!
  status: String
  startDate: String
  endDate: String
  validFrom: String
  validTo: String
  role: String
  summary: String
  sourceIds: [String!]
  quotes: [String!]
}

${kind('Country', 'Countries', `
  iso2: String
  iso3: String
  region: String
  subregion: String
  capitals: [String!]`)}
${kind('Person', 'People')}
${kind('Organization', 'Organizations')}
${kind('Treaty', 'Treaties', `
  status: String
  signedOn: String
  signedOnKey: String
  durationYears: Int
  clauses: [String!]`)}

type Source @node {
  id: ID!
  title: String!
  publisher: String
  publishedOn: String
  url: String
  section: String
  note: String
}
`;

export async function neo4jGraphqlSchema(driver: Driver): Promise<GraphQLSchema> {
  const lib = new Neo4jGraphQL({
    typeDefs: NEO4J_GRAPHQL_TYPE_DEFS,
    driver,
    // Dates are ISO strings; "valid on" and date ranges need string comparisons, off by default.
    features: { filters: { String: { LT: true, LTE: true, GT: true, GTE: true } } },
  });
  return lib.getSchema();
}
