import type { EntityKindName } from '../model/kinds.js';
import type { CitationModel, EntityModel, EntityTypeName, RelationModel, SourceModel } from './models.js';
import { endpointsAmongNodes, type EntityPlan, type RelationPlan } from './plan.js';

/** From the maps that src/graph/projection.ts makes Neo4j return, back to models. */

export type Raw = Record<string, unknown>;

const TYPE_OF_KIND: Record<EntityKindName, EntityTypeName> = {
  COUNTRY: 'Country',
  PERSON: 'Person',
  ORGANIZATION: 'Organization',
  TREATY: 'Treaty',
};

/**
 * The map's properties but the internal ones (`__r`, `__from`, …), copied one by one: object rest
 * (`{ __r, ...props }`) takes V8's generic path. Copying took the whole hubAsOf operation (50 relations), Neo4j's
 * records handed back from memory, from 0.15–0.19 to 0.13–0.14 ms of CPU (bench/cpu-split.ts).
 */
function copyProperties(raw: Raw, target: Raw, internal: (key: string) => boolean): void {
  for (const key in raw) if (!internal(key)) target[key] = raw[key];
}

const ENTITY_INTERNAL = (key: string): boolean => key === '__r';
const REVISION_INTERNAL = (key: string): boolean => key.startsWith('_');
const RELATION_INTERNAL = (key: string): boolean => key === '__from' || key === '__to' || key === '__cit';

export function hydrateEntity(raw: Raw, plan: EntityPlan): EntityModel {
  const entity: Raw = {};
  // An entity read at a past instant may come from its ledger revision, whose own keys start with `_`.
  copyProperties(raw, entity, '_seq' in raw ? REVISION_INTERNAL : ENTITY_INTERNAL);
  entity['__typename'] = TYPE_OF_KIND[raw['kind'] as EntityKindName];
  const related: Record<string, unknown> = {};
  entity['related'] = related;
  const lists = raw['__r'] as unknown[] | undefined;
  for (let index = 0; index < plan.related.length; index++) {
    const field = plan.related[index]!;
    const list = (lists?.[index] ?? []) as Raw[];
    related[field.key] =
      field.field === 'relations'
        ? list.map((item) => hydrateRelation(item, field.relation))
        : list.map((item) => ({
            entity: hydrateEntity(item['entity'] as Raw, field.entity),
            relation: hydrateRelation(item['relation'] as Raw, field.relation),
          }));
  }
  return entity as unknown as EntityModel;
}

export function hydrateSource(raw: Raw): SourceModel {
  return { ...(raw as Omit<SourceModel, '__typename'>), __typename: 'Source' };
}

export function hydrateRelation(raw: Raw, plan: RelationPlan): RelationModel {
  const relation: Raw = {};
  copyProperties(raw, relation, RELATION_INTERNAL);
  const from = raw['__from'] as Raw | undefined;
  const to = raw['__to'] as Raw | undefined;
  const cited = raw['__cit'] as Raw[] | undefined;
  relation['__typename'] = 'Relation';
  relation['from'] = from && plan.from ? hydrateEntity(from, plan.from) : undefined;
  relation['to'] = to && plan.to ? hydrateEntity(to, plan.to) : undefined;
  relation['citations'] = cited?.map(
    (c): CitationModel => ({
      source: hydrateSource(c['source'] as Raw),
      quote: c['quote'] === '' || c['quote'] === null ? null : (c['quote'] as string),
    }),
  );
  return relation as unknown as RelationModel;
}

/** The edges of a subgraph or path (see edgesOf), joined to its nodes when they carry only endpoint ids. */
export function hydrateEdges(raws: Raw[], plan: RelationPlan, nodes: EntityModel[]): RelationModel[] {
  if (!endpointsAmongNodes(plan)) return raws.map((r) => hydrateRelation(r, plan));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const bare = { ...plan, from: undefined, to: undefined };
  return raws.map((raw) => {
    const relation = hydrateRelation(raw['fact'] as Raw, bare);
    relation.from = plan.from && byId.get(raw['from'] as string);
    relation.to = plan.to && byId.get(raw['to'] as string);
    return relation;
  });
}
