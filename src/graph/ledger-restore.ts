import { ENTITY_KINDS } from '../model/kinds.js';
import { rankedFact, refreshBestRanks, type TouchedGroup } from './best-rank.js';
import type { Tx } from './graph-client.js';
import { REMOVE_REVISION_KEYS, type LedgerTag, type RecordCategory } from './ledger-schema.js';

/**
 * Puts records back to a revision's "before" state: the undo of a failed load (the revisions are consumed: the
 * load never happened) and a revert (a new load: each restore records its own revision, so it can be reverted).
 * Order matters for endpoints: nodes that existed before are restored first, then facts, then nodes that the
 * load created are deleted (see RESTORE_PHASES).
 */

export type RestorePhase = 'restore-nodes' | 'facts' | 'delete-nodes';

/** The phases in the order that keeps every fact's endpoints in place. */
export const RESTORE_PHASES: readonly RestorePhase[] = ['restore-nodes', 'facts', 'delete-nodes'];

const PHASE_FILTER: Record<RestorePhase, string> = {
  'restore-nodes': "r._category IN ['ENTITY', 'SOURCE'] AND r.id IS NOT NULL",
  facts: "r._category = 'FACT'",
  'delete-nodes': "r._category IN ['ENTITY', 'SOURCE'] AND r.id IS NULL",
};

export interface RevisionRef {
  seq: number;
  category: RecordCategory;
}

/** The next revisions of a sequence range in one phase, in sequence order, after `after`. */
export async function revisionsInRange(tx: Tx, phase: RestorePhase, range: { first: number; last: number }, after: number, limit: number): Promise<RevisionRef[]> {
  const records = await tx.run(
    `MATCH (r:Revision) WHERE r._seq >= toInteger($first) AND r._seq <= toInteger($last) AND r._seq > toInteger($after) AND ${PHASE_FILTER[phase]}
     RETURN r._seq AS seq, r._category AS category ORDER BY r._seq LIMIT toInteger($limit)`,
    { first: range.first, last: Math.max(range.first - 1, range.last), after, limit },
  );
  return records.map((r) => ({ seq: r.get('seq') as number, category: r.get('category') as RecordCategory }));
}

const KIND_LABELS = Object.fromEntries(Object.entries(ENTITY_KINDS).map(([kind, def]) => [kind, def.label]));

/** How a restore treats the revision it restores from. */
export type RestoreMode = { record: false } | { record: true; tag: LedgerTag };

function recordPart(category: RecordCategory, withEndpoints: boolean): string {
  return `
CALL {
  WITH row, rev, cur${withEndpoints ? ', curFrom, curTo' : ''}
  CREATE (nr:Ledger:Revision)
  SET nr = coalesce(properties(cur), {})
  SET nr._seq = toInteger(row.newSeq), nr._record = rev._record, nr._category = '${category}', nr._load = $load,
      ${withEndpoints ? 'nr._from = curFrom, nr._to = curTo,' : ''}
      nr._action = CASE WHEN rev.id IS NULL THEN 'DELETED' WHEN cur IS NULL THEN 'CREATED' ELSE 'UPDATED' END
}`;
}

function nodeStatement(category: 'ENTITY' | 'SOURCE', restore: boolean, mode: RestoreMode): string {
  // Labels come from fixed tables, never from input.
  const label = category === 'ENTITY' ? 'Entity' : 'Source';
  const write = restore
    ? `
MERGE (n:${label} {id: rev._record})
SET n = properties(rev)
${category === 'ENTITY' ? 'SET n:$($kindLabels[rev.kind])' : ''}
REMOVE ${REMOVE_REVISION_KEYS('n')}`
    : `
WITH row, rev, cur
CALL { WITH cur WITH cur WHERE cur IS NOT NULL DELETE cur }`;
  return `
UNWIND $rows AS row
MATCH (rev:Revision {_seq: toInteger(row.seq)})
OPTIONAL MATCH (cur:${label} {id: rev._record})
${mode.record ? recordPart(category, false) : ''}
${write}
WITH rev ${mode.record ? '' : 'DELETE rev'}
RETURN count(*) AS n`;
}

