import { createHash, timingSafeEqual } from 'node:crypto';
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
} from 'jose';
import type { Config } from '../config.js';
import { SEED_WRITE_SCOPE, type Credential } from '../graphql/authorization.js';

/** Compares digests, so neither the key's length nor its content leaks through timing. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

function scopesOf(payload: JWTPayload): Set<string> {
  const scopes = new Set<string>();
  for (const claim of [payload['scope'], payload['scp']]) {
    if (typeof claim === 'string') for (const s of claim.split(/\s+/)) if (s) scopes.add(s);
    if (Array.isArray(claim)) for (const s of claim) if (typeof s === 'string') scopes.add(s);
  }
  return scopes;
}

/**
 * Verifies `Authorization: Bearer …` headers: the SEED_API_KEY (constant-time compare) or a JWT signed with the
 * JWT_SECRET (HS256) or by a key of the JWT_JWKS_URL key set. Built once per server (the key set is cached).
 */
export class Authenticator {
  private readonly apiKey: string | undefined;
  private readonly secret: Uint8Array | undefined;
  private readonly jwks: JWTVerifyGetKey | undefined;
  private readonly verifyOptions: JWTVerifyOptions;

  constructor(config: Config) {
    this.apiKey = config.seedApiKey;
    const { jwtSecret, jwksUrl, jwtIssuer, jwtAudience } = config.auth;
    this.secret = jwtSecret === undefined ? undefined : new TextEncoder().encode(jwtSecret);
    this.jwks = jwksUrl === undefined ? undefined : createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 3_000 });
    this.verifyOptions = {
      requiredClaims: ['exp'],
      clockTolerance: 5,
      ...(jwtIssuer === undefined ? {} : { issuer: jwtIssuer }),
      ...(jwtAudience === undefined ? {} : { audience: jwtAudience }),
    };
  }

  /** True when some credential can be accepted at all (else writes are off). */
  get enabled(): boolean {
    return this.apiKey !== undefined || this.secret !== undefined || this.jwks !== undefined;
  }

  async authenticate(header: string | undefined): Promise<Credential> {
    if (header === undefined || header.trim() === '') return { kind: 'none' };
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
    if (!match) return { kind: 'invalid', reason: 'the Authorization header must be "Bearer <token>"' };
    const token = match[1]!;
    if (this.apiKey !== undefined && sameSecret(token, this.apiKey)) {
      return { kind: 'valid', principal: { subject: 'api-key', via: 'api-key', scopes: new Set([SEED_WRITE_SCOPE]) } };
    }
    if (JWT_SHAPE.test(token) && (this.secret !== undefined || this.jwks !== undefined)) return this.verifyJwt(token);
    return { kind: 'invalid', reason: 'the bearer token is neither the API key nor a valid JWT' };
  }

  private async verifyJwt(token: string): Promise<Credential> {
    try {
      const { alg } = decodeProtectedHeader(token);
      let payload: JWTPayload;
      if (alg === 'HS256' && this.secret !== undefined) {
        ({ payload } = await jwtVerify(token, this.secret, { ...this.verifyOptions, algorithms: ['HS256'] }));
      } else if (alg !== undefined && ASYMMETRIC.includes(alg) && this.jwks !== undefined) {
        ({ payload } = await jwtVerify(token, this.jwks, { ...this.verifyOptions, algorithms: ASYMMETRIC }));
      } else {
        return { kind: 'invalid', reason: `JWTs signed with ${alg ?? 'no algorithm'} are not accepted` };
      }
      return { kind: 'valid', principal: { subject: payload.sub ?? 'jwt', via: 'jwt', scopes: scopesOf(payload) } };
    } catch (error) {
      // jose's messages say what failed (expired, bad signature, wrong issuer) and never echo the token.
      const reason = error instanceof Error ? error.message : String(error);
      return { kind: 'invalid', reason: `the JWT was refused: ${reason}` };
    }
  }
}
