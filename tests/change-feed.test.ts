import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ledgerConfig, loadConfig, PROJECT_ROOT, type Config } from '../src/config.js';
import type { Graph } from '../src/graph/graph-client.js';
import { revertLoad } from '../src/seed/revert.js';
import { loadSeeds } from '../src/seed/seed-loader.js';
import { documentInput, type SeedInput } from '../src/seed/seed-reader.js';
import type { SeedDocument, SeedFact } from '../src/seed/seed-format.js';
import { metricTotal } from './setup/http-client.js';
import { openGraph, resetGraph, testConfig, TestServer } from './setup/harness.js';
import { Subscription, wsClient, type WsClient } from './setup/ws-client.js';

/**
 * The change feed against a real Neo4j: `Query.changes` and the `changes` subscription over graphql-ws — events
 * in commit order, summaries past the threshold, resuming by cursor, failed and reverted loads, two server
 * processes over one database, auth, metrics, and the commit-to-event latency.
 */

const KEY = 'change-feed-test-key-0123456789';
const THRESHOLD = 10;
const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts');
/** The feed's poll interval: the default (CHANGE_FEED_POLL_MS), in every server of this file. */
const POLL_MS = loadConfig({}).feed.pollIntervalMs;

const countries = ['IRN', 'RUS', 'CHN', 'IND', 'TUR', 'IRQ'];
const base: SeedDocument = {
  sources: [{ id: 'source:feed', title: 'Feed' }],
  entities: [
    ...countries.map((c) => ({ id: `country:${c}`, kind: 'COUNTRY' as const, name: `Country ${c}`, iso3: c })),
    { id: 'org:sco', kind: 'ORGANIZATION', name: 'SCO' },
    { id: 'treaty:t1', kind: 'TREATY', name: 'Treaty 1', status: 'SIGNED' },
  ],
  facts: [],
};

let factCount = 0;
/** `n` new facts between the base countries, each citing the base source. */
function facts(n: number, type = 'MET_WITH'): SeedFact[] {
  return Array.from({ length: n }, () => {
    const i = factCount++;
    return {
      id: `fact:feed-${i}`,
      type,
      from: `country:${countries[i % 3]}`,
      to: `country:${countries[3 + (i % 3)]}`,
      startDate: `20${10 + (i % 10)}`,
      citations: [{ source: 'source:feed' }],
    };
  });
}

