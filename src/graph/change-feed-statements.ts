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
  /** Changes before this position; up to the newest when omitted. */
  before?: FeedPosition | null;
  /** At most this many: the oldest in the span, or the newest when `backward`. */
  limit: number;
  /** Read newest first (a page of `last`), rather than oldest first. */
  backward?: boolean;
}

/** The newest commit as `head` (loads reverted since included: their commit still happened); 0 before any. */
const HEAD_READ = `OPTIONAL MATCH (h:Load) WHERE h.commitSeq IS NOT NULL
WITH h.commitSeq AS head ORDER BY head DESC LIMIT 1`;

/**
 * The first `limit` changes in a span of commit order that pass the filter: loads by commitSeq (an index seek,
 * newest first when `backward`), each load's revisions by _seq within its span (an index seek), the filter
 * applied as they are read, and the reading stops at `limit`.
 *
 * A backward read without `before` (the newest changes) first reads the feed's head, reads up to it, and returns
 * it as `head`, with one row whose `rev` is null when no change passes: so the page ends at the head even when it
 * is empty, and whoever follows the feed from there misses nothing that commits meanwhile. (The page's reading is
 * a subquery that imports the head: it runs after it, and the planner keeps its index seeks.)
 */
export function changesStatement({ filter, after, before = null, limit, backward = false }: ChangesArgs): Statement {
  const b = new CypherBuilder();
  const commit = b.intParam(after.commit);
  const seq = b.intParam(after.seq);
  const max = b.intParam(checkedInt(limit, 1, MAX_CHANGES_PER_STATEMENT));
  const readsHead = backward && before === null;
  const loadPreds = [`l.commitSeq >= ${commit}`];
  const revisionPreds = ['r._seq >= l.firstSeq', 'r._seq <= l.lastSeq', `(l.commitSeq > ${commit} OR r._seq > ${seq})`];
  if (before !== null) {
    const endCommit = b.intParam(before.commit);
    loadPreds.push(`l.commitSeq <= ${endCommit}`);
    revisionPreds.push(`(l.commitSeq < ${endCommit} OR r._seq < ${b.intParam(before.seq)})`);
  }
  // Up to the end of the head's load: all of it.
  if (readsHead) loadPreds.push('l.commitSeq <= head');
  loadPreds.push("l.status = 'COMMITTED'");
  if (filter.load !== null) loadPreds.push(`l.id = ${b.param(filter.load)}`);
  const categories = categoriesOf(filter);
  if (categories !== null) revisionPreds.push(`r._category IN ${b.param(categories)}`);
  const order = backward ? ' DESC' : '';
  const page = `MATCH (l:Load) WHERE ${loadPreds.join(' AND ')}
WITH l ORDER BY l.commitSeq${order}
CALL {
  WITH l
  MATCH (r:Revision) WHERE ${revisionPreds.join(' AND ')}${afterFilter(b, filter)}
  RETURN r ORDER BY r._seq${order} LIMIT ${max}
}
WITH l, r ORDER BY l.commitSeq${order}, r._seq${order} LIMIT ${max}`;
  if (!readsHead) return b.statement(`${page}\nWITH r\n${CHANGE_RETURN.trim()}`);
  const indent = (text: string): string => text.replace(/\n/g, '\n  ');
  return b.statement(`CALL {
  ${indent(HEAD_READ)}
  RETURN coalesce(head, 0) AS head
}
CALL {
  WITH head
  ${indent(page)}
  RETURN collect(r) AS page
}
UNWIND CASE size(page) WHEN 0 THEN [null] ELSE page END AS r
${CHANGE_RETURN.trim()}, head`);
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

/** The newest commit: where the feed ends now. */
export const FEED_HEAD_STATEMENT: Statement = { cypher: `${HEAD_READ}\nRETURN coalesce(head, 0) AS head`, params: {} };
