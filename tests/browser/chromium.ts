import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/config.js';
import { ARTIFACTS_DIR } from './browser-harness.js';

/**
 * Which Chromium the browser tests drive: `CHROMIUM_PATH` when set, else Debian's package when installed (CI
 * installs it), else the Chromium inside the npm package @sparticuz/chromium, which `npm ci` fetches, so that
 * `npm test` needs no browser on the machine. Whichever ran is written to test-artifacts/chromium.json.
 */

export type ChromiumKind = 'CHROMIUM_PATH' | 'debian' | 'npm';

export interface ChromiumRun {
  kind: ChromiumKind;
  executablePath: string;
  /** The browser's own version, as it reports it. */
  version: string;
  /** @sparticuz/chromium's version, when kind is `npm`. */
  npmPackage?: string;
}

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_RUN_FILE = path.join(ARTIFACTS_DIR, 'chromium.json');

const NPM_CHROMIUM_DIR = path.join(PROJECT_ROOT, 'node_modules', '@sparticuz', 'chromium');
/** Ours, and git-ignored with the rest of node_modules: no other project's or version's Chromium is found there. */
const CACHE_DIR = path.join(PROJECT_ROOT, 'node_modules', '.cache');
const UNPACK_SCRIPT = path.join(PROJECT_ROOT, 'tests', 'browser', 'unpack-chromium.ts');
/** A folder still being unpacked after this long was left by a run that was killed. */
const ABANDONED_MS = 10 * 60_000;

const execFileAsync = promisify(execFile);

export function npmChromiumVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(NPM_CHROMIUM_DIR, 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/** Where this version of the npm package's Chromium is unpacked. */
export function npmChromiumPath(version: string): string {
  return path.join(CACHE_DIR, `kg-chromium-${version}`, 'chromium');
}

/** Other versions' folders, and unpacks that a killed run left: each is about 180 MB. */
function removeLeftovers(folderName: string): void {
  for (const entry of readdirSync(CACHE_DIR)) {
    if (!entry.startsWith('kg-chromium-') || entry === folderName) continue;
    const full = path.join(CACHE_DIR, entry);
    if (entry.startsWith(`${folderName}.partial-`)) {
      // Perhaps another run's unpack, under way or just renamed.
      const unpacking = statSync(full, { throwIfNoEntry: false });
      if (!unpacking || Date.now() - unpacking.mtimeMs < ABANDONED_MS) continue;
    }
    rmSync(full, { recursive: true, force: true });
  }
}

/**
 * Unpacks the package's Chromium (about 180 MB, a few seconds) once per version. The package unpacks into
 * os.tmpdir(): a child process with TMPDIR set unpacks it into a fresh folder, which then takes its final name by
 * a rename, so a run never finds a half-unpacked browser, even with another run unpacking at the same time.
 */
async function unpackNpmChromium(version: string): Promise<string> {
  const binary = npmChromiumPath(version);
  if (existsSync(binary)) return binary;
  const folder = path.dirname(binary);
  mkdirSync(CACHE_DIR, { recursive: true });
  removeLeftovers(path.basename(folder));
  const staging = mkdtempSync(`${folder}.partial-`);
  try {
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', UNPACK_SCRIPT], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, TMPDIR: staging },
    });
    if (stdout !== path.join(staging, 'chromium')) throw new Error(`@sparticuz/chromium unpacked to "${stdout}", not into ${staging}`);
    try {
      renameSync(staging, folder);
    } catch (error) {
      // Another run got there first with the same version: use its copy.
      if (!existsSync(binary)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}

async function chooseChromium(): Promise<Omit<ChromiumRun, 'version'>> {
  const given = process.env['CHROMIUM_PATH'];
  if (given) {
    if (!existsSync(given)) throw new Error(`CHROMIUM_PATH is ${given}, which does not exist`);
    return { kind: 'CHROMIUM_PATH', executablePath: given };
  }
  if (existsSync(DEBIAN_CHROMIUM)) return { kind: 'debian', executablePath: DEBIAN_CHROMIUM };
  const npmPackage = npmChromiumVersion();
  return { kind: 'npm', executablePath: await unpackNpmChromium(npmPackage), npmPackage };
}

function major(version: string): string {
  return version.split('.')[0] ?? version;
}

let announced = false;

function record(run: ChromiumRun): void {
  mkdirSync(path.dirname(CHROMIUM_RUN_FILE), { recursive: true });
  writeFileSync(CHROMIUM_RUN_FILE, `${JSON.stringify(run, null, 2)}\n`);
  if (announced) return;
  announced = true;
  const from = run.kind === 'npm' ? `npm package @sparticuz/chromium ${run.npmPackage}` : run.kind === 'debian' ? "Debian's package" : 'CHROMIUM_PATH';
  console.log(`browser tests: Chromium ${run.version} from ${from} (${run.executablePath})`);
}

export async function launchChromium(): Promise<Browser> {
  const choice = await chooseChromium();
  const browser = await chromium.launch({
    executablePath: choice.executablePath,
    // No sandbox: root cannot have one and the npm build ships no sandbox helper; the pages are ours, and every
    // request off the machine is aborted (BrowserSession). Nothing runs in the background or calls home.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const run: ChromiumRun = { ...choice, version: browser.version() };
  if (run.npmPackage && major(run.version) !== major(run.npmPackage)) {
    await browser.close();
    throw new Error(`${run.executablePath} is Chromium ${run.version}, not the ${major(run.npmPackage)} that @sparticuz/chromium ${run.npmPackage} ships`);
  }
  record(run);
  return browser;
}
