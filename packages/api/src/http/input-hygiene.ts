import type { ApolloServerPlugin } from '@apollo/server';
import { DomainError } from '@xingfu/domain';
import { GraphQLError, Kind, OperationTypeNode, visit, type GraphQLSchema } from 'graphql';

/** The longest string an operation may carry (a literal or a variable, at any depth). */
export const MAX_STRING_LENGTH = 10_000;
/** NUL and the other C0 controls but tab, line feed and carriage return; DEL. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** How deep a variable's value may nest (objects and lists). */
const MAX_VALUE_DEPTH = 8;

function checkString(value: string, where: string): void {
  if (CONTROL.test(value)) {
    throw new DomainError('INVALID_CHARACTERS', `${where} contains a control character (such as NUL): send text without them.`, {
      argument: where,
    });
  }
  if (value.length > MAX_STRING_LENGTH) {
    throw new DomainError('STRING_TOO_LONG', `${where} has ${value.length} characters; at most ${MAX_STRING_LENGTH} are accepted.`, {
      argument: where,
    });
  }
}

function checkValue(value: unknown, where: string, depth: number): void {
  if (typeof value === 'string') return checkString(value, where);
  if (value === null || typeof value !== 'object') return;
  if (depth > MAX_VALUE_DEPTH) throw new DomainError('INVALID_INPUT', `${where} nests deeper than ${MAX_VALUE_DEPTH} levels.`);
  if (Array.isArray(value)) value.forEach((item, i) => checkValue(item, `${where}[${i}]`, depth + 1));
  else for (const [key, item] of Object.entries(value)) checkValue(item, `${where}.${key}`, depth + 1);
}

/**
 * Refusals that must come before anything runs, the same on both endpoints (docs/security.md):
 * an operation type the schema does not have (a mutation sent to the public endpoint, a
 * subscription to either) is OPERATION_NOT_SUPPORTED; a string — literal or variable, at any depth —
 * with a control character (NUL would reach PostgreSQL as an encoding error) is
 * INVALID_CHARACTERS; one longer than MAX_STRING_LENGTH is STRING_TOO_LONG.
 */
export function inputHygienePlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ operation, document, request, schema }) => {
          try {
            if (operation) assertSupported(schema, operation.operation);
            visit(document, {
              [Kind.STRING]: (node) => checkString(node.value, 'A string in the operation'),
            });
            for (const [name, value] of Object.entries(request.variables ?? {})) checkValue(value, `$${name}`, 0);
          } catch (error) {
            // the client's error: HTTP 400 (405 for an operation type), the domain code kept
            if (!(error instanceof DomainError)) throw error;
            const status = error.code === 'OPERATION_NOT_SUPPORTED' ? 405 : 400;
            throw new GraphQLError(error.message, { originalError: error, extensions: { http: { status } } });
          }
          return Promise.resolve();
        },
      }),
  };
}

function assertSupported(schema: GraphQLSchema, type: OperationTypeNode): void {
  const root =
    type === OperationTypeNode.QUERY
      ? schema.getQueryType()
      : type === OperationTypeNode.MUTATION
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) {
    throw new DomainError('OPERATION_NOT_SUPPORTED', `This endpoint answers no ${type} operations: see its schema for what it offers.`, {
      operation: type,
    });
  }
}
