import type { Record as Neo4jRecord } from 'neo4j-driver';
import type { GraphScope } from './graph-client.js';
import { loadRecord, type LoadRecord } from './ledger-loads.js';
import { REVISION_KEYS, type ChangeAction, type LoadStatus, type RecordCategory } from './ledger-schema.js';

/**
 * Reading the ledger: pages of loads (newest first), of a load's changes (in commit order) and of a record's
 * history (newest first), each one Cypher statement. Pages are keyset pages on sequence numbers.
 */

export interface SeqPage {
  size: number;
  /** Page backward (last/before) rather than forward (first/after). */
  backward: boolean;
  after: number | null;
  before: number | null;
}

export interface PageOf<T> {
  items: Array<{ seq: number; item: T }>;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export interface ChangeRecord {
  recordId: string;
  category: RecordCategory;
  action: ChangeAction;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  load: LoadRecord;
  sequence: number;
}

/**
 * The keyset clause and order for a list sorted `order` in its natural direction, paged as asked. Fixed text:
 * the bounds are parameters.
 */
function keyset(variable: string, order: 'ASC' | 'DESC', page: SeqPage): { where: string; order: 'ASC' | 'DESC' } {
  const forwardOp = order === 'ASC' ? '>' : '<';
  const backwardOp = order === 'ASC' ? '<' : '>';
  const where = [
    page.after === null ? '' : `${variable} ${forwardOp} toInteger($after)`,
    page.before === null ? '' : `${variable} ${backwardOp} toInteger($before)`,
  ].filter(Boolean);
  const flipped = order === 'ASC' ? 'DESC' : 'ASC';
  return { where: where.length ? ` AND ${where.join(' AND ')}` : '', order: page.backward ? flipped : order };
}

function pageOf<T>(rows: Array<{ seq: number; item: T }>, page: SeqPage): PageOf<T> {
  const more = rows.length > page.size;
  const items = rows.slice(0, page.size);
  if (page.backward) items.reverse();
  return {
    items,
    hasNextPage: page.backward ? page.before !== null : more,
    hasPreviousPage: page.backward ? more : page.after !== null,
  };
}

export async function loadsPage(scope: GraphScope, status: LoadStatus | null, page: SeqPage): Promise<PageOf<LoadRecord>> {
  const { where, order } = keyset('l.firstSeq', 'DESC', page);
  const records = await scope.query(
    `MATCH (l:Load) WHERE l.firstSeq IS NOT NULL AND ($status IS NULL OR l.status = $status)${where}
     RETURN properties(l) AS l ORDER BY l.firstSeq ${order} LIMIT toInteger($limit)`,
    { status, after: page.after, before: page.before, limit: page.size + 1 },
  );
  const rows = records.map((r) => {
    const load = loadRecord(r.get('l') as Record<string, unknown>);
    return { seq: load.firstSeq, item: load };
  });
  return pageOf(rows, page);
}

const LEDGER_KEYS = new Set<string>(REVISION_KEYS);

/** A stored state as clients see it: the record's properties, and a fact's ends as `from` and `to`. */
function state(props: Record<string, unknown> | null, from?: unknown, to?: unknown): Record<string, unknown> | null {
  if (props === null || props['id'] === undefined) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) if (!LEDGER_KEYS.has(k)) out[k] = v;
  const start = from ?? props['_from'];
  const end = to ?? props['_to'];
  if (start !== undefined && start !== null) out['from'] = start;
  if (end !== undefined && end !== null) out['to'] = end;
  return out;
}

/** Binds `nexts`: the revision that followed `r` for the same record, if any (a list of none or one). */
export const NEXT_REVISION = `
CALL {
  WITH r
  OPTIONAL MATCH (n:Revision {_record: r._record}) WHERE n._category = r._category AND n._seq > r._seq
  WITH n ORDER BY n._seq LIMIT 1
  RETURN collect(n) AS nexts
}`;

/**
 * Returns a change from its revision `r`: the revision, its load, and its state after, which is the next
 * revision's state before (what the record was right after this change, however often it changed since) or, for
 * the newest, the record as it stands. Fixed text; the change feed's statements end with it too.
 */