interface ChangeNode {
  recordId: string;
  category: string;
  action: string;
  sequence: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  load: { id: string; finishedAt: string };
}
interface Event {
  changes: { cursor: string; change: ChangeNode | null; summary: { id: string; created: { facts: number } } | null };
}
interface Page {
  changes: { edges: Array<{ cursor: string; node: ChangeNode }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
interface BackwardPage {
  changes: {
    edges: Array<{ cursor: string; node: ChangeNode }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

const CHANGE_FIELDS = 'recordId category action sequence before after load { id finishedAt }';
const SUBSCRIBE = `subscription Feed($after: String, $where: ChangeWhere) {
  changes(after: $after, where: $where) { cursor change { ${CHANGE_FIELDS} } summary { id created { facts } } }
}`;
const CHANGES = `query Changes($after: String, $first: Int, $where: ChangeWhere) {
  changes(after: $after, first: $first, where: $where) { edges { cursor node { ${CHANGE_FIELDS} } } pageInfo { hasNextPage endCursor } }
}`;

const CHANGES_BACKWARD = `query Latest($last: Int, $before: String, $after: String, $first: Int, $where: ChangeWhere) {
  changes(last: $last, before: $before, after: $after, first: $first, where: $where) {
    edges { cursor node { ${CHANGE_FIELDS} } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('the change feed', () => {
  let graph: Graph;
  let server: TestServer;
  const clients: WsClient[] = [];
  const config = (): Config => {
    const base = testConfig({ seedApiKey: KEY });
    return { ...base, feed: { ...base.feed, summaryThreshold: THRESHOLD } };
  };

  const load = async (doc: SeedDocument): Promise<string> => {
    const report = await loadSeeds(graph.scope(), [documentInput(doc)], { ledger: ledgerConfig({}) });
    if (!report.ok || !report.loadId) throw new Error(`load failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
    return report.loadId;
  };
  const connect = (params?: Record<string, unknown>, on: TestServer = server): WsClient => {
    const c = wsClient(on.base, params);
    clients.push(c);
    return c;
  };
  /** Waits until the server holds `n` subscriptions (it reads the feed's head when one starts). */
  const subscribers = async (n: number, on: TestServer = server): Promise<void> => {
    for (let i = 0; i < 200 && (await metricTotal(on.base, 'graphql_subscribers')) !== n; i++) await sleep(25);
    expect(await metricTotal(on.base, 'graphql_subscribers')).toBe(n);
  };
  /** Every change after a cursor, paged through Query.changes. */
  const changesAfter = async (after: string | null, where?: Record<string, unknown>, first = 7): Promise<Array<{ cursor: string; node: ChangeNode }>> => {
    const out: Array<{ cursor: string; node: ChangeNode }> = [];
    let cursor = after;
    for (;;) {
      const page = await server.data<Page>(CHANGES, { after: cursor, first, where });
      out.push(...page.changes.edges);
      cursor = page.changes.pageInfo.endCursor;
      if (!page.changes.pageInfo.hasNextPage) return out;
    }
  };
  /** Every change (after a cursor), paged backward with `last`/`before` from the newest: the pages, newest first. */
  const pagesBackward = async (where: Record<string, unknown> | undefined, last: number, after: string | null = null): Promise<BackwardPage['changes'][]> => {
    const pages: BackwardPage['changes'][] = [];
    let before: string | null = null;
    for (;;) {
      const page: BackwardPage = await server.data<BackwardPage>(CHANGES_BACKWARD, { last, before, after, where });
      pages.push(page.changes);
      if (!page.changes.pageInfo.hasPreviousPage) return pages;
      before = page.changes.pageInfo.startCursor;
    }
  };
  const head = async (): Promise<string | null> => {
    const all = await changesAfter(null, undefined, 200);
    return all.at(-1)?.cursor ?? null;
  };

  beforeAll(async () => {
    graph = openGraph();
    await resetGraph(graph);
    await load(base);
    server = await TestServer.start(graph, config());
  });

  afterAll(async () => {
    for (const c of clients) await c.dispose();
    await server?.stop();
    await graph?.close();
  });

  it('sends a load of K facts as exactly K events, in commit order, the same changes and cursors as Query.changes', async () => {
    const from = await head();
    const { client } = connect();
    const sub = new Subscription<Event>(client, SUBSCRIBE);
    await subscribers(1);
    const K = 7;
    const loadId = await load({ facts: facts(K) });
    const events = await sub.waitFor(K);
    await sleep(3 * POLL_MS);
    expect(sub.events).toHaveLength(K);
    const changes = events.map((e) => e.changes.change!);
    expect(changes.every((c) => c.category === 'FACT' && c.action === 'CREATED' && c.load.id === loadId && c.before === null)).toBe(true);
    expect(changes.map((c) => c.sequence)).toEqual([...changes.map((c) => c.sequence)].sort((a, b) => a - b));
    expect(changes[0]!.after).toMatchObject({ type: 'MET_WITH', from: expect.stringMatching(/^country:/), to: expect.stringMatching(/^country:/) });
    // The page over the same span: the same changes with the same cursors.
    const page = await changesAfter(from);
    expect(page.map((e) => e.cursor)).toEqual(events.map((e) => e.changes.cursor));
    expect(page.map((e) => e.node)).toEqual(changes);
    sub.unsubscribe();
    await subscribers(0);
  });

  it('sends one summary for a load past the threshold, then single changes again', async () => {
    const from = await head();
    const { client } = connect();
    const sub = new Subscription<Event>(client, SUBSCRIBE);
    await subscribers(1);
    const bulk = await load({ facts: facts(THRESHOLD + 2) });
    const small = await load({ facts: facts(2) });
    await sub.waitFor(3);
    await sleep(3 * POLL_MS);
    expect(sub.data.map((e) => (e.changes.summary ? `summary ${e.changes.summary.id} ${e.changes.summary.created.facts}` : `change ${e.changes.change!.load.id}`))).toEqual([
      `summary ${bulk} ${THRESHOLD + 2}`,
      `change ${small}`,
      `change ${small}`,
    ]);
    // A filter that matches few of the bulk load's changes gets them one by one: the threshold counts what a
    // subscription would be sent.
    const iran = await changesAfter(from, { entity: 'country:IRN' });
    expect(iran.filter((e) => e.node.load.id === bulk).length).toBeGreaterThan(0);
    expect(iran.filter((e) => e.node.load.id === bulk).length).toBeLessThanOrEqual(THRESHOLD);
    const filtered = new Subscription<Event>(connect().client, SUBSCRIBE, { after: from, where: { entity: 'country:IRN' } });
    await filtered.waitFor(iran.length);
    await sleep(3 * POLL_MS);
    expect(filtered.data.map((e) => e.changes.cursor)).toEqual(iran.map((e) => e.cursor));
    expect(filtered.data.every((e) => e.changes.summary === null)).toBe(true);
    sub.unsubscribe();
    filtered.unsubscribe();
    await subscribers(0);
  });

  it('resumes from the last cursor: every missed change once, in order, then live ones', async () => {
    const first = connect();
    const sub = new Subscription<Event>(first.client, SUBSCRIBE);
    await subscribers(1);
    const a = await load({ facts: facts(4) });
    const seen = await sub.waitFor(4);
    await first.dispose();
    await subscribers(0);

    const b = await load({ facts: facts(3) });
    const c = await load({ facts: facts(2), entities: [{ id: 'person:resumed', kind: 'PERSON', name: 'Resumed' }] });
    const missed = await changesAfter(seen.at(-1)!.changes.cursor);
    expect(new Set(missed.map((e) => e.node.load.id))).toEqual(new Set([b, c]));

    const again = new Subscription<Event>(connect().client, SUBSCRIBE, { after: seen.at(-1)!.changes.cursor });
    const caught = await again.waitFor(missed.length);
    const d = await load({ facts: facts(1) });
    await again.waitFor(missed.length + 1);
    await sleep(3 * POLL_MS);
    const ids = again.data.map((e) => e.changes.change!.recordId);
    expect(ids).toEqual([...missed.map((e) => e.node.recordId), again.data.at(-1)!.changes.change!.recordId]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(caught.slice(0, missed.length).map((e) => e.changes.cursor)).toEqual(missed.map((e) => e.cursor));
    expect(again.data.at(-1)!.changes.change!.load.id).toBe(d);

    // From a cursor in the middle of a load: the rest of it, then the later loads.
    const middle = new Subscription<Event>(connect().client, SUBSCRIBE, { after: seen[1]!.changes.cursor, where: { load: a } });
    await middle.waitFor(2);
    await sleep(3 * POLL_MS);
    expect(middle.data.map((e) => e.changes.change!.recordId)).toEqual(seen.slice(2).map((e) => e.changes.change!.recordId));
    again.unsubscribe();
    middle.unsubscribe();
    await subscribers(0);
  });

  it('sends nothing for a failed load nor a reverted one; a revert sends its own changes', async () => {
    const before = await head();
    const { client } = connect();
    const sub = new Subscription<Event>(client, SUBSCRIBE);
    await subscribers(1);

    // A streamed load commits batches, then fails (another client deletes an entity it needs) and is undone.
    let reads = 0;
    const deleter: SeedInput = {
      name: 'concurrent-writer',
      async *read() {
        reads += 1;
        if (reads === 3) await graph.scope().write((tx) => tx.run("MATCH (e:Entity {id: 'person:doomed'}) DETACH DELETE e"));
        yield* [];
      },
    };
    const doomed = { id: 'fact:doomed', type: 'LEADS', from: 'person:doomed', to: 'org:sco', citations: [{ source: 'source:feed' }] };
    const failing = loadSeeds(
      graph.scope(),
      [deleter, documentInput({ entities: [{ id: 'person:doomed', kind: 'PERSON', name: 'Doomed' }], facts: [...facts(30), doomed] })],
      { ledger: { ...ledgerConfig({}), streamThreshold: 5, batchSize: 7 } },
    );
    await expect(failing).rejects.toThrow(/could not be written/);

    const kept = await load({ facts: facts(2) });
    await sub.waitFor(2);
    const reverted = await revertLoad(graph.scope(), kept, { ledger: ledgerConfig({}) });
    expect(reverted.ok).toBe(true);
    await sub.waitFor(4);
    await sleep(3 * POLL_MS);
    expect(sub.data.map((e) => `${e.changes.change!.load.id} ${e.changes.change!.action}`)).toEqual([
      `${kept} CREATED`,
      `${kept} CREATED`,
      `${reverted.loadId} DELETED`,
      `${reverted.loadId} DELETED`,
    ]);

    // Read again from before both: the failed load is not there, the reverted one is struck out, its revert stays.
    const later = await changesAfter(before);
    expect(later.map((e) => `${e.node.load.id} ${e.node.action}`)).toEqual([`${reverted.loadId} DELETED`, `${reverted.loadId} DELETED`]);
    expect((await pagesBackward(undefined, 1, before)).reverse().flatMap((p) => p.edges)).toEqual(later);
    const replay = new Subscription<Event>(connect().client, SUBSCRIBE, { after: before });
    await replay.waitFor(2);
    await sleep(3 * POLL_MS);
    expect(replay.data.map((e) => e.changes.change!.load.id)).toEqual([reverted.loadId, reverted.loadId]);
    sub.unsubscribe();
    replay.unsubscribe();
    await subscribers(0);
  });

  it("shows each change's state right after it, filters by entity (its facts too), kinds, types and load", async () => {
    const from = await head();
    const first = await load({ facts: [{ id: 'fact:status', type: 'PARTY_TO', from: 'country:IRN', to: 'treaty:t1', status: 'signed', citations: [{ source: 'source:feed' }] }] });
    const second = await load({
      facts: [{ id: 'fact:status', type: 'PARTY_TO', from: 'country:IRN', to: 'treaty:t1', status: 'ratified', citations: [{ source: 'source:feed' }] }],
      entities: [{ id: 'org:sco', kind: 'ORGANIZATION', name: 'SCO', description: 'Now described' }],
    });
    const history = (await changesAfter(from)).map((e) => e.node);
    const status = history.filter((c) => c.recordId === 'fact:status');
    expect(status.map((c) => [c.load.id, c.action, c.before?.['status'] ?? null, c.after?.['status']])).toEqual([
      [first, 'CREATED', null, 'signed'],
      [second, 'UPDATED', 'signed', 'ratified'],
    ]);
    expect(status[0]!.after).toMatchObject({ from: 'country:IRN', to: 'treaty:t1' });

    const ids = async (where: Record<string, unknown>): Promise<string[]> => (await changesAfter(from, where)).map((e) => `${e.node.recordId}@${e.node.load.id}`);
    expect(await ids({ entity: 'country:IRN' })).toEqual([`fact:status@${first}`, `fact:status@${second}`]);
    expect(await ids({ entity: 'treaty:t1', types: ['MEMBER_OF'] })).toEqual([]);
    expect(await ids({ types: ['PARTY_TO'], load: second })).toEqual([`fact:status@${second}`]);
    expect(await ids({ kinds: ['ORGANIZATION'] })).toEqual([`org:sco@${second}`]);
    expect(await ids({ kinds: ['TREATY'], entity: 'country:IRN' })).toEqual([`fact:status@${first}`, `fact:status@${second}`]);
    expect(await ids({ kinds: ['PERSON'], entity: 'country:IRN' })).toEqual([]);

    // The end of the feed is a place to come back to: an empty page keeps its cursor.
    const end = await head();
    const empty = await server.data<Page>(CHANGES, { after: end });
    expect(empty.changes).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: end } });
    const bad = await server.query(CHANGES, { after: 'bm90IGEgY3Vyc29y' });
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const tooMany = await server.query(CHANGES, { first: 10_000 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'MAX_PAGE_SIZE' });
  });

