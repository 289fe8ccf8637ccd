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

export function hydrateEntity(raw: Raw, plan: EntityPlan): EntityModel {
  const { __r: lists, ...all } = raw as Raw & { __r?: unknown[] };
  // An entity read at a past instant may come from its ledger revision, whose own keys start with `_`.
  const props = '_seq' in all ? Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith('_'))) : all;
  const entity = { ...props, __typename: TYPE_OF_KIND[props['kind'] as EntityKindName], related: {} } as EntityModel;
  plan.related.forEach((field, index) => {
    const list = (lists?.[index] ?? []) as Raw[];
    entity.related[field.key] =
      field.field === 'relations'
        ? list.map((item) => hydrateRelation(item, field.relation))
        : list.map((item) => ({
            entity: hydrateEntity(item['entity'] as Raw, field.entity),
            relation: hydrateRelation(item['relation'] as Raw, field.relation),
          }));
  });
  return entity;
}

export function hydrateSource(raw: Raw): SourceModel {
  return { ...(raw as Omit<SourceModel, '__typename'>), __typename: 'Source' };
}

export function hydrateRelation(raw: Raw, plan: RelationPlan): RelationModel {
  const { __from, __to, __cit, ...props } = raw as Raw & { __from?: Raw; __to?: Raw; __cit?: Raw[] };
  const citations: CitationModel[] | undefined = __cit?.map((c) => ({
    source: hydrateSource(c['source'] as Raw),
    quote: c['quote'] === '' || c['quote'] === null ? null : (c['quote'] as string),
  }));
  return {
    ...(props as Omit<RelationModel, '__typename' | 'from' | 'to' | 'citations'>),
    __typename: 'Relation',
    from: __from && plan.from ? hydrateEntity(__from, plan.from) : undefined,
    to: __to && plan.to ? hydrateEntity(__to, plan.to) : undefined,
    citations,
  };
}

/** The edges of a subgraph or path (see edgesOf), joined to its nodes when they carry only endpoint ids. */
export function hydrateEdges(raws: Raw[], plan: RelationPlan, nodes: EntityModel[]): RelationModel[] {
  if (!endpointsAmongNodes(plan)) return raws.map((r) => hydrateRelation(r, plan));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const bare = { ...plan, from: undefined, to: undefined };
  return raws.map((raw) => ({
    ...hydrateRelation(raw['fact'] as Raw, bare),
    from: plan.from && byId.get(raw['from'] as string),
    to: plan.to && byId.get(raw['to'] as string),
  }));
}
