import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ledgerConfig, PROJECT_ROOT } from '../../src/config.js';
import type { Graph } from '../../src/graph/graph-client.js';
import { loadSeeds } from '../../src/seed/seed-loader.js';
import { documentInput } from '../../src/seed/seed-reader.js';
import { seededGraph, TestServer } from '../setup/harness.js';
import { metricTotal } from '../setup/http-client.js';
import { BrowserSession, ensureWebBuild, screenshot } from './browser-harness.js';
import { launchChromium } from './chromium.js';

/** The reference dashboard at /dashboard in headless Chromium, over the seeded graph, through the public API only. */

interface Facet {
  dimension: string;
  buckets: Array<{ value: string; label: string | null; count: number }>;
  total: number;
  otherCount: number;
  missingCount: number;
}

const FACETS = `query ($where: FacetWhere!) {
  counts: facets(where: $where, by: [STATUS, OTHER_KIND, OTHER_ENTITY], top: 8) { dimension buckets { value label count } total otherCount missingCount }
  years: facets(where: $where, by: [YEAR], top: 200) { dimension buckets { value label count } total otherCount missingCount }
}`;

interface Drawn {
  title: string;
  years: { labels: string[]; totals: number[]; series: string[] };
  status: { labels: string[]; data: number[] };
  kinds: { labels: string[]; data: number[] };
  partners: Array<{ id: string; count: number }>;
  latest: number;
  /** Canvases with painted pixels. */
  painted: number;
}

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset['status'] === 'ready' || document.body.dataset['status'] === 'error');
  expect(await page.evaluate(() => document.body.dataset['status'])).toBe('ready');
}

/** What the page drew: the charts' data as Chart.js holds it, the partners' bars, and whether the canvases have pixels. */
function drawn(page: Page): Promise<Drawn> {
  return page.evaluate(() => {
    const { charts } = window.__dashboard!;
    const years = charts.years.data;
    const labels = (years.labels ?? []) as string[];
    const painted = [...document.querySelectorAll('canvas')].filter((canvas) => {
      const context = canvas.getContext('2d')!;
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) return true;
      return false;
    }).length;
    return {
      title: document.getElementById('title')!.textContent ?? '',
      years: {
        labels,
        totals: labels.map((_, i) => years.datasets.reduce((sum, d) => sum + (d.data[i] as number), 0)),
        series: years.datasets.map((d) => d.label ?? ''),
      },
      status: { labels: (charts.status.data.labels ?? []) as string[], data: charts.status.data.datasets[0]?.data ?? [] },
      kinds: { labels: (charts.kinds.data.labels ?? []) as string[], data: charts.kinds.data.datasets[0]?.data ?? [] },
      partners: [...document.querySelectorAll<HTMLElement>('#partners li[data-id]')].map((li) => ({
        id: li.dataset['id']!,
        count: Number(li.querySelector('.bar-count')!.textContent),
      })),
      latest: document.querySelectorAll('#latest li[data-id]').length,
      painted,
    };
  });
}

