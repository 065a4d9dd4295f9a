import { DomainError } from '../errors/domain-error.js';

/**
 * Chinese resident identity numbers (公民身份号码, GB 11643-1999).
 *
 * 18 characters: a 6-digit region code (where the number was first issued, GB/T 2260), the birth
 * date as YYYYMMDD, a 3-digit sequence number (odd for men, even for women) and a check character
 * computed with ISO 7064 MOD 11-2 (0–9 or X).
 *
 * Privacy: an ID number is personal data. Error messages and error details never repeat the
 * number (they end up in logs and API responses); they only say what is wrong with it.
 */

export type Sex = 'male' | 'female';

export interface IdNumberInfo {
  /** The number, trimmed, with a lowercase check character `x` made uppercase. */
  idNumber: string;
  /** The 6-digit region code of the issuing county. It is not checked against the region list. */
  regionCode: string;
  /** The birth date as `YYYY-MM-DD`. */
  birthDate: string;
  sex: Sex;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH_YEAR = 1900;
/** China Standard Time is UTC+8 all year round (no daylight saving time). */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

function invalid(message: string): DomainError {
  return new DomainError('INVALID_ID_NUMBER', message);
}

/** The check character (ISO 7064 MOD 11-2) for the first 17 digits of an ID number. */
export function computeIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw invalid('The check character is computed from exactly 17 digits (region code, birth date and sequence number).');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  }
  return CHECK_CHARS.charAt(sum % 11);
}

/** Whether `year`-`month`-`day` exists in the Gregorian calendar. */
function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** Parses a strict `YYYY-MM-DD` date; undefined when the text is not a real calendar date. */
function parseIsoDate(text: string): { year: number; month: number; day: number } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return isRealDate(year, month, day) ? { year, month, day } : undefined;
}

/** Today's date in China (UTC+8) as `YYYY-MM-DD`, whatever the server's time zone. */
function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Validates an 18-character resident ID number and reads the region, birth date and sex from it.
 *
 * Surrounding spaces are ignored and a lowercase `x` check character is accepted. The birth date
 * must be a real date, not before 1900 and not after `today` (taken as a date in China, UTC+8).
 * Old 15-digit numbers are refused: they were all replaced by 18-character numbers.
 *
 * @throws DomainError `INVALID_ID_NUMBER` saying what is wrong and what to do.
 */
export function parseIdNumber(input: string, today: Date = new Date()): IdNumberInfo {
  const idNumber = input.trim().toUpperCase();
  if (idNumber.length !== 18) {
    throw invalid(
      `An ID number has 18 characters, this one has ${idNumber.length}. Re-type the number from the ID card` +
        (idNumber.length === 15 ? ' (15-digit numbers were replaced by 18-character ones; use the new number).' : '.'),
    );
  }
  if (!/^\d{17}[\dX]$/.test(idNumber)) {
    throw invalid(
      'An ID number is 17 digits followed by a digit or X; this one contains other characters. Re-type the number from the ID card.',
    );
  }

  const year = Number(idNumber.slice(6, 10));
  const month = Number(idNumber.slice(10, 12));
  const day = Number(idNumber.slice(12, 14));
  if (!isRealDate(year, month, day)) {
    throw invalid('The birth date in the ID number (characters 7 to 14) is not a real date. Re-type the number from the ID card.');
  }
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  if (year < EARLIEST_BIRTH_YEAR) {
    throw invalid('The birth date in the ID number is before 1900. Re-type the number from the ID card.');
  }
  if (birthDate > chinaDateOf(today)) {
    throw invalid('The birth date in the ID number is in the future. Re-type the number from the ID card.');
  }

  if (computeIdCheckChar(idNumber.slice(0, 17)) !== idNumber.charAt(17)) {
    throw invalid(
      'The check character (the last one) does not match the other 17; one of the characters was probably mistyped. Re-type the number from the ID card.',
    );
  }

  return {
    idNumber,
    regionCode: idNumber.slice(0, 6),
    birthDate,
    sex: Number(idNumber.charAt(16)) % 2 === 1 ? 'male' : 'female',
  };
}

/**
 * Builds a valid ID number for synthetic demo and test data: region code, birth date, a sequence
 * number 0–999 (odd for a man, even for a woman) and the correct check character.
 *
 * @throws DomainError `INVALID_ID_NUMBER` when an argument cannot make a valid number.
 */
export function makeIdNumber(regionCode6: string, birthDate: string, sequence: number): string {
  if (!/^\d{6}$/.test(regionCode6)) {
    throw invalid('The region code of an ID number has exactly 6 digits (e.g. 370115).');
  }
  const date = parseIsoDate(birthDate);
  if (!date || date.year < EARLIEST_BIRTH_YEAR) {
    throw invalid('The birth date must be a real date written YYYY-MM-DD, not before 1900.');
  }
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw invalid('The sequence number of an ID number is a whole number from 0 to 999 (odd for men, even for women).');
  }
  const first17 = `${regionCode6}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + computeIdCheckChar(first17);
}

/**
 * Age in whole years (周岁) on `onDate`; both dates are `YYYY-MM-DD`. A person born on 29 February
 * becomes a year older on 1 March in common years.
 *
 * @throws DomainError `INVALID_INPUT` when a date is not a real date or `onDate` is before `birthDate`.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const birth = parseIsoDate(birthDate);
  const on = parseIsoDate(onDate);
  if (!birth || !on) {
    throw new DomainError('INVALID_DATE', 'Dates must be real dates written YYYY-MM-DD (e.g. 1950-03-07).');
  }
  if (onDate < birthDate) {
    throw new DomainError(
      'INVALID_DATE',
      'The date is before the birth date: an age can only be computed for a date on or after the birth date.',
    );
  }
  const hadBirthday = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (hadBirthday ? 0 : 1);
}