  it('pages backward (last/before): the forward pages reversed, for every filter, each page in commit order', async () => {
    const from = await head();
    const mixed = await load({
      facts: [...facts(5), ...facts(3, 'TRADES_WITH'), { id: 'fact:backward-sco', type: 'MEMBER_OF', from: 'country:IRN', to: 'org:sco', citations: [{ source: 'source:feed' }] }],
      entities: [{ id: 'org:sco', kind: 'ORGANIZATION', name: 'SCO', description: 'Described again' }],
    });
    await load({ facts: facts(4, 'TRADES_WITH'), entities: [{ id: 'country:IRN', kind: 'COUNTRY', name: 'Iran', iso3: 'IRN' }] });
    const filters: Array<Record<string, unknown> | undefined> = [
      undefined,
      { entity: 'country:IRN' },
      { types: ['TRADES_WITH'] },
      { kinds: ['COUNTRY'] },
      { entity: 'country:IRN', kinds: ['ORGANIZATION'] },
      { load: mixed },
    ];
    for (const where of filters) {
      const label = JSON.stringify(where ?? {});
      const forward = await changesAfter(null, where, 4);
      expect(forward.length, label).toBeGreaterThan(0);
      const pages = await pagesBackward(where, 4);
      // Newest page first; within each page, oldest first (Relay): the same edges as forward, the same cursors.
      expect(pages.flatMap((_, i) => pages[pages.length - 1 - i]!.edges), label).toEqual(forward);
      for (const [i, page] of pages.entries()) {
        expect(page.edges.length, label).toBe(i < pages.length - 1 ? 4 : forward.length - 4 * (pages.length - 1));
        expect(page.pageInfo.hasNextPage, label).toBe(i > 0);
        expect(page.pageInfo.hasPreviousPage, label).toBe(i < pages.length - 1);
        expect(page.pageInfo.startCursor, label).toBe(page.edges[0]!.cursor);
        if (i > 0) expect(page.pageInfo.endCursor, label).toBe(page.edges.at(-1)!.cursor);
      }
    }
    // Backward within a span (after a cursor): the same as forward from it.
    const since = await changesAfter(from, { entity: 'country:IRN' }, 2);
    expect((await pagesBackward({ entity: 'country:IRN' }, 2, from)).reverse().flatMap((p) => p.edges)).toEqual(since);
  });

