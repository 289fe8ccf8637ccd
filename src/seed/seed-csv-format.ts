/**
 * The CSV seed format, after `neo4j-admin database import`'s header conventions: one file per category, named
 * `*sources*.csv`, `*entities*.csv` and `*facts*.csv` (a file's name says what it holds); `:ID` is the record's
 * id, a fact's `:TYPE`, `:START_ID` and `:END_ID` its type and ends; typed columns say `:int` or `:string[]`, a
 * list's items separated by `;`. An empty cell is an absent field. Each facts row is one citation (`source`,
 * `quote`): a fact cited by several sources takes consecutive rows with the same `:ID`. An empty list is written
 * `;` (an empty cell is no field at all). An id column may hold a
 * name instead (`Islamic Republic of Iran`), resolved like `{ "name": … }` in JSON seeds.
 */

export type CsvCategory = 'source' | 'entity' | 'fact';

export type ColumnType = 'string' | 'int' | 'string[]';

export interface Column {
  /** The header as written, e.g. `aliases:string[]`. */
  header: string;
  /** The seed field it fills (`id`, `from`, `citation.source`…). */
  field: string;
  type: ColumnType;
}

function column(header: string, field = header.replace(/:.*$/, '')): Column {
  const type = (/:(int|string\[\])$/.exec(header)?.[1] ?? 'string') as ColumnType;
  return { header, field, type };
}

/** The columns of each category, in the order the export writes them. */
export const CSV_COLUMNS: Readonly<Record<CsvCategory, readonly Column[]>> = {
  source: [column(':ID', 'id'), ...['title', 'publisher', 'publishedOn', 'url', 'section', 'note'].map((h) => column(h))],
  entity: [
    column(':ID', 'id'),
    column('kind'),
    column('name'),
    column('aliases:string[]'),
    column('description'),
    column('iso2'),
    column('iso3'),
    column('region'),
    column('subregion'),
    column('capitals:string[]'),
    column('status'),
    column('signedOn'),
    column('durationYears:int'),
    column('clauses:string[]'),
  ],
  fact: [
    column(':ID', 'id'),
    column(':TYPE', 'type'),
    column(':START_ID', 'from'),
    column(':END_ID', 'to'),
    ...['status', 'startDate', 'endDate', 'role', 'summary', 'rank', 'rankReason'].map((h) => column(h)),
    column('source', 'citation.source'),
    column('quote', 'citation.quote'),
  ],
};

/** Separates the items of a `:string[]` cell; alone, it is the empty list. */
export const ARRAY_DELIMITER = ';';

/** The category a CSV file holds, from its name (`world-entities.csv` → entity). */
export function csvCategory(file: string): CsvCategory | undefined {
  const name = file.toLowerCase().replace(/^.*[\\/]/, '');
  if (name.includes('source')) return 'source';
  if (name.includes('entit')) return 'entity';
  if (name.includes('fact')) return 'fact';
  return undefined;
}
