import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { connectDatabase } from '../graph/connect.js';
import { LocalNeo4jError } from '../graph/local-neo4j.js';
import { ensureSchema } from '../graph/schema-setup.js';
import type { GraphScope } from '../graph/graph-client.js';
import { NameResolver } from './name-references.js';
import { linkFile } from './seed-link.js';
import { loadSeeds } from './seed-loader.js';
import { fileInput, resolveSeedFiles } from './seed-reader.js';
import { formatProgress, formatReport } from './seed-report.js';

const USAGE = `usage: npm run seed -- [--dry-run] [--batch-size N] <file or folder>…
       npm run seed -- --link <file>…

Validates every file, then loads all of them in one transaction: all or nothing.
Files: *.json (one seed document), *.jsonl (one record a line), see seeds/seed.schema.json, and *.csv (files named
*sources*, *entities*, *facts*; see the README). An entity may be named instead of given by id.
  --dry-run        report what would be created, updated and left unchanged; write nothing
  --batch-size N   rows per UNWIND statement (default 5000)
  --link           write a copy of each file with names replaced by the ids they match (x.json → x.linked.json);
                   names without a confident match are listed with their candidates`;

/** --link: the linked copies, and every name that did not match; exit 1 when some did not. */
async function link(scope: GraphScope, files: string[]): Promise<number> {
  const resolver = new NameResolver(scope);
  let problems = 0;
  for (const file of files) {
    const report = await linkFile(scope, file, undefined, resolver);
    console.log(`${report.file}: ${report.resolved} names linked${report.problems.length ? `, ${report.problems.length} not` : ''}`);
    for (const p of report.problems) console.log(`  ${p.file} ${p.path}: ${p.message}`);
    problems += report.problems.length;
  }
  return problems === 0 ? 0 : 1;
}

/** `npm run seed -- <files or folders…>`: exit 0 when loaded, 1 on invalid input, 2 on usage or setup errors. */
async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        link: { type: 'boolean', default: false },
        'batch-size': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1)) {
    console.error(`--batch-size must be a positive integer\n${USAGE}`);
    return 2;
  }
  let files: string[];
  try {
    files = await resolveSeedFiles(positionals);
  } catch (error) {
    console.error(`seed: ${(error as Error).message}`);
    return 2;
  }
  if (files.length === 0) {
    console.error('seed: no .json, .jsonl or .csv files found');
    return 2;
  }
  const config = loadConfig();
  const db = await connectDatabase(config, (line) => console.error(line));
  if (values.link) {
    try {
      return await link(db.graph.scope(), files);
    } finally {
      await db.close();
    }
  }
  try {
    await ensureSchema(db.graph.scope());
    const report = await loadSeeds(db.graph.scope(), files.map((f) => fileInput(f)), {
      dryRun: values['dry-run'],
      ...(batchSize === undefined ? {} : { batchSize }),
      onProgress: (p) => console.error(formatProgress(p, values['dry-run'])),
    });
    console.log(formatReport(report));
    return report.ok ? 0 : 1;
  } catch (error) {
    console.error(`seed: the load failed and was rolled back: ${(error as Error).message}`);
    return 1;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof LocalNeo4jError ? `error: ${error.message}` : error);
    process.exit(2);
  },
);