  it('pages with `before` both ways, and a backward page\'s cursors work as `after`', async () => {
    const all = await changesAfter(null, { entity: 'country:IRN' }, 200);
    expect(all.length).toBeGreaterThan(6);
    const mark = all[all.length - 4]!.cursor;
    // Backward from a cursor: the changes just before it.
    const back = await server.data<BackwardPage>(CHANGES_BACKWARD, { last: 3, before: mark, where: { entity: 'country:IRN' } });
    expect(back.changes.edges).toEqual(all.slice(-7, -4));
    expect(back.changes.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true, endCursor: all[all.length - 5]!.cursor });
    // Forward up to a cursor: the oldest changes before it.
    const ahead = await server.data<BackwardPage>(CHANGES_BACKWARD, { first: 2, before: mark, where: { entity: 'country:IRN' } });
    expect(ahead.changes.edges).toEqual(all.slice(0, 2));
    // A span between two cursors, either way.
    const span = { after: all[1]!.cursor, before: mark, where: { entity: 'country:IRN' } };
    const between = all.slice(2, -4);
    expect((await server.data<BackwardPage>(CHANGES_BACKWARD, { ...span, last: 200 })).changes.edges).toEqual(between);
    expect((await server.data<BackwardPage>(CHANGES_BACKWARD, { ...span, first: 200 })).changes.edges).toEqual(between);
    // A backward page's cursors are the feed's: its end cursor goes on forward (here: to the 3 changes after it).
    const onward = await server.data<Page>(CHANGES, { after: back.changes.pageInfo.endCursor, first: 3, where: { entity: 'country:IRN' } });
    expect(onward.changes.edges).toEqual(all.slice(-4, -1));
    // Nothing before the first change: an empty page that ends where the feed starts.
    const none = await server.data<BackwardPage>(CHANGES_BACKWARD, { last: 5, before: all[0]!.cursor, where: { entity: 'country:IRN' } });
    expect(none.changes.edges).toEqual([]);
    expect(none.changes.pageInfo.hasPreviousPage).toBe(false);
    expect((await changesAfter(none.changes.pageInfo.endCursor, { entity: 'country:IRN' }, 200)).map((e) => e.cursor)).toEqual(all.map((e) => e.cursor));

    const both = await server.query(CHANGES_BACKWARD, { first: 2, last: 2 });
    expect(both.errors?.[0]?.message).toMatch(/"last" cannot be used together with "first"/);
    expect(both.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const tooMany = await server.query(CHANGES_BACKWARD, { last: 10_000 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'MAX_PAGE_SIZE' });
    const badCursor = await server.query(CHANGES_BACKWARD, { last: 2, before: 'bm90IGEgY3Vyc29y' });
    expect(badCursor.errors?.[0]?.message).toMatch(/"before"/);
  });

