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

export type PageInfoModel = ConnectionModel['pageInfo'];

/** A cursor: a version tag and the values that place an item, as base64url JSON. */
export function encodeOpaque(parts: unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** The parts of a cursor made by encodeOpaque, checked to start with `version`; a bad one is the argument's error. */
export function decodeOpaque(argument: string, cursor: string | null | undefined, version: string): unknown[] | null {
  if (cursor === null || cursor === undefined) return null;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput(argument, 'is not a cursor from this API');
  }
  if (!Array.isArray(parts) || parts[0] !== version) throw badInput(argument, 'is not a cursor from this API');
  return parts;
}

/** Where a page of edges stands, from what the read learned. */
export function pageInfo(edges: Array<{ cursor: string }>, hasNextPage: boolean, hasPreviousPage: boolean): PageInfoModel {
  return { hasNextPage, hasPreviousPage, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null };
}

const CURSOR_VERSION = 'k1';

export function encodeCursor(sort: SortField, position: Position): string {
  return encodeOpaque([CURSOR_VERSION, sort, position.key, position.id]);
}

export function decodeCursor(argument: string, cursor: string | null | undefined, sort: SortField): Position | null {
  const parts = decodeOpaque(argument, cursor, CURSOR_VERSION);
  if (parts === null) return null;
  if (parts.length !== 4 || typeof parts[2] !== 'string' || typeof parts[3] !== 'string') {
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

/** The page size and direction that `first`/`last` ask for, each checked against its bound (bounds.ts). */
export function pageSize(args: PageArgs, limits: Limits): { size: number; backward: boolean } {
  const { first, last } = args;
  if (first != null && last != null) throw badInput('last', 'cannot be used together with "first"');
  const backward = last != null;
  return {
    size: backward ? boundedArg(ARGUMENT_BOUNDS.connectionLast, last, limits) : boundedArg(ARGUMENT_BOUNDS.connectionFirst, first, limits),
    backward,
  };
}

export function pageRequest(
  args: PageArgs,
  sort: SortField,
  direction: SortDirection,
  limits: Limits,
  withTotal: boolean,
): PageRequest {
  return {
    sort,
    direction,
    ...pageSize(args, limits),
    after: decodeCursor('after', args.after, sort),
    before: decodeCursor('before', args.before, sort),
    withTotal,
  };
}
