import { buildASTSchema, isInterfaceType, isObjectType, type GraphQLArgument, type GraphQLError, type GraphQLSchema } from 'graphql';
import type { Limits } from '../config.js';
import { MAX_NEIGHBORHOOD_DEPTH } from '../graph/read-statements.js';
import { badInput, httpOf } from './errors.js';
import { typeDefs } from './schema.js';

/**
 * The bounds of numeric arguments: one table, read by the limits plugin (before anything runs), by the resolvers
 * and by the selection planner. Defaults live in schema.graphql; tests/bounds.test.ts checks that its
 * descriptions state these ranges.
 */

/** The settings that bound arguments (config.ts reads them), named in `extensions.limit` of a refusal. */
export type BoundLimit =
  | 'MAX_PAGE_SIZE'
  | 'MAX_SEARCH_RESULTS'
  | 'MAX_NEIGHBORHOOD_DEPTH'
  | 'MAX_NEIGHBORHOOD_NODES'
  | 'MAX_PATH_HOPS'
  | 'MAX_PATHS';

export interface ArgumentBound {
  /** The fields that take the argument, as `Type.field`; `*.field` for every type that has the field. */
  fields: readonly string[];
  argument: string;
  min: number;
  /** The largest value allowed, from the configuration. */
  max: (limits: Limits) => number;
  /** The setting that sets `max`. */
  limit: BoundLimit;
  /**
   * The value when the argument is omitted or null, for arguments the schema cannot give a default: a
   * connection's page (`first` and `last` exclude each other), or everything up to `max` (a configured value).
   * Without it, the schema's default applies.
   */
  whenOmitted?: number | 'max';
}

const CONNECTIONS = [
  'Query.countries',
  'Query.people',
  'Query.organizations',
  'Query.treaties',
  // The load ledger's connections: loads, a load's changes, a record's history.
  'Query.loads',
  'Load.changes',
  '*.history',
  // The change feed, in commit order.
  'Query.changes',
];
/** Typed hops: an entity's related entities of one kind, each with the fact that relates them. */
const HOPS = [
  'Country.neighbors',
  'Country.memberships',
  'Country.treaties',
  'Country.officials',
  'Person.positions',
  'Organization.members',
  'Organization.leaders',
  'Treaty.parties',
];
const pageSize = (l: Limits): number => l.maxPageSize;
/** A connection's page when neither `first` nor `last` is given. */
const CONNECTION_PAGE = 20;

export const ARGUMENT_BOUNDS = {
  connectionFirst: { fields: CONNECTIONS, argument: 'first', min: 0, max: pageSize, limit: 'MAX_PAGE_SIZE', whenOmitted: CONNECTION_PAGE },
  connectionLast: { fields: CONNECTIONS, argument: 'last', min: 0, max: pageSize, limit: 'MAX_PAGE_SIZE', whenOmitted: CONNECTION_PAGE },
  conflictsFirst: { fields: ['Query.conflicts'], argument: 'first', min: 0, max: pageSize, limit: 'MAX_PAGE_SIZE', whenOmitted: CONNECTION_PAGE },
  relationsFirst: { fields: ['*.relations'], argument: 'first', min: 0, max: pageSize, limit: 'MAX_PAGE_SIZE' },
  hopFirst: { fields: HOPS, argument: 'first', min: 1, max: pageSize, limit: 'MAX_PAGE_SIZE', whenOmitted: 'max' },
  timelineFirst: { fields: ['Query.timeline'], argument: 'first', min: 1, max: pageSize, limit: 'MAX_PAGE_SIZE', whenOmitted: 'max' },
  searchFirst: { fields: ['Query.search'], argument: 'first', min: 1, max: (l) => l.maxSearchResults, limit: 'MAX_SEARCH_RESULTS' },
  // The neighborhood statement is written for depths up to 3, whatever the setting.
  neighborhoodDepth: {
    fields: ['Query.neighborhood'],
    argument: 'depth',
    min: 1,
    max: (l) => Math.min(MAX_NEIGHBORHOOD_DEPTH, l.maxNeighborhoodDepth),
    limit: 'MAX_NEIGHBORHOOD_DEPTH',
  },
  neighborhoodLimit: { fields: ['Query.neighborhood'], argument: 'limit', min: 1, max: (l) => l.maxNeighborhoodNodes, limit: 'MAX_NEIGHBORHOOD_NODES' },
  pathsMaxHops: { fields: ['Query.paths'], argument: 'maxHops', min: 1, max: (l) => l.maxPathHops, limit: 'MAX_PATH_HOPS' },
  pathsFirst: { fields: ['Query.paths'], argument: 'first', min: 1, max: (l) => l.maxPaths, limit: 'MAX_PATHS' },
  // A facet's buckets are a page of counts.
  facetsTop: { fields: ['Query.facets'], argument: 'top', min: 1, max: pageSize, limit: 'MAX_PAGE_SIZE' },
} as const satisfies Record<string, ArgumentBound>;

