import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { worldCountriesJsonl } from '../src/seed/world-countries.js';
import { SEEDS_DIR, useSeededServer } from './setup/harness.js';

describe('world reference data', () => {
  const env = useSeededServer();

  it('is the committed seed file, regenerated from the installed world-countries package', () => {
    expect(readFileSync(path.join(SEEDS_DIR, 'world-countries.jsonl'), 'utf8')).toBe(worldCountriesJsonl());
  });

  it('holds every country with ISO codes, region, aliases and capitals', async () => {
    const data = await env.server.data<{ countries: { totalCount: number }; entity: Record<string, unknown> }>(`{
      countries { totalCount }
      entity(id: "country:IRN") { name aliases ... on Country { iso2 iso3 region subregion capitals } }
    }`);
    expect(data.countries.totalCount).toBe(250);
    expect(data.entity).toMatchObject({ name: 'Iran', iso2: 'IR', iso3: 'IRN', region: 'Asia', subregion: 'Southern Asia', capitals: ['Tehran'] });
    expect(data.entity['aliases']).toEqual(expect.arrayContaining(['Islamic Republic of Iran', 'ایران']));
  });

  it('makes land borders symmetric, even where the data lists them on one side only', async () => {
    // world-countries lists the India–Sri Lanka border under Sri Lanka only.
    const data = await env.server.data<{ ind: { neighbors: Array<{ country: { id: string } }> }; lka: { neighbors: Array<{ country: { id: string } }> } }>(`{
      ind: entity(id: "country:IND") { ... on Country { neighbors { country { id } } } }
      lka: entity(id: "country:LKA") { ... on Country { neighbors { country { id } } } }
    }`);
    expect(data.ind.neighbors.map((n) => n.country.id)).toContain('country:LKA');
    expect(data.lka.neighbors.map((n) => n.country.id)).toContain('country:IND');
  });

  it('credits the dataset and its licence', async () => {
    const data = await env.server.data<{ node: { title: string; url: string; note: string } }>('{ node(id: "source:world-countries") { ... on Source { title url note } } }');
    expect(data.node.url).toBe('https://github.com/mledoze/countries');
    expect(data.node.note).toContain('Open Database License');
  });
});
