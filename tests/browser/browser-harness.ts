import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/config.js';
import { WEB_BUILD_DIR } from '../../src/http/pages.js';

/** Browser-test plumbing: the built pages, Debian's Chromium driven by playwright-core, nothing leaving the machine. */

export const ARTIFACTS_DIR = path.join(PROJECT_ROOT, 'test-artifacts');

const WEB_DIR = path.join(PROJECT_ROOT, 'web');
const BUILT_PAGES = ['playground.html', 'explore.html', 'dashboard.html'].map((page) => path.join(WEB_BUILD_DIR, page));

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function builtAt(): number {
  try {
    return Math.min(...BUILT_PAGES.map((page) => statSync(page).mtimeMs));
  } catch {
    return 0;
  }
}

/** Builds the pages (`npm run build:web`) when they are missing or older than their sources. */
export function ensureWebBuild(): void {
  if (builtAt() >= newestChange(WEB_DIR)) return;
  const vite = path.join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status !== 0) throw new Error(`building the web pages failed:\n${result.stdout}\n${result.stderr}`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A fresh browser profile whose every request is checked: loopback goes through, anything else is aborted and counted. */
export class BrowserSession {
  /** Requests that would have left the machine. */
  readonly blocked: string[] = [];
  /** Console errors and uncaught exceptions of every page. */
  readonly errors: string[] = [];

  private constructor(readonly context: BrowserContext) {}

  static async open(browser: Browser): Promise<BrowserSession> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    const session = new BrowserSession(context);
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (LOOPBACK.has(url.hostname)) await route.continue();
      else {
        session.blocked.push(url.href);
        await route.abort('blockedbyclient');
      }
    });
    return session;
  }

  async newPage(): Promise<Page> {
    const page = await this.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.errors.push(`${page.url()}: uncaught ${error.message}`));
    return page;
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

/** Writes a screenshot under test-artifacts/ for a person to look at; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
