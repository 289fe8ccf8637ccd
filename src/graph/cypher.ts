import neo4j from 'neo4j-driver';
import { ENTITY_KINDS, FACT_TYPES, isEntityKind, type EntityKindName } from '../model/kinds.js';
import type { Params } from './graph-client.js';

/**
 * The only way text gets into a Cypher statement besides the fixed fragments written in src/graph: values
 * become parameters, and the few things Cypher cannot take as parameters (labels, fact types in EXISTS
 * patterns, path bounds, variable names) pass through a checked function here. A request string therefore
 * never reaches Cypher text (tests/cypher checks it by feeding hostile strings through every read).
 *
 * Why templates and not @neo4j/cypher-builder (decided against the snapshots in tests/cypher): the builder cannot
 * write the neighborhood's per-level cap (a list slice whose bounds are expressions; its ListRange takes JS
 * numbers), it writes `SHORTEST k` and `{1,n}` from numbers unchecked, code in its terms reads less like the
 * Cypher that the snapshots show and reviewers read, and it reshapes statements whose plans BENCHMARKS.md
 * measured. What it would add, escaping and unique names, this module gives against our own tables.
 */

/** A statement and its parameters, ready to run. */
export interface Statement {
  cypher: string;
  params: Params;
}

/** The parameters and variable names of one statement being written. */
export class CypherBuilder {
  readonly params: Params = {};
  private paramCount = 0;
  private varCount = 0;

  /** A parameter holding the value: `$p3`. */
  param(value: unknown): string {
    const name = `p${this.paramCount++}`;
    this.params[name] = value;
    return `$${name}`;
  }

  /** An integer parameter (JavaScript numbers travel as floats, which LIMIT and list slices refuse). */
  intParam(value: number): string {
    return this.param(neo4j.int(checkedInt(value, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)));
  }

  /** A fresh variable name, unique in the statement: `r3` for the prefix `r`. */
  variable(prefix: VariablePrefix): string {
    return `${prefix}${this.varCount++}`;
  }

  /** The statement with the parameters written so far. */
  statement(cypher: string): Statement {
    return { cypher, params: this.params };
  }
}

/** Prefixes say what a variable holds (entity, fact, list…), so that the Cypher reads; the number makes it unique. */
export type VariablePrefix = 'v' | 'o' | 'r' | 'f' | 't' | 'i' | 's' | 'n' | 'path' | 'nodes' | 'rels' | 'seen' | 'level' | 'found' | 'score' | 'matched' | 'value' | 'label' | 'count' | 'buckets' | 'kept' | 'other' | 'valued' | 'known' | 'changed' | 'firsts' | 'dirty';

export class CypherSpliceError extends Error {
  override name = 'CypherSpliceError';
}

/** The label of an entity kind (`:Country`), or of every entity (`:Entity`), from the kinds table. */
export function label(kind: EntityKindName | 'ENTITY'): string {
  if (kind === 'ENTITY') return ':Entity';
  if (!isEntityKind(kind)) throw new CypherSpliceError(`${JSON.stringify(kind)} is not an entity kind`);
  return `:${ENTITY_KINDS[kind].label}`;
}

const FACT_TYPE_VALUES: ReadonlySet<string> = new Set(Object.values(FACT_TYPES));

/** A fact type the API reads as a string literal (`'MEMBER_OF'`), from the fact types table. */
export function factType(type: (typeof FACT_TYPES)[keyof typeof FACT_TYPES]): string {
  if (!FACT_TYPE_VALUES.has(type)) throw new CypherSpliceError(`${JSON.stringify(type)} is not a fact type the API reads`);
  return `'${type}'`;
}

/** The number, when it is an integer within [min, max]; for counts that shape a statement. */
export function checkedInt(n: number, min: number, max: number): number {
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new CypherSpliceError(`expected an integer from ${min} to ${max}, got ${String(n)}`);
  }
  return n;
}

/** An integer literal within [min, max], for the places Cypher takes no parameter (`SHORTEST k`, `{1,n}`). */
export function int(n: number, min: number, max: number): string {
  return String(checkedInt(n, min, max));
}
