import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/graph-client.js';
import { EXAMPLES } from '../../web/playground/examples.js';
import { ledgerConfig } from '../../src/config.js';
import { loadSeeds } from '../../src/seed/seed-loader.js';
import { documentInput } from '../../src/seed/seed-reader.js';
import { seededGraph, TestServer } from '../setup/harness.js';
import { Subscription, wsClient } from '../setup/ws-client.js';
import { BrowserSession, ensureWebBuild, screenshot } from './browser-harness.js';
import { launchChromium } from './chromium.js';

/** The GraphQL playground (GraphiQL from our own server) in headless Chromium, over the seeded graph. */

interface IranAgreements {
  entity: {
    id: string;
    name: string;
    treaties: Array<{ treaty: { name: string; status: string }; relation: { status: string } }>;
  };
}

/** The whole text of the result pane: GraphiQL's CodeMirror keeps its editor on the element. */
function resultText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.querySelector('.result-window .CodeMirror') as (Element & { CodeMirror?: { getValue(): string } }) | null;
    return element?.CodeMirror?.getValue() ?? '';
  });
}

async function waitForResult(page: Page, contains: string, timeout = 20_000): Promise<string> {
  await page.waitForFunction(
    (text) => {
      const element = document.querySelector('.result-window .CodeMirror') as (Element & { CodeMirror?: { getValue(): string } }) | null;
      return element?.CodeMirror?.getValue().includes(text) ?? false;
    },
    contains,
    { timeout },
  );
  return resultText(page);
}

/**
 * Presses the run button once the editor has parsed the operation: GraphiQL reads the document's operations
 * 100 ms after an edit or a tab switch, and a person is never faster than that, a test is.
 */
async function run(page: Page, operationName: string): Promise<void> {
  await page.waitForFunction((name) => {
    const element = document.querySelector('.graphiql-query-editor .CodeMirror') as (Element & { CodeMirror?: { operationName?: string | null } }) | null;
    return element?.CodeMirror?.operationName === name;
  }, operationName);
  await page.locator('.graphiql-execute-button').click();
}

