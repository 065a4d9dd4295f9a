import { randomUUID } from 'node:crypto';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError, chineseMessageOf } from '@xingfu/domain';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { SERVICE_UNAVAILABLE_MESSAGE, isRefusalCode } from '../http/error-status.js';
import type { Logger } from '../logging/logger.js';
import { LogRateLimiter } from '../logging/rate-limit.js';
import { redactError } from '../logging/redact.js';
import { errorKind, isDatabaseUnavailable } from './database-errors.js';
import type { DatabaseOutage } from './database-outage.js';

/**
 * Details a domain error may show the client, and the name each gets in `extensions`. Details are
 * for the client to act on (which field, which month, which status); a key not listed here is
 * never sent, so a detail can never carry personal data out by accident, and never replaces
 * `code`. The region refusals name the region code `code` in their details: it is sent as
 * `regionCode`.
 */
const DETAIL_KEYS: Readonly<Record<string, string>> = {
  argument: 'argument',
  batchId: 'batchId',
  ceilingFen: 'ceilingFen',
  code: 'regionCode',
  codes: 'regionCodes',
  date: 'date',
  field: 'field',
  month: 'month',
  netFen: 'netFen',
  operation: 'operation',
  permission: 'permission',
  personId: 'personId',
  programs: 'programs',
  regionCode: 'regionCode',
  status: 'status',
  text: 'text',
  to: 'to',
  cost: 'cost',
  maxCost: 'maxCost',
};

/**
 * A domain error's extensions: the listed details, the code's meaning in Chinese (`messageZh`),
 * then its code (last, so nothing replaces it).
 */
export function domainExtensions(error: DomainError): Record<string, unknown> {
  const extensions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error.details)) {
    const name = DETAIL_KEYS[key];
    if (name && isPlainValue(value)) extensions[name] = value;
  }
  extensions['messageZh'] = chineseMessageOf(error.code);
  extensions['code'] = error.code;
  return extensions;
}

function isPlainValue(value: unknown): boolean {
  if (Array.isArray(value)) return value.every((item) => typeof item === 'string' || typeof item === 'number');
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

export interface ErrorFormatterOptions {
  /** Where requests refused for an unreachable database are counted and logged once. */
  outage?: DatabaseOutage;
  /** Log lines per kind of unexpected error and window (LOG_LINES_PER_KIND a minute unless given). */
  logLimit?: { perWindow?: number; windowMs?: number };
}

/**
 * The one place errors leave the API: domain refusals keep their code and message (details only
 * as DETAIL_KEYS allows); deliberate refusals of the HTTP layer (codes of the status table) pass
 * as they are; a database that cannot be reached is SERVICE_UNAVAILABLE (counted by the outage,
 * not logged per request); anything else is INTERNAL_SERVER_ERROR with an id, logged redacted and
 * rate-limited per kind of error (docs/security.md, "Errors and logs").
 */
export function createErrorFormatter(logger: Logger, options: ErrorFormatterOptions = {}) {
  const limiter = new LogRateLimiter({
    ...options.logLimit,
    onSummary: (kind, suppressed, windowMs) =>
      logger.error(
        { kind: kind.split(':').slice(0, 3).join(':'), suppressed, windowSeconds: windowMs / 1000 },
        `${suppressed} more unexpected errors of this kind were not logged in the last ${windowMs / 1000} s`,
      ),
  });
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return { ...formatted, message: original.message, extensions: domainExtensions(original) };
    }
    // a domain refusal raised while variables are coerced (a Month or Money scalar) or by a plugin:
    // graphql-js or Apollo wrapped it, the message naming the variable is kept
    const wrapped = domainCause(error);
    if (wrapped) {
      return { ...formatted, extensions: domainExtensions(wrapped) };
    }
    const code = formatted.extensions?.code;
    if (isRefusalCode(code)) return withSafeValidationErrors(formatted);
    if (isDatabaseUnavailable(original)) {
      options.outage?.noteUnavailable(original);
      return {
        message: SERVICE_UNAVAILABLE_MESSAGE,
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      };
    }
    const errorId = randomUUID();
    if (limiter.allow(errorKind(original))) {
      logger.error({ err: redactError(original), errorId, path: formatted.path }, 'unexpected error');
    }
    return {
      message: `Unexpected error (id ${errorId}). Retry, or report the id to the administrator.`,
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
    };
  };
}

interface ValidationErrorLike {
  property?: unknown;
  constraints?: Record<string, unknown>;
  children?: ValidationErrorLike[];
}

/**
 * An input validation refusal (type-graphql's, BAD_USER_INPUT) lists its failures with the
 * offending values and the whole input object (ID numbers, names, bigints that JSON cannot even
 * write): only each failure's path and the names of the rules it broke are sent.
 */
function withSafeValidationErrors(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const failures = formatted.extensions?.['validationErrors'];
  if (!Array.isArray(failures)) return formatted;
  const flat: { path: string; rules: string[] }[] = [];
  const walk = (errors: ValidationErrorLike[], prefix: string, depth: number) => {
    for (const failure of errors.slice(0, 50)) {
      const property = typeof failure.property === 'string' || typeof failure.property === 'number' ? String(failure.property) : '?';
      const path = /^\d+$/.test(property) ? `${prefix}[${property}]` : prefix ? `${prefix}.${property}` : property;
      const rules = Object.keys(failure.constraints ?? {});
      if (rules.length > 0) flat.push({ path, rules });
      if (Array.isArray(failure.children) && depth < 8) walk(failure.children, path, depth + 1);
    }
  };
  walk(failures as ValidationErrorLike[], '', 0);
  return { ...formatted, extensions: { ...formatted.extensions, validationErrors: flat } };
}

/** The domain error at the root of a chain of wrapping GraphQL errors, if any. */
function domainCause(error: unknown): DomainError | undefined {
  for (let cause = error, depth = 0; cause instanceof GraphQLError && depth < 5; depth++) {
    if (cause.originalError instanceof DomainError) return cause.originalError;
    cause = cause.originalError;
  }
  return undefined;
}
