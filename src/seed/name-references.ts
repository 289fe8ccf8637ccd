import type { GraphScope } from '../graph/graph-client.js';
import { reconcile } from '../graph/reconcile-cypher.js';
import type { EntityKindName } from '../model/kinds.js';
import type { ReadItem, SeedInput } from './seed-reader.js';

/**
 * Names in place of ids: wherever a seed refers to an entity by id (a fact's `from` and `to`), it may give
 * `{ "name": "Islamic Republic of Iran", "kind": "COUNTRY" }` instead. Names are reconciled against the graph as
 * it is before the load, in batches (one round trip per batch); a name without a confident match is an error
 * listing the best candidates with their ids and scores.
 */

export interface NameReference {
  name: string;
  kind?: EntityKindName;
}

export function isNameReference(value: unknown): value is NameReference {
  return typeof value === 'object' && value !== null && typeof (value as NameReference).name === 'string';
}

/** The fields of a fact that refer to entities. */
export const ENTITY_REFERENCE_FIELDS = ['from', 'to'] as const;

/** How many candidates an error lists. */
const LISTED_CANDIDATES = 3;

export type Resolution = { id: string } | { problem: string };

function describe(ref: NameReference): string {
  return `"${ref.name}"${ref.kind ? ` (${ref.kind})` : ''}`;
}

/** Reconciles name references, each distinct one once, remembering the answers (a load reads its input twice). */
export class NameResolver {
  private readonly known = new Map<string, Resolution>();

  constructor(private readonly scope: GraphScope) {}

  private key(ref: NameReference): string {
    return `${ref.kind ?? ''}\u0000${ref.name}`;
  }

  /** Resolves every reference not yet known, in one round trip. */
  async resolve(refs: readonly NameReference[]): Promise<void> {
    const fresh = new Map<string, NameReference>();
    for (const ref of refs) if (!this.known.has(this.key(ref))) fresh.set(this.key(ref), ref);
    if (fresh.size === 0) return;
    const asked = [...fresh.values()];
    const results = await reconcile(
      this.scope,
      asked.map((ref) => ({ query: ref.name, kinds: ref.kind ? [ref.kind] : null, limit: LISTED_CANDIDATES })),
    );
    asked.forEach((ref, i) => {
      const candidates = results[i]!.candidates;
      const best = candidates[0];
      if (best?.match) {
        this.known.set(this.key(ref), { id: best.entity.id });
        return;
      }
      const listed = candidates.map((c) => `${c.entity.id} "${c.entity.name}" ${c.score}`).join(', ');
      this.known.set(this.key(ref), {
        problem: `${describe(ref)} is not a confident match for any entity${listed ? `; candidates: ${listed}` : ''}; give its id`,
      });
    });
  }

  /** The answer for a reference already resolved. */
  get(ref: NameReference): Resolution {
    const known = this.known.get(this.key(ref));
    if (!known) throw new Error(`name ${describe(ref)} was not resolved`);
    return known;
  }
}

/** The name references of a fact record's value. */
export function referencesOf(value: Record<string, unknown>): NameReference[] {
  return ENTITY_REFERENCE_FIELDS.map((f) => value[f]).filter(isNameReference);
}

/** Records read per batch of names. */
const BATCH = 500;

/**
 * The input with its name references replaced by ids; a reference without a confident match becomes a problem
 * at its place (and its record is left out), so validation reports it with everything else.
 */
export function withNameReferences(input: SeedInput, resolver: NameResolver): SeedInput {
  async function* resolved(items: ReadItem[]): AsyncGenerator<ReadItem> {
    await resolver.resolve(items.flatMap((item) => ('record' in item && item.record.category === 'fact' ? referencesOf(item.record.value as never) : [])));
    for (const item of items) {
      if (!('record' in item) || item.record.category !== 'fact') {
        yield item;
        continue;
      }
      const value = { ...item.record.value } as unknown as Record<string, unknown>;
      let ok = true;
      for (const field of ENTITY_REFERENCE_FIELDS) {
        const ref = value[field];
        if (!isNameReference(ref)) continue;
        const answer = resolver.get(ref);
        if ('id' in answer) value[field] = answer.id;
        else {
          ok = false;
          const path = item.place.path.startsWith('line') ? `${item.place.path} ${field}` : `${item.place.path}/${field}`;
          yield { problem: { file: item.place.file, path, message: answer.problem } };
        }
      }
      if (ok) yield { record: { category: 'fact', value: value as never }, place: item.place };
    }
  }
  return {
    name: input.name,
    async *read() {
      let items: ReadItem[] = [];
      for await (const item of input.read()) {
        items.push(item);
        if (items.length >= BATCH) {
          yield* resolved(items);
          items = [];
        }
      }
      yield* resolved(items);
    },
  };
}
