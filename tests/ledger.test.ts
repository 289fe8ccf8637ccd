import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ledgerConfig, type LedgerConfig } from '../src/config.js';
import type { Graph } from '../src/graph/graph-client.js';
import { getLoad } from '../src/graph/ledger-loads.js';
import { LoadInProgressError } from '../src/seed/load-session.js';
import { revertLoad } from '../src/seed/revert.js';
import { loadSeeds } from '../src/seed/seed-loader.js';
import { documentInput, type SeedInput } from '../src/seed/seed-reader.js';
import type { SeedDocument, SeedFact } from '../src/seed/seed-format.js';
import { graphDigest, openGraph, resetGraph } from './setup/harness.js';

/** The load ledger: what loads record, reverts, streamed loads that fail half-way, one writer at a time. */

const ONE_TX: LedgerConfig = { ...ledgerConfig({}), lockWaitMs: 0 };
/** Streams every load in batches of a few rows, so that a test load commits dozens of transactions. */
const STREAMED: LedgerConfig = { ...ledgerConfig({}), streamThreshold: 5, batchSize: 7, lockWaitMs: 0 };

const countries = ['IRN', 'RUS', 'CHN', 'IND', 'TUR', 'IRQ', 'SYR', 'PAK'];
const base: SeedDocument = {
  sources: [{ id: 'source:base', title: 'Base', publishedOn: '2020' }],
  entities: [
    ...countries.map((c) => ({ id: `country:${c}`, kind: 'COUNTRY' as const, name: `Country ${c}`, iso3: c })),
    { id: 'org:sco', kind: 'ORGANIZATION', name: 'SCO', aliases: ['Shanghai Cooperation Organisation'] },
    { id: 'treaty:t1', kind: 'TREATY', name: 'Treaty 1', status: 'SIGNED', signedOn: '2001-06-15' },
  ],
  facts: countries.slice(0, 5).map((c) => ({
    id: `fact:member-${c}`,
    type: 'MEMBER_OF',
    from: `country:${c}`,
    to: 'org:sco',
    status: 'member',
    startDate: '2001',
    citations: [{ source: 'source:base', quote: `${c} is a member.` }],
  })),
};

/** A load that adds sources, entities and facts, and changes facts' status, dates and citations, and an entity. */
const change: SeedDocument = {
  sources: [{ id: 'source:update', title: 'Update', publisher: 'Wire' }],
  entities: [
    { id: 'person:p1', kind: 'PERSON', name: 'Person One', aliases: ['P. One'] },
    { id: 'org:sco', kind: 'ORGANIZATION', name: 'SCO', description: 'A security bloc', aliases: ['ШОС'] },
  ],
  facts: [
    { ...base.facts![0]!, status: 'observer', citations: [{ source: 'source:update', quote: 'Now an observer.' }] },
    { ...base.facts![1]!, startDate: '2005-07', endDate: '2019' },
    { id: 'fact:leads', type: 'LEADS', from: 'person:p1', to: 'org:sco', role: 'Secretary-General', startDate: '2022', citations: [{ source: 'source:update' }] },
    ...countries.slice(5).map((c) => ({
      id: `fact:new-${c}`,
      type: 'PARTY_TO',
      from: `country:${c}`,
      to: 'treaty:t1',
      citations: [{ source: 'source:update' }],
    })),
  ],
};

