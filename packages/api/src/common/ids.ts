import { DomainError } from '@xingfu/domain';

/** The largest key a record can have (PostgreSQL integer). */
const MAX_ID = 2_147_483_647;

/**
 * A record id from a GraphQL `ID` argument: a whole number this API gave out. Anything else
 * (`abc`, `1e20`, `-1`, a number past the key range) is INVALID_ID, before any SQL runs.
 */
export function idOf(value: string | number): number {
  const text = String(value);
  const id = /^[1-9]\d{0,9}$/.test(text) ? Number(text) : NaN;
  if (!(id <= MAX_ID)) {
    throw new DomainError(
      'INVALID_ID',
      `“${text.slice(0, 40)}” is not an id: ids are whole numbers from 1 to ${MAX_ID}, as this API gives them out.`,
    );
  }
  return id;
}

/** An optional id argument. */
export function optionalIdOf(value: string | number | null | undefined): number | null {
  return value == null ? null : idOf(value);
}
