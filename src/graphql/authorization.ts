import type { Config } from '../config.js';
import { forbidden, unauthenticated } from './errors.js';

/**
 * Who may do what: the credential a request carries (the HTTP layer verifies it and hands it over in the context)
 * and the rules that the auth plugin and the mutations apply to it.
 */

/** Who is calling, once a credential has been verified. */
export interface Principal {
  /** `api-key` for the shared key, else the JWT's `sub`. */
  subject: string;
  via: 'api-key' | 'jwt';
  scopes: ReadonlySet<string>;
}

/** What an Authorization header amounts to: nothing given, a verified principal, or a refusal and why. */
export type Credential =
  | { kind: 'none' }
  | { kind: 'valid'; principal: Principal }
  | { kind: 'invalid'; reason: string };

/** The scope that lets a caller load seeds (the API key grants it). */
export const SEED_WRITE_SCOPE = 'seed:write';

function writesEnabled(config: Config): boolean {
  const { seedApiKey, auth } = config;
  return seedApiKey !== undefined || auth.jwtSecret !== undefined || auth.jwksUrl !== undefined;
}

/**
 * Writes need the SEED_API_KEY as a bearer token, or a JWT whose scope includes `seed:write`; with neither
 * configured they are off. Checked before the operation runs (plugins/auth.ts) and by the mutation again, so no
 * path writes without it.
 */
export function requireSeedWriter(config: Config, credential: Credential): void {
  if (!writesEnabled(config)) {
    throw forbidden('loadSeed is disabled on this server: set SEED_API_KEY, JWT_SECRET or JWT_JWKS_URL to enable it');
  }
  if (credential.kind === 'none') {
    throw unauthenticated(`loadSeed needs an Authorization: Bearer header with the seed API key or a JWT with scope ${SEED_WRITE_SCOPE}`);
  }
  if (credential.kind === 'invalid') throw unauthenticated(credential.reason);
  if (!credential.principal.scopes.has(SEED_WRITE_SCOPE)) {
    throw forbidden(`loadSeed needs the ${SEED_WRITE_SCOPE} scope, which this token does not grant`);
  }
}
