import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@xingfu/domain';
import { DomainError, pingDatabase, type Actor } from '@xingfu/domain';
import { regionExists } from '../region/region.read-model.js';
import { GraphQLError } from 'graphql';
import { TokenError, createTokenVerifier } from '../auth/tokens.js';
import express, { type Request, type Response, type NextFunction } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config/config.js';
import { createRequestContext, type RequestContext } from '../context/context.type.js';
import { PreparedReads } from '../context/prepared-reads.js';
import { isDatabaseUnavailable } from '../errors/database-errors.js';
import { DatabaseOutage } from '../errors/database-outage.js';
import { createErrorFormatter } from '../errors/format-error.js';
import { IDE_ASSETS } from '../ide/ide-assets.js';
import { graphiqlPage } from '../ide/graphiql-page.js';
import type { Logger } from '../logging/logger.js';
import { buildInternalSchema, buildPublicSchema } from '../schema/build-schemas.js';
import { compiledExecution } from './compiled-execution.js';
import { errorStatusPlugin, serviceUnavailable } from './error-status.js';
import { jsonErrorHandler, jsonNotFound, noStore } from './express-errors.js';
import { idempotencyPlugin } from './idempotency.js';
import { inputHygienePlugin } from './input-hygiene.js';
import { operationLimits, type EndpointLimits, type LimitSetting } from './operation-limits.js';
import { trustProxySetting } from './rate-limit.js';

export { LIST_BOUNDS, unboundedListFields } from './query-limits.js';

export const INTERNAL_PATH = '/graphql';
export const PUBLIC_PATH = '/public/graphql';
/** How long public responses may be cached. */
export const PUBLIC_MAX_AGE_SECONDS = 300;

export interface ApiServerOptions {
  orm: MikroORM;
  config: Pick<
    Config,
    LimitSetting | 'XINGFU_JWT_SECRET' | 'XINGFU_JWKS_URL' | 'XINGFU_TOKEN_MAX_LIFETIME_SECONDS' | 'XINGFU_PREPARED_STATEMENTS'
  >;
  logger: Logger;
  /** Log lines per kind of unexpected error and window (default 10 a minute; tests shorten the window). */
  errorLogLimit?: { perWindow?: number; windowMs?: number };
}

export interface ApiServer {
  app: express.Express;
  listen(port: number, host: string): Promise<Server>;
  stop(): Promise<void>;
}