  it("resumes from the latest changes' end cursor via the subscription: each later change once, also those committed in between", async () => {
    const trips = await server.cypherRoundTrips();
    const latest = await server.data<BackwardPage>(CHANGES_BACKWARD, { last: 3, where: { entity: 'country:IRN' } });
    expect(await server.cypherRoundTrips(), 'one Cypher round trip').toBe(trips + 1);
    expect(latest.changes.edges).toHaveLength(3);
    expect(latest.changes.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    // It ends where the feed ends when read (whatever the filter), so a subscriber from there reads no old load again.
    expect(await changesAfter(latest.changes.pageInfo.endCursor)).toEqual([]);
    // With nothing for the filter: an empty page, still with a place to follow the feed from.
    const nobody = await server.data<BackwardPage>(CHANGES_BACKWARD, { last: 3, where: { entity: 'person:later' } });
    expect(nobody.changes.edges).toEqual([]);
    expect(nobody.changes.pageInfo.endCursor).not.toBeNull();

    // Loads commit between the page and the subscription, then while it runs.
    const between = await load({ facts: facts(3), entities: [{ id: 'person:later', kind: 'PERSON', name: 'Later' }] });
    const iran = new Subscription<Event>(connect().client, SUBSCRIBE, { after: latest.changes.pageInfo.endCursor, where: { entity: 'country:IRN' } });
    const later = new Subscription<Event>(connect().client, SUBSCRIBE, { after: nobody.changes.pageInfo.endCursor, where: { entity: 'person:later' } });
    await subscribers(2);
    const during = await load({ facts: [{ id: 'fact:later', type: 'MEMBER_OF', from: 'person:later', to: 'org:sco', citations: [{ source: 'source:feed' }] }, ...facts(3)] });
    const missed = await changesAfter(latest.changes.pageInfo.endCursor, { entity: 'country:IRN' });
    expect(new Set(missed.map((e) => e.node.load.id))).toEqual(new Set([between, during]));
    await iran.waitFor(missed.length);
    await later.waitFor(2);
    await sleep(3 * POLL_MS);
    expect(iran.data.map((e) => e.changes.cursor)).toEqual(missed.map((e) => e.cursor));
    const shown = new Set(latest.changes.edges.map((e) => e.cursor));
    expect(iran.data.filter((e) => shown.has(e.changes.cursor))).toEqual([]);
    expect(later.data.map((e) => `${e.changes.change!.recordId}@${e.changes.change!.load.id}`)).toEqual([`person:later@${between}`, `fact:later@${during}`]);
    iran.unsubscribe();
    later.unsubscribe();
    await subscribers(0);
  });

  it('counts subscribers and events sent in /metrics, and refuses what a query would be refused', async () => {
    const eventsBefore = await metricTotal(server.base, 'graphql_subscription_events_total');
    const { client } = connect();
    const sub = new Subscription<Event>(client, SUBSCRIBE);
    await subscribers(1);
    await load({ facts: facts(3) });
    await sub.waitFor(3);
    expect(await metricTotal(server.base, 'graphql_subscription_events_total')).toBe((Number.isNaN(eventsBefore) ? 0 : eventsBefore) + 3);
    expect(await metricTotal(server.base, 'graphql_ws_connections')).toBeGreaterThanOrEqual(1);

    const tooLong = new Subscription<Event>(client, SUBSCRIBE, { where: { entity: 'x'.repeat(loadConfig({}).requestLimits.maxStringArgument + 1) } });
    await expect(tooLong.waitFor(1)).rejects.toThrow(/ARGUMENT_TOO_LONG/);
    const query = new Subscription<Event>(client, '{ relationTypes }');
    await expect(query.waitFor(1)).rejects.toThrow(/send queries and mutations over HTTP/);
    const badCursor = new Subscription<Event>(client, SUBSCRIBE, { after: 'nope' });
    await expect(badCursor.waitFor(1)).rejects.toThrow(/BAD_USER_INPUT/);
    sub.unsubscribe();
    await subscribers(0);
  });
});

