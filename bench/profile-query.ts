import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createDriver, Graph } from '../src/graph/graph-client.js';
import { startHttpServer } from '../src/http/app.js';
import { Readiness } from '../src/readiness.js';
import { openBenchDatabase } from './database.js';
import { generateSeed, parseScale } from './generate.js';
import { dbHitsOf, formatPlan, profilePlans, recordingDriver, StatementLog } from './instrument.js';
import { picksOf, workload } from './workload.js';

/**
 * `tsx bench/profile-query.ts --scale quick --query neighborhoodHub`: the Cypher this server and the floor run
 * for one workload query, with their PROFILE plans (db hits per operator), over an already loaded bench database.
 */

const { values } = parseArgs({ options: { scale: { type: 'string', default: 'quick' }, query: { type: 'string' }, cypher: { type: 'boolean', default: false } } });
const manifest = await generateSeed({ scale: parseScale(values.scale) });
const spec = workload(picksOf(manifest)).find((q) => q.name === values.query);
if (!spec) throw new Error(`no query named ${values.query}`);
const db = await openBenchDatabase({ name: `neo4j-${manifest.scale}-${manifest.seed}`, heap: manifest.scale >= 0.5 ? '10g' : '2g' });
const log = new StatementLog();
const driver = recordingDriver(createDriver(db.config.neo4j, db.uri), log);
const config = loadConfig({ ...process.env, NEO4J_URI: db.uri, PORT: '0', SEED_PATHS: 'none', LOG_LEVEL: 'silent' });
const readiness = new Readiness();
readiness.schemaReady = true;
readiness.seedsReady = true;
const server = await startHttpServer({ config, graph: new Graph(driver, config.neo4j), readiness });
try {
  for (const who of ['floor', 'server'] as const) {
    log.reset(true);
    if (who === 'floor') await spec.floor(driver, null);
    else await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec.graphql(null)) });
    const statements = log.statements;
    log.reset(false);
    for (const [i, plan] of (await profilePlans(db.graph.driver, statements)).entries()) {
      console.log(`\n===== ${who}: ${dbHitsOf(plan)} db hits`);
      if (values.cypher) console.log(statements[i]!.cypher);
      console.log(formatPlan(plan));
    }
  }
} finally {
  await server.stop();
  await driver.close();
  await db.close();
}
