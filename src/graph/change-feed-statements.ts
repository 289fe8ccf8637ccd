import { ENTITY_KINDS, isEntityKind, type EntityKindName } from '../model/kinds.js';
import { checkedInt, CypherBuilder, CypherSpliceError, type Statement } from './cypher.js';
import { CHANGE_RETURN, NEXT_REVISION } from './ledger-reads.js';
import type { RecordCategory } from './ledger-schema.js';

/**
 * The Cypher of the change feed: committed changes in commit order, read from the ledger (ledger-schema.ts).
 *
 * Commit order is (the load's commitSeq, the revision's _seq). A position in the feed is such a pair: the change
 * at (c, s), or the end of the load that committed at c (s = c: every revision of a load has a smaller _seq than
 * its commitSeq, and every later load's revisions a larger one, since one load writes at a time). Only loads that
 * stand are read: a RUNNING load (a streamed one's committed batches included) is not there yet, a FAILED one was
 * undone, and a REVERTED one is struck out; the revert that struck it out is a load of its own, read like any other.
 *
 * A change's state after is what CHANGE_RETURN gives (ledger-reads.ts): the next revision's state before, so that
 * the feed shows each record as it was right after that change, not as it is today.
 */

/** A place in commit order: after the change (commit, seq), or after the whole load when seq = commit. */
export interface FeedPosition {
  commit: number;
  seq: number;
}

/** The feed before anything was committed. */
export const FEED_START: FeedPosition = { commit: 0, seq: 0 };

/** The end of the load that committed at `commit`. */
export const afterLoad = (commit: number): FeedPosition => ({ commit, seq: commit });

/** Which changes a reader wants; every given condition must hold. */
export interface ChangeFilter {
  /** Changes of this entity, and of facts with it at one end (before or after the change). */
  entity: string | null;
  /** Changes of entities of these kinds, and of facts whose ends (`entity` excepted) are all of these kinds. */
  kinds: EntityKindName[] | null;
  /** Changes of facts of these types. */
  types: string[] | null;
  /** Changes of this load. */
  load: string | null;
}

export const NO_CHANGE_FILTER: ChangeFilter = { entity: null, kinds: null, types: null, load: null };

/** Most changes one statement returns (a page, or a load's changes up to the feed's summary threshold). */
export const MAX_CHANGES_PER_STATEMENT = 100_000;

/** The categories a filter can match at all: a cheap test on the revision before its state after is looked up. */
function categoriesOf(filter: ChangeFilter): RecordCategory[] | null {
  if (filter.types !== null) return ['FACT'];
  if (filter.entity !== null || filter.kinds !== null) return ['ENTITY', 'FACT'];
  return null;
}

/** Conditions on the state after a change (`after`, `afterFrom`, `afterTo` bound) and before it (`r`). */
function afterPredicates(b: CypherBuilder, filter: ChangeFilter): string[] {
  const preds: string[] = [];
  const ends = '[r._from, r._to, afterFrom, afterTo]';
  const entity = filter.entity === null ? undefined : b.param(filter.entity);
  if (entity !== undefined) {
    preds.push(`((r._category = 'ENTITY' AND r._record = ${entity}) OR (r._category = 'FACT' AND ${entity} IN ${ends}))`);
  }
  if (filter.types !== null) {
    const types = b.param(filter.types);
    preds.push(`(r.type IN ${types} OR after.type IN ${types})`);
  }
  if (filter.kinds !== null) {
    const unknown = filter.kinds.find((k) => !isEntityKind(k));
    if (unknown !== undefined) throw new CypherSpliceError(`${JSON.stringify(unknown)} is not an entity kind`);
    const kinds = b.param(filter.kinds);
    // A fact's ends are ids, and an id starts with its kind's prefix: the ends of deleted facts have kinds too.
    const prefixes = b.param(filter.kinds.map((k) => `${ENTITY_KINDS[k].prefix}:`));
    const others = `[y IN ${ends} WHERE y IS NOT NULL${entity === undefined ? '' : ` AND y <> ${entity}`}]`;
    preds.push(
      `((r._category = 'ENTITY' AND (r.kind IN ${kinds} OR after.kind IN ${kinds})) OR ` +
        `(r._category = 'FACT' AND all(x IN ${others} WHERE any(p IN ${prefixes} WHERE x STARTS WITH p))))`,
    );
  }
  return preds;
}

