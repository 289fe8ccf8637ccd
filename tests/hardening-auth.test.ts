import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../src/config.js';
import type { Graph } from '../src/graph/graph-client.js';
import { startHttpServer, type RunningServer } from '../src/http/app.js';
import { Readiness } from '../src/readiness.js';
import { graphCounts, graphDigest, testConfig, useEmptyGraph } from './setup/harness.js';
import { postGraphQL, type Answer } from './setup/http-client.js';

/** Who may write and read: each way in, and each way refused (with nothing changed). */

const API_KEY = 'test-api-key-0123456789-abcdefghij';
const SECRET = 'a-test-secret-of-at-least-32-characters!!';
const ISSUER = 'https://issuer.test';
const AUDIENCE = 'kg-graphql';

const DOCUMENT = {
  sources: [{ id: 'source:auth-test', title: 'Auth test' }],
  entities: [{ id: 'org:auth-test', kind: 'ORGANIZATION', name: 'Auth Test Org' }],
  facts: [],
};
const LOAD = 'mutation($d: JSON!, $dry: Boolean) { loadSeed(document: $d, dryRun: $dry) { ok dryRun created { entities } } }';

class Server {
  private constructor(
    readonly running: RunningServer,
    readonly logs: string[],
  ) {}

  static async start(graph: Graph, config: Config): Promise<Server> {
    const logs: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(chunk.toString('utf8'));
        done();
      },
    });
    const readiness = new Readiness();
    readiness.schemaReady = true;
    readiness.seedsReady = true;
    const running = await startHttpServer({ config, graph, readiness, logger: pino({ level: 'debug' }, sink) });
    return new Server(running, logs);
  }

  send(query: string, variables: Record<string, unknown>, authorization?: string, extra: Record<string, string> = {}): Promise<Answer> {
    return postGraphQL(`http://127.0.0.1:${this.running.port}`, query, variables, { ...(authorization ? { authorization } : {}), ...extra });
  }

  stop(): Promise<void> {
    return this.running.stop();
  }
}

const code = (answer: Answer): unknown => answer.errors?.[0]?.extensions?.['code'];

/** null: no API key (undefined would take the default). */
function authConfig(auth: Partial<Config['auth']>, seedApiKey: string | null = API_KEY): Config {
  const base = testConfig();
  return { ...base, seedApiKey: seedApiKey ?? undefined, auth: { ...base.auth, ...auth } };
}

async function hs256(claims: Record<string, unknown>, options: { secret?: string; expires?: string | number; issuer?: string; audience?: string } = {}): Promise<string> {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setSubject('alice');
  jwt = jwt.setIssuer(options.issuer ?? ISSUER).setAudience(options.audience ?? AUDIENCE);
  if (options.expires !== undefined) jwt = jwt.setExpirationTime(options.expires);
  else jwt = jwt.setExpirationTime('5m');
  return jwt.sign(new TextEncoder().encode(options.secret ?? SECRET));
}

