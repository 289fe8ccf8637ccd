import { createReadStream } from 'node:fs';
import { parse, CsvError } from 'csv-parse';
import { isEntityKind, kindOfId, type EntityKindName } from '../model/kinds.js';
import { ARRAY_DELIMITER, CSV_COLUMNS, csvCategory, type Column, type CsvCategory } from './seed-csv-format.js';
import { schemaErrors, validateRecord, type SeedRecord } from './seed-format.js';
import type { NameReference } from './name-references.js';
import type { ReadItem, SeedInput } from './seed-reader.js';

/**
 * Reads a CSV seed file (see seed-csv-format.ts) with csv-parse: RFC 4180 quoting, newlines inside quoted
 * cells, a UTF-8 byte order mark, CRLF or LF line ends. Problems name the file, the line and the column.
 */

type Raw = Record<string, unknown>;

interface HeaderColumn extends Column {
  /** `:START_ID(COUNTRY)`: names in this column mean entities of this kind. */
  kind?: EntityKindName;
}

/** Reads the header row, or says which header is not one of the category's columns. */
export function readHeader(cells: string[], category: CsvCategory): { columns: HeaderColumn[] } | { error: string } {
  const known = CSV_COLUMNS[category];
  const columns: HeaderColumn[] = [];
  for (const [i, text] of cells.entries()) {
    const header = text.trim();
    const idSpace = /^(:START_ID|:END_ID)\(([A-Z]+)\)$/.exec(header);
    const base = idSpace ? idSpace[1]! : header;
    const col = known.find((c) => c.header === base);
    if (!col) return { error: `column ${i + 1}: unknown header "${header}"; the ${category} columns are ${known.map((c) => c.header).join(', ')}` };
    if (idSpace && !isEntityKind(idSpace[2]!)) return { error: `column ${i + 1}: "${header}" names no entity kind` };
    columns.push(idSpace ? { ...col, kind: idSpace[2] as EntityKindName } : col);
  }
  const id = columns.find((c) => c.field === 'id');
  if (!id && category !== 'fact') return { error: `the header needs an ":ID" column` };
  return { columns };
}

/** A cell as its field's value: undefined when empty; ints and lists parsed. */
function cellValue(text: string, col: Column): { value: unknown } | { error: string } {
  if (text === '') return { value: undefined };
  if (col.type === 'int') {
    if (!/^-?\d+$/.test(text.trim())) return { error: `"${text}" is not an integer` };
    return { value: Number(text) };
  }
  if (col.type === 'string[]') return { value: text.split(ARRAY_DELIMITER).filter((item) => item !== '') };
  return { value: text };
}

/** An id cell holding a name instead of an id (`Islamic Republic of Iran`) becomes a name reference. */
export function entityRef(text: string, kind: EntityKindName | undefined): string | NameReference {
  if (kindOfId(text)) return text;
  return kind ? { name: text, kind } : { name: text };
}

function rowRecord(category: CsvCategory, columns: HeaderColumn[], cells: string[]): { value: Raw } | { column: number; error: string } {
  const value: Raw = {};
  const citation: Raw = {};
  for (const [i, col] of columns.entries()) {
    const parsed = cellValue(cells[i] ?? '', col);
    if ('error' in parsed) return { column: i + 1, error: `${col.header}: ${parsed.error}` };
    if (parsed.value === undefined) continue;
    if (col.field.startsWith('citation.')) citation[col.field.slice('citation.'.length)] = parsed.value;
    else if (col.field === 'from' || col.field === 'to') value[col.field] = entityRef(parsed.value as string, col.kind);
    else value[col.field] = parsed.value;
  }
  if (category === 'fact') value['citations'] = Object.keys(citation).length > 0 ? [citation] : [];
  return { value };
}

/** Counts of line breaks, to find where a record starts (csv-parse counts a CRLF inside quotes twice). */
function breaksIn(raw: string): { lf: number; crlf: number } {
  // Empty lines skipped before the record and its own line end are not inside it.
  const body = raw.replace(/^[\r\n]+/, '').replace(/\r?\n$|\r$/, '');
  return { lf: (body.match(/\n/g) ?? []).length, crlf: (body.match(/\r\n/g) ?? []).length };
}

/** A CSV file's rows with the line each starts on; a malformed file ends with its error, at its line and column. */
export async function* csvLines(file: string): AsyncGenerator<{ cells: string[]; line: number } | { error: string; at: string }> {
  const parser = createReadStream(file).pipe(
    parse({ bom: true, info: true, raw: true, skip_empty_lines: true, relax_column_count: false, record_delimiter: ['\r\n', '\n'] }),
  );
  let doubled = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; raw: string; info: { lines: number } }>) {
      const breaks = breaksIn(item.raw);
      doubled += breaks.crlf;
      yield { cells: item.record, line: item.info.lines - doubled - breaks.lf };
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const at = error as CsvError & { lines?: number; index?: number };
    const column = typeof at.index === 'number' ? `, column ${at.index + 1}` : '';
    yield { error: error.message.replace(/ at line \d+/, ''), at: `line ${(at.lines ?? 0) - doubled}${column}` };
  }
}

export function csvFileInput(file: string): SeedInput {
  const category = csvCategory(file);
  return {
    name: file,
    async *read(): AsyncGenerator<ReadItem> {
      if (!category) {
        yield { problem: { file, path: '/', message: 'a CSV seed file is named for what it holds: *sources*.csv, *entities*.csv or *facts*.csv' } };
        return;
      }
      let columns: HeaderColumn[] | undefined;
      // A fact's citations are consecutive rows with the same id: held until a row with another id.
      let pending: { value: Raw; line: number } | undefined;
      const finish = function* (): Generator<ReadItem> {
        if (!pending) return;
        const { value, line } = pending;
        pending = undefined;
        yield* checked(value, line);
      };
      const checked = function* (value: Raw, line: number): Generator<ReadItem> {
        const where = `line ${line}`;
        const validate = validateRecord[category!];
        if (!validate(value)) {
          for (const e of schemaErrors(validate.errors)) {
            yield { problem: { file, path: e.pointer === '/' ? where : `${where} ${e.pointer.slice(1)}`, message: e.message } };
          }
          return;
        }
        yield { record: { category, value } as unknown as SeedRecord, place: { file, path: where } };
      };
      for await (const item of csvLines(file)) {
        if ('error' in item) {
          yield { problem: { file, path: item.at, message: item.error } };
          break;
        }
        const { line } = item;
        if (!columns) {
          const header = readHeader(item.cells, category);
          if ('error' in header) {
            yield { problem: { file, path: `line ${line}`, message: header.error } };
            return;
          }
          columns = header.columns;
          continue;
        }
        const row = rowRecord(category, columns, item.cells);
        if ('error' in row) {
          yield { problem: { file, path: `line ${line}, column ${row.column}`, message: row.error } };
          continue;
        }
        const id = row.value['id'];
        if (category === 'fact' && pending && id !== undefined && pending.value['id'] === id) {
          (pending.value['citations'] as Raw[]).push(...(row.value['citations'] as Raw[]));
          continue;
        }
        yield* finish();
        if (category === 'fact') pending = { value: row.value, line };
        else yield* checked(row.value, line);
      }
      yield* finish();
    },
  };
}
