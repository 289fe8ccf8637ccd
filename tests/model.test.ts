import { describe, expect, it } from 'vitest';
import { dateProblem, firstDay, lastDay, precisionOf } from '../src/model/dates.js';
import { kindOfId } from '../src/model/kinds.js';
import { foldText } from '../src/model/text.js';
import { luceneQuery } from '../src/graph/lucene.js';

describe('ISO 8601 dates with precision', () => {
  it('accepts years, months and days that exist', () => {
    for (const d of ['2021', '2021-09', '2021-03-27', '2024-02-29']) expect(dateProblem(d), d).toBeUndefined();
  });
  it('says why a date is not one', () => {
    expect(dateProblem('2021-13')).toBe('"2021-13" has no month 13');
    expect(dateProblem('2023-02-29')).toBe('"2023-02-29" is not a day of 2023-02');
    expect(dateProblem('21-03-2021')).toMatch(/is not an ISO 8601 date/);
    expect(dateProblem('2021-3-7')).toMatch(/is not an ISO 8601 date/);
  });
  it('knows the first and last day a date covers', () => {
    expect([firstDay('2021'), lastDay('2021')]).toEqual(['2021-01-01', '2021-12-31']);
    expect([firstDay('2024-02'), lastDay('2024-02')]).toEqual(['2024-02-01', '2024-02-29']);
    expect([firstDay('2021-03-27'), lastDay('2021-03-27')]).toEqual(['2021-03-27', '2021-03-27']);
    expect(precisionOf('2021-09')).toBe('month');
  });
});

describe('ids and text', () => {
  it('reads the kind from an id prefix', () => {
    expect(kindOfId('country:IRN')).toBe('COUNTRY');
    expect(kindOfId('org:sco')).toBe('ORGANIZATION');
    expect(kindOfId('fact:x')).toBeUndefined();
  });
  it('folds case and accents', () => {
    expect(foldText('Irán')).toBe('iran');
    expect(foldText('TÜRKİYE')).toBe('turkiye');
  });
  it('turns typed text into a Lucene query of letters and digits only', () => {
    expect(luceneQuery('Shanghai coop')).toBe('(shanghai^4 OR shanghai* OR shanghai~1) AND (coop^4 OR coop*)');
    expect(luceneQuery('a OR b) AND (')).toBe('(a^4 OR a*) AND (or^4 OR or*) AND (b^4 OR b*) AND (and^4 OR and*)');
    expect(luceneQuery('*:" \\')).toBeUndefined();
  });
});
