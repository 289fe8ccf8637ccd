import type { GraphScope, Tx } from '../graph/graph-client.js';
import { existingEntityKinds, existingSources } from '../graph/seed-cypher.js';
import { unique } from './seed-rows.js';
import type { Validation } from './seed-validation.js';

/** Resolves references and kinds against the database for what the inputs do not define themselves. */

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function checkAgainstDatabase(scope: GraphScope, v: Validation, batchSize: number): Promise<void> {
  const entityIds = unique([...v.entityRefs.keys(), ...v.entityKinds.keys()]);
  const missingSources = [...v.sourceRefs.keys()].filter((id) => !v.sourceIds.has(id));
  await scope.read(async (tx: Tx) => {
    for (const batch of chunks(entityIds, batchSize)) {
      const stored = await existingEntityKinds(tx, batch);
      for (const id of batch) {
        const storedKind = stored.get(id);
        const loadedKind = v.entityKinds.get(id);
        if (loadedKind !== undefined && storedKind !== undefined && storedKind !== loadedKind) {
          v.add({ file: '(database)', path: id, message: `entity "${id}" is a ${storedKind} in the database and cannot become a ${loadedKind}` });
        }
        if (loadedKind === undefined && storedKind === undefined) {
          v.add({ ...v.entityRefs.get(id)!, message: `refers to entity "${id}", which is neither in the seed files nor in the database` });
        }
      }
    }
    for (const batch of chunks(missingSources, batchSize)) {
      const stored = await existingSources(tx, batch);
      for (const id of batch) {
        if (!stored.has(id)) {
          v.add({ ...v.sourceRefs.get(id)!, message: `cites source "${id}", which is neither in the seed files nor in the database` });
        }
      }
    }
  });
}