describe('the change feed: auth, connection bound', () => {
  let graph: Graph;
  let server: TestServer;
  beforeAll(async () => {
    graph = openGraph();
    const base = testConfig({ seedApiKey: KEY });
    server = await TestServer.start(graph, { ...base, auth: { ...base.auth, requiredForReads: true }, feed: { ...base.feed, maxConnections: 2 } });
  });
  afterAll(async () => {
    await server?.stop();
    await graph?.close();
  });

  it('refuses connections without a credential (AUTH_REQUIRED_FOR_READS) or with a bad one, and accepts the API key', async () => {
    const none = wsClient(server.base);
    expect(await none.closed).toMatchObject({ code: 4403, reason: expect.stringMatching(/needs credentials for reads/) });
    const bad = wsClient(server.base, { authorization: 'Bearer not-the-key' });
    expect(await bad.closed).toMatchObject({ code: 4403, reason: expect.stringMatching(/neither the API key nor a valid JWT/) });
    const good = wsClient(server.base, { authorization: `Bearer ${KEY}` });
    const sub = new Subscription<Event>(good.client, SUBSCRIBE);
    for (let i = 0; i < 200 && (await metricTotal(server.base, 'graphql_subscribers')) !== 1; i++) await sleep(25);
    expect(await metricTotal(server.base, 'graphql_subscribers')).toBe(1);
    expect(sub.errors).toEqual([]);
    expect(await metricTotal(server.base, 'graphql_ws_connections_refused_total')).toBe(2);

    // WS_MAX_CONNECTIONS = 2: a third connection is refused at the upgrade.
    const second = wsClient(server.base, { authorization: `Bearer ${KEY}` });
    new Subscription<Event>(second.client, SUBSCRIBE);
    for (let i = 0; i < 200 && (await metricTotal(server.base, 'graphql_subscribers')) !== 2; i++) await sleep(25);
    const third = wsClient(server.base, { authorization: `Bearer ${KEY}` });
    // Refused at the upgrade (HTTP 503): the socket never opens.
    expect((await third.closed).code).toBe(1006);
    expect(await metricTotal(server.base, 'graphql_ws_connections')).toBe(2);
    for (const c of [none, bad, good, second, third]) await c.dispose();
  });
});

