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
  /** How long opening a connection may take before it fails (an unreachable server fails fast). */
  connectionTimeoutMs: number;
  /** How long the driver retries a transaction on transient errors (a restart, a leader switch). */
  maxRetryTimeMs: number;
  /** After a connectivity failure, requests fail at once for this long instead of each waiting on the driver. */
  failFastMs: number;
  /** How often the server probes Neo4j for the connectivity gauge (0: never). */
  probeIntervalMs: number;
  /** How old the graph version this process serves from may be: changes made by other processes show within it. */
  versionMaxAgeMs: number;
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
  /** Most names in one reconciliation request (GraphQL `reconcile` or `/reconcile`). */
  maxReconcileQueries: number;
}

/**
 * Bounds on the shape and size of one request, checked before anything runs; past them a request is refused
 * with a code naming the limit (see src/graphql/limits/).
 */
export interface RequestLimits {
  /** Nesting of fields, the root fields being at depth 1 (introspection not counted). */
  maxDepth: number;
  /** Estimated objects a response may hold: list fields count by their page size (first/last/limit). */
  maxCost: number;
  maxAliases: number;
  /** Root fields per operation: each one is a Cypher round trip. */
  maxRootFields: number;
  /** Characters of the GraphQL document. */
  maxDocumentBytes: number;
  /** Lexical tokens of the GraphQL document (the parser stops past it). */
  maxTokens: number;
  /** Bytes of a request body; larger bodies get 413. */
  maxBodyBytes: number;
  /** Characters of one string argument (JSON values of loadSeed excepted). */
  maxStringArgument: number;
  /** Items of one list argument (JSON values of loadSeed excepted). */
  maxListArgument: number;
}

/** Who may do what: writes always need a credential, reads only when `requiredForReads`. */
export interface AuthConfig {
  /** HS256 secret verifying JWTs; undefined when JWTs are not signed with a shared secret. */
  jwtSecret: string | undefined;
  /** URL of a JSON Web Key Set verifying JWTs (RS256, ES256, EdDSA…). */
  jwksUrl: string | undefined;
  /** Expected `iss` of JWTs, when set. */
  jwtIssuer: string | undefined;
  /** Expected `aud` of JWTs, when set. */
  jwtAudience: string | undefined;
  requiredForReads: boolean;
}

/** The HTTP face of the server: what a browser may do, and how the process stops. */
export interface HttpConfig {
  /** NODE_ENV=production: the defaults below tighten. */
  production: boolean;
  introspection: boolean;
  /** The browser pages (playground, explorer). */
  playground: boolean;
  /** Apollo's CSRF prevention (refuses "simple" requests a browser could send cross-site without preflight). */
  csrfPrevention: boolean;
  /** Origins allowed by CORS; ['*'] allows any. */
  corsOrigins: string[];
  /** How long SIGTERM waits for in-flight requests before closing them. */
  shutdownGraceMs: number;
}

/** The load ledger: how loads are written and who may write. */
export interface LedgerConfig {
  /** Loads of more records than this are streamed: each batch its own transaction. */
  streamThreshold: number;
  /** Rows per statement and per streamed transaction. */
  batchSize: number;
  /** How long a writer's lock lasts without a heartbeat: a writer that dies is recovered after this. */
  leaseMs: number;
  /** How long a load waits for another to finish before it is refused. */
  lockWaitMs: number;
}

/** Answers to repeated reads: ETags tied to the graph version, revalidation, an in-process response cache. */
export interface CacheConfig {
  /** Bytes of answers the response cache holds (0: no response cache; ETags and 304s stay). */
  responseBytes: number;
  /** The Cache-Control header of cacheable answers. */
  cacheControl: string;
}

/** The live change feed: the `changes` subscription over graphql-ws on /graphql. */
export interface FeedConfig {
  /** How often one poller per process asks the ledger for newly committed loads, while anyone subscribes. */
  pollIntervalMs: number;
  /** A load with more changes than this (matching a subscription's filter) reaches it as one summary event. */
  summaryThreshold: number;
  /** Open WebSocket connections one process accepts; past it an upgrade is answered 503. */
  maxConnections: number;
  /** How often the server pings each WebSocket; a client that has not answered by the next ping is dropped (0: never). */
  keepAliveMs: number;
}

