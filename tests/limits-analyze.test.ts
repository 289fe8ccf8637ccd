import { buildASTSchema, getVariableValues, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { analyzeOperation, DEFAULT_LIST_ESTIMATE, valuesOf, type ArgumentUse, type OperationShape } from '../src/graphql/limits/analyze.js';
import { typeDefs } from '../src/graphql/schema.js';

/** The limits analysis on parsed documents, no server and no database: what the limits plugin refuses on. */
const schema = buildASTSchema(typeDefs);

function analyze(source: string, variables: Record<string, unknown> = {}, onArgument?: (use: ArgumentUse) => void): OperationShape {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw coerced.errors[0]!;
  return analyzeOperation({ schema, operation, fragments, variables: coerced.coerced, onArgument });
}

describe('analyzeOperation', () => {
  it('counts depth from the root fields, ignoring __typename and introspection', () => {
    expect(analyze('{ entity(id: "x") { id } }')).toMatchObject({ depth: 2, rootFields: 1, aliases: 0 });
    expect(analyze('{ countries { edges { node { relations { from { name } } } } } }').depth).toBe(6);
    expect(analyze('{ __typename entity(id: "x") { __typename id } }')).toMatchObject({ depth: 2, rootFields: 1 });
    expect(analyze('{ __schema { types { fields { type { name } } } } }')).toMatchObject({ depth: 0, cost: 0 });
  });

  it('multiplies a list by its page size: literal, variable or schema default', () => {
    // search: first = 10 by the schema's default, each result an object.
    expect(analyze('{ search(text: "a") { id } }').cost).toBe(10);
    expect(analyze('{ search(text: "a", first: 3) { id } }').cost).toBe(3);
    expect(analyze('query ($n: Int) { search(text: "a", first: $n) { id } }', { n: 7 }).cost).toBe(7);
    // An omitted variable falls back to the schema's default.
    expect(analyze('query ($n: Int) { search(text: "a", first: $n) { id } }').cost).toBe(10);
    // relations: 50 by default, per search result.
    expect(analyze('{ search(text: "a", first: 2) { relations { id } } }').cost).toBe(2 * (1 + 50));
  });

  it("gives a connection's edges its page size, 20 when neither first nor last is given", () => {
    expect(analyze('{ countries { edges { node { id } } } }').cost).toBe(1 + 20 * (1 + 1));
    expect(analyze('{ countries(first: 5) { edges { node { id } } } }').cost).toBe(1 + 5 * (1 + 1));
    expect(analyze('{ countries(last: 3) { edges { node { id } } } }').cost).toBe(1 + 3 * (1 + 1));
  });

  it("hands a neighborhood's limit and a path's hops down to their nodes and edges", () => {
    expect(analyze('{ neighborhood(id: "x", limit: 4) { nodes { id } edges { id } } }').cost).toBe(1 + 4 + 4);
    // paths: first 2, each with maxHops + 1 nodes and maxHops edges.
    expect(analyze('{ paths(fromId: "a", toId: "b", maxHops: 3, first: 2) { nodes { id } edges { id } } }').cost).toBe(2 * (1 + 4 + 3));
  });

  it('estimates lists with no page size: short ones for sources, a default for the rest', () => {
    expect(analyze('{ entity(id: "x") { relations(first: 1) { sources { id } } } }').cost).toBe(1 + 1 * (1 + 2));
    expect(analyze('{ entity(id: "x") { ... on Country { neighbors { country { id } } } } }').cost).toBe(1 + DEFAULT_LIST_ESTIMATE * 2);
  });

  it('counts aliases at every spread of the fragment that holds them', () => {
    const shape = analyze(`
      { a: entity(id: "x") { ...F } b: entity(id: "y") { ...F } }
      fragment F on Entity { n: name d: description id }`);
    expect(shape.aliases).toBe(2 + 2 * 2);
    expect(shape.rootFields).toBe(2);
  });

  it('counts root fields inside fragments and inline fragments', () => {
    const shape = analyze(`
      query { ...Roots ... on Query { relationTypes } }
      fragment Roots on Query { relationTypes search(text: "a") { id } }`);
    expect(shape.rootFields).toBe(3);
  });

  it('summarises a fragment once: a fragment bomb costs linear time, and its cost the full product', () => {
    const levels = 40;
    const fragments = [`fragment F0 on Entity { relations(first: 2) { id } }`];
    for (let i = 1; i <= levels; i++) fragments.push(`fragment F${i} on Entity { ...F${i - 1} ...F${i - 1} }`);
    const shape = analyze(`{ entity(id: "x") { ...F${levels} } } ${fragments.join('\n')}`);
    // 2^40 spreads of 2 relations each, computed without walking them.
    expect(shape.cost).toBe(1 + 2 ** levels * 2);
    expect(shape.depth).toBe(3);
  });

  it('ends on cyclic fragments (validation refuses them; the walk must not loop)', () => {
    const shape = analyze(`
      { entity(id: "x") { ...A } }
      fragment A on Entity { id ...B }
      fragment B on Entity { name ...A }`);
    expect(shape).toMatchObject({ depth: 2, rootFields: 1 });
    const roots = analyze(`query { ...R } fragment R on Query { relationTypes ...S } fragment S on Query { ...R }`);
    expect(roots.rootFields).toBe(1);
  });

  it('reports every argument with where it stands, variables and defaults resolved', () => {
    const uses: string[] = [];
    analyze(
      `query ($t: String!) { search(text: $t) { ... on Country { relations(first: 4) { id } } } }`,
      { t: 'iran' },
      (use) => uses.push(`${use.parentType}.${use.field}(${use.argument}: ${JSON.stringify(use.value)})`),
    );
    expect(uses).toEqual([
      'Query.search(text: "iran")',
      'Query.search(first: 10)',
      'Country.relations(direction: "BOTH")',
      'Country.relations(rank: "BEST")',
      'Country.relations(first: 4)',
    ]);
  });

  it('lets onArgument refuse, before any of the operation runs', () => {
    expect(() =>
      analyze('{ search(text: "a", first: 500) { id } }', {}, (use) => {
        if (use.argument === 'first' && typeof use.value === 'number' && use.value > 100) throw new Error('too many');
      }),
    ).toThrow('too many');
  });
});

describe('valuesOf', () => {
  it('yields every string and list inside an argument with its path, but not the JSON of a seed document', () => {
    const query = schema.getQueryType()!.getFields();
    const neighborhood = query['neighborhood']!.args;
    const relationTypes = neighborhood.find((a) => a.name === 'relationTypes')!;
    expect([...valuesOf(['A', 'B'], relationTypes.type, 'relationTypes')]).toEqual([
      { path: 'relationTypes', value: ['A', 'B'] },
      { path: 'relationTypes[0]', value: 'A' },
      { path: 'relationTypes[1]', value: 'B' },
    ]);
    const where = query['treaties']!.args.find((a) => a.name === 'where')!;
    expect([...valuesOf({ nameContains: 'nuclear' }, where.type, 'where')]).toEqual([{ path: 'where.nameContains', value: 'nuclear' }]);
    const document = schema.getMutationType()!.getFields()['loadSeed']!.args.find((a) => a.name === 'document')!;
    expect([...valuesOf({ entities: ['x'.repeat(10_000)] }, document.type, 'document')]).toEqual([]);
  });
});