describe('the dashboard', () => {
  let graph: Graph;
  let server: TestServer;
  let browser: Browser;
  let session: BrowserSession;

  beforeAll(async () => {
    ensureWebBuild();
    graph = await seededGraph();
    server = await TestServer.start(graph);
    browser = await launchChromium();
    session = await BrowserSession.open(browser);
  });

  afterAll(async () => {
    await session?.close();
    await browser?.close();
    await server?.stop();
    await graph?.close();
  });

  /** What the page should draw for these filters, asked of the API directly. */
  async function expected(where: Record<string, unknown>): Promise<{ status: Facet; kinds: Facet; partners: Facet; years: Facet }> {
    const data = await server.data<{ counts: Facet[]; years: Facet[] }>(FACETS, { where });
    const [status, kinds, partners] = data.counts as [Facet, Facet, Facet];
    return { status, kinds, partners, years: data.years[0]! };
  }

  function expectDrawn(page: Drawn, want: Awaited<ReturnType<typeof expected>>): void {
    // Every year from the first to the last dated fact, each bar adding up to the year's facts.
    const counts = new Map(want.years.buckets.map((b) => [b.value, b.count]));
    const first = Math.min(...[...counts.keys()].map(Number));
    expect(page.years.labels[0]).toBe(String(first));
    expect(page.years.labels).toEqual(page.years.labels.map((_, i) => String(first + i)));
    expect(page.years.labels).toEqual(expect.arrayContaining([...counts.keys()]));
    expect(page.years.totals).toEqual(page.years.labels.map((y) => counts.get(y) ?? 0));
    expect(page.status.data).toEqual([...want.status.buckets.map((b) => b.count), ...[want.status.otherCount, want.status.missingCount].filter((n) => n > 0)]);
    expect(page.kinds.labels.slice(0, want.kinds.buckets.length)).toEqual(want.kinds.buckets.map((b) => b.label));
    expect(page.kinds.data.slice(0, want.kinds.buckets.length)).toEqual(want.kinds.buckets.map((b) => b.count));
    expect(page.partners).toEqual(want.partners.buckets.map((b) => ({ id: b.value, count: b.count })));
  }

  it("draws Iran's facts by year and type, status, kind and partner, with nothing leaving the machine and no console error", async () => {
    const page = await session.newPage();
    const paths: string[] = [];
    page.on('request', (request) => paths.push(new URL(request.url()).pathname));
    await page.goto(`${server.base}/dashboard?id=country:IRN`);
    await ready(page);
    const shown = await drawn(page);
    expect(shown.title).toBe('Iran');
    expectDrawn(shown, await expected({ entity: 'country:IRN' }));
    expect(shown.years.series).toContain('PRIORITIZES_RELATIONS_WITH');
    expect(shown.partners.map((p) => p.id)).toContain('country:RUS');
    expect(shown.latest).toBeGreaterThan(0);
    expect(shown.painted, 'three canvases with pixels').toBe(3);
    await screenshot(page, 'dashboard-iran');
    // Data comes from the public GraphQL endpoint only; everything else is the page and its bundles.
    expect(paths.filter((p) => !p.startsWith('/build/') && !['/dashboard', '/favicon.svg', '/graphql'].includes(p))).toEqual([]);
    expect(paths).toContain('/graphql');
    await page.close();
  });

  it('keeps its state in the URL: filters, a partner followed, the back button', async () => {
    const page = await session.newPage();
    await page.goto(`${server.base}/dashboard?id=country:IRN`);
    await ready(page);
    await page.fill('#asOf', '2021-12-01');
    await page.click('#filters button[type="submit"]');
    await page.waitForURL(/asOf=2021-12-01/);
    await ready(page);
    expectDrawn(await drawn(page), await expected({ entity: 'country:IRN', asOf: '2021-12-01' }));

    await page.click('#partners li[data-id="country:RUS"] a');
    await page.waitForURL(/id=country:RUS/);
    await ready(page);
    expect(new URL(page.url()).search).toBe('?id=country:RUS&asOf=2021-12-01');
    expect((await drawn(page)).title).toBe('Russia');
    expectDrawn(await drawn(page), await expected({ entity: 'country:RUS', asOf: '2021-12-01' }));

    await page.goBack();
    await page.waitForFunction(() => document.getElementById('title')!.textContent === 'Iran');
    await ready(page);
    expect(await page.inputValue('#asOf')).toBe('2021-12-01');

    // A link opens the same filters fresh.
    await page.goto(`${server.base}/dashboard?id=country:RUS&from=2015&to=2021`);
    await ready(page);
    expectDrawn(await drawn(page), await expected({ entity: 'country:RUS', from: '2015', to: '2021' }));
    expect(await page.inputValue('#from')).toBe('2015');
    await page.close();
  });

  it('is linked from the explorer and the playground', async () => {
    const page = await session.newPage();
    await page.goto(`${server.base}/explore?id=org:sco`);
    // The explorer points its link at the centre's dashboard once it has drawn it (slow on a busy machine).
    await page.waitForFunction(() => document.body.dataset['status'] === 'ready', undefined, { timeout: 90_000 });
    expect(await page.getAttribute('#dashboard-link', 'href')).toBe('/dashboard?id=org:sco');
    await page.click('#dashboard-link');
    await page.waitForURL(/\/dashboard\?id=org:sco$/);
    await ready(page);
    expect((await drawn(page)).title).toBe('Shanghai Cooperation Organization');
    await page.goto(`${server.base}/`);
    await page.locator('a[href="/dashboard?id=country:IRN"]').first().waitFor();
    await page.close();
  });

  it('says so when the id is unknown', async () => {
    const page = await session.newPage();
    await page.goto(`${server.base}/dashboard?id=country:XXX`);
    await ready(page);
    expect(await page.locator('#banner').textContent()).toContain('Unknown entity country:XXX');
    await page.close();
  });

  it("lists the entity's latest changes as soon as it opens, newest first, as the API has them", async () => {
    const report = await loadSeeds(
      graph.scope(),
      [documentInput({ facts: [{ id: 'fact:dashboard-earlier', type: 'MET_WITH', from: 'country:IRN', to: 'country:CHN', startDate: '2025-06', citations: [{ source: 'source:world-countries' }] }] })],
      { ledger: ledgerConfig({}) },
    );
    expect(report.ok).toBe(true);
    const page = await session.newPage();
    await page.goto(`${server.base}/dashboard?id=country:IRN`);
    await page.locator('#changes[data-loaded="country:IRN"]').waitFor();
    const listed = await page.$$eval('#changes li', (items) => items.map((li) => ({ id: li.getAttribute('data-id'), load: li.getAttribute('data-load'), text: li.textContent ?? '', fresh: li.classList.contains('fresh') })));
    expect(listed[0]).toMatchObject({ id: 'fact:dashboard-earlier', load: report.loadId, fresh: false });
    expect(listed[0]!.text).toContain('MET_WITH country:IRN → country:CHN');
    // The same changes as the API's newest 20 for Iran, newest first (the world seed's before it).
    const api = await server.data<{ changes: { edges: Array<{ node: { recordId: string; load: { id: string } } }> } }>(
      'query { changes(last: 20, where: { entity: "country:IRN" }) { edges { node { recordId load { id } } } } }',
    );
    expect(listed.map((li) => `${li.id}@${li.load}`)).toEqual(api.changes.edges.map((e) => `${e.node.recordId}@${e.node.load.id}`).reverse());
    expect(listed).toHaveLength(20);
    await page.close();
  });

  it('shows a fact loaded by the seed CLI within seconds, through the subscription, and redraws its counts', async () => {
    const page = await session.newPage();
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await page.goto(`${server.base}/dashboard?id=country:IRN`);
    await ready(page);
    const total = (): Promise<number> =>
      page.evaluate(() => window.__dashboard!.overview()!.facets.find((f) => f.dimension === 'FACT_TYPE')!.total);
    const before = await total();
    // The page subscribes once it has drawn; the server counts it.
    for (let i = 0; i < 200 && (await metricTotal(server.base, 'graphql_subscribers')) < 1; i++) await new Promise((r) => setTimeout(r, 50));

    const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-dashboard-live-'));
    const file = path.join(dir, 'live.json');
    writeFileSync(file, JSON.stringify({
      facts: [{ id: 'fact:dashboard-live', type: 'MET_WITH', from: 'country:IRN', to: 'country:RUS', startDate: '2026-01', status: 'held', citations: [{ source: 'source:world-countries' }] }],
    }));
    const cli = spawn(process.execPath, ['--import', 'tsx', 'src/seed/seed-cli.ts', file], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NEO4J_URI: inject('neo4jUri') },
      stdio: 'ignore',
    });
    expect(await new Promise((resolve) => cli.once('exit', resolve))).toBe(0);
    const committed = Date.now();
    await page.locator('#changes li[data-id="fact:dashboard-live"]').waitFor({ timeout: 10_000 });
    const shownMs = Date.now() - committed;
    console.log(`dashboard: the CLI's fact shown ${shownMs} ms after the CLI exited`);
    expect(shownMs).toBeLessThan(5_000);
    expect(await page.locator('#changes li[data-id="fact:dashboard-live"]').textContent()).toContain('MET_WITH country:IRN → country:RUS');
    // On top of the changes listed when the page opened, once: the subscription went on from where they end.
    expect(await page.$$eval('#changes li', (items) => items.slice(0, 2).map((li) => li.getAttribute('data-id')))).toEqual(['fact:dashboard-live', 'fact:dashboard-earlier']);
    // The counts follow: the facets asked again (If-None-Match), this time changed.
    await page.waitForFunction((n) => window.__dashboard!.overview()!.facets.find((f) => f.dimension === 'FACT_TYPE')!.total === n + 1, before, { timeout: 10_000 });
    expect((await drawn(page)).years.labels).toContain('2026');
    expect(await page.locator('#changes li[data-id="fact:dashboard-live"]').count()).toBe(1);
    await page.locator('#changes').scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-live');
    expect(sockets.length).toBeGreaterThan(0);
    expect(sockets.filter((url) => !['127.0.0.1', 'localhost'].includes(new URL(url).hostname))).toEqual([]);
    await page.close();
  });

  afterAll(() => {
    expect(session.blocked, 'requests that would have left the machine').toEqual([]);
    expect(session.errors, 'console errors').toEqual([]);
  });
});
