import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { GraphScope } from '../graph/graph-client.js';
import { csvCategory } from './seed-csv-format.js';
import { csvLines, entityRef, readHeader } from './seed-csv-reader.js';
import { ENTITY_REFERENCE_FIELDS, isNameReference, NameResolver, type NameReference } from './name-references.js';
import type { SeedProblem } from './seed-reader.js';

/**
 * `npm run seed -- --link <files>`: a copy of each seed file with its name references replaced by the ids they
 * confidently match (`facts.csv` → `facts.linked.csv`), for review before loading. A name without a confident
 * match stays as written and is reported with its candidates.
 */

export interface LinkReport {
  /** The copy written. */
  file: string;
  /** Name references replaced by ids. */
  resolved: number;
  problems: SeedProblem[];
}

type Raw = Record<string, unknown>;

function linkedName(file: string, outDir: string | undefined): string {
  const ext = path.extname(file);
  return path.join(outDir ?? path.dirname(file), `${path.basename(file, ext)}.linked${ext}`);
}

/** Replaces the name references of facts in place; returns how many it replaced. */
async function linkFacts(resolver: NameResolver, facts: Array<{ value: Raw; file: string; path: string }>, problems: SeedProblem[]): Promise<number> {
  await resolver.resolve(facts.flatMap((f) => ENTITY_REFERENCE_FIELDS.map((k) => f.value[k]).filter(isNameReference)));
  let resolved = 0;
  for (const f of facts) {
    for (const field of ENTITY_REFERENCE_FIELDS) {
      const ref = f.value[field];
      if (!isNameReference(ref)) continue;
      const answer = resolver.get(ref);
      if ('id' in answer) {
        f.value[field] = answer.id;
        resolved += 1;
      } else {
        problems.push({ file: f.file, path: f.path.startsWith('line') ? `${f.path} ${field}` : `${f.path}/${field}`, message: answer.problem });
      }
    }
  }
  return resolved;
}

async function linkJson(resolver: NameResolver, file: string, problems: SeedProblem[]): Promise<{ text: string; resolved: number }> {
  const doc = JSON.parse(await readFile(file, 'utf8')) as { facts?: Raw[] };
  const resolved = await linkFacts(resolver, (doc.facts ?? []).map((value, i) => ({ value, file, path: `/facts/${i}` })), problems);
  return { text: `${JSON.stringify(doc, null, 2)}\n`, resolved };
}

async function linkJsonLines(resolver: NameResolver, file: string, problems: SeedProblem[]): Promise<{ text: string; resolved: number }> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const parsed = lines.map((line) => (line.trim() === '' ? undefined : (JSON.parse(line) as Raw)));
  const facts = parsed.flatMap((p, i) => (p && typeof p['fact'] === 'object' ? [{ value: p['fact'] as Raw, file, path: `line ${i + 1}` }] : []));
  const resolved = await linkFacts(resolver, facts, problems);
  return { text: parsed.map((p, i) => (p ? JSON.stringify(p) : lines[i])).join('\n'), resolved };
}

async function linkCsv(resolver: NameResolver, file: string, problems: SeedProblem[]): Promise<{ text: string; resolved: number }> {
  const rows: string[][] = [];
  const facts: Array<{ value: Raw; file: string; path: string; row: string[] }> = [];
  let refColumns: Array<{ index: number; field: 'from' | 'to'; ref: (text: string) => string | NameReference }> = [];
  for await (const item of csvLines(file)) {
    if ('error' in item) throw new Error(`${file}: ${item.at}: ${item.error}`);
    rows.push(item.cells);
    if (rows.length === 1) {
      const header = csvCategory(file) === 'fact' ? readHeader(item.cells, 'fact') : undefined;
      if (header && 'columns' in header) {
        refColumns = header.columns.flatMap((c, index) =>
          c.field === 'from' || c.field === 'to' ? [{ index, field: c.field, ref: (text: string) => entityRef(text, c.kind) }] : [],
        );
      }
      continue;
    }
    const value: Raw = {};
    for (const c of refColumns) {
      const cell = item.cells[c.index] ?? '';
      if (cell !== '') value[c.field] = c.ref(cell);
    }
    facts.push({ value, file, path: `line ${item.line}`, row: item.cells });
  }
  const resolved = await linkFacts(resolver, facts, problems);
  for (const f of facts) {
    for (const c of refColumns) if (typeof f.value[c.field] === 'string') f.row[c.index] = f.value[c.field] as string;
  }
  return { text: stringify(rows), resolved };
}

/** Writes the linked copy of one seed file (JSON, JSON Lines or CSV) beside it, or into outDir. */
export async function linkFile(scope: GraphScope, file: string, outDir?: string, resolver = new NameResolver(scope)): Promise<LinkReport> {
  const problems: SeedProblem[] = [];
  const linked = /\.csv$/i.test(file)
    ? await linkCsv(resolver, file, problems)
    : /\.(jsonl|ndjson)$/.test(file)
      ? await linkJsonLines(resolver, file, problems)
      : await linkJson(resolver, file, problems);
  const out = linkedName(file, outDir);
  await writeFile(out, linked.text);
  return { file: out, resolved: linked.resolved, problems };
}
