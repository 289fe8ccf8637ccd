import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { csvFileInput } from './seed-csv-reader.js';
import {
  schemaErrors,
  validateDocument,
  validateLine,
  validateRecord,
  type SeedDocument,
  type SeedRecord,
} from './seed-format.js';

/** Where a record or a problem is: a file and a JSON pointer (JSON) or a line (JSON Lines). */
export interface Place {
  file: string;
  path: string;
}

export interface SeedProblem extends Place {
  message: string;
}

export type ReadItem = { record: SeedRecord; place: Place } | { problem: SeedProblem };

/** Something records can be read from, as often as needed (the loader reads twice: to validate, then to write). */
export interface SeedInput {
  name: string;
  read(): AsyncIterable<ReadItem>;
  /** The SHA-256 of the input's bytes (hex), for the load ledger. */
  sha256?(): Promise<string>;
}

function fileSha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

export interface ReaderLimits {
  /** Largest JSON file, in bytes (JSON files are parsed whole; use JSON Lines for more). */
  maxJsonBytes: number;
  /** Longest JSON Lines line, in bytes. */
  maxLineBytes: number;
}

export const DEFAULT_READER_LIMITS: ReaderLimits = { maxJsonBytes: 64 * 1024 * 1024, maxLineBytes: 1024 * 1024 };

function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/** Parses JSON, or says exactly where and why it is not JSON. */
function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    if (!first) return { error: 'invalid JSON' };
    return { error: `invalid JSON at ${lineAndColumn(text, first.offset)}: ${printParseErrorCode(first.error)}` };
  }
}

function* documentRecords(doc: SeedDocument, file: string): Generator<ReadItem> {
  for (const [i, value] of (doc.sources ?? []).entries()) {
    yield { record: { category: 'source', value }, place: { file, path: `/sources/${i}` } };
  }
  for (const [i, value] of (doc.entities ?? []).entries()) {
    yield { record: { category: 'entity', value }, place: { file, path: `/entities/${i}` } };
  }
  for (const [i, value] of (doc.facts ?? []).entries()) {
    yield { record: { category: 'fact', value }, place: { file, path: `/facts/${i}` } };
  }
}

const ARRAYS = { sources: 'source', entities: 'entity', facts: 'fact' } as const;

function* validatedDocument(value: unknown, file: string): Generator<ReadItem> {
  if (validateDocument(value)) {
    yield* documentRecords(value as SeedDocument, file);
    return;
  }
  for (const e of schemaErrors(validateDocument.errors)) yield { problem: { file, path: e.pointer, message: e.message } };
  // The records that are valid on their own still go through the other checks, so that one pass lists every error.
  if (typeof value !== 'object' || value === null) return;
  for (const [key, category] of Object.entries(ARRAYS)) {
    const items = (value as Record<string, unknown>)[key];
    if (!Array.isArray(items)) continue;
    for (const [i, item] of items.entries()) {
      if (validateRecord[category](item)) {
        yield { record: { category, value: item }, place: { file, path: `/${key}/${i}` } } as ReadItem;
      }
    }
  }
}

/** A seed document given as a value (the loadSeed mutation). */
export function documentInput(document: unknown, name = 'document'): SeedInput {
  return {
    name,
    async *read() {
      yield* validatedDocument(document, name);
    },
    sha256: async () => createHash('sha256').update(JSON.stringify(document)).digest('hex'),
  };
}

function jsonFileInput(file: string, limits: ReaderLimits): SeedInput {
  return {
    name: file,
    sha256: () => fileSha256(file),
    async *read() {
      const size = (await stat(file)).size;
      if (size > limits.maxJsonBytes) {
        yield {
          problem: {
            file,
            path: '/',
            message: `file is ${size} bytes, over the ${limits.maxJsonBytes}-byte limit for JSON; split it or use JSON Lines (.jsonl)`,
          },
        };
        return;
      }
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(file));
      } catch {
        yield { problem: { file, path: '/', message: 'file is not valid UTF-8' } };
        return;
      }
      const parsed = parseJson(text);
      if ('error' in parsed) {
        yield { problem: { file, path: '/', message: parsed.error } };
        return;
      }
      yield* validatedDocument(parsed.value, file);
    },
  };
}

