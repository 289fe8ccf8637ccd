import os from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { connectDatabase } from '../graph/connect.js';
import type { GraphScope } from '../graph/graph-client.js';
import { loadsPage } from '../graph/ledger-reads.js';
import { LocalNeo4jError } from '../graph/local-neo4j.js';
import { ensureSchema } from '../graph/schema-setup.js';
import { LoadInProgressError, recoverAbandonedLoads } from './load-session.js';
import { NameResolver } from './name-references.js';
import { changeRanks, RankChangeError } from './rank-facts.js';
import { readRankFile } from './rank-file.js';
import { revertLoad, RevertError } from './revert.js';
import { linkFile } from './seed-link.js';
import { loadSeeds } from './seed-loader.js';
import { fileInput, resolveSeedFiles } from './seed-reader.js';
import { formatLoads, formatProgress, formatReport, formatRevert } from './seed-report.js';

const USAGE = `usage: npm run seed -- [--dry-run] [--batch-size N] <file or folder>…
       npm run seed -- --link <file>…
       npm run seed -- --loads
       npm run seed -- --revert <load id> [--dry-run] [--force]
       npm run seed -- --ranks <file.jsonl>

Validates every file, then loads all of them as one load of the ledger: all or nothing.
Files: *.json (one seed document), *.jsonl (one record a line), see seeds/seed.schema.json, and *.csv (files named
*sources*, *entities*, *facts*; see the README). An entity may be named instead of given by id.
  --dry-run        report what would be created, updated and left unchanged (or reverted); write nothing
  --batch-size N   rows per UNWIND statement (default LOAD_BATCH_SIZE, 5000)
  --link           write a copy of each file with names replaced by the ids they match (x.json → x.linked.json);
                   names without a confident match are listed with their candidates
  --loads          list the recent loads, newest first
  --revert ID      put back every record load ID changed, as a new load
  --force          revert even records that later loads changed again
  --ranks FILE     set facts' ranks (retract: DEPRECATED with a reason) as one load; FILE holds one
                   {"id": "fact:…", "rank": "PREFERRED|NORMAL|DEPRECATED", "reason": "…"} a line`;

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

/** Who loads from this shell: the ledger's principal for CLI loads. */
function cliPrincipal(): string {
  let user = process.env['USER'] ?? 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): keep $USER.
  }
  return `${user}@${os.hostname()}`;
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
        loads: { type: 'boolean', default: false },
        revert: { type: 'string' },
        force: { type: 'boolean', default: false },
        ranks: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.ranks !== undefined) {
    if (positionals.length > 0 || values.loads || values.revert !== undefined) {
      console.error(`--ranks takes one file, and no other command\n${USAGE}`);
      return 2;
    }
    return ranksCommand(values.ranks);
  }
  if (values.loads || values.revert !== undefined) {
    if (positionals.length > 0 || (values.loads && values.revert !== undefined)) {
      console.error(`--loads and --revert take no files, and not each other\n${USAGE}`);
      return 2;
    }
    return ledgerCommand(values.loads ? { loads: true } : { revert: values.revert!, dryRun: values['dry-run'], force: values.force });
  }
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
  if (values.link) {
    const config = loadConfig();
    const db = await connectDatabase(config, (line) => console.error(line));
    try {
      return await link(db.graph.scope(), files);
    } finally {
      await db.close();
    }
  }
  return withDatabase(async (scope, config) => {
    try {
      const report = await loadSeeds(scope, files.map((f) => fileInput(f)), {
        dryRun: values['dry-run'],
        ...(batchSize === undefined ? {} : { batchSize }),
        onProgress: (p) => console.error(formatProgress(p, values['dry-run'])),
        principal: cliPrincipal(),
        ledger: config.ledger,
        onWait: (message) => console.error(`seed: ${message}`),
      });
      console.log(formatReport(report));
      return report.ok ? 0 : 1;
    } catch (error) {
      if (error instanceof LoadInProgressError) {
        console.error(`seed: ${error.message}; nothing was written`);
        return 1;
      }
      console.error(`seed: the load failed and was undone: ${(error as Error).message}`);
      return 1;
    }
  });
}

/** Opens the database, prepares the schema and recovers loads a dead process left RUNNING, then runs `work`. */
async function withDatabase(work: (scope: GraphScope, config: Config) => Promise<number>): Promise<number> {
  const config = loadConfig();
  const db = await connectDatabase(config, (line) => console.error(line));
  try {
    await ensureSchema(db.graph.scope());
    await recoverAbandonedLoads(db.graph.scope(), config.ledger, (line) => console.error(line));
    return await work(db.graph.scope(), config);
  } finally {
    await db.close();
  }
}

async function ledgerCommand(command: { loads: true } | { revert: string; dryRun: boolean; force: boolean }): Promise<number> {
  return withDatabase(async (scope, config) => {
    if ('loads' in command) {
      const page = await loadsPage(scope, null, { size: 50, backward: false, after: null, before: null });
      console.log(formatLoads(page.items.map((i) => i.item)));
      return 0;
    }
    try {
      const report = await revertLoad(scope, command.revert, {
        dryRun: command.dryRun,
        force: command.force,
        principal: cliPrincipal(),
        ledger: config.ledger,
        onWait: (message) => console.error(`seed: ${message}`),
      });
      console.log(formatRevert(report));
      return report.ok ? 0 : 1;
    } catch (error) {
      if (error instanceof RevertError || error instanceof LoadInProgressError) {
        console.error(`seed: ${error.message}`);
        return 1;
      }
      console.error(`seed: the revert failed and was undone: ${(error as Error).message}`);
      return 1;
    }
  });
}

async function ranksCommand(file: string): Promise<number> {
  let read;
  try {
    read = await readRankFile(file);
  } catch (error) {
    console.error(`seed: ${(error as Error).message}`);
    return 2;
  }
  if (read.problems.length > 0) {
    for (const p of read.problems) console.error(`${p.place}: ${p.message}`);
    console.error(`seed: ${read.problems.length} problem(s); nothing was written`);
    return 1;
  }
  return withDatabase(async (scope, config) => {
    try {
      const loadId = await changeRanks(scope, read.changes, {
        principal: cliPrincipal(),
        ledger: config.ledger,
        inputName: file,
        places: read.places,
        onWait: (message) => console.error(`seed: ${message}`),
      });
      console.log(`ranks: ${read.changes.length} fact(s) ranked\nload: ${loadId} (npm run seed -- --revert ${loadId} puts it back)`);
      return 0;
    } catch (error) {
      if (error instanceof RankChangeError) {
        for (const p of error.problems) console.error(`${p.place}: ${p.message}`);
        console.error(`seed: ${error.problems.length} problem(s); nothing was written`);
        return 1;
      }
      if (error instanceof LoadInProgressError) {
        console.error(`seed: ${error.message}; nothing was written`);
        return 1;
      }
      console.error(`seed: the rank change failed and was undone: ${(error as Error).message}`);
      return 1;
    }
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof LocalNeo4jError ? `error: ${error.message}` : error);
    process.exit(2);
  },
);
