import { DomainError, parseMonth } from '@xingfu/domain';
import { GraphQLScalarType, Kind } from 'graphql';

/** A calendar month, "YYYY-MM". Stored as the first day of the month. */
export const MonthScalar = new GraphQLScalarType<string, string>({
  name: 'Month',
  description: 'A calendar month as "YYYY-MM" (payment periods, standards).',
  serialize(value) {
    if (typeof value === 'string' && /^\d{4}-\d{2}(-\d{2})?$/.test(value)) return value.slice(0, 7);
    throw new TypeError(`Month cannot represent ${String(value)}`);
  },
  parseValue(value) {
    if (typeof value !== 'string') throw new DomainError('INVALID_MONTH', 'A month is written "YYYY-MM".');
    return parseMonth(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new DomainError('INVALID_MONTH', 'A month is written "YYYY-MM".');
    return parseMonth(ast.value);
  },
});

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (!ISO_DATE.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new DomainError('INVALID_DATE', `“${value}” is not a date: write it YYYY-MM-DD.`);
  }
  return value;
}

/** A calendar date, "YYYY-MM-DD". */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date as "YYYY-MM-DD".',
  serialize(value) {
    if (typeof value === 'string' && ISO_DATE.test(value.slice(0, 10))) return value.slice(0, 10);
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    throw new TypeError(`Date cannot represent ${String(value)}`);
  },
  parseValue(value) {
    if (typeof value !== 'string') throw new DomainError('INVALID_DATE', 'A date is written "YYYY-MM-DD".');
    return parseDate(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new DomainError('INVALID_DATE', 'A date is written "YYYY-MM-DD".');
    return parseDate(ast.value);
  },
});