export const CHANGE_RETURN = `${NEXT_REVISION}
OPTIONAL MATCH (ce:Entity {id: r._record}) WHERE r._category = 'ENTITY' AND size(nexts) = 0
OPTIONAL MATCH (cs:Source {id: r._record}) WHERE r._category = 'SOURCE' AND size(nexts) = 0
OPTIONAL MATCH ()-[cf:FACT {id: r._record}]->() WHERE r._category = 'FACT' AND size(nexts) = 0
OPTIONAL MATCH (l:Load {id: r._load})
RETURN properties(r) AS rev, CASE WHEN size(nexts) = 0 THEN null ELSE properties(nexts[0]) END AS next,
       coalesce(properties(ce), properties(cs), properties(cf)) AS current, startNode(cf).id AS curFrom, endNode(cf).id AS curTo,
       properties(l) AS load`;

/** A change from a record of a statement ending in CHANGE_RETURN. */
export function changeRecordOf(rec: Neo4jRecord): ChangeRecord {
  const rev = rec.get('rev') as Record<string, unknown>;
  const next = rec.get('next') as Record<string, unknown> | null;
  const after = next !== null ? state(next) : state(rec.get('current') as Record<string, unknown> | null, rec.get('curFrom'), rec.get('curTo'));
  return {
    recordId: rev['_record'] as string,
    category: rev['_category'] as RecordCategory,
    action: rev['_action'] as ChangeAction,
    before: state(rev),
    after,
    load: loadRecord(rec.get('load') as Record<string, unknown>),
    sequence: rev['_seq'] as number,
  };
}

async function changes(scope: GraphScope, match: string, params: Record<string, unknown>, order: 'ASC' | 'DESC', page: SeqPage): Promise<PageOf<ChangeRecord>> {
  const ks = keyset('r._seq', order, page);
  const records = await scope.query(
    `${match}${ks.where}
     WITH r ORDER BY r._seq ${ks.order} LIMIT toInteger($limit)
     ${CHANGE_RETURN}`,
    { ...params, after: page.after, before: page.before, limit: page.size + 1 },
  );
  const rows = records.map((rec) => {
    const item = changeRecordOf(rec);
    return { seq: item.sequence, item };
  });
  // Rows come back in the statement's order, which the CALL and OPTIONAL MATCHes keep; sort anyway to be sure.
  rows.sort((a, b) => (ks.order === 'ASC' ? a.seq - b.seq : b.seq - a.seq));
  return pageOf(rows, page);
}

/** A load's changes, in commit order. */
export function loadChanges(scope: GraphScope, load: LoadRecord, page: SeqPage): Promise<PageOf<ChangeRecord>> {
  return changes(
    scope,
    'MATCH (r:Revision) WHERE r._seq >= toInteger($first) AND r._seq <= toInteger($last)',
    { first: load.firstSeq, last: load.lastSeq ?? load.firstSeq - 1 },
    'ASC',
    page,
  );
}

/** A record's revisions, newest first. */
export function recordHistory(scope: GraphScope, recordId: string, category: RecordCategory, page: SeqPage): Promise<PageOf<ChangeRecord>> {
  return changes(scope, 'MATCH (r:Revision {_record: $recordId}) WHERE r._category = $category', { recordId, category }, 'DESC', page);
}

/** How many loads there are (in a status): a connection's totalCount. */
export async function countLoads(scope: GraphScope, status: LoadStatus | null): Promise<number> {
  const [record] = await scope.query(
    'MATCH (l:Load) WHERE l.firstSeq IS NOT NULL AND ($status IS NULL OR l.status = $status) RETURN count(l) AS n',
    { status },
  );
  return record!.get('n') as number;
}

/** How many changes a load made, or a record's history holds: a connection's totalCount. */
export async function countChanges(scope: GraphScope, of: { load: LoadRecord } | { recordId: string; category: RecordCategory }): Promise<number> {
  const [record] =
    'load' in of
      ? await scope.query('MATCH (r:Revision) WHERE r._seq >= toInteger($first) AND r._seq <= toInteger($last) RETURN count(r) AS n', {
          first: of.load.firstSeq,
          last: of.load.lastSeq ?? of.load.firstSeq - 1,
        })
      : await scope.query('MATCH (r:Revision {_record: $recordId}) WHERE r._category = $category RETURN count(r) AS n', of);
  return record!.get('n') as number;
}
