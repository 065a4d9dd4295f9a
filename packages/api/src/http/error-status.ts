import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import type { DomainErrorCode } from '@xingfu/domain';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS } from '../errors/database-outage.js';

/**
 * The HTTP status of every refusal the domain makes (docs/security.md, "Errors and logs"; the same
 * table in docs/casework.md, "Errors"). The type makes a new domain code fail to compile until it
 * has its status here:
 *
 * - 400 the request is malformed or a value is not of its kind (a month, an amount, an id)
 * - 401 no valid bearer token; 403 the caller's role or region may not do this
 * - 404 the record (or region) does not exist, or is outside the caller's region
 * - 405 the endpoint has no operations of that type (a mutation sent to the public endpoint)
 * - 409 the state of a record stands in the way: a duplicate, a step out of order, a frozen
 *   batch, a concurrent request — the same request may succeed once that state changes
 * - 422 the request is well-formed but a rule of the program or the ledger refuses its content
 *   (eligibility, amounts beyond the entitlement or what was paid, household size)
 * - 503 the database cannot be reached now: retry after Retry-After
 * - 500 nothing else: an unexpected error, logged with the id the answer carries
 */
export const DOMAIN_ERROR_STATUS = {
  INVALID_INPUT: 400,
  INVALID_REGION_CODE: 400,
  INVALID_ID_NUMBER: 400,
  INVALID_AMOUNT: 400,
  INVALID_MONTH: 400,
  INVALID_DATE: 400,
  INVALID_ID: 400,
  INVALID_CURSOR: 400,
  INVALID_PAGE_SIZE: 400,
  INVALID_CHARACTERS: 400,
  INVALID_NAME: 400,
  STRING_TOO_LONG: 400,
  INVALID_IDEMPOTENCY_KEY: 400,
  TEXT_REQUIRED: 400,
  PERSON_REQUIRED: 400,
  INVALID_MEMBER_COUNT: 400,
  INVALID_COEFFICIENT: 400,
  TIER_REQUIRED: 400,
  INVALID_STAR_RATING: 400,
  INVALID_COUNT: 400,
  INVALID_FEED_FILE: 400,
  ONE_HEAD_REQUIRED: 400,
  INVALID_DISABILITY_LEVEL: 400,
  INVALID_REGION_LEVEL: 400,
  OVERRIDE_REASON_REQUIRED: 400,
  INVALID_IMPORT_FILE: 400,
  INVALID_POPULATION: 400,
  WRONG_PROGRAM_KIND: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  OUT_OF_SCOPE: 403,
  NOT_FOUND: 404,
  UNKNOWN_REGION: 404,
  // a mutation sent to the public endpoint, a subscription to either
  OPERATION_NOT_SUPPORTED: 405,
  CONFLICT: 409,
  NOTHING_TO_RELEASE: 409,
  DUPLICATE_ID_NUMBER: 409,
  HEAD_EXISTS: 409,
  TRANSITION_NOT_ALLOWED: 409,
  OBJECTION_OPEN: 409,
  OBJECTION_UPHELD: 409,
  PUBLICITY_NOT_OVER: 409,
  PROGRAM_EXCLUSION: 409,
  ALREADY_ENROLLED: 409,
  PAYROLL_EXISTS: 409,
  PAYROLL_FROZEN: 409,
  CAMPAIGN_EXISTS: 409,
  FACILITY_CLOSED: 409,
  FEED_DELIVERED: 409,
  HIT_DECIDED: 409,
  REVIEW_DECIDED: 409,
  IDEMPOTENCY_KEY_IN_USE: 409,
  NOT_ELIGIBLE: 422,
  BELOW_AGE_TIER: 422,
  ADVANCE_ABOVE_CEILING: 422,
  ADVANCE_UNDER_WAY: 409,
  ADVANCE_NOT_ALLOWED: 422,
  STANDARD_MISSING: 422,
  RECOVERY_EXCEEDS_NET: 422,
  MONTH_NOT_ENTITLED: 422,
  ABOVE_ENTITLEMENT: 422,
  HOUSEHOLD_TOO_LARGE: 422,
  NOT_A_MEMBER: 422,
  OCCUPANCY_ABOVE_BEDS: 422,
  WRONG_FACILITY_KIND: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  DATABASE_UNREACHABLE: 503,
  REGION_SOURCE_UNAVAILABLE: 503,
  // the command line's own refusal; never an API answer
  PORT_IN_USE: 500,
} as const satisfies Record<DomainErrorCode, number>;

