import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import {
  GraphQLError,
  OperationTypeNode,
  defaultFieldResolver,
  isObjectType,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';

/**
 * The answer-size and time caps of one endpoint (docs/security.md, "Limits"). The cost limit
 * refuses what is too large before anything runs; these catch what the estimate missed.
 *
 * - **Answer size**: the answer's JSON is measured just before it is sent; above the cap it is
 *   replaced by RESPONSE_TOO_LARGE (HTTP 400: like QUERY_TOO_COMPLEX, the client is to ask for
 *   less; 413 would read as "your request body is too large"). On the public endpoint, whose
 *   operations graphql-js executes field by field, a lower bound of the answer's size is kept as
 *   fields resolve, so an answer certain to be too large stops being built at the cap.
 * - **Time**: a query still running at its deadline is answered OPERATION_TIMEOUT (HTTP 503: the
 *   server's capacity, not the request's form, is the limit, and the same query may finish when
 *   the server is less busy; 408 is for a client slow to send its request). On the public
 *   endpoint no field resolves after the deadline; on both, the answer built after it is dropped
 *   unserialised. A database statement already running completes (its rows are then dropped).
 *   Mutations are never cut: a change that commits after its answer said "timeout" would be a
 *   worse lie than a slow answer.
 *
 * An Express middleware owns the deadline (it answers even when the operation is stuck waiting)
 * and the measure of the JSON; an Apollo plugin replaces the answer, and on the public endpoint
 * wraps the schema's resolvers to count and stop fields. They share the request's budget through
 * AsyncLocalStorage (and, for the resolvers, a map keyed by the operation's context value).
 */
export interface OperationCaps {
  maxResponseBytes: number;
  timeoutMs: number;
  /** Count a lower bound of the answer's size field by field (graphql-js execution only). */
  countFields: boolean;
  /**
   * Answer a repeated refusal from memory. Only where no credentials are checked (the public
   * endpoint): on the internal one a remembered refusal would be answered before the token is.
   */
  rememberRefusals: boolean;
}

export const RESPONSE_TOO_LARGE = 'RESPONSE_TOO_LARGE';
export const OPERATION_TIMEOUT = 'OPERATION_TIMEOUT';
/** HTTP status of each cap's refusal. */
export const CAP_STATUS = { [RESPONSE_TOO_LARGE]: 400, [OPERATION_TIMEOUT]: 503 } as const;

/** What one request may still spend. */
class Budget {
  readonly deadline: number;
  /** A mutation is never cut, by time or size. */
  mutation = false;
  /** Lower bound of the answer's JSON, counted as fields resolve. */
  bytes = 0;
  /** Why the operation was stopped, once it was. */
  stopped: typeof RESPONSE_TOO_LARGE | typeof OPERATION_TIMEOUT | 'CLIENT_GONE' | null = null;
  /** The watchdog has answered: whatever Apollo sends later is dropped. */
  answered = false;
  /** The answer is a refusal of the operation itself (parse, validation, cost): kept for its repeats. */
  refusal = false;

  private fields = 0;

  constructor(readonly caps: OperationCaps) {
    this.deadline = performance.now() + caps.timeoutMs;
  }

  /** Counts one field of the answer; why the operation stops, once it must. */
  spend(key: string | number): Budget['stopped'] {
    if (this.stopped) return this.stopped;
    // every 64 fields: the clock is cheap, not free
    if ((++this.fields & 63) === 0 && performance.now() > this.deadline) return (this.stopped = OPERATION_TIMEOUT);
    // "key":v — the key's length, quotes, colon and at least one character of value
    this.bytes += (typeof key === 'string' ? key.length : 0) + 4;
    if (this.bytes > this.caps.maxResponseBytes) this.stopped = RESPONSE_TOO_LARGE;
    return this.stopped;
  }

  timeoutError(): GraphQLFormattedError {
    const seconds = this.caps.timeoutMs / 1000;
    return {
      message: `The operation took longer than the ${seconds} s allowed and was stopped: ask for less (fewer fields, one region, year or program), or retry when the server is less busy.`,
      extensions: { code: OPERATION_TIMEOUT, timeoutMs: this.caps.timeoutMs },
    };
  }

  tooLargeError(bytes: number, atLeast: boolean): GraphQLFormattedError {
    return {
      message: `The answer would be ${atLeast ? 'more than ' : ''}${bytes} bytes, above the limit of ${this.caps.maxResponseBytes}: ask for less (fewer fields or aliases, one region, year or program).`,
      extensions: { code: RESPONSE_TOO_LARGE, bytes, maxBytes: this.caps.maxResponseBytes },
    };
  }
}

const budgets = new AsyncLocalStorage<Budget>();

/** Thrown inside execution to stop it; never reaches the client (the plugin replaces the answer). */
class StopSignal extends GraphQLError {}

const body = (error: GraphQLFormattedError) => JSON.stringify({ errors: [error] });

/** Codes of refusals that depend only on the operation, its variables and the limits. */
const REFUSAL_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_COMPLEX']);

/**
 * Refusals answered before: the same operation with the same variables is refused the same way
 * (until the cost model's bounds are read again), so its repeat is answered from here without
 * being parsed, validated or costed again. Keyed by a hash of the operation, its name and its
 * variables; an attacker repeating one abusive request costs a hash per request.
 */
class RefusalCache {
  private readonly answers = new LRUCache<string, { status: number; body: string }>({ max: 1_000, ttl: 10 * 60 * 1000 });

  keyOf(body: unknown): string | undefined {
    if (typeof body !== 'object' || body === null) return undefined;
    const { query, operationName, variables } = body as { query?: unknown; operationName?: unknown; variables?: unknown };
    if (typeof query !== 'string') return undefined;
    const hash = createHash('sha256')
      .update(query)
      .update('\0')
      .update(typeof operationName === 'string' ? operationName : '');
    if (variables !== undefined && variables !== null) hash.update('\0').update(JSON.stringify(variables));
    return hash.digest('base64');
  }

  get(key: string) {
    return this.answers.get(key);
  }

  set(key: string, status: number, body: string) {
    this.answers.set(key, { status, body });
  }
}

/**
 * The deadline and the measure of the answer, for the middleware chain of one endpoint (after the
 * body parser, before Apollo's middleware); repeats of a refused operation are answered here.
 */
export function operationCapsMiddleware(caps: OperationCaps): RequestHandler {
  const refusals = new RefusalCache();
  return (req: Request, res: Response, next: NextFunction) => {
    const key = caps.rememberRefusals && req.method === 'POST' ? refusals.keyOf(req.body) : undefined;
    const known = key === undefined ? undefined : refusals.get(key);
    if (known) {
      res.status(known.status).type('application/json').set('cache-control', 'no-store').send(known.body);
      return;
    }
    const budget = new Budget(caps);
    const send = res.send.bind(res);
    const setHeader = res.setHeader.bind(res);
    const refuse = (status: number, error: GraphQLFormattedError) => {
      res.status(status);
      setHeader('content-type', 'application/json; charset=utf-8');
      setHeader('cache-control', 'no-store');
      send(body(error));
    };
    const timer = setTimeout(() => {
      if (budget.mutation || res.headersSent) return;
      budget.stopped = OPERATION_TIMEOUT;
      refuse(CAP_STATUS[OPERATION_TIMEOUT], budget.timeoutError());
      budget.answered = true;
    }, caps.timeoutMs);
    timer.unref();
    res.once('close', () => {
      clearTimeout(timer);
      // the client went away: stop resolving fields nobody will read
      if (!res.writableFinished) budget.stopped ??= 'CLIENT_GONE';
    });
    res.setHeader = (name, value) => (budget.answered ? res : setHeader(name, value));
    res.send = (content?: unknown) => {
      if (budget.answered) return res;
      clearTimeout(timer);
      if (!budget.mutation && typeof content === 'string' && content.length > 0) {
        // a UTF-8 character takes at most 3 bytes per UTF-16 unit: measure only when it may matter
        if (content.length * 3 > caps.maxResponseBytes) {
          const bytes = Buffer.byteLength(content);
          if (bytes > caps.maxResponseBytes) {
            refuse(CAP_STATUS[RESPONSE_TOO_LARGE], budget.tooLargeError(bytes, false));
            return res;
          }
        }
      }
      if (budget.refusal && key !== undefined && typeof content === 'string') refusals.set(key, res.statusCode, content);
      return send(content);
    };
    budgets.run(budget, next);
  };
}

/** The budget of each operation being executed, by its context value. */
const bySchemaContext = new WeakMap<object, Budget>();
const instrumented = new WeakSet<GraphQLSchema>();

/**
 * Wraps every field resolver of a schema: with a budget, each field's key is counted towards the
 * answer's size and, every 64 fields, the clock is read; a field of an operation stopped (by a cap
 * or a client gone) resolves to a rejected promise. Rejected, not thrown: graphql-js completes a
 * list's items one by one, and an item that throws synchronously after others returned promises
 * abandons those promises, whose later rejections nobody handles (and Node stops on an unhandled
 * rejection). A rejected promise is awaited like any other.
 */
function instrument(schema: GraphQLSchema): void {
  if (instrumented.has(schema)) return;
  instrumented.add(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: unknown, info) => {
        const budget = typeof context === 'object' && context !== null ? bySchemaContext.get(context) : undefined;
        if (budget && !budget.mutation) {
          const stopped = budget.spend(info.path.key);
          if (stopped) return Promise.reject(new StopSignal(stopped));
        }
        return resolve(source, args, context, info);
      };
    }
  }
}

