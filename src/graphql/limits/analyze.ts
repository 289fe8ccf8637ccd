import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInputObjectType,
  isLeafType,
  isListType,
  isObjectType,
  isInterfaceType,
  isScalarType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { ARGUMENT_BOUNDS } from '../bounds.js';

/**
 * The shape and cost of one operation, computed from its document and variables before anything runs.
 *
 * Written here rather than taken from graphql-query-complexity or graphql-armor: those re-walk a fragment at
 * every spread, so a "fragment bomb" (each fragment spreading the next twice) costs them exponential time,
 * and they cannot count list fields by page sizes given in variables. This walk summarises each fragment once
 * (per list-size context) and so is linear in the document.
 */

/** Assumed length of a list field with no page-size argument and no bound from its parent (neighbors, members…). */
export const DEFAULT_LIST_ESTIMATE = 10;
/** Lists known to be short: a fact cites one or two sources. */
const LIST_ESTIMATES: Readonly<Record<string, number>> = { sources: 2, citations: 2 };
/** Page size of a connection queried with neither `first` nor `last`. */
const DEFAULT_CONNECTION_PAGE = ARGUMENT_BOUNDS.connectionFirst.whenOmitted;
const PAGE_ARGUMENTS = ['first', 'last', 'limit'] as const;
/** Lists holding one item per item of a list argument: `facets` answers one facet per dimension in `by`. */
const ITEMS_PER_ARGUMENT: Readonly<Record<string, string>> = { facets: 'by' };

export interface OperationShape {
  /** Deepest field, the root fields being at depth 1; introspection fields are not counted. */
  depth: number;
  /** Estimated objects in the response: each object-typed field counts once per item its lists may hold. */
  cost: number;
  /** Fields asked for under another name, fragments counted at each spread. */
  aliases: number;
  /** Root fields, fragments expanded (`__typename` not counted: it costs nothing). */
  rootFields: number;
}

/** One argument value of a field, with where it is: what argument limits are checked against. */
export interface ArgumentUse {
  parentType: string;
  field: string;
  argument: string;
  value: unknown;
  type: GraphQLInputType;
}

interface Summary {
  depth: number;
  cost: number;
  aliases: number;
}

/** List sizes a parent hands its children: a connection's page size to `edges`, a neighborhood's limit to `nodes`. */
type Inherited = Readonly<Record<string, number>>;

const NONE: Inherited = {};

function pageSize(args: Record<string, unknown>): number | undefined {
  for (const name of PAGE_ARGUMENTS) {
    const value = args[name];
    if (typeof value === 'number') return Math.max(0, value);
  }
  return undefined;
}

function itemsPerArgument(field: string, args: Record<string, unknown>): number | undefined {
  const argument = ITEMS_PER_ARGUMENT[field];
  const value = argument === undefined ? undefined : args[argument];
  return Array.isArray(value) ? value.length : undefined;
}

/** What a field's children inherit, from the field's arguments and the type it returns. */
function inheritedBy(typeName: string, args: Record<string, unknown>): Inherited {
  if (typeName.endsWith('Connection')) return { edges: pageSize(args) ?? DEFAULT_CONNECTION_PAGE };
  if (typeof args['maxHops'] === 'number') {
    const hops = Math.max(0, args['maxHops']);
    return { nodes: hops + 1, edges: hops };
  }
  const size = pageSize(args);
  if (typeName === 'Subgraph' && size !== undefined) return { nodes: size, edges: size };
  if (typeName === 'Facet' && typeof args['top'] === 'number') return { buckets: Math.max(0, args['top']) };
  return NONE;
}

function isListField(field: GraphQLField<unknown, unknown>): boolean {
  return isListType(getNullableType(field.type));
}

export interface AnalyzeOptions {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** Coerced variable values of the operation. */
  variables: Record<string, unknown>;
  /** Called with every argument of every field, for argument limits; may throw to refuse. */
  onArgument?: (use: ArgumentUse) => void;
}

