import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { build } from 'vite';
import { PROJECT_ROOT } from '../src/config.js';
import { WEB_BUILD_DIR } from '../src/http/pages.js';

/**
 * `npm run build:web` (and, with `--if-stale`, the browser tests): Vite builds web/ into a fresh folder beside
 * public/build, which then replaces public/build by a rename, under a lock. Two runs at once never write into
 * the same folder, and a server never serves a half-written build.
 */

const WEB_DIR = path.join(PROJECT_ROOT, 'web');
/** What the build is made from, besides web/: the bundled libraries' versions. */
const LOCKFILE = path.join(PROJECT_ROOT, 'package-lock.json');
/** Written into each build: the digest of the sources it was built from (a dotfile: the server does not serve it). */
const STAMP = '.sources.sha256';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Contents, not mtimes: a checkout or a copy changes mtimes without changing what gets built. */
function sourcesDigest(): string {
  const hash = createHash('sha256');
  for (const file of [...filesUnder(WEB_DIR), LOCKFILE]) {
    hash.update(path.relative(PROJECT_ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function builtFrom(): string | undefined {
  try {
    return readFileSync(path.join(WEB_BUILD_DIR, STAMP), 'utf8');
  } catch {
    return undefined;
  }
}

/** Puts the finished build in place: two renames, so public/build is never a partly written folder. */
function replaceBuild(finished: string): void {
  const previous = `${finished}.previous`;
  try {
    renameSync(WEB_BUILD_DIR, previous);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  renameSync(finished, WEB_BUILD_DIR);
  rmSync(previous, { recursive: true, force: true });
}

async function buildWeb(options: { ifStale: boolean }): Promise<void> {
  const parent = path.dirname(WEB_BUILD_DIR);
  mkdirSync(parent, { recursive: true });
  // Another build may run for a minute on a busy machine: wait for it (then ours is usually not needed).
  const release = await lockfile.lock(WEB_BUILD_DIR, {
    realpath: false,
    stale: 60_000,
    retries: { retries: 600, factor: 1, minTimeout: 500, maxTimeout: 500 },
  });
  try {
    const digest = sourcesDigest();
    if (options.ifStale && builtFrom() === digest) return;
    // Beside the target, so the rename stays on one file system.
    const staging = mkdtempSync(`${WEB_BUILD_DIR}.partial-`);
    // mkdtemp makes it private (0700): the server, perhaps another user (the Docker image's), must read it.
    chmodSync(staging, 0o755);
    try {
      await build({
        configFile: path.join(WEB_DIR, 'vite.config.ts'),
        build: { outDir: staging, emptyOutDir: true },
        logLevel: options.ifStale ? 'warn' : 'info',
      });
      writeFileSync(path.join(staging, STAMP), digest);
      replaceBuild(staging);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  } finally {
    await release();
  }
}

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--if-stale');
if (unknown.length > 0) {
  console.error(`build-web: unknown argument ${unknown.join(' ')} (usage: build-web [--if-stale])`);
  process.exit(2);
}
await buildWeb({ ifStale: args.includes('--if-stale') });