describe('the GraphQL playground', () => {
  let graph: Graph;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuild();
    graph = await seededGraph();
    server = await TestServer.start(graph);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await graph?.close();
  });

  it('is served to browsers at / and GET /graphql, while GraphQL clients still get GraphQL there', async () => {
    const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
    for (const url of [`${server.base}/`, `${server.base}/graphql`]) {
      const res = await fetch(url, { headers: html });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await res.text()).toContain('/vendor/graphiql.min.js');
    }
    // A client's GET (JSON, or anything) and POST reach Apollo.
    for (const accept of ['application/json', '*/*', 'application/graphql-response+json']) {
      const res = await fetch(`${server.base}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { accept, 'apollo-require-preflight': 'true' },
      });
      expect(res.headers.get('content-type')).toMatch(/json/);
      expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
    }
    expect(await server.data('{ __typename }')).toEqual({ __typename: 'Query' });
    // GraphiQL's files come from node_modules, through our server.
    for (const file of ['graphiql.min.js', 'graphiql.min.css', 'react.production.min.js', 'react-dom.production.min.js']) {
      expect((await fetch(`${server.base}/vendor/${file}`)).status).toBe(200);
    }
    expect((await fetch(`${server.base}/vendor/..%2Fpackage.json`)).status).toBe(404);
  });

  it('has example operations that all run without errors on the seeded graph', async () => {
    expect(new Set(EXAMPLES.map((e) => e.name)).size).toBe(EXAMPLES.length);
    const ws = wsClient(server.base);
    for (const example of EXAMPLES) {
      const variables = example.variables ? (JSON.parse(example.variables) as Record<string, unknown>) : {};
      if (example.query.includes(`subscription ${example.name}`)) {
        // Subscriptions run over graphql-ws: started without errors, they wait for loads.
        const subscription = new Subscription(ws.client, example.query, variables);
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(subscription.errors, example.name).toEqual([]);
        expect(subscription.completed, example.name).toBe(false);
        subscription.unsubscribe();
        continue;
      }
      const response = await server.query(example.query, variables);
      expect(response.errors, example.name).toBeUndefined();
      expect(example.query).toContain(`query ${example.name}`);
    }
    await ws.dispose();
    const iran = await server.data<IranAgreements>(EXAMPLES[0]!.query, JSON.parse(EXAMPLES[0]!.variables!) as Record<string, unknown>);
    expect(iran.entity.treaties.map((t) => t.treaty.name)).toContain('Joint Comprehensive Plan of Action');
  });

  it('runs an example by a click and shows Iran’s data, with nothing leaving the machine and no console error', async () => {
    const session = await BrowserSession.open(browser);
    try {
      const page = await session.newPage();
      await page.goto(`${server.base}/`);
      // A first visit opens the Examples panel, with the examples as tabs.
      await page.locator('.kg-examples').waitFor();
      const tabs = await page.locator('.graphiql-tab').allInnerTexts();
      expect(tabs.map((t) => t.trim())).toEqual(EXAMPLES.map((e) => e.name));

      await run(page, 'IranAgreements');
      const text = await waitForResult(page, '"Joint Comprehensive Plan of Action"');
      const result = JSON.parse(text) as { data: IranAgreements };
      expect(result.data.entity).toMatchObject({ id: 'country:IRN', name: 'Iran' });
      expect(result.data.entity.treaties).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ treaty: expect.objectContaining({ name: 'Iran–China 25-year strategic and trade cooperation agreement', status: 'SIGNED' }) }),
          expect.objectContaining({ treaty: expect.objectContaining({ name: 'Comprehensive Cooperation Charter between Iran and Russia', status: 'NEGOTIATING' }) }),
        ]),
      );
      // What a person sees: Iran's data in the result pane.
      await expect.poll(() => page.locator('.result-window').innerText()).toContain('"Iran"');

      // Another example from the panel: its tab comes forward and runs.
      await page.locator('.kg-example[data-example="IranToRussia"]').click();
      await expect.poll(() => page.locator('.graphiql-tab-active').innerText()).toContain('IranToRussia');
      await run(page, 'IranToRussia');
      const paths = JSON.parse(await waitForResult(page, '"paths"')) as { data: { paths: Array<{ nodes: Array<{ id: string }> }> } };
      expect(paths.data.paths.length).toBeGreaterThan(0);
      for (const path of paths.data.paths) {
        expect(path.nodes[0]!.id).toBe('country:IRN');
        expect(path.nodes.at(-1)!.id).toBe('country:RUS');
      }

      // Docs come from introspection: the root fields of our schema are listed.
      await page.locator('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]').click();
      await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().click();
      await expect.poll(() => page.locator('.graphiql-doc-explorer').innerText()).toContain('neighborhood');

      await page.locator('.graphiql-sidebar button[aria-label="Show Examples"]').click();
      await page.locator('.kg-example[data-example="IranAgreements"]').click();
      await run(page, 'IranAgreements');
      await waitForResult(page, '"Iran"');
      await screenshot(page, 'playground');

      expect(session.blocked).toEqual([]);
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('runs the subscription example over graphql-ws and shows a change when a load commits', async () => {
    const session = await BrowserSession.open(browser);
    try {
      const page = await session.newPage();
      const sockets: string[] = [];
      page.on('websocket', (socket) => sockets.push(socket.url()));
      await page.goto(`${server.base}/`);
      await page.locator('.kg-examples').waitFor();
      await page.locator('.kg-example[data-example="LiveChanges"]').click();
      await expect.poll(() => page.locator('.graphiql-tab-active').innerText()).toContain('LiveChanges');
      await run(page, 'LiveChanges');
      await expect.poll(() => sockets.length, { timeout: 10_000 }).toBeGreaterThan(0);
      // The subscription starts once the socket is up: load until its change shows (each load a new fact).
      let shown = false;
      for (let i = 0; i < 10 && !shown; i++) {
        const id = `fact:playground-live-${i}`;
        await loadSeeds(graph.scope(), [documentInput({ facts: [{ id, type: 'MET_WITH', from: 'country:IRN', to: 'country:CHN', citations: [{ source: 'source:world-countries' }] }] })], { ledger: ledgerConfig({}) });
        shown = await waitForResult(page, id, 5_000).then(() => true, () => false);
      }
      expect(shown).toBe(true);
      expect(await resultText(page)).toContain('"action": "CREATED"');
      await screenshot(page, 'playground-subscription');
      expect(sockets.filter((url) => !['127.0.0.1', 'localhost'].includes(new URL(url).hostname))).toEqual([]);
      expect(session.blocked).toEqual([]);
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('opens at GET /graphql in a browser, and opens a linked operation from the address', async () => {
    const session = await BrowserSession.open(browser);
    try {
      const page = await session.newPage();
      await page.goto(`${server.base}/graphql`);
      await page.locator('.graphiql-container').waitFor();
      const query = 'query Linked { entity(id: "org:sco") { name } }';
      await page.goto(`${server.base}/?query=${encodeURIComponent(query)}`);
      await expect.poll(() => page.locator('.graphiql-tab-active').innerText()).toContain('Linked');
      await run(page, 'Linked');
      await waitForResult(page, 'Shanghai Cooperation Organization');
      expect(session.blocked).toEqual([]);
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