function factStatement(mode: RestoreMode): string {
  return `
UNWIND $rows AS row
MATCH (rev:Revision {_seq: toInteger(row.seq)})
OPTIONAL MATCH ()-[cur:FACT {id: rev._record}]->()
WITH row, rev, cur, startNode(cur).id AS curFrom, endNode(cur).id AS curTo, cur.type AS curType,
  cur IS NOT NULL AND ${rankedFact('cur')} AS curRanked
${mode.record ? recordPart('FACT', true) : ''}
CALL { WITH cur WITH cur WHERE cur IS NOT NULL DELETE cur }
CALL {
  WITH rev
  WITH rev WHERE rev.id IS NOT NULL
  MATCH (a:Entity {id: rev._from}), (b:Entity {id: rev._to})
  CREATE (a)-[f:FACT]->(b)
  SET f = properties(rev)
  REMOVE ${REMOVE_REVISION_KEYS('f')}
  RETURN count(f) AS restored
}
WITH rev, restored, CASE WHEN rev.id IS NULL THEN 0 ELSE 1 END AS expected,
  [{from: curFrom, type: curType, ranked: curRanked},
   CASE WHEN rev.id IS NOT NULL THEN {from: rev._from, type: rev.type, ranked: ${rankedFact('rev')}} END] AS touched
${mode.record ? '' : 'DELETE rev'}
RETURN sum(expected) AS expected, sum(restored) AS restored, reduce(all = [], t IN collect(touched) | all + t) AS groups`;
}

export class RestoreError extends Error {
  override name = 'RestoreError';
}

/**
 * Restores the records of these revisions (one phase, any categories of it). In record mode each gets a new
 * revision numbered from the tag's first sequence number, in the given order.
 */
export async function restoreRevisions(tx: Tx, phase: RestorePhase, revisions: RevisionRef[], mode: RestoreMode): Promise<number> {
  let changed = 0;
  const base = mode.record ? mode.tag.firstSeq : 0;
  const rows = revisions.map((r, i) => ({ seq: r.seq, newSeq: base + i, category: r.category }));
  for (const category of ['SOURCE', 'ENTITY', 'FACT'] as const) {
    const mine = rows.filter((r) => r.category === category);
    if (mine.length === 0) continue;
    const params = { rows: mine, load: mode.record ? mode.tag.load : null, kindLabels: KIND_LABELS };
    if (category === 'FACT') {
      const [record] = await tx.run(factStatement(mode), params);
      const expected = record!.get('expected') as number;
      const restored = record!.get('restored') as number;
      if (restored !== expected) {
        throw new RestoreError(`${expected - restored} of ${expected} facts could not be restored: an entity they connect no longer exists`);
      }
      await refreshBestRanks(tx, record!.get('groups') as Array<Partial<TouchedGroup> | null>);
    } else {
      await tx.run(nodeStatement(category, phase === 'restore-nodes', mode), params);
    }
    changed += mine.length;
  }
  return changed;
}

export interface ConflictRecord {
  recordId: string;
  category: RecordCategory;
  /** The loads that changed the record after the load being reverted (or own facts of an entity it created). */
  loads: string[];
}

/**
 * Records of these revisions that no longer stand as their load left them: a later load changed them (and no
 * revert put them back), or, for an entity the load created, facts of other loads now hang on it.
 */
