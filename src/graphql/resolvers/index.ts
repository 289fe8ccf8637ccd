import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import type { Resolvers } from '../generated/resolvers-types.js';
import { changeResolvers } from './change-resolvers.js';
import { facetResolvers } from './facet-resolvers.js';
import { ledgerResolvers } from './ledger-resolvers.js';
import { mutationResolvers } from './mutation-resolvers.js';
import { queryResolvers } from './query-resolvers.js';
import { rankResolvers } from './rank-resolvers.js';
import { typeResolvers } from './type-resolvers.js';

function literalValue(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.NULL:
      return null;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.STRING:
    case Kind.BOOLEAN:
    case Kind.ENUM:
      return node.value;
    case Kind.LIST:
      return node.values.map(literalValue);
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literalValue(f.value)]));
    case Kind.VARIABLE:
      throw new TypeError('variables inside JSON literals are not supported; pass the whole JSON as a variable');
  }
}

/** Any JSON value, passed through as is. */
const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literalValue,
});

/** Resolver maps side by side: the ledger's fields join the types the other maps resolve. */
function merge(...maps: Resolvers[]): Resolvers {
  const out: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      const existing = out[type];
      out[type] = existing !== undefined && typeof fields === 'object' && !(fields instanceof GraphQLScalarType)
        ? { ...(existing as object), ...(fields as object) }
        : fields;
    }
  }
  return out as Resolvers;
}

export const resolvers: Resolvers = merge(
  { ...typeResolvers, JSON: JSONScalar, Query: queryResolvers, Mutation: mutationResolvers },
  ledgerResolvers,
  { Query: facetResolvers },
  changeResolvers,
  rankResolvers,
);