const ALL_BOUNDS: readonly ArgumentBound[] = Object.values(ARGUMENT_BOUNDS);

/** True when a bound applies to this field of this type. */
export function boundsField(bound: ArgumentBound, parentType: string, field: string): boolean {
  return bound.fields.includes(`${parentType}.${field}`) || bound.fields.includes(`*.${field}`);
}

/** The bound of an argument of a field, if it has one. */
export function boundOf(parentType: string, field: string, argument: string): ArgumentBound | undefined {
  return ALL_BOUNDS.find((b) => b.argument === argument && boundsField(b, parentType, field));
}

/** Every argument a bound applies to in this schema: the bounded field's type, name and argument definition. */
export function* boundedArguments(
  schema: GraphQLSchema,
  bound: ArgumentBound,
): Generator<{ type: string; field: string; argument: GraphQLArgument }> {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (!boundsField(bound, type.name, field.name)) continue;
      const argument = field.args.find((a) => a.name === bound.argument);
      if (argument) yield { type: type.name, field: field.name, argument };
    }
  }
}

/** The schema's default of a bounded argument (the same on every field it bounds: tests/bounds.test.ts). */
function schemaDefault(schema: GraphQLSchema, bound: ArgumentBound): number | undefined {
  for (const { argument } of boundedArguments(schema, bound)) {
    if (typeof argument.defaultValue === 'number') return argument.defaultValue;
  }
  return undefined;
}

const SCHEMA = buildASTSchema(typeDefs);
const DEFAULTS = new Map<ArgumentBound, number | undefined>(ALL_BOUNDS.map((b) => [b, schemaDefault(SCHEMA, b)]));

/** What a bounded argument comes to when omitted (or null): the table's rule, else the schema's default. */
export function omittedValue(bound: ArgumentBound, limits: Limits): number {
  if (bound.whenOmitted === 'max') return bound.max(limits);
  if (bound.whenOmitted !== undefined) return bound.whenOmitted;
  const value = DEFAULTS.get(bound);
  if (value === undefined) throw new Error(`internal: ${bound.fields.join(', ')}(${bound.argument}) has no default in schema.graphql`);
  return value;
}

/** An argument out of its bounds; `refusedEarly` adds the limit's name and value (the limits plugin's refusal). */
export function outOfBounds(bound: ArgumentBound, value: number, limits: Limits, refusedEarly = false): GraphQLError {
  const max = bound.max(limits);
  const extensions = refusedEarly ? { limit: bound.limit, max, found: value, http: httpOf('BAD_USER_INPUT') } : {};
  return badInput(bound.argument, `must be between ${bound.min} and ${max}, got ${value}`, extensions);
}

/** True when a value keeps to its bound. */
export function withinBounds(bound: ArgumentBound, value: number, limits: Limits): boolean {
  return value >= bound.min && value <= bound.max(limits);
}

/** A bounded argument's value: checked, or what it comes to when omitted. */
export function boundedArg(bound: ArgumentBound, value: number | null | undefined, limits: Limits): number {
  if (value === null || value === undefined) return omittedValue(bound, limits);
  if (!withinBounds(bound, value, limits)) throw outOfBounds(bound, value, limits);
  return value;
}
