import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { LRUCache } from 'lru-cache';
import { parseResolveInfo, type FieldsByTypeName, type ResolveTree } from 'graphql-parse-resolve-info';
import type { Limits } from '../config.js';
import {
  ENTITY_FIELDS,
  RELATION_FIELDS,
  type Direction,
  type EntityField,
  type EntityPlan,
  type HopField,
  type RelatedFieldPlan,
  type RelationField,
  type RelationPlan,
} from '../graph/plan.js';
import type { EntityKindName } from '../model/kinds.js';
import { DEFAULT_RANK_SELECTION, type RankSelection } from '../model/ranks.js';
import { asOfArg, factTypesArg, knownAtArg, rankSelectionArg } from './arguments.js';
import { ARGUMENT_BOUNDS as BOUNDS, boundedArg } from './bounds.js';

/**
 * Reads a GraphQL selection (fragments, aliases, arguments with variables and defaults resolved) into a plan
 * for the graph layer, so that a root field's whole selection becomes one Cypher statement.
 */

/** Entity-typed GraphQL types, and the kind a concrete one stands for. */
const ENTITY_TYPES: Record<string, EntityKindName | undefined> = {
  Entity: undefined,
  Node: undefined,
  Country: 'COUNTRY',
  Person: 'PERSON',
  Organization: 'ORGANIZATION',
  Treaty: 'TREATY',
};

/** Typed hops: the field of the Related* item that holds the entity. */
const HOP_ITEM_FIELD: Record<HopField, string> = {
  neighbors: 'country',
  memberships: 'organization',
  treaties: 'treaty',
  officials: 'person',
  positions: 'entity',
  members: 'entity',
  leaders: 'entity',
  parties: 'entity',
};

function isHop(name: string): name is HopField {
  return Object.hasOwn(HOP_ITEM_FIELD, name);
}

/** The trees of every selection of `field` in these selections, across types and aliases. */
function selectionsOf(selections: FieldsByTypeName[], field: string, types?: readonly string[]): ResolveTree[] {
  const out: ResolveTree[] = [];
  for (const byType of selections) {
    for (const [typeName, fields] of Object.entries(byType)) {
      if (types && !types.includes(typeName)) continue;
      for (const tree of Object.values(fields)) if (tree.name === field) out.push(tree);
    }
  }
  return out;
}

const children = (trees: ResolveTree[]): FieldsByTypeName[] => trees.map((t) => t.fieldsByTypeName);

/** The stored properties among the fields selected on these types (aliases and fragments included). */
function propertiesOf<F extends string>(selections: FieldsByTypeName[], types: readonly string[], all: readonly F[]): F[] {
  const found = new Set<F>();
  for (const byType of selections) {
    for (const [typeName, fields] of Object.entries(byType)) {
      if (!types.includes(typeName)) continue;
      for (const tree of Object.values(fields)) {
        const property = all.find((f) => f === tree.name);
        if (property !== undefined) found.add(property);
      }
    }
  }
  return [...found];
}

const RELATION_TYPES = ['Relation', 'Node'];
const ENTITY_TYPE_NAMES = Object.keys(ENTITY_TYPES);

/** The key under which a related list is kept on its parent model, read back by relatedOf. */
export function relatedKey(kind: EntityKindName | undefined, responseKey: string): string {
  return `${kind ?? '*'}.${responseKey}`;
}

export function relationPlan(selections: FieldsByTypeName[], limits: Limits): RelationPlan {
  const types = RELATION_TYPES;
  const from = selectionsOf(selections, 'from', types);
  const to = selectionsOf(selections, 'to', types);
  return {
    fields: propertiesOf<RelationField>(selections, types, RELATION_FIELDS),
    from: from.length ? entityPlan(children(from), limits) : undefined,
    to: to.length ? entityPlan(children(to), limits) : undefined,
    citations: ['sources', 'quotes', 'citations'].some((f) => selectionsOf(selections, f, types).length > 0),
  };
}

