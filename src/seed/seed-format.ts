import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { PROJECT_ROOT } from '../config.js';
import type { EntityProperties } from '../model/entity.js';
import type { Rank } from '../model/ranks.js';

/** The seed format, as seeds/seed.schema.json defines it. */

export interface SeedSource {
  id: string;
  title: string;
  publisher?: string;
  publishedOn?: string;
  url?: string;
  section?: string;
  note?: string;
}

/** An entity record: see EntityProperties. */
export type SeedEntity = EntityProperties;

export interface SeedCitation {
  source: string;
  quote?: string;
}

export interface SeedFact {
  id?: string;
  type: string;
  from: string;
  to: string;
  status?: string;
  startDate?: string;
  endDate?: string;
  role?: string;
  summary?: string;
  rank?: Rank;
  rankReason?: string;
  citations: SeedCitation[];
}

export interface SeedDocument {
  sources?: SeedSource[];
  entities?: SeedEntity[];
  facts?: SeedFact[];
}

export type SeedRecord =
  | { category: 'source'; value: SeedSource }
  | { category: 'entity'; value: SeedEntity }
  | { category: 'fact'; value: SeedFact };

export type SeedCategory = SeedRecord['category'];

export const SEED_SCHEMA_PATH = path.join(PROJECT_ROOT, 'seeds', 'seed.schema.json');

const schema = JSON.parse(readFileSync(SEED_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
ajv.addSchema(schema);
const schemaId = schema['$id'] as string;

function compile(ref: string): ValidateFunction {
  const fn = ajv.getSchema(`${schemaId}${ref}`);
  if (!fn) throw new Error(`seed schema has no ${ref}`);
  return fn;
}

/** Validates a whole JSON seed document. */
export const validateDocument = compile('');
/** Validates one line of a JSON Lines seed file. */
export const validateLine = compile('#/definitions/line');
/** Validates one record of each category, so that the valid records of an invalid document are still checked. */
export const validateRecord = {
  source: compile('#/definitions/source'),
  entity: compile('#/definitions/entity'),
  fact: compile('#/definitions/fact'),
} as const;

/** Turns Ajv's errors into one message per place, e.g. `/facts/2/startDate: must match pattern …`. */
export function schemaErrors(errors: ErrorObject[] | null | undefined): Array<{ pointer: string; message: string }> {
  const seen = new Set<string>();
  const out: Array<{ pointer: string; message: string }> = [];
  for (const error of errors ?? []) {
    // if/then/else and anyOf wrappers repeat what their branches say.
    if (error.keyword === 'if') continue;
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'additionalProperties') {
      message = `has an unknown field "${String(error.params['additionalProperty'])}"`;
    } else if (error.keyword === 'enum') {
      message = `must be one of ${(error.params['allowedValues'] as unknown[]).map(String).join(', ')}`;
    } else if (error.keyword === 'not' && error.schemaPath.includes('allOf')) {
      message = 'has fields that belong to another kind (iso2, iso3, region, subregion, capitals are for COUNTRY; status, signedOn, durationYears, clauses for TREATY)';
    } else if (error.keyword === 'maxProperties' || error.keyword === 'minProperties') {
      message = 'must hold exactly one of "source", "entity" or "fact"';
    }
    const key = `${error.instancePath}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer: error.instancePath || '/', message });
  }
  return out;
}