/** A server process of its own over the same Neo4j (`node src/main.ts`), and its base URL. */
async function startProcess(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEO4J_URI: inject('neo4jUri'), PORT: '0', SEED_PATHS: 'none', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const base = await new Promise<string>((resolve, reject) => {
    const onLine = (line: string): void => {
      lines.push(line);
      const url = /(http:\/\/localhost:\d+)\/graphql/.exec(line)?.[1];
      if (url) resolve(url.replace('localhost', '127.0.0.1'));
    };
    readline.createInterface({ input: child.stdout! }).on('line', onLine);
    readline.createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${lines.join('\n')}`)));
  });
  return { child, base };
}

describe('the change feed across processes', () => {
  let graph: Graph;
  let server: TestServer;
  let other: { child: ChildProcess; base: string } | undefined;
  beforeAll(async () => {
    graph = openGraph();
    server = await TestServer.start(graph, testConfig());
    other = await startProcess({});
  });
  afterAll(async () => {
    if (other && other.child.exitCode === null) {
      const exited = new Promise((resolve) => other!.child.once('exit', resolve));
      other.child.kill('SIGTERM');
      await exited;
    }
    await server?.stop();
    await graph?.close();
  });

  it("delivers a load's events from two server processes over one Neo4j", async () => {
    const here = wsClient(server.base);
    const there = wsClient(other!.base);
    const a = new Subscription<Event>(here.client, SUBSCRIBE, { where: { types: ['ACROSS'] } });
    const b = new Subscription<Event>(there.client, SUBSCRIBE, { where: { types: ['ACROSS'] } });
    for (const base of [server.base, other!.base]) {
      for (let i = 0; i < 400 && (await metricTotal(base, 'graphql_subscribers')) !== 1; i++) await sleep(25);
      expect(await metricTotal(base, 'graphql_subscribers')).toBe(1);
    }
    const report = await loadSeeds(graph.scope(), [documentInput({ facts: facts(5, 'ACROSS') })], { ledger: ledgerConfig({}) });
    await Promise.all([a.waitFor(5), b.waitFor(5)]);
    const cursors = (s: Subscription<Event>): string[] => s.data.map((e) => e.changes.cursor);
    expect(cursors(b)).toEqual(cursors(a));
    expect(a.data.every((e) => e.changes.change!.load.id === report.loadId)).toBe(true);
    await here.dispose();
    await there.dispose();
  });
});

describe('the change feed across an API restart', () => {
  let graph: Graph;
  const servers: TestServer[] = [];
  const clients: WsClient[] = [];
  const load = async (doc: SeedDocument): Promise<string> => {
    // Straight into the graph through the library, as the seed CLI does: no API has to run for a load.
    const report = await loadSeeds(graph.scope(), [documentInput(doc)], { ledger: ledgerConfig({}) });
    if (!report.ok || !report.loadId) throw new Error(`load failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
    return report.loadId;
  };
  const subscribed = async (on: TestServer, n: number): Promise<void> => {
    for (let i = 0; i < 200 && (await metricTotal(on.base, 'graphql_subscribers')) !== n; i++) await sleep(25);
    expect(await metricTotal(on.base, 'graphql_subscribers')).toBe(n);
  };
  beforeAll(() => {
    graph = openGraph();
  });
  afterAll(async () => {
    for (const c of clients) await c.dispose();
    for (const s of servers) await s.stop();
    await graph?.close();
  });

  it('resumes on a new server from the last cursor: every change committed while none ran, once, then live ones', async () => {
    const first = await TestServer.start(graph, testConfig());
    servers.push(first);
    const before = wsClient(first.base);
    clients.push(before);
    const sub = new Subscription<Event>(before.client, SUBSCRIBE);
    await subscribed(first, 1);
    const a = await load({ facts: facts(3) });
    const seen = await sub.waitFor(3);
    expect(seen.map((e) => e.changes.change!.load.id)).toEqual([a, a, a]);
    const last = seen.at(-1)!.changes.cursor;

    // The API stops: its clients are told it is going away.
    await first.stop();
    servers.splice(servers.indexOf(first), 1);
    expect((await before.closed).code).toBe(1001);

    // Loads commit while no API runs.
    const b = await load({ facts: facts(4) });
    const c = await load({ facts: facts(2), entities: [{ id: 'person:restart', kind: 'PERSON', name: 'Restart' }] });

    // A new server over the same Neo4j; the client comes back with its last cursor.
    const second = await TestServer.start(graph, testConfig());
    servers.push(second);
    const missed: Array<{ cursor: string; node: ChangeNode }> = [];
    for (let after: string | null = last; ; ) {
      const page: Page = await second.data<Page>(CHANGES, { after, first: 4 });
      missed.push(...page.changes.edges);
      if (!page.changes.pageInfo.hasNextPage) break;
      after = page.changes.pageInfo.endCursor;
    }
    expect(missed.map((e) => e.node.load.id)).toEqual([b, b, b, b, c, c, c]);
    const after = wsClient(second.base);
    clients.push(after);
    const resumed = new Subscription<Event>(after.client, SUBSCRIBE, { after: last });
    await resumed.waitFor(missed.length);
    await subscribed(second, 1);
    const d = await load({ facts: facts(2) });
    await resumed.waitFor(missed.length + 2);
    await sleep(3 * POLL_MS);

    const events = resumed.data.map((e) => e.changes);
    expect(events.map((e) => e.cursor).slice(0, missed.length)).toEqual(missed.map((e) => e.cursor));
    expect(events.slice(0, missed.length).map((e) => e.change)).toEqual(missed.map((e) => e.node));
    expect(events.map((e) => e.change!.load.id)).toEqual([b, b, b, b, c, c, c, d, d]);
    // Each once, none from before the cursor.
    expect(new Set(events.map((e) => e.cursor)).size).toBe(events.length);
    expect(events.some((e) => seen.some((s) => s.changes.cursor === e.cursor))).toBe(false);
    resumed.unsubscribe();
    await subscribed(second, 0);
  });
});

