import { describe, expect, it } from 'vitest';
import { useSeededServer } from './setup/harness.js';

/** node, entity, the typed hops and the generic relations field, with asOf. */
describe('entities and their facts', () => {
  const env = useSeededServer();

  it('returns null, not an error, for an unknown id', async () => {
    const res = await env.server.query('{ entity(id: "country:XXX") { id } node(id: "fact:nope") { id } s: node(id: "source:nope") { id } }');
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ entity: null, node: null, s: null });
  });

  it('resolves node() for entities, facts and sources, with their concrete types', async () => {
    const data = await env.server.data<Record<string, { __typename: string; id: string } & Record<string, unknown>>>(`{
      a: node(id: "country:IRN") { __typename id ... on Entity { kind name } }
      b: node(id: "fact:iran-member-sco") { __typename id ... on Relation { type from { id } to { id name } status startDate } }
      c: node(id: "source:world-countries") { __typename id }
      d: node(id: "treaty:jcpoa") { __typename ... on Treaty { status signedOn aliases } }
    }`);
    expect(data['a']).toEqual({ __typename: 'Country', id: 'country:IRN', kind: 'COUNTRY', name: 'Iran' });
    expect(data['b']).toEqual({
      __typename: 'Relation', id: 'fact:iran-member-sco', type: 'MEMBER_OF', from: { id: 'country:IRN' },
      to: { id: 'org:sco', name: 'Shanghai Cooperation Organization' }, status: 'approved', startDate: '2021-09',
    });
    expect(data['c']!.__typename).toBe('Source');
    expect(data['d']).toMatchObject({ __typename: 'Treaty', status: 'IN_FORCE', signedOn: '2015-07-14' });
    expect(data['d']!['aliases']).toContain('JCPOA');
  });

  it("answers a country's neighbors, memberships, treaties and officials with the facts and their sources", async () => {
    const data = await env.server.data<{ entity: Record<string, Array<Record<string, { id?: string; name?: string } & Record<string, unknown>>>> }>(`{
      entity(id: "country:IRN") { ... on Country {
        neighbors { country { id } relation { type } }
        memberships { organization { id } relation { status startDate sources { id title } } }
        treaties { treaty { id status } relation { status startDate } }
        officials { person { id name } relation { role citations { quote source { id } } } }
      } }
    }`);
    const e = data.entity;
    expect(e['neighbors']!.map((n) => n['country']!.id)).toEqual(
      ['country:AFG', 'country:ARM', 'country:AZE', 'country:IRQ', 'country:PAK', 'country:TUR', 'country:TKM'],
    );
    expect(e['memberships']!.map((m) => m['organization']!.id).sort()).toEqual(['org:east-axis', 'org:sco']);
    expect(e['treaties']!.map((t) => t['treaty']!.id).sort()).toEqual([
      'treaty:iran-china-25-year-cooperation-agreement', 'treaty:iran-russia-comprehensive-cooperation-charter', 'treaty:jcpoa',
    ]);
    const officials = Object.fromEntries(e['officials']!.map((o) => [o['person']!.name, o['relation']]));
    expect(officials['Ali Khamenei']).toMatchObject({ role: 'Supreme Leader' });
    expect(officials['Saeed Khatibzadeh']).toMatchObject({ role: 'Foreign Affairs Spokesman' });
    expect((officials['Saeed Khatibzadeh'] as { citations: Array<{ source: { id: string } }> }).citations[0]!.source.id).toBe(
      'source:article-tehran-moscow-partnership',
    );
  });

  it('filters treaties by status', async () => {
    const data = await env.server.data<{ entity: { treaties: Array<{ treaty: { id: string } }> } }>(`{
      entity(id: "country:IRN") { ... on Country { treaties(status: [SIGNED]) { treaty { id } } } }
    }`);
    expect(data.entity.treaties.map((t) => t.treaty.id)).toEqual(['treaty:iran-china-25-year-cooperation-agreement']);
  });

  it("answers an organization's members and leaders, a treaty's parties and a person's positions", async () => {
    const data = await env.server.data<Record<string, Record<string, Array<{ entity: { id: string }; relation: Record<string, unknown> }>>>>(`{
      sco: entity(id: "org:sco") { ... on Organization { members { entity { id } relation { status } } leaders { entity { id } relation { type } } } }
      charter: entity(id: "treaty:iran-russia-comprehensive-cooperation-charter") { ... on Treaty { parties { entity { id } relation { status } } } }
      person: entity(id: "person:ali-khamenei") { ... on Person { positions { entity { id } relation { role } } } }
    }`);
    expect(data['sco']!['members']!.map((m) => `${m.entity.id} ${String(m.relation['status'])}`)).toEqual([
      'country:CHN member', 'country:IRN approved', 'country:RUS member',
    ]);
    expect(data['sco']!['leaders']!.map((l) => l.entity.id)).toEqual(['country:CHN', 'country:RUS']);
    expect(data['charter']!['parties']!.map((p) => `${p.entity.id} ${String(p.relation['status'])}`)).toEqual([
      'country:IRN negotiating', 'country:RUS negotiating',
    ]);
    expect(data['person']!['positions']).toEqual([{ entity: { id: 'country:IRN' }, relation: { role: 'Supreme Leader' } }]);
  });

  it('gives any fact through relations(types, direction, first), newest first', async () => {
    const data = await env.server.data<Record<string, { relations: Array<{ type: string; startDate: string | null; from: { id: string }; to: { id: string } }> }>>(`{
      out: entity(id: "country:USA") { relations(direction: OUTGOING, types: ["WITHDREW_FROM", "PARTY_TO"]) { type startDate from { id } to { id } } }
      inc: entity(id: "org:sco") { relations(direction: INCOMING, first: 2) { type from { id } to { id } startDate } }
    }`);
    expect(data['out']!.relations.map((r) => `${r.type} ${r.startDate}`)).toEqual(['WITHDREW_FROM 2018', 'PARTY_TO 2015-07-14']);
    expect(data['inc']!.relations).toHaveLength(2);
    expect(data['inc']!.relations.every((r) => r.to.id === 'org:sco')).toBe(true);
    expect(data['inc']!.relations[0]).toMatchObject({ type: 'MEMBER_OF', from: { id: 'country:IRN' }, startDate: '2021-09' });
  });

  it('keeps only facts valid on the asOf date, before and after a fact starts or ends', async () => {
    const q = (asOf: string) =>
      env.server.data<{ usa: { relations: Array<{ to: { id: string } }> }; iran: { memberships: Array<{ organization: { id: string } }> } }>(`{
        usa: entity(id: "country:USA") { relations(types: ["PARTY_TO"], asOf: "${asOf}") { to { id } } }
        iran: entity(id: "country:IRN") { ... on Country { memberships(asOf: "${asOf}") { organization { id } } } }
      }`);
    const in2017 = await q('2017');
    expect(in2017.usa.relations.map((r) => r.to.id)).toEqual(['treaty:jcpoa']);
    expect(in2017.iran.memberships).toEqual([]);
    const lastDayAsParty = await q('2018-05-08');
    expect(lastDayAsParty.usa.relations).toHaveLength(1);
    const dayAfter = await q('2018-05-09');
    expect(dayAfter.usa.relations).toEqual([]);
    const august = await q('2021-08-31');
    expect(august.iran.memberships.map((m) => m.organization.id)).toEqual(['org:east-axis']);
    const october = await q('2021-10-01');
    expect(october.iran.memberships.map((m) => m.organization.id)).toContain('org:sco');
  });

  it('nests hops inside hops in one request: the members of the organizations Iran belongs to, and their leaders', async () => {
    const data = await env.server.data<{ entity: { memberships: Array<{ organization: { id: string; members: Array<{ entity: { id: string } }>; leaders: Array<{ entity: { name: string } }> } }> } }>(`{
      entity(id: "country:IRN") { ... on Country { memberships { organization { id
        ... on Organization { members { entity { id } } leaders { entity { name } } }
      } } } }
    }`);
    const sco = data.entity.memberships.find((m) => m.organization.id === 'org:sco')!;
    expect(sco.organization.members.map((m) => m.entity.id)).toEqual(['country:CHN', 'country:IRN', 'country:RUS']);
    expect(sco.organization.leaders.map((l) => l.entity.name)).toEqual(['China', 'Russia']);
  });

  it('answers the same field twice under different aliases with their own arguments', async () => {
    const data = await env.server.data<{ entity: { a: unknown[]; b: unknown[] } }>(`{
      entity(id: "country:IRN") { a: relations(types: ["BORDERS"]) { id } b: relations(types: ["MEMBER_OF"]) { id } }
    }`);
    expect(data.entity.a).toHaveLength(7);
    expect(data.entity.b).toHaveLength(2);
  });

  it('caps typed hops and timelines at first', async () => {
    const data = await env.server.data<{ entity: { neighbors: Array<{ country: { id: string } }> }; timeline: unknown[] }>(`{
      entity(id: "country:IRN") { ... on Country { neighbors(first: 2) { country { id } } } }
      timeline(id: "country:IRN", first: 3) { id }
    }`);
    expect(data.entity.neighbors.map((n) => n.country.id)).toEqual(['country:AFG', 'country:ARM']);
    expect(data.timeline).toHaveLength(3);
  });
});
