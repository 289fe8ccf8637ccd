import { DEFAULT_RANK } from '../../model/ranks.js';
import type { GraphQLResolveInfo } from 'graphql';
import type { EntityModel, RelatedModel, RelationModel, SourceModel } from '../../graph/models.js';
import { TREATY_STATUSES } from '../../model/kinds.js';
import type { Resolvers, TreatyStatus } from '../generated/resolvers-types.js';
import { relatedKey } from '../selection-plan.js';

/**
 * Fields below the root read what the root's single Cypher statement already fetched; none of them queries.
 */

function planned<T>(parent: EntityModel, info: GraphQLResolveInfo): T {
  const responseKey = String(info.path.key);
  const value = parent.related[relatedKey(parent.kind, responseKey)] ?? parent.related[relatedKey(undefined, responseKey)];
  if (value === undefined) {
    throw new Error(`internal: ${info.parentType.name}.${info.fieldName} was not planned for "${responseKey}"`);
  }
  return value as T;
}

function fetched<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`internal: ${what} was not fetched`);
  return value;
}

/** The loader admits only these statuses; anything else in the graph is an internal error, not a bad enum value. */
function treatyStatus(value: string | undefined): TreatyStatus {
  const status = fetched(value, 'Treaty.status');
  const known = TREATY_STATUSES.find((s) => s === status);
  if (known === undefined) throw new Error(`internal: Treaty.status "${status}" is not a TreatyStatus`);
  return known;
}

const relations = (parent: EntityModel, _args: unknown, _ctx: unknown, info: GraphQLResolveInfo): RelationModel[] =>
  planned<RelationModel[]>(parent, info);
const related = (parent: EntityModel, _args: unknown, _ctx: unknown, info: GraphQLResolveInfo): RelatedModel[] =>
  planned<RelatedModel[]>(parent, info);
const aliases = (parent: EntityModel): string[] => parent.aliases ?? [];

function uniqueSources(relation: RelationModel): SourceModel[] {
  const byId = new Map<string, SourceModel>();
  for (const c of fetched(relation.citations, 'Relation.citations')) byId.set(c.source.id, c.source);
  return [...byId.values()];
}

export const typeResolvers: Resolvers = {
  Node: { __resolveType: (node) => node.__typename },
  Entity: { __resolveType: (entity) => entity.__typename },
  Country: {
    aliases,
    relations,
    capitals: (c) => c.capitals ?? [],
    iso3: (c) => fetched(c.iso3, 'Country.iso3'),
    neighbors: related,
    memberships: related,
    treaties: related,
    officials: related,
  },
  Person: { aliases, relations, positions: related },
  Organization: { aliases, relations, members: related, leaders: related },
  Treaty: {
    aliases,
    relations,
    parties: related,
    clauses: (t) => t.clauses ?? [],
    status: (t) => treatyStatus(t.status),
  },
  RelatedCountry: { country: (r) => r.entity },
  RelatedOrganization: { organization: (r) => r.entity },
  RelatedTreaty: { treaty: (r) => r.entity },
  RelatedPerson: { person: (r) => r.entity },
  RelatedEntity: { entity: (r) => r.entity },
  Relation: {
    from: (r) => fetched(r.from, 'Relation.from'),
    to: (r) => fetched(r.to, 'Relation.to'),
    citations: (r) => fetched(r.citations, 'Relation.citations'),
    sources: uniqueSources,
    quotes: (r) => fetched(r.citations, 'Relation.citations').flatMap((c) => (c.quote === null ? [] : [c.quote])),
    rank: (r) => r.rank ?? DEFAULT_RANK,
  },
  CountryConnection: { totalCount: (c) => fetched(c.totalCount ?? undefined, 'totalCount') },
  PersonConnection: { totalCount: (c) => fetched(c.totalCount ?? undefined, 'totalCount') },
  OrganizationConnection: { totalCount: (c) => fetched(c.totalCount ?? undefined, 'totalCount') },
  TreatyConnection: { totalCount: (c) => fetched(c.totalCount ?? undefined, 'totalCount') },
};