describe('the load ledger', () => {
  let graph: Graph;
  const load = (doc: unknown, ledger: LedgerConfig = ONE_TX) =>
    loadSeeds(graph.scope(), [documentInput(doc)], { ledger, principal: 'tester@test' });
  const revert = (id: string, options: { dryRun?: boolean; force?: boolean } = {}, ledger: LedgerConfig = ONE_TX) =>
    revertLoad(graph.scope(), id, { ...options, ledger, principal: 'tester@test' });

  beforeAll(() => {
    graph = openGraph();
  });
  afterAll(async () => {
    await graph.close();
  });
  beforeEach(async () => {
    await resetGraph(graph);
    expect((await load(base)).ok).toBe(true);
  });

  it('records each load with who, when, inputs and counts, and revisions for changed records only', async () => {
    const again = await load(base);
    const record = (await getLoad(graph.scope(), again.loadId!))!;
    expect(record).toMatchObject({
      status: 'COMMITTED',
      principal: 'tester@test',
      inputs: [{ name: 'document', records: 16, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }],
      unchanged: { entities: 10, facts: 5, sources: 1 },
      created: { entities: 0, facts: 0, sources: 0 },
    });
    expect(record.finishedAt! >= record.startedAt).toBe(true);
    const [revisions] = await graph.scope().query('MATCH (r:Revision {_load: $id}) RETURN count(r) AS n', { id: again.loadId });
    expect(revisions!.get('n')).toBe(0);

    const changed = await load(change);
    const [counted] = await graph.scope().query('MATCH (r:Revision {_load: $id}) RETURN count(r) AS n', { id: changed.loadId });
    const { created, updated } = changed;
    expect(counted!.get('n')).toBe(Object.values(created).concat(Object.values(updated)).reduce((a, b) => a + b, 0));
  });

  it('reverts a load exactly (digest), and a revert of the revert restores the load (digest)', async () => {
    const before = await graphDigest(graph);
    const loaded = await load(change);
    expect(loaded.updated).toEqual({ entities: 1, facts: 2, sources: 0 });
    expect(loaded.created).toEqual({ entities: 1, facts: 4, sources: 1 });
    const after = await graphDigest(graph);
    expect(after).not.toBe(before);

    const dry = await revert(loaded.loadId!, { dryRun: true });
    expect(dry).toMatchObject({ ok: true, dryRun: true, loadId: null, changeCount: 9, conflicts: [] });
    expect(dry.deleted).toEqual({ entities: 1, facts: 4, sources: 1 });
    expect(await graphDigest(graph)).toBe(after);

    const reverted = await revert(loaded.loadId!);
    expect(reverted.ok).toBe(true);
    expect(await graphDigest(graph)).toBe(before);
    expect(await getLoad(graph.scope(), loaded.loadId!)).toMatchObject({ status: 'REVERTED', revertedBy: reverted.loadId });
    expect(await getLoad(graph.scope(), reverted.loadId!)).toMatchObject({ status: 'COMMITTED', reverts: loaded.loadId });

    const again = await revert(reverted.loadId!);
    expect(again.ok).toBe(true);
    expect(await graphDigest(graph)).toBe(after);
  });

  it('reverts a streamed load batch by batch, as exactly', async () => {
    const before = await graphDigest(graph);
    const loaded = await load(change, STREAMED);
    expect((await getLoad(graph.scope(), loaded.loadId!))!.streamed).toBe(true);
    const after = await graphDigest(graph);
    const reverted = await revert(loaded.loadId!, {}, STREAMED);
    expect(reverted.ok).toBe(true);
    expect(await graphDigest(graph)).toBe(before);
    await revert(reverted.loadId!, {}, STREAMED);
    expect(await graphDigest(graph)).toBe(after);
  });

  it('refuses a revert that would undo a later load, naming both, unless forced', async () => {
    const a = await load(change);
    const b = await load({ facts: [{ ...change.facts![0]!, status: 'suspended' }] });
    expect(b.updated.facts).toBe(1);
    const afterB = await graphDigest(graph);

    const refused = await revert(a.loadId!);
    expect(refused.ok).toBe(false);
    expect(refused.loadId).toBeNull();
    expect(refused.conflicts).toEqual([{ recordId: 'fact:member-IRN', category: 'FACT', loads: [b.loadId] }]);
    expect(refused.message).toContain(a.loadId!);
    expect(refused.message).toContain(b.loadId!);
    expect(await graphDigest(graph)).toBe(afterB);
    expect((await getLoad(graph.scope(), a.loadId!))!.status).toBe('COMMITTED');

    const forced = await revert(a.loadId!, { force: true });
    expect(forced.ok).toBe(true);
    const [fact] = await graph.scope().query("MATCH ()-[f:FACT {id: 'fact:member-IRN'}]->() RETURN f.status AS status, f.sourceIds AS sources");
    expect(fact!.toObject()).toEqual({ status: 'member', sources: ['source:base'] });
  });

  for (const [mode, ledger] of [['one transaction', ONE_TX], ['streamed', STREAMED]] as const) {
    it(`forced (${mode}), deletes other loads' facts on an entity the load created, and a revert of it restores them`, async () => {
      const beforeA = await graphDigest(graph);
      const a = await load({ entities: [{ id: 'person:p2', kind: 'PERSON', name: 'Person Two' }] }, ledger);
      const b = await load({
        facts: [{ id: 'fact:p2-leads', type: 'LEADS', from: 'person:p2', to: 'org:sco', startDate: '2023', citations: [{ source: 'source:base' }] }],
      }, ledger);
      expect(b.created.facts).toBe(1);
      const afterB = await graphDigest(graph);

      const refused = await revert(a.loadId!, {}, ledger);
      expect(refused.ok).toBe(false);
      expect(refused.conflicts).toEqual([{ recordId: 'person:p2', category: 'ENTITY', loads: [b.loadId] }]);

      const forced = await revert(a.loadId!, { force: true }, ledger);
      expect(forced.ok).toBe(true);
      expect(forced.deleted).toEqual({ entities: 1, facts: 1, sources: 0 });
      // B wrote only that fact, so the graph is exactly as before A; B stays COMMITTED in the ledger, its fact
      // deleted by the revert with a revision of its own.
      expect(await graphDigest(graph)).toBe(beforeA);
      expect((await getLoad(graph.scope(), b.loadId!))!.status).toBe('COMMITTED');
      const [rev] = await graph.scope().query("MATCH (r:Revision {_record: 'fact:p2-leads', _load: $id}) RETURN r._action AS action, r._from AS from, r._to AS to", { id: forced.loadId });
      expect(rev!.toObject()).toEqual({ action: 'DELETED', from: 'person:p2', to: 'org:sco' });

      const restored = await revert(forced.loadId!, {}, ledger);
      expect(restored.ok).toBe(true);
      expect(await graphDigest(graph)).toBe(afterB);
    });
  }

  it('does not count a record a later load changed and a revert put back as a conflict', async () => {
    const a = await load(change);
    const b = await load({ facts: [{ ...change.facts![0]!, status: 'suspended' }] });
    await revert(b.loadId!);
    const reverted = await revert(a.loadId!);
    expect(reverted).toMatchObject({ ok: true, conflicts: [] });
  });

  /** An input without records whose third read (the facts pass) deletes an entity, as another client could. */
  const deleteOnFactsPass = (id: string): SeedInput => {
    let reads = 0;
    return {
      name: 'concurrent-writer',
      async *read() {
        reads += 1;
        if (reads === 3) await graph.scope().write((tx) => tx.run('MATCH (e:Entity {id: $id}) DETACH DELETE e', { id }));
        yield* [];
      },
    };
  };

  it('undoes the committed batches of a streamed load that fails half-way, and marks it FAILED', async () => {
    const before = await graphDigest(graph);
    const many: SeedFact[] = Array.from({ length: 60 }, (_, i) => ({
      id: `fact:bulk-${i}`,
      type: 'MET_WITH',
      from: `country:${countries[i % 4]}`,
      to: `country:${countries[4 + (i % 4)]}`,
      startDate: `20${10 + (i % 10)}`,
      citations: [{ source: 'source:bulk' }],
    }));
    // The last facts need an entity that the load creates and another client deletes before the facts pass.
    const doomed = { id: 'fact:doomed', type: 'LEADS', from: 'person:doomed', to: 'org:sco', citations: [{ source: 'source:bulk' }] };
    const attempt = loadSeeds(
      graph.scope(),
      [
        deleteOnFactsPass('person:doomed'),
        documentInput({
          sources: [{ id: 'source:bulk', title: 'Bulk' }],
          entities: [{ id: 'person:doomed', kind: 'PERSON', name: 'Doomed' }, { ...change.entities![1]! }],
          facts: [...many, { ...base.facts![2]!, status: 'left' }, doomed],
        }),
      ],
      { ledger: STREAMED },
    );
    await expect(attempt).rejects.toThrow(/could not be written/);
    expect(await graphDigest(graph)).toBe(before);
    const [failed] = await graph.scope().query("MATCH (l:Load {status: 'FAILED'}) RETURN l.id AS id, l.error AS error, l.lastSeq - l.firstSeq AS span");
    expect(failed!.get('error')).toMatch(/could not be written/);
    // It had committed dozens of batches before it failed; their revisions went with the undo.
    expect(failed!.get('span') as number).toBeGreaterThan(50);
    const [left] = await graph.scope().query('MATCH (r:Revision {_load: $id}) RETURN count(r) AS n', { id: failed!.get('id') });
    expect(left!.get('n')).toBe(0);
  });

  it('lets one load write at a time: a second one is refused clearly, or waits and follows', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Holds the first load in its facts pass (after its nodes batches committed) until the test lets it go.
    const hold: SeedInput = {
      name: 'hold',
      async *read() {
        yield* [];
      },
    };
    let reads = 0;
    hold.read = async function* () {
      reads += 1;
      if (reads === 3) await gate;
      yield* [];
    };
    const first = loadSeeds(graph.scope(), [hold, documentInput(change)], { ledger: STREAMED });
    await expect.poll(async () => (await graph.scope().query("MATCH (l:Load {status: 'RUNNING'}) RETURN l")).length).toBe(1);

    const refused = load({ sources: [{ id: 'source:second', title: 'Second' }] }, STREAMED);
    await expect(refused).rejects.toThrow(LoadInProgressError);
    await expect(refused).rejects.toThrow(/another load is writing \(load:.*\); one load writes at a time: try again/);

    const waiting = load({ sources: [{ id: 'source:second', title: 'Second' }] }, { ...STREAMED, lockWaitMs: 60_000 });
    release();
    const [a, b] = await Promise.all([first, waiting]);
    expect(a.ok && b.ok).toBe(true);
    // No interleaving: every change of the second load comes after every change of the first.
    const [order] = await graph.scope().query(
      'MATCH (ra:Revision {_load: $a}) WITH max(ra._seq) AS lastA MATCH (rb:Revision {_load: $b}) RETURN lastA, min(rb._seq) AS firstB',
      { a: a.loadId, b: b.loadId },
    );
    expect(order!.get('firstB') as number).toBeGreaterThan(order!.get('lastA') as number);
  });
});
