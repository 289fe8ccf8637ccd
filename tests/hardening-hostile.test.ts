import {
  buildASTSchema,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../src/graph/graph-client.js';
import { typeDefs } from '../src/graphql/schema.js';
import { graphCounts, graphDigest, seededGraph, TestServer, testConfig, type Counts } from './setup/harness.js';
import { httpRequest, postGraphQL, type Answer } from './setup/http-client.js';

/**
 * Hostile and malformed requests: each gets the right error, quickly and without running Cypher when it is
 * refused, the server keeps serving, and the database is unchanged.
 */

describe('hostile requests', () => {
  let graph: Graph;
  let server: TestServer;
  let counts: Counts;
  let digest: string;

  beforeAll(async () => {
    graph = await seededGraph();
    server = await TestServer.start(graph, testConfig());
    counts = await graphCounts(graph);
    digest = await graphDigest(graph);
  });
  afterAll(async () => {
    // Whatever the corpus did, the graph is as it was.
    expect(await graphCounts(graph)).toEqual(counts);
    expect(await graphDigest(graph)).toBe(digest);
    await server.stop();
    await graph.close();
  });

  const raw = (body: string | Uint8Array, headers: Record<string, string> = { 'content-type': 'application/json' }, method = 'POST', query = ''): Promise<Answer> =>
    httpRequest(`${server.base}/graphql${query}`, { method, headers, ...(method === 'GET' ? {} : { body }) });

  const post = (query: string, variables: Record<string, unknown> = {}, accept?: string): Promise<Answer> =>
    postGraphQL(server.base, query, variables, accept ? { accept } : {});

  /** Sends a request that must be refused with `code` before any Cypher runs, and returns its first error. */
  async function refused(query: string, code: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const before = await server.cypherRoundTrips();
    const res = await post(query, variables, 'application/graphql-response+json');
    expect(res.body?.errors?.[0]?.extensions?.['code'], JSON.stringify(res.body)).toBe(code);
    expect(res.body?.data).toBeUndefined();
    expect(res.status).toBe(400);
    expect(res.ms).toBeLessThan(1500);
    expect(await server.cypherRoundTrips()).toBe(before);
    return res.body!.errors![0]!.extensions!;
  }

  async function stillServing(): Promise<void> {
    const data = await server.data<{ entity: { name: string } }>('{ entity(id: "country:IRN") { name } }');
    expect(data.entity.name).toBe('Iran');
  }

  describe('limits on the shape of a query', () => {
    it('refuses deep nesting with QUERY_TOO_DEEP and the limit', async () => {
      let selection = 'id';
      for (let i = 0; i < 6; i++) selection = `relations(first: 1) { from { ${selection} } }`;
      const ext = await refused(`{ entity(id: "country:IRN") { ${selection} } }`, 'QUERY_TOO_DEEP');
      expect(ext).toMatchObject({ limit: 'MAX_QUERY_DEPTH', max: 10, found: 14 });
      await stillServing();
    });

    it('refuses alias bombs with TOO_MANY_ALIASES', async () => {
      const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: name`).join(' ');
      const ext = await refused(`{ entity(id: "country:IRN") { ${aliases} } }`, 'TOO_MANY_ALIASES');
      expect(ext).toMatchObject({ limit: 'MAX_ALIASES', max: 30, found: 200 });
    });

    it('refuses too many root fields (each is a round trip), duplicates and fragments counted', async () => {
      const fields = Array.from({ length: 25 }, (_, i) => `e${i}: entity(id: "country:IRN") { id }`).join(' ');
      expect(await refused(`{ ${fields} }`, 'TOO_MANY_ROOT_FIELDS')).toMatchObject({ limit: 'MAX_ROOT_FIELDS', max: 20 });
      await refused(`{ ${'relationTypes '.repeat(21)} }`, 'TOO_MANY_ROOT_FIELDS');
      await refused(`{ ...R ...R } fragment R on Query { ${'relationTypes '.repeat(11)} }`, 'TOO_MANY_ROOT_FIELDS');
    });

    it('refuses fragment bombs fast: each fragment spreads the next twice', async () => {
      const fragments = Array.from({ length: 60 }, (_, i) => `fragment F${i} on Country { ...F${i + 1} ...F${i + 1} }`).join('\n');
      const query = `{ entity(id: "country:IRN") { ...F0 } } ${fragments} fragment F60 on Country { neighbors { country { id } } }`;
      const ext = await refused(query, 'QUERY_TOO_COMPLEX');
      expect(ext).toMatchObject({ limit: 'MAX_QUERY_COST', max: 50_000 });
      await stillServing();
    });

    it('refuses a query whose lists multiply past the cost budget, page sizes from literals or variables', async () => {
      const query = `query($n: Int) { countries(first: $n) { edges { node { relations(first: $n) { from { relations(first: $n) { id } } } } } } }`;
      const ext = await refused(query, 'QUERY_TOO_COMPLEX', { n: 100 });
      expect(ext['found']).toBeGreaterThan(1_000_000);
      await refused(`{ countries(first: 200) { edges { node { relations(first: 200) { id sources { id } } } } } }`, 'QUERY_TOO_COMPLEX');
      // The same shape with small pages is fine.
      const ok = await post(query, { n: 2 });
      expect(ok.body?.errors).toBeUndefined();
    });

    it('refuses documents past MAX_TOKENS and MAX_DOCUMENT_BYTES, before parsing', async () => {
      const tokens = await refused(`{ ${'a '.repeat(6000)} }`, 'TOO_MANY_TOKENS');
      expect(tokens).toMatchObject({ limit: 'MAX_TOKENS', max: 5000 });
      const big = await refused(`# ${'x'.repeat(40_000)}\n{ __typename }`, 'QUERY_TOO_LARGE');
      expect(big).toMatchObject({ limit: 'MAX_DOCUMENT_BYTES', max: 32_768 });
    });

    it('answers 200 for a refused query when the client accepts only application/json (GraphQL over HTTP)', async () => {
      const res = await post(`{ ${'relationTypes '.repeat(21)} }`, {}, 'application/json');
      expect(res.status).toBe(200);
      expect(res.contentType).toMatch(/^application\/json/);
      expect(res.body?.errors?.[0]?.extensions?.['code']).toBe('TOO_MANY_ROOT_FIELDS');
    });
  });

  describe('limits on arguments', () => {
    const pageCases: Array<[string, string, string]> = [
      ['{ countries(first: 100000) { totalCount } }', 'first', 'MAX_PAGE_SIZE'],
      ['{ people(last: 201) { totalCount } }', 'last', 'MAX_PAGE_SIZE'],
      ['{ entity(id: "country:IRN") { relations(first: 5000) { id } } }', 'first', 'MAX_PAGE_SIZE'],
      ['{ search(text: "iran", first: 1000) { id } }', 'first', 'MAX_SEARCH_RESULTS'],
      ['{ neighborhood(id: "country:IRN", depth: 10) { nodes { id } } }', 'depth', 'MAX_NEIGHBORHOOD_DEPTH'],
      ['{ neighborhood(id: "country:IRN", limit: 100000) { nodes { id } } }', 'limit', 'MAX_NEIGHBORHOOD_NODES'],
      ['{ paths(fromId: "country:IRN", toId: "country:USA", maxHops: 50) { length } }', 'maxHops', 'MAX_PATH_HOPS'],
      ['{ paths(fromId: "country:IRN", toId: "country:USA", first: 1000) { length } }', 'first', 'MAX_PATHS'],
    ];
    for (const [query, argument, limit] of pageCases) {
      it(`refuses ${limit} past its value (${argument}) with BAD_USER_INPUT, before any Cypher`, async () => {
        const ext = await refused(query, 'BAD_USER_INPUT');
        expect(ext).toMatchObject({ argument, limit });
      });
    }

    it('refuses a bad page size in a variable, and a valid root field beside it runs no Cypher either', async () => {
      const ext = await refused('query($n: Int) { relationTypes countries(first: $n) { totalCount } }', 'BAD_USER_INPUT', { n: 999_999 });
      expect(ext).toMatchObject({ argument: 'first', limit: 'MAX_PAGE_SIZE', max: 200 });
    });

    it('refuses huge strings and huge lists in arguments', async () => {
      const text = await refused('query($t: String!) { search(text: $t) { id } }', 'ARGUMENT_TOO_LONG', { t: 'a'.repeat(1_000_000) });
      expect(text).toMatchObject({ limit: 'MAX_STRING_ARGUMENT', max: 2000 });
      const ids = Array.from({ length: 5000 }, (_, i) => `country:X${i}`);
      const list = await refused('query($ids: [ID!]) { countries(where: { ids: $ids }) { totalCount } }', 'ARGUMENT_TOO_LONG', { ids });
      expect(list).toMatchObject({ limit: 'MAX_LIST_ARGUMENT', max: 1000 });
      await stillServing();
    });
  });

  describe('malformed HTTP', () => {
    it('answers 413 past MAX_BODY_BYTES', async () => {
      const res = await raw(JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(6 * 1024 * 1024) } }));
      expect(res.status).toBe(413);
      expect(res.body?.errors?.[0]?.extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limit: 'MAX_BODY_BYTES' });
    });

    it('answers 400 to invalid JSON and to invalid UTF-8, without a stack trace', async () => {
      for (const body of ['{"query": "{ __typename }"', '{query: 1}', '']) {
        const res = await raw(body);
        expect(res.status, body).toBe(400);
        expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules/);
      }
      const bytes = new Uint8Array([...new TextEncoder().encode('{"query": "{ search(text: \\"'), 0xff, 0xfe, ...new TextEncoder().encode('\\") { id } }"}')]);
      const res = await raw(bytes);
      expect(res.status).toBe(400);
      expect(res.body?.errors?.[0]?.message).toMatch(/UTF-8/);
    });

    it('answers 415 to bodies that are not JSON', async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/graphql', 'multipart/form-data; boundary=x']) {
        const res = await raw('query={__typename}', { 'content-type': type });
        expect(res.status, type).toBe(415);
        expect(res.body?.errors?.[0]?.extensions?.['code']).toBe('UNSUPPORTED_MEDIA_TYPE');
      }
      const latin1 = await raw(JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'application/json; charset=latin1' });
      expect(latin1.status).toBe(415);
    });

    it('answers 400 to requests that are not GraphQL requests', async () => {
      for (const body of ['[]', '{}', '{"query": 42}', '{"query": "{ __typename }", "variables": "x"}', '[{"query": "{ __typename }"}]', 'null', '"query"']) {
        const res = await raw(body);
        expect(res.status, body).toBe(400);
        expect(res.body?.errors?.length, body).toBeGreaterThan(0);
      }
    });

    it('refuses mutations over GET with 405, and unknown methods', async () => {
      const res = await raw('', { accept: 'application/json' }, 'GET', `?query=${encodeURIComponent('mutation { loadSeed(document: {}) { ok } }')}`);
      expect(res.status).toBe(405);
      const put = await raw(JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'application/json' }, 'PUT');
      expect(put.status).toBe(405);
    });

    it('answers syntax errors and unknown fields as GraphQL errors', async () => {
      expect((await post('{ entity(id: ')).body?.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_PARSE_FAILED');
      expect((await post('{ nope }')).body?.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
      expect((await post('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }')).body?.errors?.[0]?.extensions?.['code']).toBe(
        'GRAPHQL_VALIDATION_FAILED',
      );
      // graphql-js stops comparing overlapping fields past its own bound.
      const overlap = await post(`{ ${'__typename '.repeat(2000)} }`);
      expect(overlap.body?.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(overlap.ms).toBeLessThan(1500);
      await stillServing();
    });
  });

  describe('search and injection', () => {
    it('treats Lucene syntax in search as text', async () => {
      for (const text of ['a OR b) AND (', '*', '"unterminated', 'iran~~~^^^', 'name:iran', '[a TO z]', '\\', '/regex.*/', '&& || ! + -', '((((((((((']) {
        const res = await post('query($t: String!) { search(text: $t) { id } }', { t: text });
        expect(res.body?.errors, text).toBeUndefined();
        expect(Array.isArray((res.body?.data as { search: unknown[] }).search)).toBe(true);
      }
      const iran = await post('query($t: String!) { search(text: $t) { id } }', { t: '(Iran)^' });
      expect((iran.body?.data as { search: Array<{ id: string }> }).search.map((e) => e.id)).toContain('country:IRN');
    });

    const PAYLOADS = [
      `country:IRN' OR 1=1 //`,
      `"}) MATCH (n) DETACH DELETE n //`,
      `country:IRN"}) DETACH DELETE v WITH 1 AS x MATCH (v:Entity {id: "`,
      '`) CALL db.clearQueryCaches() //',
      '$param {id: 1}',
      '\u0000\u202e\ud83d\ude00',
      'MEMBER_OF]->() DELETE r //',
      '2021-01-01\' OR \'1\'=\'1',
    ];

    /** Every String and ID argument of every query field, including inside input objects and lists. */
    function stringArguments(): Array<{ field: string; path: string[]; query: (value: string) => { query: string; variables: Record<string, unknown> } }> {
      const schema = buildASTSchema(typeDefs);
      const queryType = schema.getQueryType()!;
      const selectionFor = (typeName: string): string => {
        // The change feed's pages have no total (it would count the whole ledger), and changes no id of their own.
        if (typeName === 'ChangeConnection') return '{ edges { cursor node { recordId } } pageInfo { endCursor } }';
        if (typeName.endsWith('Connection')) return '{ totalCount edges { node { id } } }';
        if (typeName === 'Subgraph') return '{ nodes { id } edges { id } }';
        if (typeName === 'Path') return '{ length }';
        if (typeName === 'Facet') return '{ total buckets { value count } }';
        if (['Entity', 'Node', 'Relation', 'Load'].includes(typeName)) return '{ id }';
        if (typeName === 'ReconcileResult') return '{ query candidates { entity { id } score } }';
        return '';
      };
      const required: Record<string, Record<string, unknown>> = {
        node: { id: 'country:IRN' },
        entity: { id: 'country:IRN' },
        search: { text: 'iran' },
        neighborhood: { id: 'country:IRN' },
        paths: { fromId: 'country:IRN', toId: 'country:RUS' },
        timeline: { id: 'country:IRN' },
        facets: { by: ['FACT_TYPE', 'OTHER_ENTITY'] },
      };
      const out: ReturnType<typeof stringArguments> = [];
      const visit = (field: string, arg: GraphQLArgument, type: GraphQLInputType, path: string[], wrap: (v: unknown) => unknown): void => {
        const nullable = getNullableType(type);
        if (isListType(nullable)) {
          visit(field, arg, nullable.ofType as GraphQLInputType, [...path, '[]'], (v) => wrap([v]));
          return;
        }
        const named = getNamedType(type);
        if (isScalarType(named) && (named.name === 'String' || named.name === 'ID')) {
          const fieldDef = queryType.getFields()[field]!;
          const selection = selectionFor(getNamedType(fieldDef.type).name);
          out.push({
            field,
            path,
            query: (value) => {
              const args = { ...required[field], [arg.name]: wrap(value) };
              const defs = fieldDef.args.filter((a) => a.name in args).map((a) => `$${a.name}: ${a.type.toString()}`);
              const uses = fieldDef.args.filter((a) => a.name in args).map((a) => `${a.name}: $${a.name}`);
              return { query: `query(${defs.join(', ')}) { ${field}(${uses.join(', ')}) ${selection} }`, variables: args };
            },
          });
        } else if (isInputObjectType(named)) {
          // The other required string fields of the input object get a plain value.
          const siblings = Object.fromEntries(
            Object.values(named.getFields())
              .filter((f) => isNonNullType(f.type) && isScalarType(getNamedType(f.type)))
              .map((f) => [f.name, 'iran']),
          );
          for (const inner of Object.values(named.getFields())) {
            visit(field, arg, inner.type, [...path, inner.name], (v) => wrap({ ...siblings, [inner.name]: v }));
          }
        }
      };
      for (const [name, field] of Object.entries(queryType.getFields())) {
        for (const arg of field.args) visit(name, arg, arg.type, [arg.name], (v) => v);
      }
      return out;
    }

    it('covers every string argument of every query field', () => {
      const covered = new Set(stringArguments().map((a) => `${a.field}.${a.path.join('.')}`));
      expect(covered.size).toBeGreaterThan(30);
      for (const path of ['search.text', 'countries.where.nameContains', 'treaties.where.signedFrom', 'countries.after', 'neighborhood.relationTypes.[]', 'facets.where.entity', 'changes.where.entity', 'changes.after']) {
        expect(covered).toContain(path);
      }
    });

    it('treats injection attempts in every string argument as plain values', async () => {
      const failures: string[] = [];
      for (const arg of stringArguments()) {
        for (const payload of PAYLOADS) {
          const { query, variables } = arg.query(payload);
          const res = await post(query, variables);
          const codes = (res.body?.errors ?? []).map((e) => e.extensions?.['code']);
          if (res.status !== 200 || codes.some((c) => c !== 'BAD_USER_INPUT')) {
            failures.push(`${arg.field}.${arg.path.join('.')} ← ${JSON.stringify(payload)}: ${res.status} ${JSON.stringify(res.body?.errors)}`);
          }
        }
      }
      expect(failures).toEqual([]);
      // Nested string arguments too.
      for (const payload of PAYLOADS) {
        const res = await post(
          'query($t: [String!], $d: String) { entity(id: "country:IRN") { relations(types: $t, asOf: $d) { id } ... on Country { neighbors(asOf: $d) { country { id } } } } }',
          { t: [payload], d: payload },
        );
        expect((res.body?.errors ?? []).every((e) => e.extensions?.['code'] === 'BAD_USER_INPUT'), JSON.stringify(res.body)).toBe(true);
      }
      expect(await graphCounts(graph)).toEqual(counts);
      await stillServing();
    });
  });

  it('is still ready after the whole corpus', async () => {
    expect((await fetch(`${server.base}/ready`)).status).toBe(200);
  });
});
