import type { ValidationRule } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { createComplexityRule, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { GraphQLError } from 'graphql';

/** A list field costs its children times the page it asks for (`first`, else a default). */
const pageEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = typeof args['first'] === 'number' ? args['first'] : undefined;
  return first === undefined ? undefined : 1 + childComplexity * Math.max(first, 1);
};

/** Depth and cost limits applied to every operation on both endpoints. */
export function queryLimitRules(maxDepth: number, maxCost: number): ValidationRule[] {
  const depthRule = depthLimit(maxDepth) as ValidationRule;
  return [
    depthRule,
    createComplexityRule({
      maximumComplexity: maxCost,
      estimators: [pageEstimator, simpleEstimator({ defaultComplexity: 1 })],
      createError: (max, actual) =>
        new GraphQLError(
          `This operation costs ${actual}, above the limit of ${max}: ask for smaller pages (first) or fewer nested fields.`,
          { extensions: { code: 'QUERY_TOO_COMPLEX', cost: actual, maxCost: max } },
        ),
    }),
  ];
}
