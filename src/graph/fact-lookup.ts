import type { Tx } from './graph-client.js';

/** Where facts stand, by id: their ends and type (what a rewrite of a fact through the loader needs). */

export interface FactPlace {
  id: string;
  from: string;
  to: string;
  type: string;
}

export async function factPlaces(tx: Tx, ids: string[]): Promise<Map<string, FactPlace>> {
  const records = await tx.run(
    'UNWIND $ids AS id MATCH (a)-[r:FACT {id: id}]->(b) RETURN r.id AS id, a.id AS from, b.id AS to, r.type AS type',
    { ids },
  );
  return new Map(records.map((r) => [r.get('id') as string, r.toObject() as FactPlace]));
}
