/**
 * ISO 8601 dates with their precision: `2021` (year), `2021-09` (month) or `2021-03-27` (day).
 * Stored as given, plus the first and last day they cover, so that "valid on a date" is a string comparison.
 */

const DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export type DatePrecision = 'year' | 'month' | 'day';

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Why the text is not an ISO 8601 date with precision, or undefined when it is one. */
export function dateProblem(text: string): string | undefined {
  const match = DATE_PATTERN.exec(text);
  if (!match) return `"${text}" is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)`;
  const [, y, m, d] = match;
  const year = Number(y);
  if (m !== undefined) {
    const month = Number(m);
    if (month < 1 || month > 12) return `"${text}" has no month ${m}`;
    if (d !== undefined) {
      const day = Number(d);
      if (day < 1 || day > daysInMonth(year, month)) return `"${text}" is not a day of ${y}-${m}`;
    }
  }
  return undefined;
}

export function isIsoDate(text: string): boolean {
  return dateProblem(text) === undefined;
}

export function precisionOf(text: string): DatePrecision {
  return text.length === 4 ? 'year' : text.length === 7 ? 'month' : 'day';
}

/** The first day a date covers: `2021-09` → `2021-09-01`. */
export function firstDay(text: string): string {
  if (text.length === 4) return `${text}-01-01`;
  if (text.length === 7) return `${text}-01`;
  return text;
}

/** The last day a date covers: `2021-09` → `2021-09-30`. */
export function lastDay(text: string): string {
  if (text.length === 4) return `${text}-12-31`;
  if (text.length === 7) {
    const [y, m] = text.split('-').map(Number) as [number, number];
    return `${text}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
  }
  return text;
}
