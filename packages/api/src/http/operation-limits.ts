import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { ParseOptions, ValidationRule } from 'graphql';
import type { MikroORM } from '@xingfu/domain';
import type { Config } from '../config/config.js';
import { operationCapsMiddleware, operationCapsPlugin, type OperationCaps } from './operation-caps.js';
import {
  costLimitPlugin,
  createDataBounds,
  limitParseOptions,
  limitRules,
  type DataBoundsSource,
  type OperationLimits,
} from './query-limits.js';
import { publicRateLimit } from './rate-limit.js';

/** The settings of the operation limits (config.ts; docs/security.md, "Limits"). */
export type LimitSetting =
  | 'XINGFU_MAX_QUERY_DEPTH'
  | 'XINGFU_PUBLIC_MAX_QUERY_DEPTH'
  | 'XINGFU_MAX_QUERY_COST'
  | 'XINGFU_PUBLIC_MAX_QUERY_COST'
  | 'XINGFU_MAX_QUERY_ALIASES'
  | 'XINGFU_PUBLIC_MAX_QUERY_ALIASES'
  | 'XINGFU_MAX_QUERY_TOKENS'
  | 'XINGFU_PUBLIC_MAX_QUERY_TOKENS'
  | 'XINGFU_MAX_QUERY_DIRECTIVES'
  | 'XINGFU_PUBLIC_MAX_QUERY_DIRECTIVES'
  | 'XINGFU_MAX_RESPONSE_BYTES'
  | 'XINGFU_PUBLIC_MAX_RESPONSE_BYTES'
  | 'XINGFU_OPERATION_TIMEOUT_MS'
  | 'XINGFU_PUBLIC_OPERATION_TIMEOUT_MS'
  | 'XINGFU_PUBLIC_MAX_REQUEST_BYTES'
  | 'XINGFU_PUBLIC_RATE_LIMIT'
  | 'XINGFU_PUBLIC_RATE_LIMIT_WINDOW_SECONDS'
  | 'XINGFU_PUBLIC_RATE_LIMIT_EXEMPT'
  | 'XINGFU_TRUST_PROXY';

/** Everything one endpoint needs to hold its limits, for Apollo and for Express. */
export interface EndpointLimits<T extends object = object> {
  limits: OperationLimits;
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
  plugins: ApolloServerPlugin<T>[];
  /** Express handlers before the body parser (the rate limit). */
  beforeBody: RequestHandler[];
  /** Express handlers between the body parser and Apollo's middleware (deadline, answer size). */
  beforeApollo: RequestHandler[];
}

/**
 * Refuses a body declared larger than `maxBytes` (Content-Length) before it is read: 413
 * PAYLOAD_TOO_LARGE, as the body parser answers one above its own 1 MB. The public endpoint's
 * operations are small (the site's largest is ~12 KB for ten released years).
 */
export function requestSizeLimit(maxBytes: number): RequestHandler {
  return (req, res, next) => {
    const length = Number(req.headers['content-length'] ?? Number.NaN);
    if (!(length > maxBytes)) return next();
    // the unread body is not drained: the connection closes after the answer
    res
      .status(413)
      .set('cache-control', 'no-store')
      .set('connection', 'close')
      .json({
        errors: [
          {
            message: `The request body is ${length} bytes, above the ${maxBytes} this endpoint reads: send a shorter operation, its values as variables.`,
            extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes },
          },
        ],
      });
  };
}

function endpoint<T extends object>(
  limits: OperationLimits,
  caps: OperationCaps,
  beforeBody: RequestHandler[],
  dataBounds: DataBoundsSource,
): EndpointLimits<T> {
  return {
    limits,
    validationRules: limitRules(limits),
    parseOptions: limitParseOptions(limits),
    plugins: [costLimitPlugin<T>(limits.maxCost, dataBounds), operationCapsPlugin<T>(caps)],
    beforeBody,
    beforeApollo: [operationCapsMiddleware(caps)],
  };
}

/**
 * The limits of both endpoints from the configuration, the cost model's bounds read from the
 * database (`createDataBounds`). The internal endpoint executes compiled (graphql-jit): fields are
 * not counted one by one there, its answer is measured when sent.
 */
export function operationLimits<T extends object>(
  config: Pick<Config, LimitSetting>,
  orm?: Pick<MikroORM, 'em'>,
): { internal: EndpointLimits<T>; public: EndpointLimits<T> } {
  type Held = { counties: number; towns: number; villages: number; children: number; programs: number; listed: number };
  const dataBounds = createDataBounds(orm ? (sql) => orm.em.fork().execute<Held[]>(sql) : undefined);
  return {
    internal: endpoint<T>(
      {
        maxDepth: config.XINGFU_MAX_QUERY_DEPTH,
        maxAliases: config.XINGFU_MAX_QUERY_ALIASES,
        maxTokens: config.XINGFU_MAX_QUERY_TOKENS,
        maxDirectives: config.XINGFU_MAX_QUERY_DIRECTIVES,
        maxCost: config.XINGFU_MAX_QUERY_COST,
      },
      {
        maxResponseBytes: config.XINGFU_MAX_RESPONSE_BYTES,
        timeoutMs: config.XINGFU_OPERATION_TIMEOUT_MS,
        countFields: false,
        rememberRefusals: false,
      },
      [],
      dataBounds,
    ),
    public: endpoint<T>(
      {
        maxDepth: config.XINGFU_PUBLIC_MAX_QUERY_DEPTH,
        maxAliases: config.XINGFU_PUBLIC_MAX_QUERY_ALIASES,
        maxTokens: config.XINGFU_PUBLIC_MAX_QUERY_TOKENS,
        maxDirectives: config.XINGFU_PUBLIC_MAX_QUERY_DIRECTIVES,
        maxCost: config.XINGFU_PUBLIC_MAX_QUERY_COST,
      },
      {
        maxResponseBytes: config.XINGFU_PUBLIC_MAX_RESPONSE_BYTES,
        timeoutMs: config.XINGFU_PUBLIC_OPERATION_TIMEOUT_MS,
        countFields: true,
        rememberRefusals: true,
      },
      [publicRateLimit(config), requestSizeLimit(config.XINGFU_PUBLIC_MAX_REQUEST_BYTES)],
      dataBounds,
    ),
  };
}
