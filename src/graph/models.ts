import type { EntityProperties } from '../model/entity.js';
import type { Rank } from '../model/ranks.js';

/** What graph reads return: plain objects that the GraphQL layer resolves fields from. */

export type EntityTypeName = 'Country' | 'Person' | 'Organization' | 'Treaty';

export interface EntityModel extends EntityProperties {
  __typename: EntityTypeName;
  /** Related lists read in the same query, by plan key. */
  related: Record<string, unknown>;
}

export interface SourceModel {
  __typename: 'Source';
  id: string;
  title: string;
  publisher?: string;
  publishedOn?: string;
  url?: string;
  section?: string;
  note?: string;
}

export interface CitationModel {
  source: SourceModel;
  quote: string | null;
}

export interface RelationModel {
  __typename: 'Relation';
  id: string;
  type: string;
  status?: string;
  startDate?: string;
  endDate?: string;
  role?: string;
  summary?: string;
  /** Absent for NORMAL facts written without a rank. */
  rank?: Rank;
  rankReason?: string;
  from: EntityModel | undefined;
  to: EntityModel | undefined;
  citations: CitationModel[] | undefined;
}

export type NodeModel = EntityModel | RelationModel | SourceModel;

export interface RelatedModel {
  entity: EntityModel;
  relation: RelationModel;
}

/** Best-ranked facts with the same subject, type and object that disagree (src/graph/conflicts.ts). */
export interface ConflictModel {
  /** `conflict:<from>|<type>|<to>`. */
  id: string;
  from: EntityModel;
  type: string;
  to: EntityModel;
  kinds: Array<'STATUS' | 'DATES'>;
  facts: RelationModel[];
}
