import type { Browser } from 'playwright-core';
import type { Graph } from '../../src/graph/graph-client.js';
import { seededGraph, TestServer } from '../setup/harness.js';
import { BrowserSession, ensureWebBuild } from './browser-harness.js';
import { launchChromium } from './chromium.js';

/** What a page test works against: the seeded graph, a server over it, Chromium and a profile whose requests are checked. */
export interface BrowserFixture {
  graph: Graph;
  server: TestServer;
  browser: Browser;
  session: BrowserSession;
}

/** Builds the pages if stale, seeds a graph, starts a server over it, launches Chromium and opens a checked profile. */
export async function openBrowserFixture(): Promise<BrowserFixture> {
  ensureWebBuild();
  const graph = await seededGraph();
  const server = await TestServer.start(graph);
  const browser = await launchChromium();
  return { graph, server, browser, session: await BrowserSession.open(browser) };
}

/** Closes what `openBrowserFixture` opened, in reverse order; tolerates a fixture that failed half-way. */
export async function closeBrowserFixture(fixture: Partial<BrowserFixture>): Promise<void> {
  await fixture.session?.close();
  await fixture.browser?.close();
  await fixture.server?.stop();
  await fixture.graph?.close();
}
