import { dateProblem, firstDay } from '../model/dates.js';
import { DEFAULT_RANK_SELECTION, type RankSelection } from '../model/ranks.js';
import { badInput } from './errors.js';

/** Checks of argument values that the schema's types cannot express. */

export function dateArg(name: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const problem = dateProblem(value);
  if (problem) throw badInput(name, `must be an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD): ${problem}`);
  return value;
}

/** A date argument as the first day it covers, for "valid on" comparisons. */
export function asOfArg(name: string, value: string | null | undefined): string | null {
  const date = dateArg(name, value);
  return date === null ? null : firstDay(date);
}

const FACT_TYPE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

export function factTypesArg(name: string, value: readonly string[] | null | undefined): string[] | null {
  if (value === null || value === undefined) return null;
  for (const type of value) {
    if (!FACT_TYPE.test(type)) throw badInput(name, `holds "${type}", which is not a fact type (UPPER_SNAKE_CASE, e.g. MEMBER_OF)`);
  }
  return [...value];
}

export function nonEmptyArg(name: string, value: string): string {
  if (value.trim() === '') throw badInput(name, 'must not be empty');
  return value;
}

/** A rank selection argument (the schema's enum has checked it), best-ranked facts when null or omitted. */
export function rankSelectionArg(value: unknown): RankSelection {
  return (value as RankSelection | null | undefined) ?? DEFAULT_RANK_SELECTION;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** An ISO 8601 instant (a date alone means its start, UTC), as the ledger writes times: `2026-11-30T12:00:00.000Z`. */
export function knownAtArg(name: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = new Date(value);
  if (!INSTANT.test(value) || Number.isNaN(date.getTime())) {
    throw badInput(name, `must be an ISO 8601 instant such as 2026-11-30T12:00:00Z (or a date), got "${value}"`);
  }
  return date.toISOString();
}
