import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { isRank, rankReasonProblem } from '../model/ranks.js';
import type { RankChange, RankProblem } from './rank-facts.js';

/**
 * A rank file for `npm run seed -- --ranks <file>`: JSON Lines, one change a line,
 * `{"id": "fact:…", "rank": "DEPRECATED", "reason": "…"}` (`reason` optional except for DEPRECATED). Every line is
 * checked before anything is written; problems name the file and line.
 */

export interface RankFile {
  changes: RankChange[];
  /** `<file> line <n>` of each change. */
  places: string[];
  problems: RankProblem[];
}

const KEYS = new Set(['id', 'rank', 'reason']);

export async function readRankFile(file: string): Promise<RankFile> {
  const out: RankFile = { changes: [], places: [], problems: [] };
  let lineNo = 0;
  for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    lineNo += 1;
    if (text.trim() === '') continue;
    const place = `${file} line ${lineNo}`;
    const problem = (message: string): void => void out.problems.push({ place, message });
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      problem(`is not JSON: ${(error as Error).message}`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problem('must be an object {"id", "rank", "reason"}');
      continue;
    }
    const line = value as Record<string, unknown>;
    const unknown = Object.keys(line).filter((k) => !KEYS.has(k));
    if (unknown.length > 0) problem(`has an unknown field "${unknown[0]}"`);
    const { id, rank, reason } = line;
    if (typeof id !== 'string' || !id.startsWith('fact:')) problem('id must be a fact id ("fact:…")');
    if (!isRank(rank)) problem('rank must be one of PREFERRED, NORMAL, DEPRECATED');
    if (reason !== undefined && (typeof reason !== 'string' || reason.trim() === '')) problem('reason must be a non-empty string');
    const reasonProblem = isRank(rank) ? rankReasonProblem(rank, typeof reason === 'string' ? reason : undefined) : undefined;
    if (reasonProblem && reason === undefined) problem(reasonProblem.replace('rankReason', 'reason'));
    if (typeof id === 'string' && isRank(rank) && (reason === undefined || typeof reason === 'string')) {
      out.changes.push({ id, rank, reason: reason ?? null });
      out.places.push(place);
    }
  }
  return out;
}
