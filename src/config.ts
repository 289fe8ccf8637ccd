import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'schema.graphql'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`schema.graphql not found above ${from}`);
    dir = parent;
  }
  return dir;
}

/** The project's root folder (from src/ or from the compiled dist/src/): schema.graphql, seeds/ and neo4j-local/. */
export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

/** Where the database is: a Neo4j the user runs (NEO4J_URI), or the project's managed local server. */
export interface Neo4jConfig {
  /** Bolt or neo4j:// URI of an existing server; undefined means "use the managed local server". */
  uri: string | undefined;
  user: string;
  password: string;
  database: string;
  /** Timeout of every Cypher transaction, in milliseconds. */
  transactionTimeoutMs: number;
  local: {
    port: number;
    dataDir: string;
    /** JVM heap of the local server, as java's -Xmx takes it (e.g. 2g). */
    heap: string;
  };
}

/** Bounds on what one GraphQL request may ask for; past them a request is refused with BAD_USER_INPUT. */
export interface Limits {
  /** Largest `first`/`last` of lists and of `relations`. */
  maxPageSize: number;
  maxNeighborhoodDepth: number;
  maxNeighborhoodNodes: number;
  maxPathHops: number;
  maxPaths: number;
  maxSearchResults: number;
}

export interface Config {
  port: number;
  host: string | undefined;
  neo4j: Neo4jConfig;
  /** Folders or files loaded at start (idempotent); empty disables seeding. */
  seedPaths: string[];
  /** Bearer token that unlocks the loadSeed mutation; undefined disables it. */
  seedApiKey: string | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  limits: Limits;
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function intVar(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function strVar(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  return raw === undefined || raw === '' ? fallback : raw;
}

function optVar(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

/** Reads the whole configuration from the environment; every variable and default is listed in the README. */
export function loadConfig(env: Env = process.env): Config {
  const logLevel = strVar(env, 'LOG_LEVEL', 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`);
  }
  const seeds = strVar(env, 'SEED_PATHS', path.join(PROJECT_ROOT, 'seeds'));
  return {
    port: intVar(env, 'PORT', 4000),
    host: optVar(env, 'HOST'),
    neo4j: {
      uri: optVar(env, 'NEO4J_URI'),
      user: strVar(env, 'NEO4J_USER', 'neo4j'),
      password: strVar(env, 'NEO4J_PASSWORD', 'password'),
      database: strVar(env, 'NEO4J_DATABASE', 'neo4j'),
      transactionTimeoutMs: intVar(env, 'CYPHER_TIMEOUT_MS', 15_000, 1),
      local: {
        port: intVar(env, 'NEO4J_LOCAL_PORT', 7687, 1),
        dataDir: path.resolve(PROJECT_ROOT, strVar(env, 'NEO4J_LOCAL_DATA', '.data/neo4j')),
        heap: strVar(env, 'NEO4J_LOCAL_HEAP', '2g'),
      },
    },
    seedPaths: seeds === 'none' ? [] : seeds.split(',').map((p) => path.resolve(PROJECT_ROOT, p.trim())),
    seedApiKey: optVar(env, 'SEED_API_KEY'),
    logLevel: logLevel as Config['logLevel'],
    limits: {
      maxPageSize: intVar(env, 'MAX_PAGE_SIZE', 200, 1),
      maxNeighborhoodDepth: intVar(env, 'MAX_NEIGHBORHOOD_DEPTH', 3, 1),
      maxNeighborhoodNodes: intVar(env, 'MAX_NEIGHBORHOOD_NODES', 500, 1),
      maxPathHops: intVar(env, 'MAX_PATH_HOPS', 6, 1),
      maxPaths: intVar(env, 'MAX_PATHS', 20, 1),
      maxSearchResults: intVar(env, 'MAX_SEARCH_RESULTS', 100, 1),
    },
  };
}
