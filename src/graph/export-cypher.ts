import neo4j from 'neo4j-driver';
import type { EntityKindName } from '../model/kinds.js';
import type { GraphScope } from './graph-client.js';

/**
 * The export's reads: the graph in pages ordered by id (keyset pagination over the id constraints' indexes), so
 * a graph of any size streams out in bounded memory, one read per page.
 */

type Raw = Record<string, unknown>;

export interface ExportPage<T> {
  items: T[];
  /** Pass as `after` for the next page; undefined when this was the last. */
  next: string | undefined;
}

export interface StoredFact {
  props: Raw;
  from: string;
  to: string;
}

async function page<T>(scope: GraphScope, cypher: string, params: Raw, size: number, read: (r: Raw) => T, id: (t: T) => string): Promise<ExportPage<T>> {
  const records = await scope.query(cypher, { ...params, size: neo4j.int(size) });
  const items = records.map((r) => read(r.toObject() as Raw));
  return { items, next: items.length === size ? id(items.at(-1)!) : undefined };
}

export function sourcesPage(scope: GraphScope, after: string, size: number): Promise<ExportPage<Raw>> {
  return page(
    scope,
    'MATCH (s:Source) WHERE s.id > $after RETURN properties(s) AS props ORDER BY s.id LIMIT $size',
    { after },
    size,
    (r) => r['props'] as Raw,
    (s) => s['id'] as string,
  );
}

export function entitiesPage(scope: GraphScope, after: string, size: number, kinds: readonly EntityKindName[] | null): Promise<ExportPage<Raw>> {
  return page(
    scope,
    'MATCH (e:Entity) WHERE e.id > $after AND ($kinds IS NULL OR e.kind IN $kinds) RETURN properties(e) AS props ORDER BY e.id LIMIT $size',
    { after, kinds },
    size,
    (r) => r['props'] as Raw,
    (e) => e['id'] as string,
  );
}

/** Facts whose both ends are of the given kinds (all facts when kinds is null). */
export function factsPage(scope: GraphScope, after: string, size: number, kinds: readonly EntityKindName[] | null): Promise<ExportPage<StoredFact>> {
  return page(
    scope,
    `MATCH (a:Entity)-[f:FACT]->(b:Entity) WHERE f.id > $after AND ($kinds IS NULL OR (a.kind IN $kinds AND b.kind IN $kinds))
RETURN properties(f) AS props, a.id AS from, b.id AS to ORDER BY f.id LIMIT $size`,
    { after, kinds },
    size,
    (r) => ({ props: r['props'] as Raw, from: r['from'] as string, to: r['to'] as string }),
    (f) => f.props['id'] as string,
  );
}
