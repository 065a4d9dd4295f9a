import { DomainError } from '../errors/domain-error.js';

/**
 * Calendar months as `YYYY-MM` strings (e.g. "2021-07"), the period of standards and payments.
 * Years run from 1949 to 2100; every function validates its month arguments and refuses
 * anything else with `INVALID_MONTH`. Months in this form sort correctly as strings.
 */

const FIRST_YEAR = 1949;
const LAST_YEAR = 2100;

function invalidMonth(text: string): DomainError {
  return new DomainError(
    'INVALID_MONTH',
    `“${text}” is not a month: write it as YYYY-MM with a year from ${FIRST_YEAR} to ${LAST_YEAR} (e.g. 2021-07).`,
    { month: text },
  );
}

/** Months since January of year 0, for arithmetic. */
function toIndex(month: string): number {
  const valid = parseMonth(month);
  return Number(valid.slice(0, 4)) * 12 + Number(valid.slice(5, 7)) - 1;
}

function fromIndex(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
  if (year < FIRST_YEAR || year > LAST_YEAR) throw invalidMonth(text);
  return text;
}

/**
 * Validates a `YYYY-MM` month (surrounding spaces ignored) and returns it.
 *
 * @throws DomainError `INVALID_MONTH` when it is not a month from 1949-01 to 2100-12.
 */
export function parseMonth(text: string): string {
  const trimmed = text.trim();
  const match = /^(\d{4})-(\d{2})$/.exec(trimmed);
  if (!match) throw invalidMonth(trimmed);
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12) throw invalidMonth(trimmed);
  return trimmed;
}

/**
 * The month `n` months after `month` (before it when `n` is negative).
 *
 * @throws DomainError `INVALID_INPUT` when `n` is not a whole number, `INVALID_MONTH` when the result leaves 1949–2100.
 */
export function addMonths(month: string, n: number): string {
  if (!Number.isSafeInteger(n)) {
    throw new DomainError('INVALID_INPUT', `Months can only be moved by a whole number of months, not ${n}.`);
  }
  return fromIndex(toIndex(month) + n);
}

/** Every month from `from` to `to`, both included, in order; empty when `to` is before `from`. */
export function monthsBetween(from: string, to: string): string[] {
  const start = toIndex(from);
  const end = toIndex(to);
  const months: string[] = [];
  for (let index = start; index <= end; index++) months.push(fromIndex(index));
  return months;
}

/** Negative when `a` is before `b`, 0 when they are the same month, positive when `a` is after `b`. */
export function compareMonths(a: string, b: string): number {
  return Math.sign(toIndex(a) - toIndex(b));
}

/**
 * The month of a `YYYY-MM-DD` date.
 *
 * @throws DomainError `INVALID_INPUT` when the text is not a real date, `INVALID_MONTH` when its year is outside 1949–2100.
 */
export function monthOfDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate.trim());
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) {
    throw new DomainError('INVALID_DATE', `“${isoDate}” is not a date: write it as YYYY-MM-DD (e.g. 2021-07-15).`, { date: isoDate });
  }
  return parseMonth(`${match[1]}-${match[2]}`);
}

/** The first day of a month as `YYYY-MM-DD`. */
export function firstDayOfMonth(month: string): string {
  return `${parseMonth(month)}-01`;
}