describe('authentication and authorization', () => {
  const env = useEmptyGraph();

  describe('writes with the API key or an HS256 JWT', () => {
    let server: Server;
    beforeAll(async () => {
      server = await Server.start(env.graph, authConfig({ jwtSecret: SECRET, jwtIssuer: ISSUER, jwtAudience: AUDIENCE }));
    });
    afterAll(() => server.stop());

    it('refuses every wrong or missing credential with 401/403 and changes nothing', async () => {
      const before = await graphDigest(env.graph);
      const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"scope":"seed:write","exp":9999999999}').toString('base64url')}.`;
      const cases: Array<[string | undefined, string, number]> = [
        [undefined, 'UNAUTHENTICATED', 401],
        ['Bearer wrong-key', 'UNAUTHENTICATED', 401],
        [`Bearer ${API_KEY}x`, 'UNAUTHENTICATED', 401],
        [`Basic ${Buffer.from(`user:${API_KEY}`).toString('base64')}`, 'UNAUTHENTICATED', 401],
        [API_KEY, 'UNAUTHENTICATED', 401],
        [`Bearer ${await hs256({ scope: 'graph:read' })}`, 'FORBIDDEN', 403],
        [`Bearer ${await hs256({})}`, 'FORBIDDEN', 403],
        [`Bearer ${await hs256({ scope: 'seed:write' }, { expires: Math.floor(Date.now() / 1000) - 60 })}`, 'UNAUTHENTICATED', 401],
        [`Bearer ${await hs256({ scope: 'seed:write' }, { secret: 'another-secret-that-is-long-enough-too!!' })}`, 'UNAUTHENTICATED', 401],
        [`Bearer ${await hs256({ scope: 'seed:write' }, { issuer: 'https://evil.test' })}`, 'UNAUTHENTICATED', 401],
        [`Bearer ${await hs256({ scope: 'seed:write' }, { audience: 'someone-else' })}`, 'UNAUTHENTICATED', 401],
        [`Bearer ${unsigned}`, 'UNAUTHENTICATED', 401],
      ];
      for (const [header, expected, status] of cases) {
        const answer = await server.send(LOAD, { d: DOCUMENT, dry: false }, header);
        expect(code(answer), header).toBe(expected);
        expect(answer.status, header).toBe(status);
        expect(answer.data ?? null).toBeNull();
      }
      expect(await graphDigest(env.graph)).toBe(before);
    });

    it('refuses a JWT without an expiry', async () => {
      const token = await new SignJWT({ scope: 'seed:write' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .sign(new TextEncoder().encode(SECRET));
      expect(code(await server.send(LOAD, { d: DOCUMENT, dry: true }, `Bearer ${token}`))).toBe('UNAUTHENTICATED');
    });

    it('lets the API key write', async () => {
      const answer = await server.send(LOAD, { d: DOCUMENT, dry: false }, `Bearer ${API_KEY}`);
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ loadSeed: { ok: true, dryRun: false, created: { entities: 1 } } });
    });

    it('lets a JWT with scope seed:write write (space-separated scope claim)', async () => {
      const token = await hs256({ scope: 'graph:read seed:write' });
      const answer = await server.send(LOAD, { d: DOCUMENT, dry: true }, `Bearer ${token}`);
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toMatchObject({ loadSeed: { ok: true, dryRun: true } });
    });

    it('keeps reads open, but refuses a read that presents a bad credential', async () => {
      expect((await server.send('{ __typename }', {})).data).toEqual({ __typename: 'Query' });
      const bad = await server.send('{ __typename }', {}, 'Bearer nope');
      expect(code(bad)).toBe('UNAUTHENTICATED');
      expect(bad.status).toBe(401);
    });

    it('never logs keys or tokens', async () => {
      const token = await hs256({ scope: 'seed:write' });
      await server.send(LOAD, { d: DOCUMENT, dry: true }, `Bearer ${token}`);
      await server.send(LOAD, { d: DOCUMENT, dry: true }, `Bearer ${API_KEY}`);
      await server.send(LOAD, { d: DOCUMENT, dry: true }, `Bearer ${API_KEY}-wrong`);
      const logs = server.logs.join('');
      expect(logs).toContain('"operation"');
      expect(logs).not.toContain(API_KEY);
      expect(logs).not.toContain(token.split('.')[2]!);
      expect(logs).not.toContain(SECRET);
    });
  });

  describe('JWTs from a JSON Web Key Set', () => {
    let jwks: http.Server;
    let server: Server;
    let sign: (claims: Record<string, unknown>) => Promise<string>;
    let signWithOtherKey: (claims: Record<string, unknown>) => Promise<string>;

    beforeAll(async () => {
      const { publicKey, privateKey } = await generateKeyPair('RS256');
      const other = await generateKeyPair('RS256');
      const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      jwks = http.createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
      const make = (key: Parameters<SignJWT['sign']>[0]) => (claims: Record<string, unknown>) =>
        new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('svc').setExpirationTime('5m').sign(key);
      sign = make(privateKey);
      signWithOtherKey = make(other.privateKey);
      server = await Server.start(env.graph, authConfig({ jwksUrl: url }, null));
    });
    afterAll(async () => {
      await server.stop();
      await new Promise((resolve) => jwks.close(resolve));
    });

    it('accepts a token signed by a key of the set with seed:write in an array claim', async () => {
      const answer = await server.send(LOAD, { d: DOCUMENT, dry: true }, `Bearer ${await sign({ scp: ['seed:write'] })}`);
      expect(answer.errors).toBeUndefined();
    });

    it('refuses a token signed by another key, and one without the scope', async () => {
      expect(code(await server.send(LOAD, { d: DOCUMENT, dry: true }, `Bearer ${await signWithOtherKey({ scp: ['seed:write'] })}`))).toBe('UNAUTHENTICATED');
      expect(code(await server.send(LOAD, { d: DOCUMENT, dry: true }, `Bearer ${await sign({ scp: ['graph:read'] })}`))).toBe('FORBIDDEN');
    });

    it('refuses an HS256 token when only the key set is configured (no algorithm confusion)', async () => {
      expect(code(await server.send(LOAD, { d: DOCUMENT, dry: true }, `Bearer ${await hs256({ scope: 'seed:write' })}`))).toBe('UNAUTHENTICATED');
    });
  });

  describe('with no credential configured', () => {
    it('keeps writes off (403) whatever is sent', async () => {
      const server = await Server.start(env.graph, authConfig({}, null));
      try {
        const answer = await server.send(LOAD, { d: DOCUMENT, dry: true }, `Bearer ${API_KEY}`);
        expect(code(answer), JSON.stringify(answer)).toBe('UNAUTHENTICATED'); // a credential the server cannot verify is refused as such
        const none = await server.send(LOAD, { d: DOCUMENT, dry: true });
        expect(code(none)).toBe('FORBIDDEN');
        expect(none.status).toBe(403);
      } finally {
        await server.stop();
      }
    });
  });

  describe('AUTH_REQUIRED_FOR_READS', () => {
    let server: Server;
    beforeAll(async () => {
      server = await Server.start(env.graph, authConfig({ jwtSecret: SECRET, jwtIssuer: ISSUER, jwtAudience: AUDIENCE, requiredForReads: true }));
    });
    afterAll(() => server.stop());

    it('refuses reads without a credential, introspection included', async () => {
      const answer = await server.send('{ relationTypes }', {});
      expect(code(answer)).toBe('UNAUTHENTICATED');
      expect(answer.status).toBe(401);
      expect(code(await server.send('{ __schema { queryType { name } } }', {}))).toBe('UNAUTHENTICATED');
    });

    it('lets the API key and any valid JWT read', async () => {
      expect((await server.send('{ __typename }', {}, `Bearer ${API_KEY}`)).data).toEqual({ __typename: 'Query' });
      expect((await server.send('{ __typename }', {}, `Bearer ${await hs256({ scope: 'graph:read' })}`)).data).toEqual({ __typename: 'Query' });
    });
  });

  it('reads its settings from the environment', () => {
    const config = loadConfig({ SEED_API_KEY: API_KEY, JWT_SECRET: SECRET, JWT_JWKS_URL: 'https://idp.test/jwks', AUTH_REQUIRED_FOR_READS: 'true' });
    expect(config.auth).toMatchObject({ jwtSecret: SECRET, jwksUrl: 'https://idp.test/jwks', requiredForReads: true });
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/32 characters/);
    expect(() => loadConfig({ AUTH_REQUIRED_FOR_READS: 'maybe' })).toThrow(/true or false/);
  });

  it('database counts are unchanged by refused writes (only the accepted load added its records)', async () => {
    const counts = await graphCounts(env.graph);
    expect(counts.nodes).toBe(2);
  });
});