/** Codes of GraphQL, Apollo and the HTTP layer, and their statuses. */
export const API_ERROR_STATUS = {
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  OPERATION_RESOLUTION_FAILURE: 400,
  QUERY_TOO_COMPLEX: 400,
  MALFORMED_JSON: 400,
  // Apollo's automatic persisted queries: the client then sends the full operation
  PERSISTED_QUERY_NOT_FOUND: 200,
  PERSISTED_QUERY_NOT_SUPPORTED: 200,
  // operation caps (operation-caps.ts): an answer past XINGFU_MAX_RESPONSE_BYTES, an operation past its time
  RESPONSE_TOO_LARGE: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  // the public endpoint's per-client rate limit (rate-limit.ts), with Retry-After
  RATE_LIMITED: 429,
  // the client closed the connection before the answer (nginx's 499; nobody reads it)
  CLIENT_CLOSED_REQUEST: 499,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  OPERATION_TIMEOUT: 503,
} as const;

export type ErrorCode = keyof typeof DOMAIN_ERROR_STATUS | keyof typeof API_ERROR_STATUS;

const STATUS: Readonly<Record<string, number>> = { ...DOMAIN_ERROR_STATUS, ...API_ERROR_STATUS };

/** The HTTP status of an error code, or undefined for a code the table does not know. */
export function httpStatusOf(code: unknown): number | undefined {
  return typeof code === 'string' && Object.hasOwn(STATUS, code) ? STATUS[code] : undefined;
}

/** True for the codes of deliberate refusals (every code of the table but INTERNAL_SERVER_ERROR). */
export function isRefusalCode(code: unknown): boolean {
  const status = httpStatusOf(code);
  return status !== undefined && status !== 500;
}

/** A GraphQL error of a code of the table, carrying its status (and headers) for Apollo to send. */
export function refusal(code: ErrorCode, message: string, headers: [string, string][] = []): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, http: { status: STATUS[code] ?? 500, headers: new HeaderMap(headers) } },
  });
}

/** The refusal while the database cannot be reached: 503, with Retry-After. */
export function serviceUnavailable(): GraphQLError {
  return refusal('SERVICE_UNAVAILABLE', SERVICE_UNAVAILABLE_MESSAGE, [['retry-after', String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS)]]);
}

export const SERVICE_UNAVAILABLE_MESSAGE = `The database cannot be reached just now, so nothing was read or changed: retry in ${SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS} seconds.`;

/**
 * The status of an answer carrying errors:
 *
 * - an answer with data — at least one top-level field that is not null — is 200: the client
 *   uses what came and reads the errors beside it;
 * - an answer without data (none, null, or every top-level field null) has its errors' status:
 *   the one status they share; when they differ, 503 if any is 503 (the database is away: the
 *   retry is what helps), else 500 if any is 500, else 400;
 * - a code the table does not know keeps the status Apollo chose (500 unless the error carried
 *   its own), so a new code is never answered 200 by mistake.
 */
export function statusOfAnswer(
  errors: readonly GraphQLFormattedError[],
  data: Record<string, unknown> | null | undefined,
  current: number | undefined,
): number | undefined {
  if (errors.length === 0) return current;
  if (data && Object.values(data).some((value) => value !== null && value !== undefined)) return 200;
  const statuses = new Set(errors.map((error) => httpStatusOf(error.extensions?.['code']) ?? (current && current !== 200 ? current : 500)));
  if (statuses.size === 1) return [...statuses][0];
  if (statuses.has(503)) return 503;
  if ([...statuses].some((status) => status >= 500)) return 500;
  return 400;
}

/**
 * Sets every GraphQL answer's HTTP status from its errors (`statusOfAnswer`), and Retry-After on
 * a 503. Install it first: the idempotency plugin stores the status set here with the answer.
 */
export function errorStatusPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        // synchronous on purpose: the hooks of later plugins see the status in the same tick
        willSendResponse: ({ response }) => {
          applyErrorStatus(response);
          return Promise.resolve();
        },
      }),
  };
}

function applyErrorStatus(response: GraphQLResponse): void {
  if (response.body.kind !== 'single') return;
  const { errors, data } = response.body.singleResult;
  if (!errors?.length) return;
  const status = statusOfAnswer(errors, data, response.http.status);
  if (status === undefined) return;
  response.http.status = status;
  if (status === 503 && !response.http.headers.has('retry-after')) {
    response.http.headers.set('retry-after', String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS));
  }
}
