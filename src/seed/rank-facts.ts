import { createHash } from 'node:crypto';
import type { LedgerConfig } from '../config.js';
import { factPlaces } from '../graph/fact-lookup.js';
import type { GraphScope } from '../graph/graph-client.js';
import { mergeFacts, type FactRow } from '../graph/seed-cypher.js';
import { rankReasonProblem, type Rank } from '../model/ranks.js';
import { LoadSession } from './load-session.js';
import { zeroCounts } from './seed-batch-writer.js';

/**
 * Rank changes and retractions: one load of the ledger, written through the loader's own fact statement (so each
 * changed fact gets its revision, shows in `history`, and the load can be reverted like any other), with the
 * best-rank flags of the facts' groups refreshed in the same transactions. Nothing is deleted.
 */

export interface RankChange {
  id: string;
  rank: Rank;
  /** Why; required for DEPRECATED, cleared when null. */
  reason: string | null;
}

export interface RankProblem {
  /** Where the change came from: `ids/3`, `ranks.jsonl line 4`… */
  place: string;
  message: string;
}

/** Invalid rank changes (a deprecation without a reason, unknown facts): nothing was written. */
export class RankChangeError extends Error {
  override name = 'RankChangeError';
  constructor(readonly problems: RankProblem[]) {
    super(problems.map((p) => `${p.place}: ${p.message}`).join('; '));
  }
}

export interface RankOptions {
  principal: string | null;
  ledger: LedgerConfig;
  /** The input's name in the ledger: `retractFacts`, a file name… */
  inputName: string;
  /** Where each change came from, for errors; `ids/<index>` when omitted. */
  places?: string[];
  onWait?: (message: string) => void;
}

function rowOf(change: RankChange, place: { from: string; to: string; type: string }): FactRow {
  // rankReason null removes a stale reason (a fact un-deprecated keeps no reason for its old rank).
  return { id: change.id, from: place.from, to: place.to, sourceIds: [], quotes: [], props: { id: change.id, type: place.type, rank: change.rank, rankReason: change.reason } };
}

/** Sets the ranks as one load; returns its id. Throws RankChangeError, before writing anything, on invalid changes. */
export async function changeRanks(scope: GraphScope, changes: RankChange[], options: RankOptions): Promise<string> {
  const placeOf = (i: number): string => options.places?.[i] ?? `ids/${i}`;
  const problems: RankProblem[] = [];
  changes.forEach((c, i) => {
    const problem = rankReasonProblem(c.rank, c.reason);
    if (problem) problems.push({ place: placeOf(i), message: problem.replace('rankReason', 'reason') });
  });
  const seen = new Map<string, number>();
  changes.forEach((c, i) => {
    const first = seen.get(c.id);
    if (first !== undefined) problems.push({ place: placeOf(i), message: `fact "${c.id}" is listed twice (first at ${placeOf(first)})` });
    else seen.set(c.id, i);
  });
  const known = await scope.read((tx) => factPlaces(tx, changes.map((c) => c.id)));
  changes.forEach((c, i) => {
    if (!known.has(c.id)) problems.push({ place: placeOf(i), message: `no fact has the id "${c.id}"` });
  });
  if (problems.length > 0) throw new RankChangeError(problems);

  const sha256 = createHash('sha256').update(JSON.stringify(changes)).digest('hex');
  const { batchSize } = options.ledger;
  const session = await LoadSession.begin(scope, {
    principal: options.principal,
    inputs: [{ name: options.inputName, sha256, records: changes.length }],
    streamed: changes.length > options.ledger.streamThreshold,
    ledger: options.ledger,
    ...(options.onWait ? { onWait: options.onWait } : {}),
  });
  await session.run(async (batch) => {
    const facts = { created: 0, updated: 0, unchanged: 0 };
    for (let start = 0; start < changes.length; start += batchSize) {
      const chunk = changes.slice(start, start + batchSize);
      const counts = await batch(chunk.length, async (tx, firstSeq) => {
        // Looked up again under the writer lock: the rows keep each fact where it stands now.
        const places = await factPlaces(tx, chunk.map((c) => c.id));
        const missing = chunk.filter((c) => !places.has(c.id));
        if (missing.length > 0) throw new RankChangeError(missing.map((c) => ({ place: c.id, message: 'was deleted during the change' })));
        return mergeFacts(tx, chunk.map((c) => rowOf(c, places.get(c.id)!)), { write: true, tag: { load: session.id, firstSeq } });
      });
      facts.created += counts.created;
      facts.updated += counts.updated;
      facts.unchanged += counts.unchanged;
    }
    const counts = (key: 'created' | 'updated' | 'unchanged') => ({ ...zeroCounts(), facts: facts[key] });
    return { created: counts('created'), updated: counts('updated'), unchanged: counts('unchanged') };
  }, 30 * 60_000);
  return session.id;
}
