import type { Rng } from '../random/prng.js';

/**
 * Time in a preset: months are indexes relative to January of the preset's year (0 = January,
 * 11 = December, negative = earlier years); dates are 'YYYY-MM-DD'; timestamps are written in
 * China Standard Time.
 */
export class Calendar {
  constructor(readonly year: number) {}

  /** 'YYYY-MM' of a month index. */
  month(index: number): string {
    const absolute = this.year * 12 + index;
    const y = Math.floor(absolute / 12);
    const m = absolute - y * 12 + 1;
    return `${y}-${String(m).padStart(2, '0')}`;
  }

  /** 'YYYY-MM-01' of a month index. */
  monthStart(index: number): string {
    return `${this.month(index)}-01`;
  }

  /** A date in the month (day 1–28). */
  dateIn(index: number, day: number): string {
    return `${this.month(index)}-${String(Math.min(Math.max(day, 1), 28)).padStart(2, '0')}`;
  }

  randomDateIn(rng: Rng, index: number, firstDay = 1, lastDay = 28): string {
    return this.dateIn(index, rng.int(firstDay, lastDay));
  }

  /** The month index of a date. */
  indexOf(date: string): number {
    return (Number(date.slice(0, 4)) - this.year) * 12 + Number(date.slice(5, 7)) - 1;
  }
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** 'YYYY-MM-DD' of a day number (civil_from_days), for years 1000–9999. */
function civilFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** The date `days` after (or before) a 'YYYY-MM-DD' date; arithmetic on day numbers, no Date objects. */
export function addDays(date: string, days: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return civilFromDays(daysFromCivil(y, m, d) + days);
}

/** A timestamp in China Standard Time on a date, at a working hour. */
export function stamp(date: string, hour: number, minute: number): string {
  return `${date} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08`;
}

export function workStamp(rng: Rng, date: string): string {
  return stamp(date, rng.int(8, 17), rng.int(0, 59));
}

/** Age in whole years on a date. */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) >= birthDate.slice(5) ? years : years - 1;
}
