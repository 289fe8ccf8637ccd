import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/config.js';

/** Browser-test plumbing: the built pages, a browser profile from which nothing leaves the machine, screenshots. */

export const ARTIFACTS_DIR = path.join(PROJECT_ROOT, 'test-artifacts');

/**
 * Builds the pages when web/ or the lockfile changed since the last build (`npm run build:web -- --if-stale`),
 * waiting for a build that another run has under way; public/build is never half-written (scripts/build-web.ts).
 */
export function ensureWebBuild(): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join('scripts', 'build-web.ts'), '--if-stale'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (result.status !== 0) throw new Error(`building the web pages failed:\n${result.stdout}\n${result.stderr}`);
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
