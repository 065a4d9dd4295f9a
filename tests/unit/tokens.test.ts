import { createHmac } from 'node:crypto';
import {
  ConfigError,
  DEFAULT_TOKEN_MAX_LIFETIME_SECONDS,
  DEVELOPMENT_JWT_SECRET,
  TokenError,
  assertSafeTokenSettings,
  createTokenVerifier,
  loadConfig,
  mintToken,
} from '@xingfu/api';
import { describe, expect, it } from 'vitest';

const settings = { secret: 'unit-test-secret-of-at-least-32-characters' };
const actor = { subject: 'clerk-1', role: 'town_clerk', regionCode: '370115104' } as const;

/** The token with the first character of its signature changed (the last one also carries unused padding bits). */
function tampered(token: string): string {
  const start = token.lastIndexOf('.') + 1;
  const changed = token[start] === 'A' ? 'B' : 'A';
  return token.slice(0, start) + changed + token.slice(start + 1);
}

describe('bearer tokens', () => {
  it('names the actor of a token signed with the secret, again and again', async () => {
    const verify = createTokenVerifier(settings);
    const token = await mintToken(settings, actor);
    expect(await verify(token)).toEqual(actor);
    expect(await verify(token)).toEqual(actor);
  });

  it('refuses a token whose signature was changed, even after the genuine one was accepted', async () => {
    const verify = createTokenVerifier(settings);
    const token = await mintToken(settings, actor);
    await verify(token);
    await expect(verify(tampered(token))).rejects.toBeInstanceOf(TokenError);
  });

  it('refuses a token signed with another secret', async () => {
    const verify = createTokenVerifier(settings);
    const token = await mintToken({ secret: 'another-secret-of-at-least-32-characters!' }, actor);
    await expect(verify(token)).rejects.toThrow(/not valid/);
  });

  it('refuses a token once it has expired, even though it was accepted before', async () => {
    const verify = createTokenVerifier(settings);
    const token = await mintToken(settings, actor, '2s');
    expect(await verify(token)).toEqual(actor);
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    await expect(verify(token)).rejects.toThrow(/"exp" claim timestamp check failed/);
  });
});

/** Now, in seconds since the epoch (the unit of exp and iat). */
const now = (): number => Math.floor(Date.now() / 1000);

/**
 * An HS256 token with exactly these claims, as any holder of the secret could sign it. (Built with
 * node:crypto: jose is a dependency of @xingfu/api, not of the tests.)
 */
function sign(claims: Record<string, unknown>, secret = settings.secret): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** The claims of a valid staff token for `actor`, living one hour from now. */
function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub: actor.subject,
    role: actor.role,
    region: actor.regionCode,
    iss: 'xingfu',
    aud: 'xingfu-api',
    iat: now(),
    exp: now() + 3600,
    ...overrides,
  };
}

describe('bearer token claims', () => {
  it('accepts a token signed outside mintToken that carries every required claim', async () => {
    const verify = createTokenVerifier(settings);
    expect(await verify(sign(claims()))).toEqual(actor);
  });

  it('refuses a token without exp, which would never expire', async () => {
    const verify = createTokenVerifier(settings);
    await expect(verify(sign(claims({ exp: undefined })))).rejects.toThrow(TokenError);
    await expect(verify(sign(claims({ exp: undefined })))).rejects.toThrow(/no expiry \(exp claim\)/);
  });

  it('refuses a token without iat, whose lifetime cannot be checked', async () => {
    const verify = createTokenVerifier(settings);
    await expect(verify(sign(claims({ iat: undefined })))).rejects.toThrow(/no issue time \(iat claim\)/);
  });

  it('refuses a token that expires further from now than the longest lifetime', async () => {
    const verify = createTokenVerifier({ ...settings, maxLifetimeSeconds: 3600 });
    const token = sign(claims({ exp: now() + 2 * 3600 }));
    await expect(verify(token)).rejects.toThrow(/lives longer than the 3600 s \(1 h\) allowed \(XINGFU_TOKEN_MAX_LIFETIME_SECONDS\)/);
  });

  it('refuses a token that expires far away by default (12 h), even with an iat that makes it look short', async () => {
    const verify = createTokenVerifier(settings);
    const year = 365 * 24 * 3600;
    await expect(verify(sign(claims({ exp: now() + year })))).rejects.toThrow(/lives longer than the 43200 s \(12 h\) allowed/);
    // iat in the future, so that exp − iat is short: still refused.
    await expect(verify(sign(claims({ iat: now() + year - 60, exp: now() + year })))).rejects.toThrow(TokenError);
  });

  it('refuses a token issued in the future, beyond a minute of clock skew', async () => {
    const verify = createTokenVerifier(settings);
    await expect(verify(sign(claims({ iat: now() + 7200, exp: now() + 9000 })))).rejects.toThrow(/issued in the future \(iat claim\)/);
    expect(await verify(sign(claims({ iat: now() + 30 })))).toEqual(actor);
  });

  it('refuses a token whose exp − iat exceeds the longest lifetime, though it expires soon', async () => {
    const verify = createTokenVerifier({ ...settings, maxLifetimeSeconds: 3600 });
    const token = sign(claims({ iat: now() - 3 * 3600, exp: now() + 600 }));
    await expect(verify(token)).rejects.toThrow(/lives longer than the 3600 s/);
  });

  it('accepts a token of exactly the longest lifetime', async () => {
    const verify = createTokenVerifier({ ...settings, maxLifetimeSeconds: 3600 });
    expect(await verify(sign(claims({ exp: now() + 3600 })))).toEqual(actor);
  });

  it('reads the longest lifetime from XINGFU_TOKEN_MAX_LIFETIME_SECONDS, 12 h by default', () => {
    expect(loadConfig({}).XINGFU_TOKEN_MAX_LIFETIME_SECONDS).toBe(43_200);
    expect(DEFAULT_TOKEN_MAX_LIFETIME_SECONDS).toBe(43_200);
    expect(loadConfig({ XINGFU_TOKEN_MAX_LIFETIME_SECONDS: '3600' }).XINGFU_TOKEN_MAX_LIFETIME_SECONDS).toBe(3600);
    expect(() => loadConfig({ XINGFU_TOKEN_MAX_LIFETIME_SECONDS: '0' })).toThrow(/XINGFU_TOKEN_MAX_LIFETIME_SECONDS/);
  });

  it('mints within the longest lifetime, and refuses to mint beyond it', async () => {
    const verify = createTokenVerifier({ ...settings, maxLifetimeSeconds: 3600 });
    expect(await verify(await mintToken({ ...settings, maxLifetimeSeconds: 3600 }, actor, '3600s'))).toEqual(actor);
    await expect(mintToken({ ...settings, maxLifetimeSeconds: 3600 }, actor, '2h')).rejects.toThrow(/at most 3600 s \(1 h\)/);
    await expect(mintToken(settings, actor, '7d')).rejects.toThrow(TokenError);
  });
});

