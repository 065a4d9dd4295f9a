import { z } from 'zod';

/**
 * The published development secret, the default of XINGFU_JWT_SECRET. Anyone who read this file
 * can sign tokens with it, so a server that listens beyond loopback refuses to start with it
 * (see `assertSafeTokenSettings`).
 */
export const DEVELOPMENT_JWT_SECRET = 'xingfu-development-secret-change-me';

/** Default of XINGFU_TOKEN_MAX_LIFETIME_SECONDS: 12 hours. */
export const DEFAULT_TOKEN_MAX_LIFETIME_SECONDS = 43_200;

/**
 * The platform's configuration, read once from the environment. Every variable is documented
 * here and in `.env.example`; a wrong value stops the start with a message naming it.
 */
export const configSchema = z.object({
  /** A PostgreSQL server to use instead of the embedded one (postgres://user:pass@host:5432/db). */
  DATABASE_URL: z.string().min(1).optional(),
  /** Folder for the embedded PostgreSQL cluster and caches (git-ignored). */
  XINGFU_DATA_DIR: z.string().default('.data'),
  /** Port of the embedded PostgreSQL (ignored with DATABASE_URL). */
  XINGFU_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  /** Interface the API and the site server listen on. */
  XINGFU_HOST: z.string().default('127.0.0.1'),
  /** Port of the GraphQL API (/graphql, /public/graphql, /healthz). */
  XINGFU_API_PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  /** Port of the static site server. */
  XINGFU_SITE_PORT: z.coerce.number().int().min(1).max(65535).default(4321),
  /** Where the built site is written and served from. */
  XINGFU_SITE_DIST: z.string().default('site/dist'),
  /**
   * The canonical public origin of the site (https://xingfu.example.gov.cn): every citation,
   * README and datapackage of the site gives full URLs under it. Default: where the site server
   * listens, http://{XINGFU_HOST}:{XINGFU_SITE_PORT} (see siteUrlOf).
   */
  XINGFU_SITE_URL: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  /** pino log level. */
  XINGFU_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * HS256 secret for bearer tokens. The default is the published development secret: the API
   * refuses to listen beyond loopback (127.0.0.0/8, ::1, localhost) with it unless XINGFU_JWKS_URL
   * is set. Set your own secret, or a JWKS URL, for any server others can reach.
   */
  XINGFU_JWT_SECRET: z.string().min(16).default(DEVELOPMENT_JWT_SECRET),
  /** JWKS URL of an identity provider; when set, tokens are verified against it instead of the secret. */
  XINGFU_JWKS_URL: z.url().optional(),
  /**
   * Longest lifetime of a bearer token, in seconds (default 43200 = 12 h, at least 60). A token
   * must carry `exp` and `iat`; one that lives longer (exp − iat) or expires further from now is
   * refused. `pnpm xingfu token` mints tokens of at most this lifetime.
   */
  XINGFU_TOKEN_MAX_LIFETIME_SECONDS: z.coerce.number().int().min(60).default(DEFAULT_TOKEN_MAX_LIFETIME_SECONDS),
  // Operation limits (docs/security.md, "Limits"). XINGFU_X is the internal endpoint's (/graphql),
  // XINGFU_PUBLIC_X the public endpoint's (/public/graphql).
  /** Deepest selection an operation on /graphql may have, in levels of fields (a root field is level 1). */
  XINGFU_MAX_QUERY_DEPTH: z.coerce.number().int().min(2).default(12),
  /** Deepest selection on /public/graphql (the site's deepest query has 3 levels). */
  XINGFU_PUBLIC_MAX_QUERY_DEPTH: z.coerce.number().int().min(2).default(8),
  /**
   * Highest estimated cost of an operation on /graphql: every field counts 1, times the rows its
   * list can hold (the page asked for with `first`, or the bound declared in http/query-limits.ts).
   */
  XINGFU_MAX_QUERY_COST: z.coerce.number().int().min(10).default(50_000),
  /**
   * Read-model statements run as named prepared statements (parsed and planned once per
   * connection). Set to false behind PgBouncer in transaction mode or another pooler that does
   * not keep a client on one server connection.
   */
  XINGFU_PREPARED_STATEMENTS: z.stringbool().default(true),
  /**
   * Highest estimated cost on /public/graphql: one county's villages by month (≈1.9 M with the
   * 1,038 villages of the largest county in regions.csv) fits, two do not; the site's query of a
   * county and release costs ≈0.2 M a year.
   */
  XINGFU_PUBLIC_MAX_QUERY_COST: z.coerce.number().int().min(10).default(3_000_000),
  /** Most aliases an operation on /graphql may use. */
  XINGFU_MAX_QUERY_ALIASES: z.coerce.number().int().min(0).default(50),
  /** Most aliases on /public/graphql (the site asks 6 per released year, plus one). */
  XINGFU_PUBLIC_MAX_QUERY_ALIASES: z.coerce.number().int().min(0).default(100),
  /** Most tokens (names, punctuation, values) a document sent to /graphql may have; parsing stops there. */
  XINGFU_MAX_QUERY_TOKENS: z.coerce.number().int().min(100).default(5_000),
  /** Most tokens of a document sent to /public/graphql. */
  XINGFU_PUBLIC_MAX_QUERY_TOKENS: z.coerce.number().int().min(100).default(5_000),
  /** Most directives (@include, @skip) an operation on /graphql may use. */
  XINGFU_MAX_QUERY_DIRECTIVES: z.coerce.number().int().min(0).default(50),
  /** Most directives on /public/graphql. */
  XINGFU_PUBLIC_MAX_QUERY_DIRECTIVES: z.coerce.number().int().min(0).default(20),
  /** Largest answer of a query on /graphql, in bytes of JSON (16 MiB); a larger one is refused (RESPONSE_TOO_LARGE). */
  XINGFU_MAX_RESPONSE_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .default(16 * 1024 * 1024),
  /** Largest answer on /public/graphql, in bytes (16 MiB). */
  XINGFU_PUBLIC_MAX_RESPONSE_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .default(16 * 1024 * 1024),
  /** Longest a query on /graphql may take, in ms, before it is answered OPERATION_TIMEOUT (mutations are not cut). */
  XINGFU_OPERATION_TIMEOUT_MS: z.coerce.number().int().min(10).default(30_000),
  /** Longest a query on /public/graphql may take, in ms. */
  XINGFU_PUBLIC_OPERATION_TIMEOUT_MS: z.coerce.number().int().min(10).default(10_000),
  /** Largest request body /public/graphql reads, in bytes (64 KiB); a larger one is refused before it is read. */
  XINGFU_PUBLIC_MAX_REQUEST_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .default(64 * 1024),
  /**
   * Requests one client (IP address) may send to /public/graphql per window (120 a minute: the
   * 幸福清单 is read page by page, not downloaded in bulk); 0 turns the rate limit off.
   */
  XINGFU_PUBLIC_RATE_LIMIT: z.coerce.number().int().min(0).default(120),
  /** The rate limit's window, in seconds. */
  XINGFU_PUBLIC_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  /**
   * Clients the rate limit leaves alone: comma-separated addresses or CIDR ranges, and `loopback`
   * for 127.0.0.0/8 and ::1 connecting directly (no Forwarded / X-Forwarded-For header: the static
   * site build and `pnpm start`); `none` exempts no one.
   */
  XINGFU_PUBLIC_RATE_LIMIT_EXEMPT: z.string().default('loopback'),
  /**
   * Express's `trust proxy`: which proxies' X-Forwarded-For to believe for the client's address
   * (`loopback`, a hop count, addresses or CIDR ranges). Unset, the address of the connection is
   * the client's. Set it when a reverse proxy forwards to the API, or every client shares its address.
   */
  XINGFU_TRUST_PROXY: z.string().optional(),
});

export type Config = z.infer<typeof configSchema>;

/** The canonical origin of the site: XINGFU_SITE_URL, or where the site server listens. */
export function siteUrlOf(config: Config): string {
  const host = config.XINGFU_HOST === '0.0.0.0' || config.XINGFU_HOST === '::' ? '127.0.0.1' : config.XINGFU_HOST;
  return config.XINGFU_SITE_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${config.XINGFU_SITE_PORT}`;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== '')));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`The configuration is not valid (${problems.join('; ')}): fix these variables, see .env.example.`);
  }
  return result.data;
}