/** Both GraphQL endpoints, the offline IDE and /healthz on one Express app. */
export async function createApiServer({ orm, config, logger, errorLogLimit }: ApiServerOptions): Promise<ApiServer> {
  const [internalSchema, publicSchema] = await Promise.all([buildInternalSchema(), buildPublicSchema()]);
  // an unreachable database: 503 SERVICE_UNAVAILABLE, logged once per outage (errors/database-outage.ts)
  const outage = new DatabaseOutage({ logger, probe: () => pingDatabase(orm) });
  const formatError = createErrorFormatter(logger, { outage, ...(errorLogLimit ? { logLimit: errorLogLimit } : {}) });
  // operation limits per endpoint: depth, aliases, tokens, directives, cost, answer size, time (operation-limits.ts)
  const limits = operationLimits<RequestContext>(config, orm);
  // the status plugin first: later plugins (idempotency) see the status it sets
  const plugins = [errorStatusPlugin<RequestContext>(), inputHygienePlugin<RequestContext>()];
  const apollo = (
    execution: { schema: GraphQLSchema } | { gateway: ReturnType<typeof compiledExecution> },
    endpoint: EndpointLimits<RequestContext>,
    extraPlugins: ApolloServerPlugin<RequestContext>[] = [],
  ) =>
    new ApolloServer<RequestContext>({
      ...execution,
      formatError,
      validationRules: endpoint.validationRules,
      parseOptions: endpoint.parseOptions,
      plugins: [...plugins, ...endpoint.plugins, ...extraPlugins],
      introspection: true,
      includeStacktraceInErrorResponses: false,
      logger,
    });
  // Internal answers carry personal data and are never cached. Apollo installs its cache-control
  // plugin unless told otherwise, and a plugin with willResolveField wraps every field resolver of
  // the schema: measurable on large nested pages (see docs/benchmarks.md). Its operations run
  // compiled (graphql-jit): case work reads large nested pages.
  const internal = apollo({ gateway: compiledExecution(internalSchema) }, limits.internal, [
    ApolloServerPluginCacheControlDisabled(),
    idempotencyPlugin(),
  ]);
  // Public answers change only when a release is cut: caches and CDNs may keep them a while.
  // graphql-js executes them: the cache-control plugin sees every field, and the static site is
  // their main reader, at build time.
  const publicServer = apollo({ schema: publicSchema }, limits.public, [
    ApolloServerPluginCacheControl({ defaultMaxAge: PUBLIC_MAX_AGE_SECONDS }),
  ]);
  await Promise.all([internal.start(), publicServer.start()]);

  // a token's region must exist (a typo or a forged claim would otherwise scope to nothing, or to
  // whatever region later takes the code)
  const verifyToken = createTokenVerifier({
    secret: config.XINGFU_JWT_SECRET,
    jwksUrl: config.XINGFU_JWKS_URL,
    maxLifetimeSeconds: config.XINGFU_TOKEN_MAX_LIFETIME_SECONDS,
    regionExists: (code) => regionExists(orm.em.fork(), code),
  });
  const reads = new PreparedReads({ enabled: config.XINGFU_PREPARED_STATEMENTS });
  const requestContext = (actor: Actor | null): RequestContext => {
    return createRequestContext(orm.em.fork(), actor, reads, logger);
  };
  /** The internal endpoint answers nothing, introspection included, without a valid token. */
  const internalContext = async ({ req }: { req: Request }): Promise<RequestContext> => {
    const header = req.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const refuse = (message: string) => new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    if (!token)
      throw refuse(
        'Sign in: this endpoint needs a bearer token in the Authorization header (pnpm xingfu token mints one for development).',
      );
    try {
      return requestContext(await verifyToken(token));
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        outage.noteUnavailable(error);
        throw serviceUnavailable();
      }
      throw refuse(error instanceof TokenError ? error.message : 'The bearer token could not be verified.');
    }
  };
  const publicContext = (): Promise<RequestContext> => Promise.resolve(requestContext(null));

  const app = express();
  app.disable('x-powered-by');
  // the client's address behind a reverse proxy (the public rate limit counts by it)
  app.set('trust proxy', trustProxySetting(config.XINGFU_TRUST_PROXY));
  app.get('/healthz', async (_req, res) => {
    try {
      await pingDatabase(orm);
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database' });
    }
  });
  app.get('/ide/:file', (req, res) => {
    const file = IDE_ASSETS[req.params.file];
    if (!file) return void res.sendStatus(404);
    res.sendFile(file, { maxAge: '7d', dotfiles: 'allow' });
  });
  const ide = (path: string, title: string) => (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' && req.accepts(['application/json', 'text/html']) === 'text/html' && !req.query['query']) {
      res.type('html').send(graphiqlPage(path, title));
      return;
    }
    next();
  };
  const json = express.json({ limit: '1mb' });
  // Internal answers are personal and never cached, so no ETag: Express would hash every answer
  // (a nested page is ~85 KB) only to label it. Public answers keep theirs, for revalidation.
  const internalApp = express();
  internalApp.set('etag', false);
  internalApp.disable('x-powered-by');
  internalApp.use(
    noStore(),
    ide(INTERNAL_PATH, 'Xingfu — internal GraphQL'),
    json,
    ...limits.internal.beforeApollo,
    expressMiddleware(internal, { context: internalContext }),
  );
  app.use(INTERNAL_PATH, internalApp);
  app.use(
    PUBLIC_PATH,
    ...limits.public.beforeBody,
    ide(PUBLIC_PATH, '幸福清单 — public GraphQL'),
    json,
    ...limits.public.beforeApollo,
    expressMiddleware(publicServer, { context: publicContext }),
  );
  // keep these two last: JSON for unknown paths and for failures outside GraphQL (express-errors.ts)
  app.use(jsonNotFound());
  app.use(jsonErrorHandler(logger));

  let server: Server | undefined;
  return {
    app,
    listen: (port, host) =>
      new Promise<Server>((resolve, reject) => {
        const s = app.listen(port, host);
        s.once('error', (error: NodeJS.ErrnoException) =>
          reject(
            error.code === 'EADDRINUSE'
              ? new DomainError(
                  'PORT_IN_USE',
                  `Port ${port} is already in use, so the API cannot start: stop what uses it, or set XINGFU_API_PORT to a free port.`,
                  { port },
                )
              : error,
          ),
        );
        s.once('listening', () => {
          server = s;
          resolve(s);
        });
      }),
    stop: async () => {
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server!.close(() => resolve()));
      }
      outage.stop();
      await Promise.all([internal.stop(), publicServer.stop()]);
    },
  };
}