export function entityPlan(selections: FieldsByTypeName[], limits: Limits): EntityPlan {
  const related = new Map<string, RelatedFieldPlan>();
  for (const byType of selections) {
    for (const [typeName, fields] of Object.entries(byType)) {
      if (!Object.hasOwn(ENTITY_TYPES, typeName)) continue;
      const guard = ENTITY_TYPES[typeName];
      for (const tree of Object.values(fields)) {
        const key = relatedKey(guard, tree.alias);
        if (related.has(key)) continue;
        const args = tree.args as Record<string, unknown>;
        if (tree.name === 'relations') {
          related.set(key, {
            field: 'relations',
            key,
            guard,
            types: factTypesArg('types', args['types'] as string[] | null),
            direction: (args['direction'] as Direction | undefined) ?? 'BOTH',
            asOf: asOfArg('asOf', args['asOf'] as string | null),
            ...rankAndInstant(args),
            first: boundedArg(BOUNDS.relationsFirst, args['first'] as number | null, limits),
            relation: relationPlan([tree.fieldsByTypeName], limits),
          });
        } else if (isHop(tree.name)) {
          const item = [tree.fieldsByTypeName];
          related.set(key, {
            field: tree.name,
            key,
            guard,
            asOf: asOfArg('asOf', args['asOf'] as string | null),
            ...rankAndInstant({ rank: args['rank'] }),
            status: (args['status'] as string[] | null | undefined) ?? null,
            first: boundedArg(BOUNDS.hopFirst, args['first'] as number | null, limits),
            entity: entityPlan(children(selectionsOf(item, HOP_ITEM_FIELD[tree.name])), limits),
            relation: relationPlan(children(selectionsOf(item, 'relation')), limits),
          });
        }
      }
    }
  }
  return { fields: propertiesOf<EntityField>(selections, ENTITY_TYPE_NAMES, ENTITY_FIELDS), related: [...related.values()] };
}

/** The rank selection and instant of a related field, left out when they are the defaults (best, now). */
function rankAndInstant(args: Record<string, unknown>): { rank?: RankSelection; knownAt?: string } {
  const rank = rankSelectionArg(args['rank']);
  const knownAt = knownAtArg('knownAt', args['knownAt'] as string | null | undefined);
  return { ...(rank === DEFAULT_RANK_SELECTION ? {} : { rank }), ...(knownAt === null ? {} : { knownAt }) };
}

/**
 * Selections read per field node of a document (Apollo hands the same parsed document to every request with the
 * same text) and variable set: a repeated operation does not walk its selection again.
 */
const readSelections = new WeakMap<FieldNode, LRUCache<string, FieldsByTypeName[]>>();
const VARIABLE_SETS_PER_FIELD = 32;

/** The selections under the current field (read-only: they are shared by requests of the same document and variables). */
export function fieldSelections(info: GraphQLResolveInfo): FieldsByTypeName[] {
  const node = info.fieldNodes[0]!;
  const key = info.fieldNodes.length === 1 ? JSON.stringify(info.variableValues) : undefined;
  const known = key === undefined ? undefined : readSelections.get(node)?.get(key);
  if (known) return known;
  const tree = parseResolveInfo(info) as ResolveTree | null | undefined;
  const selections = tree ? [tree.fieldsByTypeName] : [];
  if (key !== undefined) {
    let byVariables = readSelections.get(node);
    if (!byVariables) readSelections.set(node, (byVariables = new LRUCache({ max: VARIABLE_SETS_PER_FIELD })));
    byVariables.set(key, selections);
  }
  return selections;
}

/** The selections under a named field of the current field's type (e.g. `nodes` of a Subgraph). */
export function subSelections(selections: FieldsByTypeName[], field: string): FieldsByTypeName[] {
  return children(selectionsOf(selections, field));
}

/** True when the current selection asks for this field (e.g. `totalCount`). */
export function selects(selections: FieldsByTypeName[], field: string): boolean {
  return selectionsOf(selections, field).length > 0;
}
