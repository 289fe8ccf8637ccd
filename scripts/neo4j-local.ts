import { loadConfig } from '../src/config.js';
import { startLocalNeo4j } from '../src/graph/local-neo4j.js';

/** `npm run neo4j`: runs the managed local Neo4j in the foreground until Ctrl-C (others then connect to it). */
const config = loadConfig();
const server = await startLocalNeo4j(config.neo4j.local);
console.log(`Neo4j is listening at ${server.uri}; Ctrl-C stops it.`);
const stop = async (): Promise<void> => {
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