/** Binds each revision's state after (`after`, and a fact's ends `afterFrom`, `afterTo`) and keeps those the filter wants. */
function afterFilter(b: CypherBuilder, filter: ChangeFilter): string {
  const preds = afterPredicates(b, filter);
  if (preds.length === 0) return '';
  return `${NEXT_REVISION.replace(/\n/g, '\n  ')}
  OPTIONAL MATCH (ae:Entity {id: r._record}) WHERE r._category = 'ENTITY' AND size(nexts) = 0
  OPTIONAL MATCH (aa)-[af:FACT {id: r._record}]->(ab) WHERE r._category = 'FACT' AND size(nexts) = 0
  WITH r, coalesce(properties(nexts[0]), properties(ae), properties(af)) AS after,
       coalesce(nexts[0]._from, aa.id) AS afterFrom, coalesce(nexts[0]._to, ab.id) AS afterTo
  WHERE ${preds.join('\n    AND ')}`;
}

export interface ChangesArgs {
  filter: ChangeFilter;
  /** Changes after this position. */
  after: FeedPosition;
  /** At most this many. */
  limit: number;
}

/**
 * The first `limit` changes after a position that pass the filter, in commit order: loads by commitSeq (an index
 * seek), each load's revisions by _seq within its span (an index seek), the filter applied as they are read, and
 * the reading stops at `limit`.
 */
export function changesStatement({ filter, after, limit }: ChangesArgs): Statement {
  const b = new CypherBuilder();
  const commit = b.intParam(after.commit);
  const seq = b.intParam(after.seq);
  const max = b.intParam(checkedInt(limit, 1, MAX_CHANGES_PER_STATEMENT));
  const loadPreds = [`l.commitSeq >= ${commit}`, "l.status = 'COMMITTED'"];
  if (filter.load !== null) loadPreds.push(`l.id = ${b.param(filter.load)}`);
  const categories = categoriesOf(filter);
  const revisionPreds = ['r._seq >= l.firstSeq', 'r._seq <= l.lastSeq', `(l.commitSeq > ${commit} OR r._seq > ${seq})`];
  if (categories !== null) revisionPreds.push(`r._category IN ${b.param(categories)}`);
  return b.statement(`MATCH (l:Load) WHERE ${loadPreds.join(' AND ')}
WITH l ORDER BY l.commitSeq
CALL {
  WITH l
  MATCH (r:Revision) WHERE ${revisionPreds.join(' AND ')}${afterFilter(b, filter)}
  RETURN r ORDER BY r._seq LIMIT ${max}
}
WITH l, r ORDER BY l.commitSeq, r._seq LIMIT ${max}
WITH r
${CHANGE_RETURN.trim()}`);
}

/**
 * The loads committed after a position, up to `upTo` (inclusive), in commit order, at most `limit`: what a
 * subscription has left to read. A load is listed while any of its changes lie after the position.
 */
export function committedLoadsStatement(after: FeedPosition, upTo: number, load: string | null, limit: number): Statement {
  const b = new CypherBuilder();
  const commit = b.intParam(after.commit);
  const preds = [
    `l.commitSeq >= ${commit}`,
    `l.commitSeq <= ${b.intParam(upTo)}`,
    `(l.commitSeq > ${commit} OR ${b.intParam(after.seq)} < ${commit})`,
    "l.status = 'COMMITTED'",
  ];
  if (load !== null) preds.push(`l.id = ${b.param(load)}`);
  return b.statement(`MATCH (l:Load) WHERE ${preds.join(' AND ')}
RETURN properties(l) AS load ORDER BY l.commitSeq LIMIT ${b.intParam(checkedInt(limit, 1, MAX_CHANGES_PER_STATEMENT))}`);
}

/** The newest commit: where the feed ends now (loads reverted since included: their commit still happened). */
export const FEED_HEAD_STATEMENT: Statement = {
  cypher: 'MATCH (l:Load) WHERE l.commitSeq IS NOT NULL RETURN l.commitSeq AS head ORDER BY l.commitSeq DESC LIMIT 1',
  params: {},
};
