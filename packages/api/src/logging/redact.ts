/**
 * What the logs must never hold (docs/security.md, "Errors and logs"): ID numbers, phone numbers,
 * names and the rows or values a database error quotes. Every string a log line carries passes
 * through `redactText`; every error passes through `redactError`, which keeps only what tells an
 * operator what failed where.
 */

const REDACTED = '[redacted]';

/** An ID number (17 digits and a digit or X), or any other run of 15 or more digits (old IDs, bank accounts). */
const LONG_NUMBER = /\d{15,}[\dXx]?/g;
/** Mobile numbers (1[3-9] and 9 digits, optionally +86) and landlines (0, area code, 7 or 8 digits). */
const PHONE = /(?:\+?86[\s-]?)?(?<!\d)(?:1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|0\d{2,3}[\s-]?\d{7,8})(?!\d)/g;
/**
 * Han characters (CJK ideographs, their extensions and compatibility forms) and the fullwidth and
 * middle-dot marks of names: the API's own log lines are English, so Han text in a log is data —
 * names, addresses — and is never written.
 */
const HAN =
  /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}][\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}\u00b7\u30fb\s]*/gu;
/** A quoted fragment of an error message (an apostrophe inside a word opens none): an identifier stays, a value does not. */
const QUOTED = /"([^"]*)"|“([^”]*)”|(?<![A-Za-z])'([^'\n]*)'/g;
/** An id the API gives out (errorId): kept as it is, though its digits might look like a number to redact. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IDENTIFIER = /^\$?[A-Za-z_][A-Za-z0-9_$.[\]]*$/;

/** A text with ID numbers, long numbers, phone numbers and Han text replaced by [redacted]. */
export function redactText(text: string): string {
  if (UUID.test(text)) return text;
  return text
    .replace(LONG_NUMBER, REDACTED)
    .replace(PHONE, REDACTED)
    .replace(HAN, (run: string) => REDACTED + (/\s+$/.exec(run)?.[0] ?? ''));
}

/**
 * An error message fit for a log: the lines a driver appends with the failing row or key
 * (MikroORM adds ` - detail: …` and ` - hint: …`) are dropped, quoted values are replaced (quoted
 * identifiers such as constraint and column names stay), then `redactText`.
 */
export function redactMessage(message: string): string {
  const firstLines = message
    .split('\n')
    .filter((line) => !/^\s*-\s*(detail|hint|where)\s*:/i.test(line))
    .join('\n');
  const unquoted = firstLines.replace(QUOTED, (match: string, a?: string, b?: string, c?: string) => {
    const inner = a ?? b ?? c ?? '';
    return IDENTIFIER.test(inner) ? match : `${match[0]}${REDACTED}${match[match.length - 1]}`;
  });
  return redactText(unquoted);
}

/** Properties of an error that say what failed and where, and never quote data. */
const SAFE_ERROR_FIELDS = [
  'code',
  'errno',
  'syscall',
  'address',
  'port',
  'severity',
  'constraint',
  'table',
  'column',
  'schema',
  'dataType',
  'routine',
  'sqlState',
  'type',
  'status',
  'statusCode',
] as const;

export interface RedactedError {
  type: string;
  message: string;
  stack?: string;
  [field: string]: unknown;
}

/**
 * An error as a log may hold it: its type, its redacted message, the frames of its stack (not the
 * message the stack repeats), the fields in SAFE_ERROR_FIELDS, and its cause and aggregated errors
 * the same way. Everything else — a database error's `detail` (the duplicate key, the failing
 * row), `where`, `hint`, `query`, `parameters`, `position` — is left out.
 */
export function redactError(error: unknown, depth = 0): RedactedError | string {
  if (!(error instanceof Error)) {
    if (error !== null && typeof error === 'object') return redactError(Object.assign(new Error('non-error thrown'), pick(error)), depth);
    return redactText(String(error));
  }
  const out: RedactedError = { type: error.constructor?.name || error.name || 'Error', message: redactMessage(error.message) };
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 12)
    .map((line) => redactText(line));
  if (frames.length > 0) out.stack = frames.join('\n');
  Object.assign(out, pick(error));
  if (depth < 3) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause !== undefined) out['cause'] = redactError(cause, depth + 1);
    const errors = (error as { errors?: unknown }).errors;
    if (Array.isArray(errors)) out['errors'] = errors.slice(0, 3).map((e) => redactError(e, depth + 1));
  }
  return out;
}

function pick(source: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of SAFE_ERROR_FIELDS) {
    const value = (source as Record<string, unknown>)[field];
    if (typeof value === 'string') out[field] = redactText(value);
    else if (typeof value === 'number' || typeof value === 'boolean') out[field] = value;
  }
  return out;
}

/**
 * A log line's object, safe to write: errors through `redactError`, strings through
 * `redactText`, at most 6 levels and 50 entries per level deep. Keys that name data a database
 * error carries (`detail`, `where`, `parameters`, …) are dropped wherever they appear.
 */
export function redactLogObject(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return redactError(value);
  if (depth >= 6) return REDACTED;
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => redactLogObject(item, depth + 1));
  const out: Record<string, unknown> = {};
  let count = 0;
  for (const [key, item] of Object.entries(value)) {
    if (++count > 50) break;
    if (DATA_KEYS.has(key)) continue;
    out[key] = redactLogObject(item, depth + 1);
  }
  return out;
}

/** Keys whose values are data (a row, a key, statement parameters, a request body), dropped from log objects. */
const DATA_KEYS = new Set(['detail', 'where', 'hint', 'parameters', 'params', 'values', 'row', 'rows', 'body', 'variables']);
