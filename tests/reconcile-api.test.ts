import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { useSeededServer } from './setup/harness.js';

/** Reconciliation through GraphQL and through the W3C Reconciliation Service API (v0.2) at /reconcile. */

const SCHEMAS = path.join(import.meta.dirname, 'reconciliation-api-0.2');

/** The specification's own JSON Schemas, as published (see tests/reconciliation-api-0.2/LICENSE.md). */
function specValidators(): Record<string, ValidateFunction> {
  // The schemas name draft "http://json-schema.org/schema#" and use keywords draft-07 knows.
  const ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true });
  for (const file of readdirSync(SCHEMAS).filter((f) => f.endsWith('.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(SCHEMAS, file), 'utf8')) as object);
  }
  const get = (name: string): ValidateFunction => {
    const validate = ajv.getSchema(`https://reconciliation-api.github.io/specs/0.2/schemas/${name}.json`);
    if (!validate) throw new Error(`no schema ${name}`);
    return validate;
  };
  return {
    manifest: get('manifest'),
    // The file reconciliation-query-batch.json is published with this $id.
    queryBatch: get('reconciliation-query'),
    resultBatch: get('reconciliation-result-batch'),
    suggestEntities: get('suggest-entities-response'),
    suggestTypes: get('suggest-types-response'),
    suggestProperties: get('suggest-properties-response'),
  };
}

const spec = specValidators();

function expectValid(validate: ValidateFunction, body: unknown): void {
  const ok = validate(body);
  expect(validate.errors ?? [], JSON.stringify(body).slice(0, 500)).toEqual([]);
  expect(ok).toBe(true);
}

interface Candidate {
  id: string;
  name: string;
  score: number;
  match: boolean;
  type: Array<{ id: string; name: string }>;
  description?: string;
}

describe('reconciliation', () => {
  const env = useSeededServer();

  describe('GraphQL reconcile', () => {
    it('answers each name with scored candidates, the confident match and the matched name', async () => {
      const data = await env.server.data<{
        reconcile: Array<{ query: string; candidates: Array<{ entity: { id: string; __typename: string; name: string }; score: number; match: boolean; matchedName: string }> }>;
      }>(
        `query ($q: [ReconcileQuery!]!) { reconcile(queries: $q) { query candidates { entity { __typename id name } score match matchedName } } }`,
        {
          q: [
            { query: 'Islamic Republic of Iran', kind: 'COUNTRY', limit: 2 },
            { query: 'Shanghai Cooperation Org.' },
            { query: 'khamenei', kind: 'PERSON', properties: [{ pid: 'country', v: 'Iran' }] },
          ],
        },
      );
      const [iran, sco, khamenei] = data.reconcile;
      expect(iran!.query).toBe('Islamic Republic of Iran');
      expect(iran!.candidates[0]).toEqual({
        entity: { __typename: 'Country', id: 'country:IRN', name: 'Iran' },
        score: 100,
        match: true,
        matchedName: 'Islamic Republic of Iran',
      });
      expect(iran!.candidates.length).toBeLessThanOrEqual(2);
      expect(sco!.candidates[0]).toMatchObject({ entity: { id: 'org:sco' }, match: true });
      expect(khamenei!.candidates[0]).toMatchObject({ entity: { id: 'person:ali-khamenei' }, match: true, matchedName: 'Khamenei' });
    });

    it("projects the candidates' related lists like any entity", async () => {
      const data = await env.server.data<{ reconcile: Array<{ candidates: Array<{ entity: { memberships?: Array<{ organization: { id: string } }> } }> }> }>(
        `{ reconcile(queries: [{ query: "Iran", kind: COUNTRY, limit: 1 }]) { candidates { entity { ... on Country { memberships { organization { id } } } } } } }`,
      );
      expect(data.reconcile[0]!.candidates[0]!.entity.memberships!.map((m) => m.organization.id)).toContain('org:sco');
    });

    it('refuses unknown properties and limits out of range, naming the place', async () => {
      const res = await env.server.query(`{ reconcile(queries: [{ query: "Iran" }, { query: "x", properties: [{ pid: "colour", v: "red" }] }]) { query } }`);
      expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(/queries\[1\]\.properties\[0\]\.pid.*must be one of iso2/);
      const limit = await env.server.query(`{ reconcile(queries: [{ query: "Iran", limit: 0 }]) { query } }`);
      expect(limit.errors?.[0]?.message).toMatch(/queries\[0\]\.limit.*from 1 to 40/);
    });
  });

  describe('the W3C service at /reconcile', () => {
    const url = (p: string): string => `${env.server.base}/reconcile${p}`;

    it('serves a manifest valid against the specification, with CORS and JSONP', async () => {
      const res = await fetch(url(''), { headers: { origin: 'https://openrefine.example' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      const body = (await res.json()) as Record<string, unknown> & { view: { url: string }; preview: { url: string }; defaultTypes: unknown[] };
      expectValid(spec.manifest!, body);
      expect(body['versions']).toEqual(['0.2']);
      expect(body.view.url).toBe(`${env.server.base}/explore?id={{id}}`);
      expect(body.defaultTypes).toContainEqual({ id: 'COUNTRY', name: 'Country' });

      const jsonp = await fetch(url('?callback=cb_1'));
      expect(jsonp.headers.get('content-type')).toMatch(/application\/javascript/);
      const text = await jsonp.text();
      const match = /^\/\*\*\/cb_1\((.*)\);$/s.exec(text);
      expectValid(spec.manifest!, JSON.parse(match![1]!));
      expect((await fetch(url('?callback=alert(1)'))).status).toBe(400);

      const preflight = await fetch(url(''), {
        method: 'OPTIONS',
        headers: { origin: 'https://openrefine.example', 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    });

    const batch = {
      q0: { query: 'Islamic Republic of Iran', type: 'COUNTRY', limit: 3 },
      q1: { query: 'Shanghai Cooperation Org.' },
      q2: { query: 'Cooperation', type: 'TREATY', properties: [{ pid: 'party', v: { id: 'country:RUS', name: 'Russia' } }] },
      q3: { query: 'Afgahnistan', type: ['COUNTRY'], type_strict: 'any' },
      q4: { query: 'zzzzqqq' },
    };

    function checkResults(body: Record<string, { result: Candidate[] }>): void {
      expectValid(spec.resultBatch!, body);
      expect(Object.keys(body).sort()).toEqual(['q0', 'q1', 'q2', 'q3', 'q4']);
      expect(body['q0']!.result[0]).toMatchObject({ id: 'country:IRN', name: 'Iran', score: 100, match: true, type: [{ id: 'COUNTRY', name: 'Country' }] });
      expect(body['q0']!.result.length).toBeLessThanOrEqual(3);
      expect(body['q1']!.result[0]).toMatchObject({ id: 'org:sco', match: true });
      expect(body['q2']!.result.map((c) => c.id)).toEqual(['treaty:iran-russia-comprehensive-cooperation-charter']);
      expect(body['q3']!.result[0]).toMatchObject({ id: 'country:AFG' });
      expect(body['q3']!.result[0]!.score).toBeLessThan(100);
      expect(body['q4']!.result).toEqual([]);
      for (const r of Object.values(body)) expect(r.result.filter((c) => c.match).length).toBeLessThanOrEqual(1);
    }

    it('answers a query batch sent as the form field "queries" of a POST', async () => {
      expectValid(spec.queryBatch!, batch);
      const res = await fetch(url(''), { method: 'POST', body: new URLSearchParams({ queries: JSON.stringify(batch) }) });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      checkResults((await res.json()) as Record<string, { result: Candidate[] }>);
    });

    it('answers the same batch as GET ?queries=, also as JSONP', async () => {
      const res = await fetch(url(`?queries=${encodeURIComponent(JSON.stringify(batch))}`));
      checkResults((await res.json()) as Record<string, { result: Candidate[] }>);
      const jsonp = await (await fetch(url(`?queries=${encodeURIComponent(JSON.stringify(batch))}&callback=done`))).text();
      checkResults(JSON.parse(/^\/\*\*\/done\((.*)\);$/s.exec(jsonp)![1]!) as Record<string, { result: Candidate[] }>);
    });

    it('refuses malformed batches with 400 and says where', async () => {
      const bad = async (queries: string): Promise<{ status: number; error: string }> => {
        const res = await fetch(url(''), { method: 'POST', body: new URLSearchParams({ queries }) });
        const body = (await res.json()) as { error: string; code: string };
        expect(body.code).toBe('BAD_USER_INPUT');
        return { status: res.status, error: body.error };
      };
      expect(await bad('{not json')).toEqual({ status: 400, error: 'queries must be a JSON object of queries' });
      expect(await bad('{"a": {"query": "x", "type": "PLANET"}}')).toMatchObject({ status: 400, error: expect.stringMatching(/queries\.a\.type must be one of COUNTRY/) });
      expect(await bad('{"a": {"query": "x", "properties": [{"pid": "colour", "v": "red"}]}}')).toMatchObject({
        status: 400,
        error: expect.stringMatching(/^queries\.a\.properties\[0\]\.pid must be one of/),
      });
      expect(await bad('{"a": {"query": "x", "limit": 1000}}')).toMatchObject({ status: 400, error: expect.stringMatching(/queries\.a\.limit/) });
      expect((await fetch(url(''), { method: 'POST' })).status).toBe(400);
    });

    it('previews an entity as a small HTML card, escaping its text', async () => {
      const res = await fetch(url('/preview?id=org%3Asco'));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      const body = await res.text();
      expect(body).toContain('Shanghai Cooperation Organization');
      expect(body).toContain('href="/explore?id=org%3Asco"');
      expect((await fetch(url('/preview?id=%3Cscript%3E'))).status).toBe(404);
      expect(await (await fetch(url('/preview?id=%3Cscript%3E'))).text()).not.toContain('<script>');
    });

    it('suggests entities, types and properties, valid against the specification', async () => {
      const entities = (await (await fetch(url('/suggest/entity?prefix=shanghai%20coop'))).json()) as { result: Array<{ id: string }> };
      expectValid(spec.suggestEntities!, entities);
      expect(entities.result[0]!.id).toBe('org:sco');
      const paged = (await (await fetch(url('/suggest/entity?prefix=republic&cursor=2'))).json()) as { result: Array<{ id: string }> };
      const first = (await (await fetch(url('/suggest/entity?prefix=republic'))).json()) as { result: Array<{ id: string }> };
      expect(paged.result[0]!.id).toBe(first.result[2]!.id);
      const types = (await (await fetch(url('/suggest/type?prefix=coun'))).json()) as { result: Array<{ id: string }> };
      expectValid(spec.suggestTypes!, types);
      expect(types.result).toEqual([{ id: 'COUNTRY', name: 'Country' }]);
      const properties = (await (await fetch(url('/suggest/property?prefix=par'))).json()) as { result: Array<{ id: string }> };
      expectValid(spec.suggestProperties!, properties);
      expect(properties.result.map((p) => p.id)).toEqual(['party']);
      const jsonp = await (await fetch(url('/suggest/type?prefix=tre&callback=f'))).text();
      expect(jsonp).toMatch(/^\/\*\*\/f\(\{"result":\[\{"id":"TREATY"/);
    });
  });
});
