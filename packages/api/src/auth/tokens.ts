import { ROLES, type Actor, type Role } from '@xingfu/domain';
import { SignJWT, createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';

export interface TokenSettings {
  secret: string;
  jwksUrl?: string | undefined;
}

const ISSUER = 'xingfu';
const AUDIENCE = 'xingfu-api';

/** Claims of a staff token: `sub`, `role` and the `region` the role is bound to. */
export interface StaffClaims extends JWTPayload {
  role: Role;
  region: string;
}

/** Mints a development token signed with the local secret. */
export async function mintToken(settings: TokenSettings, actor: Actor, expiresIn = '12h'): Promise<string> {
  return new SignJWT({ role: actor.role, region: actor.regionCode })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(actor.subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(settings.secret));
}

export class TokenError extends Error {
  override readonly name = 'TokenError';
}

/** How long a verified token is remembered at most (never past its expiry). */
export const VERIFIED_TOKEN_TTL_MS = 5 * 60_000;

/**
 * Verifies a bearer token: against the JWKS of the identity provider when configured, else the
 * local secret. Returns the actor it names.
 *
 * A client sends the same token with every request; checking its signature each time was a
 * measurable share of a request's CPU. A verified token (its whole text, signature included) is
 * remembered for at most VERIFIED_TOKEN_TTL_MS and never past its `exp`, so a rotated signing key
 * takes effect within that time. Tokens that fail are never remembered.
 */
export function createTokenVerifier(settings: TokenSettings): (token: string) => Promise<Actor> {
  const secret = new TextEncoder().encode(settings.secret);
  const jwks = settings.jwksUrl ? createRemoteJWKSet(new URL(settings.jwksUrl)) : undefined;
  const verified = new LRUCache<string, Actor>({ max: 10_000, ttl: VERIFIED_TOKEN_TTL_MS });
  return async (token) => {
    const known = verified.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      const options = { issuer: ISSUER, audience: AUDIENCE };
      payload = (jwks ? await jwtVerify(token, jwks, options) : await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] }))
        .payload;
    } catch (error) {
      throw new TokenError(`The bearer token is not valid (${(error as Error).message}): sign in again.`);
    }
    const role = payload['role'];
    const region = payload['region'];
    if (typeof payload.sub !== 'string' || !ROLES.includes(role as Role) || typeof region !== 'string' || !/^\d{2,12}$/.test(region)) {
      throw new TokenError('The bearer token lacks sub, a known role or a region: ask for a new token.');
    }
    const actor: Actor = Object.freeze({ subject: payload.sub, role: role as Role, regionCode: region });
    const untilExpiry = payload.exp === undefined ? VERIFIED_TOKEN_TTL_MS : payload.exp * 1000 - Date.now();
    if (untilExpiry > 0) verified.set(token, actor, { ttl: Math.min(VERIFIED_TOKEN_TTL_MS, untilExpiry) });
    return actor;
  };
}
