import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  astFromValue,
  execute,
  getNamedType,
  getOperationAST,
  getVariableValues,
  isInputObjectType,
  isListType,
  isNonNullType,
  printSchema,
  typeFromAST,
  valueFromASTUntyped,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLInputObjectType,
  type GraphQLInputType,
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
  const defaulted = inputTypesWithDefaults(schema);

  const compile = (document: DocumentNode, operationName: string | null): Executor => {
    const query: CompiledQuery | ExecutionResult = compileQuery(schema, document, operationName ?? undefined);
    if (isCompiledQuery(query)) {
      const fill = defaultsFiller(schema, defaulted, document, operationName);
      return async (_document, contextValue, variables) => {
        const result = await query.query(undefined, contextValue, fill(variables));
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
 * Input object types of the schema with a field default, in themselves or in an input object they
 * hold (at any depth): the only variables whose values may need a default written in.
 */
function inputTypesWithDefaults(schema: GraphQLSchema): Set<GraphQLInputObjectType> {
  const inputs = Object.values(schema.getTypeMap()).filter(isInputObjectType);
  const found = new Set(inputs.filter((type) => Object.values(type.getFields()).some((field) => field.defaultValue !== undefined)));
  for (let grown = true; grown;) {
    grown = false;
    for (const type of inputs) {
      if (found.has(type)) continue;
      if (Object.values(type.getFields()).some((field) => found.has(getNamedType(field.type) as GraphQLInputObjectType))) {
        found.add(type);
        grown = true;
      }
    }
  }
  return found;
}

/**
 * graphql-jit coerces variables itself and applies the default of an input object field the client
 * left out only when the field is nullable: a non-null field with a default is refused as not
 * provided, which graphql-js does not do, and a nullable one gets the default's internal value
 * copied through JSON (wrong for a value that is not JSON, a Money bigint). So before the compiled query
 * sees the variables, every left-out field with a default is written in as a client would have sent
 * it (the default printed by graphql-js), and graphql-jit coerces it like any other value. An
 * operation whose variables hold no such input type gets its variables untouched.
 */
function defaultsFiller(
  schema: GraphQLSchema,
  defaulted: Set<GraphQLInputObjectType>,
  document: DocumentNode,
  operationName: string | null,
): (variables: Record<string, unknown>) => Record<string, unknown> {
  const filled: [string, GraphQLInputType][] = [];
  for (const definition of getOperationAST(document, operationName)?.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (type && defaulted.has(getNamedType(type) as GraphQLInputObjectType)) filled.push([definition.variable.name.value, type]);
  }
  if (filled.length === 0) return (variables) => variables;
  return (variables) => {
    const withDefaults = { ...variables };
    for (const [name, type] of filled) {
      if (withDefaults[name] !== undefined) withDefaults[name] = withInputDefaults(withDefaults[name], type, defaulted);
    }
    return withDefaults;
  };
}

function withInputDefaults(value: unknown, type: GraphQLInputType, defaulted: Set<GraphQLInputObjectType>): unknown {
  if (isNonNullType(type)) return withInputDefaults(value, type.ofType, defaulted);
  if (value === null || typeof value !== 'object') return value;
  if (isListType(type)) {
    const itemType = type.ofType;
    return Array.isArray(value)
      ? value.map((item: unknown) => withInputDefaults(item, itemType, defaulted))
      : withInputDefaults(value, itemType, defaulted);
  }
  if (!isInputObjectType(type) || !defaulted.has(type) || Array.isArray(value)) return value;
  const fields: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const field of Object.values(type.getFields())) {
    const given = fields[field.name];
    if (given !== undefined) fields[field.name] = withInputDefaults(given, field.type, defaulted);
    else if (field.defaultValue !== undefined) {
      const literal = astFromValue(field.defaultValue, field.type);
      if (literal) fields[field.name] = valueFromASTUntyped(literal);
    }
  }
  return fields;
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
