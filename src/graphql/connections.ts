import type { Limits } from '../config.js';
import type { EntityModel } from '../graph/models.js';
import type { PageRequest, Position, SortDirection, SortField } from '../graph/paging.js';
import { ARGUMENT_BOUNDS, boundedArg } from './bounds.js';
import { badInput } from './errors.js';

/** Relay connections over keyset pages: cursors are opaque, encoding the sort key and id of an item. */

export interface EntityEdgeModel {
  cursor: string;
  node: EntityModel;
}

export interface ConnectionModel {
  edges: EntityEdgeModel[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number | null;
}

const CURSOR_VERSION = 'k1';

export function encodeCursor(sort: SortField, position: Position): string {
  return Buffer.from(JSON.stringify([CURSOR_VERSION, sort, position.key, position.id])).toString('base64url');
}

export function decodeCursor(argument: string, cursor: string | null | undefined, sort: SortField): Position | null {
  if (cursor === null || cursor === undefined) return null;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput(argument, 'is not a cursor from this API');
  }
  if (!Array.isArray(parts) || parts.length !== 4 || parts[0] !== CURSOR_VERSION || typeof parts[2] !== 'string' || typeof parts[3] !== 'string') {
    throw badInput(argument, 'is not a cursor from this API');
  }
  if (parts[1] !== sort) throw badInput(argument, `is a cursor for order ${String(parts[1])}, not ${sort}`);
  return { key: parts[2], id: parts[3] };
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export function pageRequest(
  args: PageArgs,
  sort: SortField,
  direction: SortDirection,
  limits: Limits,
  withTotal: boolean,
): PageRequest {
  const { first, last } = args;
  if (first != null && last != null) throw badInput('last', 'cannot be used together with "first"');
  const backward = last != null;
  return {
    sort,
    direction,
    size: backward ? boundedArg(ARGUMENT_BOUNDS.connectionLast, last, limits) : boundedArg(ARGUMENT_BOUNDS.connectionFirst, first, limits),
    backward,
    after: decodeCursor('after', args.after, sort),
    before: decodeCursor('before', args.before, sort),
    withTotal,
  };
}
