import type { EntityKindName } from './kinds.js';

/** What an entity holds, in seed files and in the graph alike; kind-specific fields are optional. */
export interface EntityProperties {
  id: string;
  kind: EntityKindName;
  name: string;
  aliases?: string[];
  description?: string;
  /** Countries: ISO 3166-1 codes, region, subregion and capitals. */
  iso2?: string;
  iso3?: string;
  region?: string;
  subregion?: string;
  capitals?: string[];
  /** Treaties: status, signing date (ISO 8601 with precision), term and clauses. */
  status?: string;
  signedOn?: string;
  durationYears?: number;
  clauses?: string[];
}