export async function conflictsOf(tx: Tx, seqs: number[], load: string): Promise<ConflictRecord[]> {
  const records = await tx.run(
    `UNWIND $seqs AS s
     MATCH (r:Revision {_seq: toInteger(s)})
     CALL {
       WITH r
       OPTIONAL MATCH (later:Revision {_record: r._record}) WHERE later._category = r._category AND later._seq > r._seq
       WITH later ORDER BY later._seq
       RETURN collect(later) AS laters
     }
     OPTIONAL MATCH (ce:Entity {id: r._record}) WHERE r._category = 'ENTITY'
     OPTIONAL MATCH (cs:Source {id: r._record}) WHERE r._category = 'SOURCE'
     OPTIONAL MATCH ()-[cf:FACT {id: r._record}]->() WHERE r._category = 'FACT'
     WITH r, laters, coalesce(ce, cs, cf) AS cur, startNode(cf).id AS curFrom, endNode(cf).id AS curTo, ce
     WITH r, laters, cur, ce, curFrom, curTo, laters[0] AS nxt
     WITH r, laters, ce,
       CASE
         WHEN nxt IS NULL THEN true
         WHEN nxt.id IS NULL THEN cur IS NULL
         WHEN cur IS NULL THEN false
         ELSE all(k IN keys(cur) WHERE cur[k] = nxt[k])
              AND all(k IN keys(nxt) WHERE k STARTS WITH '_' OR nxt[k] = cur[k])
              AND coalesce(nxt._from = curFrom AND nxt._to = curTo, true)
       END AS same
     CALL {
       WITH r, ce
       OPTIONAL MATCH (ce)-[x:FACT]-() WHERE r.id IS NULL
         AND NOT EXISTS { MATCH (fr:Revision {_record: x.id}) WHERE fr._load = $load AND fr._category = 'FACT' AND fr.id IS NULL }
       RETURN collect(DISTINCT x.id) AS foreignFacts
     }
     WITH r, laters, same, foreignFacts WHERE NOT same OR size(foreignFacts) > 0
     CALL {
       WITH foreignFacts
       UNWIND foreignFacts AS fid
       MATCH (fr:Revision {_record: fid}) WHERE fr._category = 'FACT'
       RETURN collect(DISTINCT fr._load) AS factLoads
     }
     RETURN r._record AS recordId, r._category AS category, [l IN laters | l._load] + factLoads AS loads`,
    { seqs, load },
  );
  return records.map((r) => ({
    recordId: r.get('recordId') as string,
    category: r.get('category') as RecordCategory,
    loads: [...new Set(r.get('loads') as string[])],
  }));
}

/**
 * Facts on entities that a load created (in its sequence range) that the load did not write itself: other loads'
 * facts, which a forced revert deletes. In id order, after `after`.
 */
export async function factsOnCreatedEntities(tx: Tx, range: { first: number; last: number }, after: string, limit: number): Promise<string[]> {
  const records = await tx.run(
    `MATCH (r:Revision) WHERE r._seq >= toInteger($first) AND r._seq <= toInteger($last) AND r._category = 'ENTITY' AND r.id IS NULL
     MATCH (:Entity {id: r._record})-[x:FACT]-()
     WHERE x.id > $after AND NOT EXISTS {
       MATCH (own:Revision {_record: x.id}) WHERE own._category = 'FACT' AND own._seq >= toInteger($first) AND own._seq <= toInteger($last)
     }
     RETURN DISTINCT x.id AS id ORDER BY id LIMIT toInteger($limit)`,
    { first: range.first, last: Math.max(range.first - 1, range.last), after, limit },
  );
  return records.map((r) => r.get('id') as string);
}

/**
 * Deletes these facts, each with its own DELETED revision (its state before), numbered from the tag's first; the
 * best ranks of the groups they leave are refreshed in the same transaction.
 */
export async function deleteFactsRecorded(tx: Tx, ids: string[], tag: LedgerTag): Promise<void> {
  const [record] = await tx.run(
    `UNWIND range(0, size($ids) - 1) AS i
     MATCH (a)-[f:FACT {id: $ids[i]}]->(b)
     CREATE (nr:Ledger:Revision)
     SET nr = properties(f)
     SET nr._seq = toInteger($firstSeq) + i, nr._record = f.id, nr._category = 'FACT', nr._load = $load,
         nr._from = a.id, nr._to = b.id, nr._action = 'DELETED'
     WITH f, {from: a.id, type: f.type, ranked: ${rankedFact('f')}} AS group
     DELETE f
     RETURN collect(group) AS groups`,
    { ids, firstSeq: tag.firstSeq, load: tag.load },
  );
  await refreshBestRanks(tx, (record?.get('groups') as Array<Partial<TouchedGroup>> | undefined) ?? []);
}