describe('the change feed: commit-to-event latency', () => {
  let graph: Graph;
  let server: TestServer;
  beforeAll(async () => {
    graph = openGraph();
    // Default feed settings: the figure is what a deployment gets (CHANGE_FEED_POLL_MS 250).
    server = await TestServer.start(graph, testConfig());
  });
  afterAll(async () => {
    await server?.stop();
    await graph?.close();
  });

  it('measures p50 and p95 from commit to event, and writes them to test-artifacts/', async () => {
    const c = wsClient(server.base);
    const sub = new Subscription<Event>(c.client, SUBSCRIBE, { where: { types: ['LATENCY'] } });
    for (let i = 0; i < 200 && (await metricTotal(server.base, 'graphql_subscribers')) !== 1; i++) await sleep(25);
    const N = 20;
    const latencies: number[] = [];
    for (let i = 0; i < N; i++) {
      await loadSeeds(graph.scope(), [documentInput({ facts: facts(1, 'LATENCY') })], { ledger: ledgerConfig({}) });
      const [event] = (await sub.waitFor(i + 1)).slice(i);
      // finishedAt is written in the commit's transaction, just before it commits: an upper bound of the latency.
      latencies.push(sub.events[i]!.at - Date.parse(event!.changes.change!.load.finishedAt));
      // Loads at random points of the poll cycle.
      await sleep(Math.round(Math.random() * POLL_MS));
    }
    const sorted = [...latencies].sort((x, y) => x - y);
    const pct = (p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
    const figure = { loads: N, pollIntervalMs: POLL_MS, p50Ms: pct(50), p95Ms: pct(95), maxMs: sorted.at(-1)!, latenciesMs: latencies };
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, 'change-feed-latency.json'), `${JSON.stringify(figure, null, 2)}\n`);
    console.log(`change feed commit-to-event latency over ${N} loads: p50 ${figure.p50Ms} ms, p95 ${figure.p95Ms} ms, max ${figure.maxMs} ms (poll ${figure.pollIntervalMs} ms)`);
    expect(figure.p95Ms).toBeLessThan(3_000);
    await c.dispose();
  });
});