/** The Apollo side of the caps: stops field resolution at a cap and replaces the answer. */
export function operationCapsPlugin<T extends object>(caps: OperationCaps): ApolloServerPlugin<T> {
  return {
    // count and stop field by field: every resolver of the schema is wrapped once (graphql-js
    // execution only; Apollo wraps the same way for willResolveField)
    serverWillStart: ({ schema }) => {
      if (caps.countFields) instrument(schema);
      return Promise.resolve();
    },
    requestDidStart: (requestContext) => {
      const budget = budgets.getStore();
      // an operation run without HTTP (executeOperation in a test) has no budget
      if (!budget) return Promise.resolve();
      const replace = (response: GraphQLResponse, status: number, error: GraphQLFormattedError) => {
        response.body = { kind: 'single', singleResult: { errors: [error] } };
        response.http.status = status;
        response.http.headers.set('cache-control', 'no-store');
      };
      if (caps.countFields) bySchemaContext.set(requestContext.contextValue, budget);
      return Promise.resolve({
        didResolveOperation: ({ operation }) => {
          budget.mutation = operation?.operation === OperationTypeNode.MUTATION;
          return Promise.resolve();
        },
        // the signals are not errors to format or log: the answer is replaced below
        didEncounterErrors: ({ errors }) => {
          const kept = errors.filter((error) => !(error instanceof StopSignal || error.originalError instanceof StopSignal));
          if (kept.length !== errors.length) (errors as GraphQLError[]).splice(0, errors.length, ...kept);
          return Promise.resolve();
        },
        willSendResponse: ({ response }) => {
          if (response.body.kind === 'single') {
            const { data, errors } = response.body.singleResult;
            budget.refusal =
              data === undefined && !!errors?.length && errors.every((e) => REFUSAL_CODES.has(String(e.extensions?.['code'])));
          }
          if (budget.mutation) return Promise.resolve();
          if (budget.stopped === OPERATION_TIMEOUT || (budget.stopped === null && performance.now() > budget.deadline)) {
            budget.stopped = OPERATION_TIMEOUT;
            replace(response, CAP_STATUS[OPERATION_TIMEOUT], budget.timeoutError());
          } else if (budget.stopped === RESPONSE_TOO_LARGE) {
            replace(response, CAP_STATUS[RESPONSE_TOO_LARGE], budget.tooLargeError(budget.bytes, true));
          } else if (budget.stopped === 'CLIENT_GONE') {
            replace(response, 499, { message: 'The client closed the connection.', extensions: { code: 'CLIENT_CLOSED_REQUEST' } });
          }
          return Promise.resolve();
        },
      });
    },
  };
}
