/** The entity kinds, their id prefixes and their Neo4j labels: one table, used by the loader and the API. */
export const ENTITY_KINDS = {
  COUNTRY: { prefix: 'country', label: 'Country' },
  PERSON: { prefix: 'person', label: 'Person' },
  ORGANIZATION: { prefix: 'org', label: 'Organization' },
  TREATY: { prefix: 'treaty', label: 'Treaty' },
} as const;

export type EntityKindName = keyof typeof ENTITY_KINDS;

export const ENTITY_KIND_NAMES = Object.keys(ENTITY_KINDS) as EntityKindName[];

export function isEntityKind(value: string): value is EntityKindName {
  return Object.hasOwn(ENTITY_KINDS, value);
}

/** The kind an entity id's prefix names (`country:IRN` → COUNTRY), or undefined. */
export function kindOfId(id: string): EntityKindName | undefined {
  const prefix = id.slice(0, id.indexOf(':'));
  return ENTITY_KIND_NAMES.find((kind) => ENTITY_KINDS[kind].prefix === prefix);
}

export const TREATY_STATUSES = ['PROPOSED', 'NEGOTIATING', 'SIGNED', 'IN_FORCE', 'WITHDRAWN', 'TERMINATED'] as const;

/** Fact types the typed API fields read; any other UPPER_SNAKE_CASE type is allowed too. */
export const FACT_TYPES = {
  borders: 'BORDERS',
  memberOf: 'MEMBER_OF',
  partyTo: 'PARTY_TO',
  holdsPosition: 'HOLDS_POSITION',
  leads: 'LEADS',
} as const;
