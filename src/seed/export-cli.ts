import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { connectDatabase } from '../graph/connect.js';
import { LocalNeo4jError } from '../graph/local-neo4j.js';
import { ENTITY_KIND_NAMES, isEntityKind } from '../model/kinds.js';
import { exportGraph, ExportError, type ExportFormat } from './seed-export.js';

const USAGE = `usage: npm run export -- [--format jsonl|csv] [--out DIR] [--kinds KIND,…] [--since LOAD]

Writes the graph (sources, entities, facts with every property and citation) in the seed formats, streamed:
  --format jsonl   one file, graph.jsonl (default)
  --format csv     sources.csv, entities.csv, facts.csv (see "CSV seeds" in the README)
  --out DIR        the folder to write to (default export/)
  --kinds K,…      only entities of these kinds (${ENTITY_KIND_NAMES.join(', ')}) and the facts between them
  --since LOAD     only records created or changed by that load and the loads committed after it (as they
                   stand now; records deleted since are left out)
Loading the output with \`npm run seed -- DIR\` reproduces the graph.`;

/** `npm run export`: exit 0 when written, 2 on usage or setup errors, 1 when the export failed. */
async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        format: { type: 'string', default: 'jsonl' },
        out: { type: 'string', default: 'export' },
        kinds: { type: 'string' },
        since: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values } = parsed;
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  if (values.format !== 'jsonl' && values.format !== 'csv') {
    console.error(`--format must be jsonl or csv\n${USAGE}`);
    return 2;
  }
  const kinds = values.kinds?.split(',').map((k) => k.trim().toUpperCase()) ?? null;
  const unknown = kinds?.find((k) => !isEntityKind(k));
  if (unknown !== undefined) {
    console.error(`--kinds: "${unknown}" is not one of ${ENTITY_KIND_NAMES.join(', ')}`);
    return 2;
  }
  const config = loadConfig();
  const db = await connectDatabase(config, (line) => console.error(line));
  try {
    const report = await exportGraph(db.graph.scope(), {
      format: values.format as ExportFormat,
      out: values.out,
      kinds: kinds as typeof ENTITY_KIND_NAMES | null,
      since: values.since ?? null,
    });
    console.log(`exported ${report.counts.sources} sources, ${report.counts.entities} entities, ${report.counts.facts} facts to ${report.files.join(', ')}`);
    return 0;
  } catch (error) {
    console.error(`export: ${(error as Error).message}`);
    return error instanceof ExportError ? 2 : 1;
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
