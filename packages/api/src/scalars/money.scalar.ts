import { DomainError, formatFen, parseYuan } from '@xingfu/domain';
import { GraphQLScalarType, Kind } from 'graphql';

/**
 * Money in yuan as a decimal string with two places ("730.00"); held as integer fen inside.
 * County totals exceed GraphQL's 32-bit Int, and amounts are never floats.
 */
export const MoneyScalar = new GraphQLScalarType<bigint, string>({
  name: 'Money',
  description: 'An amount in yuan (元) as a decimal string with exactly two decimals, e.g. "730.00". Exact: never a float.',
  serialize(value) {
    if (typeof value === 'bigint') return formatFen(value);
    // already formatted by the domain (public rollups read as yuan strings)
    if (typeof value === 'string' && /^-?\d+\.\d{2}$/.test(value)) return value;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return formatFen(value);
    if (typeof value === 'string' && /^-?\d+$/.test(value)) return formatFen(BigInt(value));
    throw new TypeError(`Money cannot represent ${String(value)}`);
  },
  parseValue(value) {
    if (typeof value !== 'string') throw new DomainError('INVALID_AMOUNT', 'Money is written as a string of yuan, e.g. "730.00".');
    return parseYuan(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new DomainError('INVALID_AMOUNT', 'Money is written as a string of yuan, e.g. "730.00".');
    return parseYuan(ast.value);
  },
});

/** Fen from a parsed Money input as a JS number (every single amount is far below 2^53). */
export function fenOf(value: bigint): number;
export function fenOf(value: bigint | null | undefined): number | null;
export function fenOf(value: bigint | null | undefined): number | null {
  if (value == null) return null;
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new DomainError('INVALID_AMOUNT', 'The amount is absurdly large: check it.');
  }
  return Number(value);
}
