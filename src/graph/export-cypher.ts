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

/** `sinceSeq`: only records changed by loads from that sequence number on (see changedPage); all when null. */
export function sourcesPage(scope: GraphScope, after: string, size: number, sinceSeq: number | null = null): Promise<ExportPage<Raw>> {
  if (sinceSeq !== null) {
    return changedPage(scope, 'SOURCE', 'MATCH (s:Source {id: id}) RETURN properties(s) AS item', { after, sinceSeq }, size, (r) => r);
  }
  return page(
    scope,
    'MATCH (s:Source) WHERE s.id > $after RETURN properties(s) AS props ORDER BY s.id LIMIT $size',
    { after },
    size,
    (r) => r['props'] as Raw,
    (s) => s['id'] as string,
  );
}

export function entitiesPage(
  scope: GraphScope,
  after: string,
  size: number,
  kinds: readonly EntityKindName[] | null,
  sinceSeq: number | null = null,
): Promise<ExportPage<Raw>> {
  if (sinceSeq !== null) {
    const item = 'MATCH (e:Entity {id: id}) WHERE $kinds IS NULL OR e.kind IN $kinds RETURN properties(e) AS item';
    return changedPage(scope, 'ENTITY', item, { after, kinds, sinceSeq }, size, (r) => r);
  }
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
export function factsPage(
  scope: GraphScope,
  after: string,
  size: number,
  kinds: readonly EntityKindName[] | null,
  sinceSeq: number | null = null,
): Promise<ExportPage<StoredFact>> {
  if (sinceSeq !== null) {
    const item = `MATCH (a:Entity)-[f:FACT {id: id}]->(b:Entity) WHERE $kinds IS NULL OR (a.kind IN $kinds AND b.kind IN $kinds)
      RETURN {props: properties(f), from: a.id, to: b.id} AS item`;
    return changedPage(scope, 'FACT', item, { after, kinds, sinceSeq }, size, (r) => ({ props: r['props'] as Raw, from: r['from'] as string, to: r['to'] as string }));
  }
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

type Category = 'SOURCE' | 'ENTITY' | 'FACT';

/**
 * Records of one category that loads changed from sequence number `sinceSeq` on (their revisions, in record id
 * order over the revision_record index), as they stand now; records deleted since are skipped. `next` follows the
 * ids scanned, not the records found, so a page of deleted records does not end the export early.
 */
async function changedPage<T>(scope: GraphScope, category: Category, item: string, params: Raw, size: number, read: (r: Raw) => T): Promise<ExportPage<T>> {
  const [record] = await scope.query(
    `MATCH (r:Revision) WHERE r._record > $after AND r._category = $category AND r._seq >= $sinceSeq
     WITH DISTINCT r._record AS id ORDER BY id LIMIT $size
     WITH collect(id) AS ids
     RETURN size(ids) AS scanned, ids[-1] AS last, COLLECT { UNWIND ids AS id ${item} } AS items`,
    { ...params, category, sinceSeq: neo4j.int(params['sinceSeq'] as number), size: neo4j.int(size) },
  );
  const { scanned, last, items } = record!.toObject() as { scanned: number; last: string | null; items: Raw[] };
  return { items: items.map(read), next: scanned === size && last !== null ? last : undefined };
}
