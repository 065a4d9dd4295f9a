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

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
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
