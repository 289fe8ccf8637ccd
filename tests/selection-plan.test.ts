import { buildASTSchema, execute, parse, type GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { FieldsByTypeName } from 'graphql-parse-resolve-info';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import type { EntityPlan, HopFieldPlan, RelationsFieldPlan } from '../src/graph/plan.js';
import { typeDefs } from '../src/graphql/schema.js';
import { entityPlan, fieldSelections, relationPlan, selects, subSelections } from '../src/graphql/selection-plan.js';

/** The planner on parsed documents: graphql-js resolves fragments, variables and defaults; no database runs. */
const schema = buildASTSchema(typeDefs);
const { limits } = loadConfig({});

/** The selections under the first root field of a document, as a resolver sees them. */
async function selectionsOf(source: string, variableValues: Record<string, unknown> = {}): Promise<FieldsByTypeName[]> {
  let seen: FieldsByTypeName[] | undefined;
  const capture = (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo): null => {
    seen = fieldSelections(info);
    return null;
  };
  const result = await execute({
    schema,
    document: parse(source),
    variableValues,
    rootValue: { entity: capture, node: capture, search: capture, timeline: capture },
  });
  const unexpected = (result.errors ?? []).filter((e) => !e.message.includes('Cannot return null'));
  if (unexpected.length) throw unexpected[0]!;
  if (!seen) throw new Error('no root field was resolved');
  return seen;
}

const plan = async (source: string, variables?: Record<string, unknown>): Promise<EntityPlan> =>
  entityPlan(await selectionsOf(source, variables), limits);

const byKey = (p: EntityPlan): Record<string, RelationsFieldPlan | HopFieldPlan> => Object.fromEntries(p.related.map((r) => [r.key, r]));

describe('entityPlan', () => {
  it('plans relations on the interface with the schema defaults: both directions, 50 facts', async () => {
    const p = await plan('{ entity(id: "x") { id relations { id type } } }');
    expect(p.related).toEqual([
      {
        field: 'relations',
        key: '*.relations',
        guard: undefined,
        types: null,
        direction: 'BOTH',
        asOf: null,
        first: 50,
        relation: { fields: ['id', 'type'], from: undefined, to: undefined, citations: false },
      },
    ]);
  });

  it('plans the scalar fields selected, through aliases, fragments on interfaces and types, and hops', async () => {
    const p = await plan(
      `{ entity(id: "x") {
        __typename label: name
        ... on Node { id }
        ... on Country { iso3 capitals memberships { organization { description } relation { startDate role } } }
        ... on Treaty { ...T }
      } }
      fragment T on Treaty { status signedOn }`,
    );
    expect([...p.fields].sort()).toEqual(['capitals', 'id', 'iso3', 'name', 'signedOn', 'status']);
    const hop = p.related[0] as HopFieldPlan;
    expect(hop.entity.fields).toEqual(['description']);
    expect([...hop.relation.fields].sort()).toEqual(['role', 'startDate']);
    // Nothing but the type name: only what is always read (id, kind) is projected.
    expect((await plan('{ entity(id: "x") { __typename } }')).fields).toEqual([]);
  });

  it('keeps each alias as its own plan, guarded by the concrete type it was asked on', async () => {
    const p = byKey(
      await plan(`{ entity(id: "x") {
        ... on Country { near: neighbors(first: 3) { country { name } } all: neighbors { country { id } } }
        ... on Organization { members { entity { name } } }
      } }`),
    );
    expect(Object.keys(p).sort()).toEqual(['COUNTRY.all', 'COUNTRY.near', 'ORGANIZATION.members']);
    expect(p['COUNTRY.near']).toMatchObject({ field: 'neighbors', guard: 'COUNTRY', first: 3 });
    // A typed hop with no `first` takes all of them, up to MAX_PAGE_SIZE.
    expect(p['COUNTRY.all']).toMatchObject({ field: 'neighbors', first: limits.maxPageSize });
    expect(p['ORGANIZATION.members']).toMatchObject({ guard: 'ORGANIZATION', first: limits.maxPageSize });
  });

  it('reads named fragments and variables, and nests the plan of what a hop reaches', async () => {
    const p = await plan(
      `query ($n: Int, $at: String) { entity(id: "x") { ...Card } }
       fragment Card on Country { memberships(first: $n, asOf: $at) { organization { ...Org } relation { sources { id } } } }
       fragment Org on Organization { leaders { entity { name } } }`,
      { n: 7, at: '2020' },
    );
    const hop = p.related[0] as HopFieldPlan;
    expect(hop).toMatchObject({ field: 'memberships', key: 'COUNTRY.memberships', first: 7, asOf: '2020-01-01' });
    expect(hop.relation).toEqual({ fields: [], from: undefined, to: undefined, citations: true });
    expect(hop.entity.related).toMatchObject([{ field: 'leaders', key: 'ORGANIZATION.leaders', first: limits.maxPageSize }]);
  });

  it("plans a relation's ends and its citations", async () => {
    const p = await plan(
      '{ entity(id: "x") { relations(types: ["MEMBER_OF"], direction: OUTGOING, first: 2) { to { name relations(first: 1) { quotes } } } } }',
    );
    const relations = p.related[0] as RelationsFieldPlan;
    expect(relations).toMatchObject({ types: ['MEMBER_OF'], direction: 'OUTGOING', first: 2 });
    expect(relations.relation.from).toBeUndefined();
    expect(relations.relation.to?.related).toMatchObject([{ field: 'relations', first: 1, relation: { citations: true } }]);
  });

  it('merges the same response key asked twice into one plan', async () => {
    const p = await plan('{ entity(id: "x") { relations(first: 3) { id } ... on Entity { relations(first: 3) { type } } } }');
    expect(p.related).toHaveLength(1);
  });

  it('refuses out-of-bounds and malformed arguments the way the resolvers answer them', async () => {
    await expect(plan('{ entity(id: "x") { relations(first: 1000) { id } } }')).rejects.toMatchObject({
      message: `Argument "first" must be between 0 and ${limits.maxPageSize}, got 1000`,
      extensions: { code: 'BAD_USER_INPUT', argument: 'first' },
    } satisfies Partial<GraphQLError>);
    await expect(plan('{ entity(id: "x") { ... on Country { neighbors(first: 0) { country { id } } } } }')).rejects.toThrow(
      'Argument "first" must be between 1 and',
    );
    await expect(plan('{ entity(id: "x") { relations(types: ["member of"]) { id } } }')).rejects.toThrow('is not a fact type');
    await expect(plan('{ entity(id: "x") { relations(asOf: "2020-13") { id } } }')).rejects.toThrow('must be an ISO 8601 date');
  });
});

describe('relationPlan and selection helpers', () => {
  it('plans a node that may be a relation: its ends, through Relation or Node', async () => {
    const selections = await selectionsOf('{ node(id: "r") { ... on Relation { from { name } sources { title } } } }');
    const p = relationPlan(selections, limits);
    expect(p.from).toEqual({ fields: ['name'], related: [] });
    expect(p.to).toBeUndefined();
    expect(p.citations).toBe(true);
  });

  it('finds sub-selections and asked-for fields across aliases', async () => {
    const selections = await selectionsOf('{ search(text: "a") { id total: name } }');
    expect(selects(selections, 'name')).toBe(true);
    expect(selects(selections, 'description')).toBe(false);
    const timeline = await selectionsOf('{ timeline(id: "x") { from { id } } }');
    expect(subSelections(timeline, 'from')).toHaveLength(1);
  });
});
