import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSeededServer } from './setup/harness.js';

/** The seeded graph answers the article's own questions, and every fact says where it comes from. */

const ARTICLE = 'source:article-tehran-moscow-partnership';
const articleText = readFileSync(path.join(import.meta.dirname, 'fixtures', 'seed-article.txt'), 'utf8');
const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('the article, as a knowledge graph', () => {
  const env = useSeededServer();

  it('knows who said what, with their words', async () => {
    const data = await env.server.data<{ entity: { name: string; relations: Array<{ type: string; to: { id: string }; quotes: string[] }> } }>(`{
      entity(id: "person:saeed-khatibzadeh") { name relations(types: ["STATED"], direction: OUTGOING) { type to { id } quotes } }
    }`);
    const statements = Object.fromEntries(data.entity.relations.map((r) => [r.to.id, r.quotes]));
    expect(statements['org:east-axis']).toEqual([expect.stringContaining('The East axis is taking shape between Iran, China, and Russia')]);
    expect(statements['treaty:iran-russia-comprehensive-cooperation-charter']).toEqual(
      expect.arrayContaining([
        expect.stringContaining('We hope that this document will be signed in the coming months'),
        expect.stringContaining('It aligns with the 25-year strategic plan signed with China'),
      ]),
    );
    const khamenei = await env.server.data<{ entity: { relations: Array<{ to: { id: string }; quotes: string[] }> } }>(`{
      entity(id: "person:ali-khamenei") { relations(types: ["STATED"]) { to { id } quotes } }
    }`);
    expect(khamenei.entity.relations.map((r) => r.to.id).sort()).toEqual(['country:DEU', 'country:FRA', 'country:GBR', 'country:USA']);
    expect(khamenei.entity.relations[0]!.quotes[0]).toContain('the West is not a "reliable partner,"');
  });

  it('knows which agreements exist between which countries, and in what state', async () => {
    const data = await env.server.data<{
      entity: { treaties: Array<{ treaty: { id: string; status: string; signedOn: string | null; durationYears: number | null; clauses: string[]; parties: Array<{ entity: { id: string } }> }; relation: { status: string } }> };
    }>(`{
      entity(id: "country:IRN") { ... on Country { treaties {
        treaty { id status signedOn durationYears clauses parties { entity { id } } }
        relation { status }
      } } }
    }`);
    const byId = Object.fromEntries(data.entity.treaties.map((t) => [t.treaty.id, t]));
    const charter = byId['treaty:iran-russia-comprehensive-cooperation-charter']!;
    expect(charter.treaty).toMatchObject({ status: 'NEGOTIATING', signedOn: null });
    expect(charter.treaty.parties.map((p) => p.entity.id).sort()).toEqual(['country:IRN', 'country:RUS']);
    const china = byId['treaty:iran-china-25-year-cooperation-agreement']!;
    expect(china.treaty).toMatchObject({ status: 'SIGNED', signedOn: '2021-03-27', durationYears: 25, clauses: ['political', 'economic'] });
    expect(china.treaty.parties.map((p) => p.entity.id).sort()).toEqual(['country:CHN', 'country:IRN']);
    expect(byId['treaty:jcpoa']!.treaty.signedOn).toBe('2015-07-14');
  });

  it('knows which organizations Iran joined and when, and who leads them', async () => {
    const data = await env.server.data<{
      entity: { memberships: Array<{ organization: { id: string; leaders: Array<{ entity: { id: string } }> }; relation: { status: string; startDate: string } }> };
    }>(`{
      entity(id: "country:IRN") { ... on Country { memberships {
        organization { id leaders { entity { id } } }
        relation { status startDate }
      } } }
    }`);
    const sco = data.entity.memberships.find((m) => m.organization.id === 'org:sco')!;
    expect(sco.relation).toEqual({ status: 'approved', startDate: '2021-09' });
    expect(sco.organization.leaders.map((l) => l.entity.id).sort()).toEqual(['country:CHN', 'country:RUS']);
  });

  it('knows what the United States did, and when', async () => {
    const data = await env.server.data<{ timeline: Array<{ type: string; startDate: string | null; endDate: string | null; to: { id: string }; from: { id: string } }> }>(`{
      timeline(id: "country:USA") { type startDate endDate from { id } to { id } }
    }`);
    const did = data.timeline.filter((f) => f.from.id === 'country:USA').map((f) => `${f.type} ${f.to.id} ${f.startDate}..${f.endDate ?? ''}`);
    expect(did).toEqual(
      expect.arrayContaining([
        'WITHDREW_FROM treaty:jcpoa 2018..',
        'IMPOSED_SANCTIONS_ON country:IRN 2018..',
        'PARTY_TO treaty:jcpoa 2015-07-14..2018-05-08',
      ]),
    );
  });

  it('knows which countries Iran says it will prioritize: "the Koreas" are both Koreas', async () => {
    const data = await env.server.data<{ entity: { relations: Array<{ to: { id: string }; status: string }> } }>(`{
      entity(id: "country:IRN") { relations(types: ["PRIORITIZES_RELATIONS_WITH"]) { to { id } status } }
    }`);
    expect(data.entity.relations.map((r) => r.to.id).sort()).toEqual(
      ['country:CHN', 'country:IND', 'country:JPN', 'country:KOR', 'country:PRK', 'country:RUS'],
    );
    expect(new Set(data.entity.relations.map((r) => r.status))).toEqual(new Set(['stated intention']));
  });

  it('cites the article for every fact it takes from it, with quotes found word for word in the text', async () => {
    const rows = await env.graph.scope().query(
      'MATCH ()-[f:FACT]->() WHERE $article IN f.sourceIds RETURN f.id AS id, f.sourceIds AS sources, f.quotes AS quotes',
      { article: ARTICLE },
    );
    expect(rows.length).toBeGreaterThan(40);
    const text = normalize(articleText);
    for (const row of rows) {
      const sources = row.get('sources') as string[];
      const quotes = row.get('quotes') as string[];
      sources.forEach((source, i) => {
        if (source !== ARTICLE) return;
        expect(quotes[i], `${String(row.get('id'))} quotes the article`).not.toBe('');
        expect(text, `${String(row.get('id'))}'s quote is in the article`).toContain(normalize(quotes[i]!));
      });
    }
  });

  it('cites a source for every fact: the dataset for reference facts, never the article for background facts', async () => {
    const uncited = await env.graph.scope().query('MATCH ()-[f:FACT]->() WHERE size(f.sourceIds) = 0 RETURN count(f) AS n');
    expect(uncited[0]!.get('n')).toBe(0);
    const borders = await env.graph.scope().query(
      "MATCH ()-[f:FACT {type: 'BORDERS'}]->() RETURN count(f) AS n, all(x IN collect(f.sourceIds) WHERE x = ['source:world-countries']) AS ok",
    );
    expect(borders[0]!.get('n')).toBeGreaterThan(300);
    expect(borders[0]!.get('ok')).toBe(true);
    // The nuclear deal's full name and date are not in the article: those facts cite UN Security Council 2231.
    const jcpoa = await env.server.data<{ entity: { parties: Array<{ relation: { startDate: string; sources: Array<{ id: string }> } }> } }>(`{
      entity(id: "treaty:jcpoa") { ... on Treaty { parties { relation { startDate sources { id } } } } }
    }`);
    for (const party of jcpoa.entity.parties) {
      expect(party.relation.sources.map((s) => s.id)).not.toContain(ARTICLE);
      expect(party.relation.sources.map((s) => s.id)).toContain('source:unsc-resolution-2231');
    }
  });

  it('describes the article as a source: headline, section and the date as far as the text tells it', async () => {
    const data = await env.server.data<{ node: { title: string; section: string; publishedOn: string; note: string } }>(`{
      node(id: "${ARTICLE}") { ... on Source { title section publishedOn note } }
    }`);
    expect(data.node).toMatchObject({
      title: 'Tehran Announces Strategic Partnership with Moscow in the Coming Months',
      section: 'International',
      publishedOn: '2021',
    });
  });
});
