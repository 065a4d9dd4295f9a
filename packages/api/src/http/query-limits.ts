import { createRequire } from 'node:module';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, getNullableType, isListType, type ValidationRule } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import type * as QueryComplexity from 'graphql-query-complexity';
import type { ComplexityEstimator } from 'graphql-query-complexity';

// The ESM build of graphql-query-complexity imports graphql/index.mjs, a second instance of
// graphql beside the CommonJS one type-graphql and Apollo load ("another realm" errors on input
// types). Its CommonJS build shares the one instance.
const { getComplexity, simpleEstimator } = createRequire(import.meta.url)('graphql-query-complexity') as typeof QueryComplexity;

/** Rows assumed for a list field that takes no page size (members, payments of a household, …). */
export const ASSUMED_LIST_SIZE = 10;

/** A list costs its children times the page it asks for (`first`), or times an assumed size. */
const pageEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  if (typeof args['first'] === 'number') return 1 + childComplexity * Math.max(args['first'], 1);
  return isListType(getNullableType(field.type)) ? 1 + childComplexity * ASSUMED_LIST_SIZE : undefined;
};

/** The depth limit, checked when the operation is validated. */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return depthLimit(maxDepth) as ValidationRule;
}

/** The cost limit, computed with the operation's variables once it is resolved. */
export function costLimitPlugin<T extends object>(maxCost: number): ApolloServerPlugin<T> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ request, document, schema }) => {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              ...(request.operationName ? { operationName: request.operationName } : {}),
              estimators: [pageEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (error) {
            // Variables that do not fit their definitions cannot be costed; execution refuses them
            // before any field runs, as the client's error (BAD_USER_INPUT).
            if (error instanceof GraphQLError) return Promise.resolve();
            throw error;
          }
          if (cost > maxCost) {
            throw new GraphQLError(
              `This operation costs ${cost}, above the limit of ${maxCost}: ask for smaller pages (first) or fewer nested fields.`,
              {
                extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost, http: { status: 400 } },
              },
            );
          }
          return Promise.resolve();
        },
      }),
  };
}
