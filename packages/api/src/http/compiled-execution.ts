import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  execute,
  getVariableValues,
  printSchema,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type Executor = (document: DocumentNode, contextValue: unknown, variables: Record<string, unknown>) => Promise<ExecutionResult>;

/**
 * Executes operations with graphql-jit: each operation is compiled once into a function that
 * resolves its fields without graphql-js's per-field bookkeeping (argument coercion, field
 * lookup, a result object per level). Same resolvers, same schema, same errors; a nested page of
 * 100 households with 1,000 payments costs about a third less CPU (docs/benchmarks.md).
 *
 * Apollo Server 4+ takes a custom executor only through its gateway interface, which is what this
 * is: a fixed schema and an executor. Apollo still parses, validates (depth limit), resolves the
 * operation, runs the plugins (cost limit) and formats errors.
 *
 * Compiled operations are kept per parsed document. Apollo keeps parsed documents in its bounded
 * document store, so a client repeating an operation reuses its compiled form, and compiled forms
 * go with the documents the store drops.
 */
export function compiledExecution(schema: GraphQLSchema): Gateway {
  const compiled = new WeakMap<DocumentNode, Map<string, Executor>>();

  const compile = (document: DocumentNode, operationName: string | null): Executor => {
    const query: CompiledQuery | ExecutionResult = compileQuery(schema, document, operationName ?? undefined);
    if (isCompiledQuery(query)) {
      return async (_document, contextValue, variables) => {
        const result = await query.query(undefined, contextValue, variables);
        return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
      };
    }
    // An operation the compiler refuses is executed by graphql-js, which reports what is wrong.
    return (doc, contextValue, variableValues) =>
      Promise.resolve(execute({ schema, document: doc, contextValue, variableValues, operationName }));
  };

  const executorFor = (document: DocumentNode, operationName: string | null): Executor => {
    let byName = compiled.get(document);
    if (!byName) compiled.set(document, (byName = new Map<string, Executor>()));
    const key = operationName ?? '';
    let executor = byName.get(key);
    if (!executor) byName.set(key, (executor = compile(document, operationName)));
    return executor;
  };

  return {
    onSchemaLoadOrUpdate: (callback) => {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    load: () =>
      Promise.resolve({
        executor: ({ document, operation, operationName, context, request }) => {
          const variables = request.variables ?? {};
          // Variables are checked by graphql-js first: its errors name the variable's definition,
          // which is how Apollo recognises them as the client's (BAD_USER_INPUT, HTTP 400).
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
          if (coerced.errors) return Promise.resolve({ errors: coerced.errors });
          return executorFor(document, operationName)(document, context, variables);
        },
      }),
    stop: () => Promise.resolve(),
  };
}

/**
 * graphql-jit's errors look like graphql-js's but leave `extensions` undefined when the resolver's
 * error has none, and Apollo's error formatting reads `extensions.code` of every error: they are
 * rebuilt as graphql-js errors, with the same message, path, locations and original error.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? null,
    ...(error.extensions ? { extensions: error.extensions } : {}),
  });
  if (error.locations) Object.defineProperty(rebuilt, 'locations', { value: error.locations, enumerable: true });
  return rebuilt;
}
