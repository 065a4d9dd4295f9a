import { TokenError, createTokenVerifier, mintToken } from '@xingfu/api';
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
