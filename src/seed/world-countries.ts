import { createRequire } from 'node:module';
import type { SeedEntity, SeedFact, SeedRecord, SeedSource } from './seed-format.js';

/**
 * World reference data from the `world-countries` npm package (mledoze/countries, ODbL 1.0): every country with
 * its ISO codes, names, region and land borders, as seed records citing the dataset.
 */

interface WorldCountry {
  name: { common: string; official: string; native?: Record<string, { official: string; common: string }> };
  cca2: string;
  cca3: string;
  altSpellings: string[];
  region: string;
  subregion?: string;
  capital?: string[];
  borders: string[];
}

const require = createRequire(import.meta.url);
const PACKAGE_VERSION = (require('world-countries/package.json') as { version: string }).version;

export const WORLD_SOURCE_ID = 'source:world-countries';

export function worldSource(): SeedSource {
  return {
    id: WORLD_SOURCE_ID,
    title: 'World countries: ISO codes, names, regions and borders',
    publisher: 'Mohammed Le Doze and contributors (mledoze/countries)',
    url: 'https://github.com/mledoze/countries',
    note: `npm package world-countries ${PACKAGE_VERSION}; data under the Open Database License (ODbL) 1.0, https://opendatacommons.org/licenses/odbl/1-0/`,
  };
}

function countryEntity(c: WorldCountry): SeedEntity {
  const names = [
    c.name.official,
    ...Object.values(c.name.native ?? {}).flatMap((n) => [n.common, n.official]),
    ...c.altSpellings,
    c.cca2,
    c.cca3,
  ];
  const aliases = [...new Set(names.map((n) => n.trim()).filter((n) => n.length > 0 && n !== c.name.common))];
  const place = c.subregion ? `${c.subregion} (${c.region})` : c.region;
  return {
    id: `country:${c.cca3}`,
    kind: 'COUNTRY',
    name: c.name.common,
    aliases,
    description: `${c.name.official}, in ${place}${c.capital?.length ? `; capital ${c.capital.join(', ')}` : ''}.`,
    iso2: c.cca2,
    iso3: c.cca3,
    region: c.region,
    ...(c.subregion ? { subregion: c.subregion } : {}),
    capitals: c.capital ?? [],
  };
}

/** One BORDERS fact per pair of neighbours, even where the data lists the border on one side only. */
function borderFacts(countries: WorldCountry[]): SeedFact[] {
  const names = new Map(countries.map((c) => [c.cca3, c.name.common]));
  const pairs = new Set<string>();
  for (const c of countries) {
    for (const b of c.borders) {
      if (!names.has(b)) continue;
      pairs.add([c.cca3, b].sort().join('|'));
    }
  }
  return [...pairs].sort().map((pair) => {
    const [a, b] = pair.split('|') as [string, string];
    return {
      id: `fact:borders|${a}|${b}`,
      type: 'BORDERS',
      from: `country:${a}`,
      to: `country:${b}`,
      summary: `${names.get(a)} and ${names.get(b)} share a land border.`,
      citations: [{ source: WORLD_SOURCE_ID }],
    };
  });
}

export function worldCountryRecords(): SeedRecord[] {
  const countries = (require('world-countries/countries.json') as WorldCountry[])
    .slice()
    .sort((a, b) => a.cca3.localeCompare(b.cca3));
  return [
    { category: 'source', value: worldSource() },
    ...countries.map((c): SeedRecord => ({ category: 'entity', value: countryEntity(c) })),
    ...borderFacts(countries).map((f): SeedRecord => ({ category: 'fact', value: f })),
  ];
}

/** The records as JSON Lines, one `{"source"|"entity"|"fact": …}` a line. */
export function worldCountriesJsonl(): string {
  return worldCountryRecords()
    .map((r) => JSON.stringify({ [r.category]: r.value }))
    .join('\n')
    .concat('\n');
}
