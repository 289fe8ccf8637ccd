import { createHash } from 'node:crypto';
import type { EntityRow, FactRow, SourceRow } from '../graph/seed-cypher.js';
import { firstDay, lastDay } from '../model/dates.js';
import { foldText } from '../model/text.js';
import type { SeedEntity, SeedFact, SeedRecord, SeedSource } from './seed-format.js';

/** Seed records as the rows the loader's Cypher takes: stored properties, derived keys, ids. */

function compact(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined) out[k] = v;
  return out;
}

export function unique(values: string[]): string[] {
  return [...new Set(values)];
}

export function factId(fact: SeedFact): string {
  return fact.id ?? `fact:${fact.type}|${fact.from}|${fact.to}${fact.startDate ? `|${fact.startDate}` : ''}`;
}

export function entityRow(e: SeedEntity): EntityRow {
  return {
    id: e.id,
    aliases: unique((e.aliases ?? []).filter((a) => a !== e.name)),
    props: compact({
      id: e.id,
      kind: e.kind,
      name: e.name,
      sortName: foldText(e.name),
      description: e.description,
      iso2: e.iso2,
      iso3: e.iso3,
      region: e.region,
      subregion: e.subregion,
      capitals: e.capitals,
      status: e.status,
      signedOn: e.signedOn,
      // The first day the signing date covers: what date filters and sorting compare.
      signedOnKey: e.signedOn === undefined ? undefined : firstDay(e.signedOn),
      durationYears: e.durationYears,
      clauses: e.clauses,
    }),
  };
}

export function sourceRow(s: SeedSource): SourceRow {
  return { id: s.id, props: compact({ ...s }) };
}

export function factRow(f: SeedFact): FactRow {
  const id = factId(f);
  return {
    id,
    from: f.from,
    to: f.to,
    sourceIds: f.citations.map((c) => c.source),
    // Neo4j lists cannot hold nulls: an empty string stands for "no quote".
    quotes: f.citations.map((c) => c.quote ?? ''),
    props: compact({
      id,
      type: f.type,
      status: f.status,
      startDate: f.startDate,
      endDate: f.endDate,
      validFrom: f.startDate === undefined ? undefined : firstDay(f.startDate),
      validTo: f.endDate === undefined ? undefined : lastDay(f.endDate),
      role: f.role,
      summary: f.summary,
      rank: f.rank,
      rankReason: f.rankReason,
    }),
  };
}

export function recordId(record: SeedRecord): string {
  return record.category === 'fact' ? factId(record.value) : record.value.id;
}

/** A digest of the row a record becomes: two records with the same id and print write the same thing. */
export function fingerprint(record: SeedRecord): string {
  const row =
    record.category === 'entity'
      ? entityRow(record.value)
      : record.category === 'source'
        ? sourceRow(record.value)
        : factRow(record.value);
  return createHash('sha1').update(JSON.stringify(row)).digest('base64');
}
