import { randomUUID } from 'node:crypto';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError } from '@xingfu/domain';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from '../logging/logger.js';

/** Codes GraphQL itself produces for bad requests; passed through as they are. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_TOO_COMPLEX',
  'INVALID_IDEMPOTENCY_KEY',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_KEY_IN_USE',
]);

/**
 * The one place errors leave the API: domain refusals keep their code and message; anything
 * unexpected is logged with an id and masked.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return { ...formatted, message: original.message, extensions: { ...original.details, code: original.code } };
    }
    // a domain refusal raised while variables are coerced (a Month or Money scalar) or by a plugin:
    // graphql-js or Apollo wrapped it, the message naming the variable is kept
    const wrapped = domainCause(error);
    if (wrapped) {
      return { ...formatted, extensions: { ...wrapped.details, code: wrapped.code } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) return formatted;
    const errorId = randomUUID();
    logger.error({ err: original, errorId, path: formatted.path }, 'unexpected error');
    return {
      message: `Unexpected error (id ${errorId}); it has been logged. Retry, or report the id to the administrator.`,
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
    };
  };
}

/** The domain error at the root of a chain of wrapping GraphQL errors, if any. */
function domainCause(error: unknown): DomainError | undefined {
  for (let cause = error, depth = 0; cause instanceof GraphQLError && depth < 5; depth++) {
    if (cause.originalError instanceof DomainError) return cause.originalError;
    cause = cause.originalError;
  }
  return undefined;
}
