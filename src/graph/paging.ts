import type { EntityModel } from './models.js';

/** Keyset pages over sorted lists: what a page asks for and what it answers, below both the API and the reads. */

export type SortField = 'NAME' | 'ID' | 'SIGNED_ON';
export type SortDirection = 'ASC' | 'DESC';

/** A position in a sorted list: the sort key and the id of the item there. */
export interface Position {
  key: string;
  id: string;
}

export interface PageRequest {
  sort: SortField;
  direction: SortDirection;
  /** How many items, and from which end. */
  size: number;
  backward: boolean;
  after: Position | null;
  before: Position | null;
  withTotal: boolean;
}

export interface Page {
  items: Array<{ position: Position; node: EntityModel }>;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  total: number | null;
}
