import { graphql } from '../../../site/src/gql/index.js';
import type { TestAggregateFragment, TypedDocumentString } from '../../../site/src/gql/graphql.js';
import type { TestApi } from '../../support/graphql-client.js';

/**
 * The tests' queries of the public API, typed like the site's: `graphql(…)` documents checked
 * against schema/public.graphql and typed by GraphQL Code Generator (site/codegen.ts, site/src/gql).
 */
export { graphql };

export type Aggregate = TestAggregateFragment;

/** The figures of one cell, spread into the tests' aggregate queries. */
graphql(`
  fragment TestAggregate on Aggregate {
    regionCode
    programCode
    period
    suppressed
    households
    persons
    personMonths
    amount
  }
`);

/** The answer of a typed public query; throws on any error. */
export async function publicAnswer<T, V extends Record<string, unknown>>(
  api: TestApi,
  document: TypedDocumentString<T, V>,
  variables: V,
): Promise<T> {
  const result = await api.query<T>('/public/graphql', document.toString(), { variables });
  if (result.errors?.length || !result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}
