import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logging/logger.js';
import { LogRateLimiter } from '../logging/rate-limit.js';
import { redactError } from '../logging/redact.js';
import { errorKind } from '../errors/database-errors.js';
import { httpStatusOf, type ErrorCode } from './error-status.js';

/** The body of every answer the HTTP layer gives itself: shaped like a GraphQL answer with errors. */
function errorBody(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ errors: [{ message, extensions: { ...extra, code } }] });
}

/** What a body-parser failure (`type` of the http-errors it raises) is answered with. */
function bodyParserRefusal(error: { type?: unknown; limit?: unknown }): { code: ErrorCode; message: string } | undefined {
  switch (error.type) {
    case 'entity.too.large': {
      const limit = typeof error.limit === 'number' ? ` (${Math.round(error.limit / 1024)} KB)` : '';
      return {
        code: 'PAYLOAD_TOO_LARGE',
        message: `The request body is larger than the API accepts${limit}: send a smaller operation, and large values as several requests.`,
      };
    }
    case 'entity.parse.failed':
      return {
        code: 'MALFORMED_JSON',
        message: 'The request body is not valid JSON: send {"query": "…", "variables": {…}} as application/json.',
      };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The request body must be JSON in UTF-8 (Content-Type: application/json).' };
    case 'parameters.too.many':
      return { code: 'PAYLOAD_TOO_LARGE', message: 'The request has too many parameters.' };
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return { code: 'BAD_REQUEST', message: 'The request body was incomplete or its length did not match Content-Length: send it again.' };
    default:
      return undefined;
  }
}

/**
 * The last handler of the Express app (docs/security.md, "Errors and logs"): a failure before or
 * outside GraphQL — a body too large, a body that is not JSON, anything a middleware throws — is
 * answered as JSON shaped like a GraphQL answer, with its code and the status of the code table,
 * never with Express's HTML page (which shows the stack and absolute paths). Client errors are not
 * logged; anything else is logged redacted and rate-limited, and answered with an id.
 */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  const limiter = new LogRateLimiter({
    onSummary: (kind, suppressed, windowMs) =>
      logger.error(
        { kind, suppressed },
        `${suppressed} more unexpected HTTP errors of this kind were not logged in the last ${windowMs / 1000} s`,
      ),
  });
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = error && typeof error === 'object' ? bodyParserRefusal(error) : undefined;
    res.type('application/json');
    if (known) {
      res.status(httpStatusOf(known.code) ?? 400).send(errorBody(known.code, known.message));
      return;
    }
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).send(errorBody('BAD_REQUEST', 'The request could not be read: check its method, headers and body.'));
      return;
    }
    const errorId = randomUUID();
    if (limiter.allow(errorKind(error))) logger.error({ err: redactError(error), errorId }, 'unexpected HTTP error');
    res
      .status(500)
      .send(
        errorBody('INTERNAL_SERVER_ERROR', `Unexpected error (id ${errorId}). Retry, or report the id to the administrator.`, { errorId }),
      );
  };
}

/** Paths the API does not serve: a JSON 404 rather than Express's HTML page. */
export function jsonNotFound(): RequestHandler {
  return (_req, res) => {
    res
      .status(404)
      .type('application/json')
      .send(errorBody('NOT_FOUND', 'Nothing is served at this path: the API answers /graphql, /public/graphql and /healthz.'));
  };
}

/** Every answer of the internal endpoint carries personal data or is about it: never stored by a cache. */
export function noStore(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('cache-control', 'no-store');
    next();
  };
}
