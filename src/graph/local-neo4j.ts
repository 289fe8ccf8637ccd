import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, createWriteStream } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { PROJECT_ROOT } from '../config.js';

/**
 * The managed local Neo4j: Neo4j Community from Maven Central, run by neo4j-local/ on loopback.
 * Used when NEO4J_URI is not set, so that `npm start` and `npm test` need no Docker.
 */

const LAUNCHER_DIR = path.join(PROJECT_ROOT, 'neo4j-local');
const TARGET_DIR = path.join(LAUNCHER_DIR, 'target');
const STAMP_FILE = path.join(TARGET_DIR, '.build-stamp');
const MAIN_CLASS = 'dev.kg.neo4jlocal.Neo4jLocal';
const READY_PREFIX = 'NEO4J_READY ';

export class LocalNeo4jError extends Error {
  override name = 'LocalNeo4jError';
}

const ALTERNATIVES =
  'Alternatives: run `docker compose up`, or set NEO4J_URI (with NEO4J_USER, NEO4J_PASSWORD) to any Neo4j 5 server.';

function hasCommand(command: string, versionFlag: string): boolean {
  const result = spawnSync(command, [versionFlag], { stdio: 'ignore' });
  return result.error === undefined && result.status === 0;
}

function launcherSourceHash(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(path.join(LAUNCHER_DIR, 'pom.xml')));
  hash.update(readFileSync(path.join(LAUNCHER_DIR, 'src/main/java/dev/kg/neo4jlocal/Neo4jLocal.java')));
  return hash.digest('hex');
}

type Log = (line: string) => void;

/** Builds the launcher and fetches Neo4j's jars once; later calls are free while pom.xml and the class are unchanged. */
export async function ensureLauncherBuilt(log: Log = (l) => console.error(l)): Promise<void> {
  if (!hasCommand('java', '-version')) {
    throw new LocalNeo4jError(`Java 17+ is needed to run the local Neo4j, and \`java\` was not found. ${ALTERNATIVES}`);
  }
  const stamp = launcherSourceHash();
  if (existsSync(STAMP_FILE) && readFileSync(STAMP_FILE, 'utf8') === stamp) return;
  if (!hasCommand('mvn', '-v')) {
    throw new LocalNeo4jError(`Maven is needed once to fetch Neo4j's jars, and \`mvn\` was not found. ${ALTERNATIVES}`);
  }
  log('neo4j-local: fetching Neo4j Community jars from Maven Central and building the launcher (first run only)…');
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const mvn = spawn('mvn', ['-B', '-DskipTests', 'package'], { cwd: LAUNCHER_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    let downloads = 0;
    const onLine = (line: string): void => {
      tail.push(line);
      if (tail.length > 30) tail.shift();
      if (line.includes('Downloaded from')) {
        downloads += 1;
        if (downloads % 25 === 0) log(`neo4j-local: ${downloads} files downloaded…`);
      }
    };
    readline.createInterface({ input: mvn.stdout }).on('line', onLine);
    readline.createInterface({ input: mvn.stderr }).on('line', onLine);
    mvn.on('error', reject);
    mvn.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new LocalNeo4jError(`building neo4j-local failed (mvn exit ${code}):\n${tail.join('\n')}`));
    });
  });
  writeFileSync(STAMP_FILE, stamp);
  log(`neo4j-local: ready to run (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function isPortOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A free TCP port on loopback, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port assigned'));
      });
    });
  });
}

export interface LocalNeo4jOptions {
  port: number;
  dataDir: string;
  heap: string;
  /** Milliseconds to wait for Bolt; a cold first start takes 10-20 s on a small machine. */
  startTimeoutMs?: number;
  log?: Log;
}

export interface LocalNeo4j {
  uri: string;
  /** True when this process started the server (and so must stop it). */
  startedHere: boolean;
  /** The JVM's process id, when started here. */
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Connects to a local Neo4j already listening on the port, or starts one. */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = options.log ?? ((l: string) => console.error(l));
  const uri = `bolt://127.0.0.1:${options.port}`;
  if (await isPortOpen(options.port)) {
    log(`neo4j-local: using the Neo4j already listening at ${uri}`);
    return { uri, startedHere: false, pid: undefined, stop: () => Promise.resolve() };
  }
  await ensureLauncherBuilt(log);
  mkdirSync(options.dataDir, { recursive: true });
  const logFile = path.join(options.dataDir, 'neo4j-local.log');
  const classpath = [path.join(TARGET_DIR, 'classes'), path.join(TARGET_DIR, 'lib', '*')].join(path.delimiter);
  log(`neo4j-local: starting Neo4j on ${uri} (data in ${path.relative(process.cwd(), options.dataDir) || '.'})…`);
  const started = Date.now();
  const child = spawn(
    'java',
    [
      `-Xmx${options.heap}`,
      '-XX:+UseG1GC',
      '-cp',
      classpath,
      MAIN_CLASS,
      options.dataDir,
      String(options.port),
      '--exit-on-stdin-close',
    ],
    // stdin stays a pipe: the JVM exits when this process goes away, even on SIGKILL.
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const out = createWriteStream(logFile, { flags: 'a' });
  child.stderr.pipe(out);
  await waitForReady(child, options.startTimeoutMs ?? 120_000, logFile);
  log(`neo4j-local: Neo4j is up (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return { uri, startedHere: true, pid: child.pid, stop: () => stopChild(child) };
}

function waitForReady(child: ChildProcess, timeoutMs: number, logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new LocalNeo4jError(`Neo4j did not accept Bolt connections within ${timeoutMs} ms; see ${logFile}`));
    }, timeoutMs);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith(READY_PREFIX)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new LocalNeo4jError(`Neo4j exited with code ${code} while starting; see ${logFile}`));
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new LocalNeo4jError(`could not start java: ${err.message}. ${ALTERNATIVES}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
