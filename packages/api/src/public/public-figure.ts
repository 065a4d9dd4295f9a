import type { GraphQLScalarType } from 'graphql';
import { Extensions, Field, Int } from 'type-graphql';

/**
 * Every number of the public schema says what it is, in the field's GraphQL extensions, so that a
 * test can walk the built schema and refuse a count that bypasses the suppression policy
 * (tests/integration/public-counts.test.ts):
 *
 * - `suppressed`: a count of people or households, or money paid to them, that goes through the
 *   one suppression policy (@xingfu/domain public-counts.ts); nullable, null when suppressed. The
 *   field's TypeScript type is `Published<…> | null`, which only the policy's `publishFigures`
 *   makes.
 * - `listed`: a figure of one row of the 幸福清单 or of the 公示, which hold listed programs only.
 * - `not-a-count`: a year, a rate (a standard in yuan per person) — numbers that count nobody.
 */
export const PUBLIC_FIGURE_EXTENSION = 'publicFigure';
export type PublicFigureKind = 'suppressed' | 'listed' | 'not-a-count';

type NumberType = () => typeof Int | GraphQLScalarType;

function figure(kind: PublicFigureKind, type: NumberType, nullable: boolean, description?: string): PropertyDecorator {
  return (target, key) => {
    Field(type, { nullable, ...(description ? { description } : {}) })(target, key);
    Extensions({ [PUBLIC_FIGURE_EXTENSION]: kind })(target, key as string);
  };
}

/** A count (or an amount) that goes through the suppression policy: null when suppressed. */
export function SuppressedFigure(type: NumberType = () => Int, description?: string): PropertyDecorator {
  return figure('suppressed', type, true, description);
}

/** A figure of one 幸福清单 or 公示 row (listed programs only); nullable for a figure not known yet (an amount not yet assessed). */
export function ListedFigure(type: NumberType = () => Int, description?: string, options: { nullable?: boolean } = {}): PropertyDecorator {
  return figure('listed', type, options.nullable ?? false, description);
}

/** A number that counts nobody (a year, a rate, a target); nullable when `nullable` says so. */
export function NotACount(type: NumberType = () => Int, description?: string, nullable = false): PropertyDecorator {
  return figure('not-a-count', type, nullable, description);
}