/** Splits a byte stream into UTF-8 lines without holding the file, reporting invalid UTF-8 and overlong lines. */
async function* lines(file: string, maxLineBytes: number): AsyncGenerator<{ line: number; text: string } | { line: number; error: string }> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineNo = 0;
  let skipping = false;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const finish = (parts: Buffer[]): { line: number; text: string } | { line: number; error: string } => {
    lineNo += 1;
    try {
      return { line: lineNo, text: decoder.decode(Buffer.concat(parts)) };
    } catch {
      return { line: lineNo, error: 'line is not valid UTF-8' };
    }
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl);
      start = nl + 1;
      if (skipping || pendingBytes + piece.length > maxLineBytes) {
        lineNo += 1;
        yield { line: lineNo, error: `line is longer than the ${maxLineBytes}-byte limit` };
      } else {
        pending.push(piece);
        yield finish(pending);
      }
      pending = [];
      pendingBytes = 0;
      skipping = false;
    }
    const rest = chunk.subarray(start);
    if (!skipping) {
      pending.push(Buffer.from(rest));
      pendingBytes += rest.length;
      if (pendingBytes > maxLineBytes) {
        skipping = true;
        pending = [];
      }
    }
  }
  if (skipping) {
    lineNo += 1;
    yield { line: lineNo, error: `line is longer than the ${maxLineBytes}-byte limit` };
  } else if (pendingBytes > 0) {
    yield finish(pending);
  }
}

function jsonLinesFileInput(file: string, limits: ReaderLimits): SeedInput {
  return {
    name: file,
    sha256: () => fileSha256(file),
    async *read() {
      for await (const item of lines(file, limits.maxLineBytes)) {
        const where = `line ${item.line}`;
        if ('error' in item) {
          yield { problem: { file, path: where, message: item.error } };
          continue;
        }
        const text = item.text.trim();
        if (text === '') continue;
        const parsed = parseJson(text);
        if ('error' in parsed) {
          yield { problem: { file, path: where, message: parsed.error.replace(/at line 1, /, 'at ') } };
          continue;
        }
        if (!validateLine(parsed.value)) {
          for (const e of schemaErrors(validateLine.errors)) {
            yield { problem: { file, path: e.pointer === '/' ? where : `${where} ${e.pointer}`, message: e.message } };
          }
          continue;
        }
        const line = parsed.value as Record<string, unknown>;
        const place = { file, path: where };
        if ('source' in line) yield { record: { category: 'source', value: line['source'] }, place } as ReadItem;
        else if ('entity' in line) yield { record: { category: 'entity', value: line['entity'] }, place } as ReadItem;
        else yield { record: { category: 'fact', value: line['fact'] }, place } as ReadItem;
      }
    },
  };
}

const SEED_FILE = /\.(json|jsonl|ndjson|csv)$/;

/** The seed files named by paths: files as given, folders' *.json/*.jsonl/*.csv files (not schemas), sorted. */
export async function resolveSeedFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined);
    if (!info) throw new Error(`${p}: no such file or folder`);
    if (info.isDirectory()) {
      const names = (await readdir(p)).filter((n) => SEED_FILE.test(n) && !n.endsWith('.schema.json')).sort();
      files.push(...names.map((n) => path.join(p, n)));
    } else {
      files.push(p);
    }
  }
  return files;
}

/** A seed file, read as JSON Lines when it ends in .jsonl or .ndjson, as CSV when .csv, else as one JSON document. */
export function fileInput(file: string, limits: ReaderLimits = DEFAULT_READER_LIMITS): SeedInput {
  if (/\.csv$/i.test(file)) return csvFileInput(file);
  return /\.(jsonl|ndjson)$/.test(file) ? jsonLinesFileInput(file, limits) : jsonFileInput(file, limits);
}