/** Walks the operation once, fragments summarised once each, and returns its shape. */
export function analyzeOperation(options: AnalyzeOptions): OperationShape {
  const { schema, fragments, variables, onArgument } = options;
  const memo = new Map<string, Summary>();
  const active = new Set<string>();

  function argumentsOf(field: GraphQLField<unknown, unknown>, node: Parameters<typeof getArgumentValues>[1]): Record<string, unknown> {
    try {
      return getArgumentValues(field, node, variables);
    } catch {
      // An invalid argument is the executor's to report; it runs no Cypher for it.
      return {};
    }
  }

  function walk(set: SelectionSetNode, parent: GraphQLCompositeType, inherited: Inherited): Summary {
    const total: Summary = { depth: 0, cost: 0, aliases: 0 };
    const add = (s: Summary, extraDepth: number): void => {
      total.depth = Math.max(total.depth, s.depth + extraDepth);
      total.cost += s.cost;
      total.aliases += s.aliases;
    };
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (selection.alias && selection.alias.value !== name) total.aliases += 1;
        if (name.startsWith('__')) continue; // introspection: no Cypher, and off in production
        if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
        const field = parent.getFields()[name];
        if (!field) continue;
        const args = argumentsOf(field, selection);
        if (onArgument) {
          for (const def of field.args as readonly GraphQLArgument[]) {
            if (def.name in args) onArgument({ parentType: parent.name, field: name, argument: def.name, value: args[def.name], type: def.type });
          }
        }
        const named = getNamedType(field.type);
        if (isLeafType(named) || !selection.selectionSet || !isCompositeType(named)) {
          add({ depth: 1, cost: 0, aliases: 0 }, 0);
          continue;
        }
        const items = isListField(field) ? (pageSize(args) ?? itemsPerArgument(name, args) ?? inherited[name] ?? LIST_ESTIMATES[name] ?? DEFAULT_LIST_ESTIMATE) : 1;
        const child = walk(selection.selectionSet, named, inheritedBy(named.name, args));
        total.depth = Math.max(total.depth, child.depth + 1);
        total.cost += items * (1 + child.cost);
        total.aliases += child.aliases;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) add(walk(selection.selectionSet, type, inherited), 0);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        const key = `${name}|${JSON.stringify(inherited)}`;
        if (!fragment || active.has(key)) continue; // unknown or cyclic: validation has refused it already
        let summary = memo.get(key);
        if (!summary) {
          const type = schema.getType(fragment.typeCondition.name.value);
          if (!type || !isCompositeType(type)) continue;
          active.add(key);
          summary = walk(fragment.selectionSet, type, inherited);
          active.delete(key);
          memo.set(key, summary);
        }
        add(summary, 0);
      }
    }
    return total;
  }

  const rootType = schema.getRootType(options.operation.operation);
  if (!rootType) return { depth: 0, cost: 0, aliases: 0, rootFields: 0 };
  const shape = walk(options.operation.selectionSet, rootType, NONE);
  return { ...shape, rootFields: countRootFields(options.operation.selectionSet, fragments, new Map()) };
}

function countRootFields(set: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, memo: Map<string, number>): number {
  let count = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countRootFields(selection.selectionSet, fragments, memo);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment) continue;
      let n = memo.get(name);
      if (n === undefined) {
        memo.set(name, 0); // a cycle counts nothing (validation has refused it already)
        n = countRootFields(fragment.selectionSet, fragments, memo);
        memo.set(name, n);
      }
      count += n;
    }
  }
  return count;
}

/** Every string and list inside an argument value, with its path, skipping JSON scalars (seed documents). */
export function* valuesOf(value: unknown, type: GraphQLInputType, path: string): Generator<{ path: string; value: string | unknown[] }> {
  const named = getNamedType(type);
  if (isScalarType(named) && named.name === 'JSON') return;
  if (typeof value === 'string') {
    yield { path, value };
  } else if (Array.isArray(value)) {
    yield { path, value };
    const itemType = getNullableType(type);
    const inner = isListType(itemType) ? (itemType.ofType as GraphQLInputType) : type;
    for (const [i, item] of value.entries()) yield* valuesOf(item, inner, `${path}[${i}]`);
  } else if (value !== null && typeof value === 'object' && isInputObjectType(named)) {
    const fields = named.getFields();
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[key];
      if (field) yield* valuesOf(item, field.type, `${path}.${key}`);
    }
  }
}
