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
  /** Deepest selection a GraphQL operation may have. */
  XINGFU_MAX_QUERY_DEPTH: z.coerce.number().int().min(2).default(12),
  /** Highest estimated cost (fields × page sizes) a GraphQL operation may have. */
  XINGFU_MAX_QUERY_COST: z.coerce.number().int().min(10).default(50_000),
  /**
   * Read-model statements run as named prepared statements (parsed and planned once per
   * connection). Set to false behind PgBouncer in transaction mode or another pooler that does
   * not keep a client on one server connection.
   */
  XINGFU_PREPARED_STATEMENTS: z.stringbool().default(true),
});

export type Config = z.infer<typeof configSchema>;

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