describe('bearer token region', () => {
  /** A region lookup backed by a set of codes, counting its calls. */
  function regions(...codes: string[]) {
    const known = new Set(codes);
    const lookup = {
      calls: 0,
      known,
      regionExists: (code: string) => {
        lookup.calls++;
        return Promise.resolve(known.has(code));
      },
    };
    return lookup;
  }

  it('refuses a token whose region does not exist', async () => {
    const lookup = regions('370115', '370115104');
    const verify = createTokenVerifier({ ...settings, regionExists: lookup.regionExists });
    const token = await mintToken(settings, { ...actor, regionCode: '370115999' });
    await expect(verify(token)).rejects.toThrow(TokenError);
    await expect(verify(token)).rejects.toThrow(/names region 370115999, which does not exist/);
  });

  it('accepts a token whose region exists, and looks it up once while the token is remembered', async () => {
    const lookup = regions('370115104');
    const verify = createTokenVerifier({ ...settings, regionExists: lookup.regionExists });
    const token = await mintToken(settings, actor);
    expect(await verify(token)).toEqual(actor);
    expect(await verify(token)).toEqual(actor);
    expect(lookup.calls).toBe(1);
  });

  it('never remembers a token refused for its region', async () => {
    const lookup = regions();
    const verify = createTokenVerifier({ ...settings, regionExists: lookup.regionExists });
    const token = await mintToken(settings, actor);
    await expect(verify(token)).rejects.toThrow(/does not exist/);
    await expect(verify(token)).rejects.toThrow(/does not exist/);
    expect(lookup.calls).toBe(2);
    lookup.known.add(actor.regionCode);
    expect(await verify(token)).toEqual(actor);
  });

  it('does not let a remembered token vouch for another region', async () => {
    const lookup = regions('370115104');
    const verify = createTokenVerifier({ ...settings, regionExists: lookup.regionExists });
    expect(await verify(await mintToken(settings, actor))).toEqual(actor);
    // Same subject and role, same second, other region: another token, looked up afresh.
    await expect(verify(await mintToken(settings, { ...actor, regionCode: '370115105' }))).rejects.toThrow(
      /370115105, which does not exist/,
    );
  });

  it('does not look the region up for a token whose signature is wrong', async () => {
    const lookup = regions('370115104');
    const verify = createTokenVerifier({ ...settings, regionExists: lookup.regionExists });
    await expect(verify(tampered(await mintToken(settings, actor)))).rejects.toThrow(/not valid/);
    expect(lookup.calls).toBe(0);
  });
});

describe('the development secret', () => {
  const development = loadConfig({});

  it('is the default secret', () => {
    expect(development.XINGFU_JWT_SECRET).toBe(DEVELOPMENT_JWT_SECRET);
  });

  it('is refused when the API listens beyond loopback', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20', '10.0.0.1', 'xingfu.example.gov.cn', '127.0.0.1.nip.io', '::ffff:10.0.0.1', '']) {
      expect(() => assertSafeTokenSettings(development, host), host).toThrow(ConfigError);
    }
    expect(() => assertSafeTokenSettings(development, '0.0.0.0')).toThrow(/XINGFU_JWT_SECRET is the published development secret/);
  });

  it('is refused beyond loopback even when set explicitly', () => {
    const config = loadConfig({ XINGFU_JWT_SECRET: DEVELOPMENT_JWT_SECRET, XINGFU_HOST: '0.0.0.0' });
    expect(() => assertSafeTokenSettings(config, config.XINGFU_HOST)).toThrow(ConfigError);
  });

  it('is allowed on loopback only', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'localhost', 'LOCALHOST']) {
      expect(() => assertSafeTokenSettings(development, host), host).not.toThrow();
    }
  });

  it('is not needed with a secret of your own or a JWKS URL', () => {
    const own = loadConfig({ XINGFU_JWT_SECRET: 'a-production-secret-of-at-least-32-chars' });
    expect(() => assertSafeTokenSettings(own, '0.0.0.0')).not.toThrow();
    const jwks = loadConfig({ XINGFU_JWKS_URL: 'https://sso.example.gov.cn/.well-known/jwks.json' });
    expect(() => assertSafeTokenSettings(jwks, '0.0.0.0')).not.toThrow();
  });
});
