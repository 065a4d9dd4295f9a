import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { ConfigError, DEVELOPMENT_JWT_SECRET, type Config } from '../config/config.js';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Whether `host` is a loopback address: 127.0.0.0/8, ::1 (any spelling, brackets allowed, or
 * IPv4-mapped 127.x) or `localhost`. Anything else, a name or an empty host included, is not.
 */
export function isLoopbackHost(host: string): boolean {
  let name = host.trim().toLowerCase();
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
  if (name === 'localhost' || name === 'localhost.') return true;
  if (isIPv4(name)) return LOOPBACK.check(name, 'ipv4');
  // BlockList also matches IPv4-mapped addresses (::ffff:127.0.0.1) against the IPv4 subnet.
  if (isIPv6(name)) return LOOPBACK.check(name, 'ipv6');
  return false;
}

/**
 * Refuses to serve tokens signed with the published development secret beyond this machine:
 * throws a ConfigError when XINGFU_JWT_SECRET is the development default, XINGFU_JWKS_URL is
 * unset and `host` (the interface the API listens on) is not a loopback address. Call it before
 * the API listens.
 */
export function assertSafeTokenSettings(config: Pick<Config, 'XINGFU_JWT_SECRET' | 'XINGFU_JWKS_URL'>, host: string): void {
  if (config.XINGFU_JWT_SECRET !== DEVELOPMENT_JWT_SECRET || config.XINGFU_JWKS_URL || isLoopbackHost(host)) return;
  throw new ConfigError(
    `XINGFU_JWT_SECRET is the published development secret, with which anyone can sign tokens, and XINGFU_HOST=${host} listens beyond this machine: set XINGFU_JWT_SECRET to a secret of your own or XINGFU_JWKS_URL to your identity provider, or listen on 127.0.0.1.`,
  );
}
