import http from 'node:http';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { loadConfig } from '../src/config.js';
import { Graph } from '../src/graph/graph-client.js';
import { AnswerCache } from '../src/graphql/answer-cache.js';
import { ChangeFeed } from '../src/graphql/change-feed.js';
import type { GraphQLContext } from '../src/graphql/context.js';
import { createGraphQLServer } from '../src/graphql/server.js';
import { createLogger } from '../src/logger.js';
import { openBenchDatabase } from './database.js';
import { generateSeed, parseScale } from './generate.js';
import { recordingDriver, StatementLog } from './instrument.js';
import { picksOf, workload } from './workload.js';

/**
 * `NODE_ENV=production tsx bench/cpu-split.ts --queries hubAsOf,timeline`: CPU milliseconds per operation, in one
 * process and without HTTP, of the floor's Cypher, of this server's Cypher for the same query (through its
 * GraphScope and through a plain session), and of the whole GraphQL operation (Apollo's executeOperation). Variants
 * run round-robin, `--rounds` times `--n` operations, and each reports its median round, so that a busy machine
 * skews them alike. The differences say what the server adds to the driver's work, before HTTP; "records from
 * memory" is the operation with Neo4j's records handed back without the driver (GraphQL, hydration, plugins).
 * `STACK_LIMIT=0` sets Error.stackTraceLimit, to see what the driver's stack trace per query costs (it formats one
 * for every result, the floor's as well as the server's).
 */

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'quick' },
    queries: { type: 'string', default: 'hubAsOf,timeline' },
    n: { type: 'string', default: '300' },
    rounds: { type: 'string', default: '7' },
    /** Only the variants whose name contains this (to profile one). */
    only: { type: 'string' },
  },
});
const stackLimit = process.env['STACK_LIMIT'];
if (stackLimit !== undefined) Error.stackTraceLimit = Number(stackLimit);
const manifest = await generateSeed({ scale: parseScale(values.scale) });
const db = await openBenchDatabase({ name: `neo4j-${manifest.scale}-${manifest.seed}`, heap: manifest.scale >= 0.5 ? '10g' : '2g' });
const config = loadConfig({ ...process.env, NEO4J_URI: db.uri, SEED_PATHS: 'none', LOG_LEVEL: 'silent', RESPONSE_CACHE_BYTES: '0' });
const statements = new StatementLog();
const graph = new Graph(recordingDriver(db.graph.driver, statements), config.neo4j);
const apollo = createGraphQLServer({ config, httpServer: http.createServer(), logger: createLogger('silent'), versions: graph.versions, answers: new AnswerCache(config.cache) });
await apollo.start();
const log = createLogger('silent');
const feed = new ChangeFeed(() => graph.scope(), config.feed, log);
const contextValue = (): GraphQLContext => ({ graph: graph.scope(), config, credential: { kind: 'none' }, log, mediaType: 'application/json', feed });
const n = Number(values.n);

async function cpuPerOp(run: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) await run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / n;
}

try {
  const variants: Array<[string, () => Promise<unknown>]> = [['{ __typename }, whole operation', () => apollo.executeOperation({ query: '{ __typename }' }, { contextValue: contextValue() })]];
  for (const spec of workload(picksOf(manifest)).filter((q) => values.queries.split(',').includes(q.name))) {
    const request = { query: spec.graphql(null).query, variables: spec.graphql(null).variables };
    statements.reset(true);
    await apollo.executeOperation(request, { contextValue: contextValue() });
    const [statement] = statements.statements;
    statements.reset(false);
    variants.push([`${spec.name}: the floor's Cypher`, () => spec.floor(db.graph.driver, null)]);
    if (statement) {
      variants.push([`${spec.name}: the server's Cypher, plain session`, async () => {
        const session = db.graph.driver.session({ defaultAccessMode: neo4j.session.READ });
        try {
          return await session.executeRead((tx) => tx.run(statement.cypher, statement.params));
        } finally {
          await session.close();
        }
      }]);
      variants.push([`${spec.name}: the server's Cypher, GraphScope`, () => graph.scope().query(statement.cypher, statement.params)]);
    }
    variants.push([`${spec.name}: whole operation`, () => apollo.executeOperation(request, { contextValue: contextValue() })]);
    if (statement) {
      // The same operation with Neo4j's records handed back from memory: what the server does besides the driver.
      const records = await graph.scope().query(statement.cypher, statement.params);
      const canned = (): GraphQLContext => {
        const scope = graph.scope();
        scope.query = () => Promise.resolve(records);
        return { ...contextValue(), graph: scope };
      };
      variants.push([`${spec.name}: whole operation, records from memory`, () => apollo.executeOperation(request, { contextValue: canned() })]);
    }
  }
  if (values.only !== undefined) variants.splice(0, variants.length, ...variants.filter(([name]) => name.includes(values.only!)));
  for (const [, run] of variants) for (let i = 0; i < 100; i++) await run();
  const rounds = variants.map((): number[] => []);
  for (let r = 0; r < Number(values.rounds); r++) {
    for (const [i, [, run]] of variants.entries()) rounds[i]!.push(await cpuPerOp(run));
  }
  for (const [i, [name]] of variants.entries()) {
    const sorted = rounds[i]!.sort((a, b) => a - b);
    console.log(`${name.padEnd(48)} median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(3)}, min ${sorted[0]!.toFixed(3)} ms CPU (rounds ${sorted.map((x) => x.toFixed(2)).join(' ')})`);
  }
} finally {
  await apollo.stop();
  await db.close();
}
