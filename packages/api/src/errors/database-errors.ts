import { redactMessage } from '../logging/redact.js';

/** Socket errors of a database that cannot be reached. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/**
 * SQLSTATEs of a server that is going away or not accepting connections: class 08 (connection
 * exception), 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up,
 * shutting down, in recovery), 53300 too many connections.
 */
const UNAVAILABLE_STATES = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
/** What node-postgres and its pool say when a connection dies or cannot be had, without a code. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed|connect ECONNREFUSED|the database system is (starting up|shutting down|in recovery mode)/i;

/**
 * True when the error means the database cannot be reached or is going away — not that a
 * statement failed: a refused or reset connection, a terminated session, a server starting up or
 * shutting down. Causes and aggregated errors (a refused connection to each address of a host
 * name) are looked through.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const { code, message, name, cause, errors, originalError } = error as {
    code?: unknown;
    message?: unknown;
    name?: unknown;
    cause?: unknown;
    errors?: unknown;
    originalError?: unknown;
  };
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || UNAVAILABLE_STATES.test(code))) return true;
  if (name === 'ConnectionException' || error.constructor?.name === 'ConnectionException') return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message) && typeof code !== 'string') return true;
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1) || isDatabaseUnavailable(originalError, depth + 1);
}

/**
 * What kind of failure an error is, for rate limiting its log lines: its type, code, constraint
 * and redacted first message line (so errors that differ only in the values they quote are one
 * kind).
 */
export function errorKind(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  const firstLine = redactMessage(error.message.split('\n')[0] ?? '').slice(0, 120);
  return [
    error.constructor?.name || error.name,
    typeof code === 'string' ? code : '',
    typeof constraint === 'string' ? constraint : '',
    firstLine,
  ].join(':');
}
