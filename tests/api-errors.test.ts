import { describe, expect, it } from 'vitest';
import { useSeededServer } from './setup/harness.js';

/** Bad arguments are GraphQL errors with code BAD_USER_INPUT that name the argument and say why. */
describe('bad arguments', () => {
  const env = useSeededServer();

  const cases: Array<[string, string, RegExp]> = [
    ['neighborhood depth', '{ neighborhood(id: "country:IRN", depth: 4) { nodes { id } } }', /Argument "depth" must be between 1 and 3, got 4/],
    ['neighborhood limit', '{ neighborhood(id: "country:IRN", limit: 0) { nodes { id } } }', /Argument "limit" must be between 1 and 500, got 0/],
    ['a date that is not a date', '{ neighborhood(id: "country:IRN", asOf: "2021-13-01") { nodes { id } } }', /Argument "asOf" must be an ISO 8601 date .*"2021-13-01"/],
    ['a nested asOf', '{ entity(id: "country:IRN") { relations(asOf: "yesterday") { id } } }', /Argument "asOf" must be an ISO 8601 date/],
    ['a page too large', '{ countries(first: 1000) { totalCount } }', /Argument "first" must be between 0 and 200, got 1000/],
    ['first and last together', '{ countries(first: 2, last: 2) { totalCount } }', /Argument "last" cannot be used together with "first"/],
    ['a cursor not from this API', '{ countries(first: 2, after: "bogus") { totalCount } }', /Argument "after" is not a cursor from this API/],
    ['a cursor for another order', '{ countries(first: 2, orderBy: { field: ID }, after: "WyJrMSIsIk5BTUUiLCJhZmdoYW5pc3RhbiIsImNvdW50cnk6QUZHIl0") { totalCount } }', /is a cursor for order NAME, not ID/],
    ['a fact type that is not one', '{ paths(fromId: "country:IRN", toId: "country:RUS", relationTypes: ["member of"]) { length } }', /Argument "relationTypes" holds "member of", which is not a fact type/],
    ['too many hops', '{ paths(fromId: "country:IRN", toId: "country:RUS", maxHops: 12) { length } }', /Argument "maxHops" must be between 1 and 6, got 12/],
    ['an empty id', '{ entity(id: " ") { id } }', /Argument "id" must not be empty/],
    ['a search too long', `{ search(text: "${'x'.repeat(600)}") { id } }`, /Argument "text" must be at most 500 characters/],
    ['a signing date filter', '{ treaties(where: { signedFrom: "21" }) { totalCount } }', /Argument "where.signedFrom" must be an ISO 8601 date/],
  ];
  for (const [name, query, message] of cases) {
    it(name, async () => {
      const res = await env.server.query(query);
      expect(res.status).toBeLessThan(500);
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]!.message).toMatch(message);
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(JSON.stringify(res.errors)).not.toMatch(/stack|at .*\.ts:/);
    });
  }
});
