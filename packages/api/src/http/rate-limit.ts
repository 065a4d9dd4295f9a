import { BlockList, isIP } from 'node:net';
import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Config } from '../config/config.js';

export const RATE_LIMITED = 'RATE_LIMITED';

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

/** An IPv4 address written as IPv6 (::ffff:127.0.0.1) as the IPv4 address it is. */
const plainAddress = (address: string) => (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address) ? address.slice(7) : address);

/**
 * Which clients the rate limit leaves alone (XINGFU_PUBLIC_RATE_LIMIT_EXEMPT): addresses and CIDR
 * ranges matched against the client's address, and `loopback`, which matches 127.0.0.0/8 and ::1
 * only for a direct connection. A request carrying a forwarding header came through a proxy, so
 * a reverse proxy on the same machine does not exempt every client it forwards.
 */
export function rateLimitExemption(setting: string): (req: Request) => boolean {
  const listed = new BlockList();
  const loopback = new BlockList();
  let anyListed = false;
  let anyLoopback = false;
  for (const entry of setting
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    if (entry === 'none') continue;
    if (entry === 'loopback') {
      loopback.addSubnet('127.0.0.0', 8, 'ipv4');
      loopback.addAddress('::1', 'ipv6');
      anyLoopback = true;
      continue;
    }
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`XINGFU_PUBLIC_RATE_LIMIT_EXEMPT: “${entry}” is not an address, a CIDR range, loopback or none.`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) listed.addAddress(address, type);
    else listed.addSubnet(address, Number(prefix), type);
    anyListed = true;
  }
  const matches = (list: BlockList, address: string) => {
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
  return (req) => {
    const client = plainAddress(req.ip ?? '');
    if (anyListed && matches(listed, client)) return true;
    if (!anyLoopback) return false;
    const peer = plainAddress(req.socket.remoteAddress ?? '');
    return matches(loopback, peer) && matches(loopback, client) && FORWARDING_HEADERS.every((h) => req.headers[h] === undefined);
  };
}

/** XINGFU_TRUST_PROXY as Express's `trust proxy` setting: unset is false, a number is a hop count. */
export function trustProxySetting(setting: string | undefined): boolean | number | string {
  if (setting === undefined || setting === 'false') return false;
  if (setting === 'true') return true;
  if (/^\d+$/.test(setting)) return Number(setting);
  return setting;
}

/**
 * Per-client rate limit of the public endpoint (express-rate-limit, counted in this process's
 * memory, by client address; IPv6 clients by their /56). Above it: HTTP 429 with Retry-After
 * (seconds until the window resets), RateLimit / RateLimit-Policy headers, and a GraphQL-shaped
 * body with the code RATE_LIMITED. It runs before the body is read, so a refused request costs
 * next to nothing.
 */
export function publicRateLimit(
  config: Pick<Config, 'XINGFU_PUBLIC_RATE_LIMIT' | 'XINGFU_PUBLIC_RATE_LIMIT_WINDOW_SECONDS' | 'XINGFU_PUBLIC_RATE_LIMIT_EXEMPT'>,
): RequestHandler {
  const limit = config.XINGFU_PUBLIC_RATE_LIMIT;
  if (limit === 0) return (_req, _res, next) => next();
  const windowSeconds = config.XINGFU_PUBLIC_RATE_LIMIT_WINDOW_SECONDS;
  const exempt = rateLimitExemption(config.XINGFU_PUBLIC_RATE_LIMIT_EXEMPT);
  return rateLimit({
    windowMs: windowSeconds * 1000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: exempt,
    // a forwarded request without XINGFU_TRUST_PROXY is counted by the proxy's address, and never
    // exempt (docs/security.md, "Limits"); the library's console warning about it is left out
    validate: { xForwardedForHeader: false },
    handler: (_req, res) => {
      const retryAfter = Number(res.getHeader('retry-after') ?? windowSeconds);
      res
        .status(429)
        .set('cache-control', 'no-store')
        .json({
          errors: [
            {
              message: `Too many requests: at most ${limit} every ${windowSeconds} s from one address. Retry after ${retryAfter} s; the site's pages and downloads hold the same figures.`,
              extensions: { code: RATE_LIMITED, retryAfterSeconds: retryAfter, limit, windowSeconds },
            },
          ],
        });
    },
  });
}
