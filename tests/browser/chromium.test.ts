import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_RUN_FILE, DEBIAN_CHROMIUM, launchChromium, npmChromiumPath, npmChromiumVersion, type ChromiumRun } from './chromium.js';

/** The browser tests run on any machine with the README's requirements: Debian's Chromium if installed, else the npm package's. */
describe('the Chromium of the browser tests', () => {
  let browser: Browser;
  let run: ChromiumRun;

  beforeAll(async () => {
    browser = await launchChromium();
    run = JSON.parse(readFileSync(CHROMIUM_RUN_FILE, 'utf8')) as ChromiumRun;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is CHROMIUM_PATH when set, else Debian’s package when installed, else the npm package’s, and says which', () => {
    const expected = process.env['CHROMIUM_PATH'] ? 'CHROMIUM_PATH' : existsSync(DEBIAN_CHROMIUM) ? 'debian' : 'npm';
    expect(run.kind).toBe(expected);
    expect(run.version).toBe(browser.version());
    if (run.kind === 'debian') {
      expect(run.executablePath).toBe(DEBIAN_CHROMIUM);
      expect(spawnSync(DEBIAN_CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout).toContain(run.version);
    }
    if (run.kind === 'npm') {
      // Unpacked in the project's own folder for the locked version, never a Chromium some other version left.
      const version = npmChromiumVersion();
      expect(run.npmPackage).toBe(version);
      expect(run.executablePath).toBe(npmChromiumPath(version));
      expect(run.version.split('.')[0]).toBe(version.split('.')[0]);
    }
  });

  it('draws a page: text, and a canvas read back pixel by pixel', async () => {
    const page = await browser.newPage();
    await page.setContent('<p id="text">Tehran</p><canvas id="canvas" width="20" height="20"></canvas>');
    const drawn = await page.evaluate(() => {
      const context = (document.getElementById('canvas') as HTMLCanvasElement).getContext('2d')!;
      context.fillStyle = 'rgb(200, 30, 40)';
      context.fillRect(0, 0, 20, 20);
      return [...context.getImageData(10, 10, 1, 1).data];
    });
    expect(drawn).toEqual([200, 30, 40, 255]);
    expect((await page.locator('#text').boundingBox())?.width).toBeGreaterThan(20);
    expect((await page.screenshot()).length).toBeGreaterThan(1000);
    await page.close();
  });
});
