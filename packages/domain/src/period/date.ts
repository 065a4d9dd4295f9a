import { today } from '../access/clock.js';
import { DomainError } from '../errors/domain-error.js';

/**
 * Bounds of the dates the ledger records (docs/casework.md, "Bounds"): events of people's lives
 * and of case work happen between EARLIEST_DATE and today; nothing is recorded ahead of time.
 */
export const EARLIEST_DATE = '1900-01-01';

/** A valid ISO calendar date ('YYYY-MM-DD'), or INVALID_DATE naming what it is. */
export function parseDate(text: string, what: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? new Date(`${text}T00:00:00Z`) : null;
  if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new DomainError('INVALID_DATE', `${what} “${text}” is not a date: write it as YYYY-MM-DD.`, { date: text });
  }
  return text;
}

/**
 * A date of something that has happened: from `notBefore` (EARLIEST_DATE unless given, e.g. a
 * birth date) to today.
 */
export function assertPastDate(
  text: string,
  what: string,
  notBefore: { date: string; what: string } = { date: EARLIEST_DATE, what: EARLIEST_DATE },
): string {
  const date = parseDate(text, what);
  if (date > today())
    throw new DomainError('INVALID_DATE', `${what} (${date}) cannot be in the future: record it once it has happened.`, { date });
  const floor = notBefore.date < EARLIEST_DATE ? EARLIEST_DATE : notBefore.date;
  if (date < floor) {
    throw new DomainError(
      'INVALID_DATE',
      `${what} (${date}) cannot be before ${notBefore.what === floor ? floor : `${notBefore.what} (${floor})`}.`,
      { date },
    );
  }
  return date;
}
