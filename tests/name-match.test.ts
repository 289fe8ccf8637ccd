import { describe, expect, it } from 'vitest';
import { CypherBuilder } from '../src/graph/cypher.js';
import { candidateQuery } from '../src/graph/lucene.js';
import { candidatesStatement } from '../src/graph/reconcile-cypher.js';
import {
  isConfident,
  nameWords,
  prepareQuery,
  rankCandidates,
  scoreName,
} from '../src/model/name-match.js';

/** The matcher's scoring, without a database. */
describe('name matching', () => {
  const score = (query: string, name: string): number => scoreName(prepareQuery(query), name);

  it('folds case, accents, punctuation, spacing and word order into an exact match', () => {
    expect(score('ISLAMIC REPUBLIC OF IRAN', 'Islamic Republic of Iran')).toBe(100);
    expect(score('cote d’ivoire', "Côte d'Ivoire")).toBe(100);
    expect(score('  Republic   Islamic, Iran ', 'Islamic Republic of Iran')).toBe(100);
    expect(score('Sao Tome and Principe', 'São Tomé and Príncipe')).toBe(100);
    expect(score('Bosnia & Herzegovina', 'Bosnia and Herzegovina')).toBe(100);
    expect(score('Faeroe', 'Færøe')).toBe(100);
  });

  it('expands common abbreviations', () => {
    expect(nameWords('Shanghai Cooperation Org.').map((w) => w.text)).toEqual(['shanghai', 'cooperation', 'organization']);
    expect(score('Shanghai Cooperation Org.', 'Shanghai Cooperation Organization')).toBe(100);
    expect(score('Shanghai Cooperation Organisation', 'Shanghai Cooperation Organization')).toBe(100);
    expect(score('Dem. Rep. of the Congo', 'Democratic Republic of the Congo')).toBe(100);
    expect(score('St. Lucia', 'Saint Lucia')).toBe(100);
    // A dotted word may abbreviate any word it begins.
    expect(score('Russian Fed.', 'Russian Federation')).toBeGreaterThanOrEqual(97);
    expect(score('Solomon Is.', 'Solomon Islands')).toBeGreaterThanOrEqual(97);
  });

  it('tolerates one typo, and two in long words, with a lower score', () => {
    const one = score('Afgahnistan', 'Afghanistan');
    expect(one).toBeGreaterThanOrEqual(90);
    expect(one).toBeLessThan(100);
    expect(score('Kazakstan', 'Kazakhstan')).toBeGreaterThanOrEqual(90);
    expect(score('Azerbajan', 'Azerbaijan')).toBeGreaterThan(85);
    expect(score('Mozambqiue', 'Mozambique')).toBeGreaterThanOrEqual(80);
    expect(score('Afgnaistan', 'Afghanistan')).toBeGreaterThan(75);
    // Short words allow fewer edits: "Iraq" is not "Iran" with a typo.
    expect(score('Iraq', 'Iran')).toBeLessThan(80);
    expect(score('Chile', 'China')).toBeLessThan(70);
  });

  it('scores partial names below full ones', () => {
    expect(score('Iran', 'Islamic Republic of Iran')).toBeLessThan(70);
    expect(score('Guinea', 'Guinea-Bissau')).toBeLessThan(70);
    expect(score('Korea', 'South Korea')).toBeLessThan(70);
    expect(score('', 'Iran')).toBe(0);
  });

  it('calls a match confident only when exact and unique, or high and far ahead', () => {
    expect(isConfident([100, 70])).toBe(true);
    expect(isConfident([100])).toBe(true);
    expect(isConfident([100, 100])).toBe(false);
    expect(isConfident([92, 80])).toBe(true);
    expect(isConfident([92, 85])).toBe(false);
    expect(isConfident([85])).toBe(false);
    expect(isConfident([])).toBe(false);
  });

  it('ranks by score, then main name over alias, then id, and marks the confident match', () => {
    const candidates = [
      { id: 'country:COD', name: 'DR Congo', aliases: ['Congo'] },
      { id: 'country:COG', name: 'Republic of the Congo', aliases: ['Congo'] },
      { id: 'country:XCG', name: 'Congo', aliases: [] },
    ];
    const ranked = rankCandidates(prepareQuery('congo'), candidates);
    expect(ranked.map((c) => [c.candidate.id, c.score, c.matchedName])).toEqual([
      ['country:XCG', 100, 'Congo'],
      ['country:COD', 100, 'Congo'],
      ['country:COG', 100, 'Congo'],
    ]);
    expect(ranked.some((c) => c.match)).toBe(false);
    const one = rankCandidates(prepareQuery('DR Congo'), candidates);
    expect(one[0]).toMatchObject({ candidate: { id: 'country:COD' }, score: 100, match: true });
  });

  it('asks the full-text index for every word as itself, a prefix and, when long enough, a fuzzy term', () => {
    expect(candidateQuery(prepareQuery('Shanghai Coop. Org.'))).toBe(
      'shanghai^4 OR shanghai* OR shanghai~1 OR sha* OR coop^4 OR coop* OR coop~1 OR organization^4 OR organization* OR organization~1 OR org*',
    );
    // Lucene syntax in the input is inert: only letters and digits reach the query.
    expect(candidateQuery(prepareQuery('iran) OR name:*'))).toBe('iran^4 OR iran* OR iran~1 OR or^4 OR or* OR name^4 OR name* OR name~1');
    expect(candidateQuery(prepareQuery('?!'))).toBeUndefined();
  });

  it('builds one parameterized statement for a batch', () => {
    const b = new CypherBuilder();
    const cypher = candidatesStatement(b, [{ index: 0, lucene: 'iran^4', kinds: null, properties: [] }]);
    expect(cypher).toMatchSnapshot();
    expect(Object.keys(b.params)).toEqual(['p0', 'p1']);
  });
});
