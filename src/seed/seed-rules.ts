import { dateProblem, firstDay, lastDay } from '../model/dates.js';
import { ENTITY_KINDS, kindOfId } from '../model/kinds.js';
import { rankReasonProblem } from '../model/ranks.js';
import type { SeedRecord } from './seed-format.js';

/** Checks of one record that need nothing but the record (the schema has been checked by the reader). */

export interface FieldProblem {
  field: string;
  message: string;
}

export function recordProblems(record: SeedRecord): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const checkDate = (field: string, value: string | undefined): void => {
    if (value === undefined) return;
    const problem = dateProblem(value);
    if (problem) problems.push({ field, message: problem });
  };
  if (record.category === 'entity') {
    const e = record.value;
    const prefixKind = kindOfId(e.id);
    if (prefixKind !== e.kind) {
      problems.push({ field: 'id', message: `id "${e.id}" must start with "${ENTITY_KINDS[e.kind].prefix}:" for kind ${e.kind}` });
    }
    if (e.kind === 'COUNTRY' && e.iso3 !== undefined && e.id !== `country:${e.iso3}`) {
      problems.push({ field: 'iso3', message: `iso3 "${e.iso3}" does not match id "${e.id}"` });
    }
    checkDate('signedOn', e.signedOn);
  } else if (record.category === 'source') {
    checkDate('publishedOn', record.value.publishedOn);
  } else {
    const f = record.value;
    checkDate('startDate', f.startDate);
    checkDate('endDate', f.endDate);
    if (f.startDate && f.endDate && !dateProblem(f.startDate) && !dateProblem(f.endDate) && lastDay(f.endDate) < firstDay(f.startDate)) {
      problems.push({ field: 'endDate', message: `endDate ${f.endDate} is before startDate ${f.startDate}` });
    }
    const rankProblem = rankReasonProblem(f.rank, f.rankReason);
    if (rankProblem) problems.push({ field: 'rankReason', message: rankProblem });
    if (f.from === f.to) problems.push({ field: 'to', message: `a fact relates two different entities; from and to are both "${f.from}"` });
    for (const [field, ref] of [['from', f.from], ['to', f.to]] as const) {
      if (!kindOfId(ref)) problems.push({ field, message: `"${ref}" is not an entity id (country:, person:, org: or treaty:)` });
    }
  }
  return problems;
}
