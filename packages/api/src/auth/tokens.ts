import { ROLES, type Actor, type Role } from '@xingfu/domain';
import { SignJWT, createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import { DEFAULT_TOKEN_MAX_LIFETIME_SECONDS } from '../config/config.js';

export interface TokenSettings {
  secret: string;
  jwksUrl?: string | undefined;
  /** Longest lifetime of a token in seconds (XINGFU_TOKEN_MAX_LIFETIME_SECONDS); default 12 h. */
  maxLifetimeSeconds?: number | undefined;
}

/** What `createTokenVerifier` needs: the token settings and, optionally, a region lookup. */
export interface TokenVerifierSettings extends TokenSettings {
  /**
   * Whether a region with this code exists. When given, a token whose `region` claim names no
   * region is refused. Called only for tokens whose signature and claims are valid.
   */
  regionExists?: ((code: string) => Promise<boolean>) | undefined;
}

const ISSUER = 'xingfu';
const AUDIENCE = 'xingfu-api';

/**
 * How far the issuer's clock may run ahead of ours: `iat` may lie this far in the future, and
 * `exp` this much beyond the longest lifetime from now. `exp` itself gets no leeway.
 */
export const TOKEN_CLOCK_SKEW_SECONDS = 60;

/** Claims of a staff token: `sub`, `role` and the `region` the role is bound to; a facility manager's names its `facility`. */
export interface StaffClaims extends JWTPayload {
  role: Role;
  region: string;
  facility?: number;
}

export class TokenError extends Error {
  override readonly name = 'TokenError';
}

function maxLifetimeOf(settings: TokenSettings): number {
  return settings.maxLifetimeSeconds ?? DEFAULT_TOKEN_MAX_LIFETIME_SECONDS;
}

/** “43200 s (12 h)” */
function describeSeconds(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds} s (${seconds / 3600} h)` : `${seconds} s`;
}

/**
 * Mints a development token signed with the local secret. `expiresIn` is a jose duration
 * (`12h`, `90m`, `3600s`); a lifetime beyond `settings.maxLifetimeSeconds` (default 12 h) is
 * refused with a TokenError, because the verifier would refuse the token.
 */
export async function mintToken(settings: TokenSettings, actor: Actor, expiresIn = '12h'): Promise<string> {
  const claims: Record<string, unknown> = { role: actor.role, region: actor.regionCode };
  if (actor.facilityId !== undefined) claims['facility'] = actor.facilityId;
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(actor.subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    // exp first: were iat set first and a second to pass in between, exp − iat would exceed expiresIn.
    .setExpirationTime(expiresIn)
    .setIssuedAt()
    .sign(new TextEncoder().encode(settings.secret));
  const { exp, iat } = decodeJwt(token);
  const maxLifetime = maxLifetimeOf(settings);
  if (exp === undefined || iat === undefined || exp - iat > maxLifetime || exp <= iat) {
    throw new TokenError(
      `A token lifetime of “${expiresIn}” is not allowed: use a positive lifetime of at most ${describeSeconds(maxLifetime)} (XINGFU_TOKEN_MAX_LIFETIME_SECONDS).`,
    );
  }
  return token;
}

/** How long a verified token is remembered at most (never past its expiry). */
export const VERIFIED_TOKEN_TTL_MS = 5 * 60_000;

/**
 * Verifies a bearer token: against the JWKS of the identity provider when configured, else the
 * local secret. Returns the actor it names.
 *
 * A token must carry `sub`, a known `role`, a `region`, `exp` and `iat`; it may live at most
 * `maxLifetimeSeconds` (exp − iat) and expire at most that far from now. With `regionExists`, its
 * region must exist.
 *
 * A client sends the same token with every request; checking its signature each time was a
 * measurable share of a request's CPU. A token that passed every check above, the region lookup
 * included, is remembered by its whole text (signature included, so no other claims can share
 * the entry) for at most VERIFIED_TOKEN_TTL_MS and never past its `exp`: a rotated signing key or
 * a removed region takes effect within that time. Tokens that fail are never remembered.
 */
export function createTokenVerifier(settings: TokenVerifierSettings): (token: string) => Promise<Actor> {
  const secret = new TextEncoder().encode(settings.secret);
  const jwks = settings.jwksUrl ? createRemoteJWKSet(new URL(settings.jwksUrl)) : undefined;
  const maxLifetime = maxLifetimeOf(settings);
  const { regionExists } = settings;
  const verified = new LRUCache<string, Actor>({ max: 10_000, ttl: VERIFIED_TOKEN_TTL_MS });
  return async (token) => {
    const known = verified.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      const options = { issuer: ISSUER, audience: AUDIENCE, requiredClaims: ['sub', 'exp', 'iat'] };
      payload = (jwks ? await jwtVerify(token, jwks, options) : await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] }))
        .payload;
    } catch (error) {
      if (error instanceof errors.JWTClaimValidationFailed && error.reason === 'missing' && error.claim === 'exp') {
        throw new TokenError('The bearer token has no expiry (exp claim) and would never expire: ask for a new token.');
      }
      if (error instanceof errors.JWTClaimValidationFailed && error.reason === 'missing' && error.claim === 'iat') {
        throw new TokenError('The bearer token has no issue time (iat claim), so its lifetime cannot be checked: ask for a new token.');
      }
      throw new TokenError(`The bearer token is not valid (${(error as Error).message}): sign in again.`);
    }
    // jose has checked that exp and iat are numbers and that exp lies in the future.
    const exp = payload.exp as number;
    const iat = payload.iat as number;
    const now = Date.now() / 1000;
    if (iat > now + TOKEN_CLOCK_SKEW_SECONDS) {
      throw new TokenError('The bearer token was issued in the future (iat claim): check the clock of its issuer and ask for a new token.');
    }
    if (exp - iat > maxLifetime || exp - now > maxLifetime + TOKEN_CLOCK_SKEW_SECONDS) {
      throw new TokenError(
        `The bearer token lives longer than the ${describeSeconds(maxLifetime)} allowed (XINGFU_TOKEN_MAX_LIFETIME_SECONDS): ask for a token with an earlier expiry.`,
      );
    }
    const role = payload['role'];
    const region = payload['region'];
    if (typeof payload.sub !== 'string' || !ROLES.includes(role as Role) || typeof region !== 'string' || !/^\d{2,12}$/.test(region)) {
      throw new TokenError('The bearer token lacks sub, a known role or a region: ask for a new token.');
    }
    if (regionExists && !(await regionExists(region))) {
      throw new TokenError(`The bearer token names region ${region}, which does not exist: ask for a token bound to an existing region.`);
    }
    // a facility manager's token names its one facility (docs/eldercare.md)
    const facility = payload['facility'];
    if (role === 'facility_manager' && !(typeof facility === 'number' && Number.isSafeInteger(facility) && facility > 0)) {
      throw new TokenError('A facility manager’s bearer token names its facility (facility claim, the facility id): ask for a new token.');
    }
    const actor: Actor = Object.freeze({
      subject: payload.sub,
      role: role as Role,
      regionCode: region,
      ...(role === 'facility_manager' ? { facilityId: facility as number } : {}),
    });
    const untilExpiry = exp * 1000 - Date.now();
    if (untilExpiry > 0) verified.set(token, actor, { ttl: Math.min(VERIFIED_TOKEN_TTL_MS, untilExpiry) });
    return actor;
  };
}