export interface Config {
  port: number;
  host: string | undefined;
  neo4j: Neo4jConfig;
  /** Folders or files loaded at start (idempotent); empty disables seeding. */
  seedPaths: string[];
  /** Bearer token that unlocks the loadSeed mutation; undefined disables it. */
  seedApiKey: string | undefined;
  ledger: LedgerConfig;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  limits: Limits;
  requestLimits: RequestLimits;
  auth: AuthConfig;
  http: HttpConfig;
  cache: CacheConfig;
  feed: FeedConfig;
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

function boolVar(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(raw)}`);
}

function listVar(env: Env, name: string, fallback: string[]): string[] {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  return raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** The ledger's settings alone (the loader's defaults when no configuration is passed). */
export function ledgerConfig(env: Env = process.env): LedgerConfig {
  return {
    // About 5 KB of Neo4j transaction memory a record: 150,000 take some 750 MB, within the 70% of the default
    // 2 GB heap that Neo4j allows all transactions.
    streamThreshold: intVar(env, 'LOAD_STREAM_THRESHOLD', 150_000, 0),
    batchSize: intVar(env, 'LOAD_BATCH_SIZE', 5_000, 1),
    leaseMs: intVar(env, 'LOAD_LEASE_MS', 10_000, 100),
    // Longer than a lease, so a load that waits outlives a dead holder's lease and recovers its load.
    lockWaitMs: intVar(env, 'LOAD_LOCK_WAIT_MS', 15_000, 0),
  };
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

/** Reads the whole configuration from the environment; every variable and default is listed in the README. */
export function loadConfig(env: Env = process.env): Config {
  const logLevel = strVar(env, 'LOG_LEVEL', 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`);
  }
  const seeds = strVar(env, 'SEED_PATHS', path.join(PROJECT_ROOT, 'seeds'));
  const production = env['NODE_ENV'] === 'production';
  const jwksUrl = optVar(env, 'JWT_JWKS_URL');
  if (jwksUrl !== undefined && !/^https?:\/\//.test(jwksUrl)) {
    throw new ConfigError(`JWT_JWKS_URL must be an http(s) URL, got ${JSON.stringify(jwksUrl)}`);
  }
  const jwtSecret = optVar(env, 'JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 characters (HS256 needs a 256-bit secret)');
  }
  return {
    port: intVar(env, 'PORT', 4000),
    host: optVar(env, 'HOST'),
    neo4j: {
      uri: optVar(env, 'NEO4J_URI'),
      user: strVar(env, 'NEO4J_USER', 'neo4j'),
      password: strVar(env, 'NEO4J_PASSWORD', 'password'),
      database: strVar(env, 'NEO4J_DATABASE', 'neo4j'),
      transactionTimeoutMs: intVar(env, 'CYPHER_TIMEOUT_MS', 15_000, 1),
      connectionTimeoutMs: intVar(env, 'NEO4J_CONNECTION_TIMEOUT_MS', 5_000, 1),
      maxRetryTimeMs: intVar(env, 'NEO4J_MAX_RETRY_MS', 3_000, 0),
      failFastMs: intVar(env, 'NEO4J_FAIL_FAST_MS', 1_000, 0),
      probeIntervalMs: intVar(env, 'NEO4J_PROBE_INTERVAL_MS', 5_000, 0),
      versionMaxAgeMs: intVar(env, 'GRAPH_VERSION_MAX_AGE_MS', 250, 0),
      local: {
        port: intVar(env, 'NEO4J_LOCAL_PORT', 7687, 1),
        dataDir: path.resolve(PROJECT_ROOT, strVar(env, 'NEO4J_LOCAL_DATA', '.data/neo4j')),
        heap: strVar(env, 'NEO4J_LOCAL_HEAP', '2g'),
      },
    },
    seedPaths: seeds === 'none' ? [] : seeds.split(',').map((p) => path.resolve(PROJECT_ROOT, p.trim())),
    seedApiKey: optVar(env, 'SEED_API_KEY'),
    ledger: ledgerConfig(env),
    logLevel: logLevel as Config['logLevel'],
    limits: {
      maxPageSize: intVar(env, 'MAX_PAGE_SIZE', 200, 1),
      maxNeighborhoodDepth: intVar(env, 'MAX_NEIGHBORHOOD_DEPTH', 3, 1),
      maxNeighborhoodNodes: intVar(env, 'MAX_NEIGHBORHOOD_NODES', 500, 1),
      maxPathHops: intVar(env, 'MAX_PATH_HOPS', 6, 1),
      maxPaths: intVar(env, 'MAX_PATHS', 20, 1),
      maxSearchResults: intVar(env, 'MAX_SEARCH_RESULTS', 100, 1),
      maxReconcileQueries: intVar(env, 'MAX_RECONCILE_QUERIES', 100, 1),
    },
    requestLimits: {
      maxDepth: intVar(env, 'MAX_QUERY_DEPTH', 10, 1),
      maxCost: intVar(env, 'MAX_QUERY_COST', 50_000, 1),
      maxAliases: intVar(env, 'MAX_ALIASES', 30, 0),
      maxRootFields: intVar(env, 'MAX_ROOT_FIELDS', 20, 1),
      maxDocumentBytes: intVar(env, 'MAX_DOCUMENT_BYTES', 32_768, 1),
      maxTokens: intVar(env, 'MAX_TOKENS', 5_000, 1),
      maxBodyBytes: intVar(env, 'MAX_BODY_BYTES', 5 * 1024 * 1024, 1),
      maxStringArgument: intVar(env, 'MAX_STRING_ARGUMENT', 2_000, 1),
      maxListArgument: intVar(env, 'MAX_LIST_ARGUMENT', 1_000, 1),
    },
    auth: {
      jwtSecret,
      jwksUrl,
      jwtIssuer: optVar(env, 'JWT_ISSUER'),
      jwtAudience: optVar(env, 'JWT_AUDIENCE'),
      requiredForReads: boolVar(env, 'AUTH_REQUIRED_FOR_READS', false),
    },
    http: {
      production,
      introspection: boolVar(env, 'GRAPHQL_INTROSPECTION', !production),
      playground: boolVar(env, 'GRAPHQL_PLAYGROUND', !production),
      csrfPrevention: boolVar(env, 'CSRF_PREVENTION', production),
      corsOrigins: listVar(env, 'CORS_ORIGINS', production ? [] : ['*']),
      shutdownGraceMs: intVar(env, 'SHUTDOWN_GRACE_MS', 10_000, 0),
    },
    cache: {
      responseBytes: intVar(env, 'RESPONSE_CACHE_BYTES', 64 * 1024 * 1024, 0),
      cacheControl: strVar(env, 'CACHE_CONTROL', 'private, no-cache'),
    },
    feed: {
      pollIntervalMs: intVar(env, 'CHANGE_FEED_POLL_MS', 250, 10),
      summaryThreshold: intVar(env, 'CHANGE_FEED_SUMMARY_THRESHOLD', 1_000, 1),
      maxConnections: intVar(env, 'WS_MAX_CONNECTIONS', 1_000, 1),
      keepAliveMs: intVar(env, 'WS_KEEPALIVE_MS', 12_000, 0),
    },
  };
}
