import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from '@xingfu/domain';
import type { RequestContext } from '../context/context.type.js';

/** The request header carrying a mutation's idempotency key (as Stripe's and the IETF draft's). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Set on an answer replayed from the first request of its key. */
export const REPLAYED_HEADER = 'idempotent-replayed';

const KEY = /^[\x21-\x7e]{1,255}$/;

function refusal(code: string, message: string, status: number, headers: [string, string][] = []): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status, headers: new HeaderMap(headers) } } });
}

/**
 * Idempotent retries of mutations (docs/api.md, "Idempotency keys"). A client sends a mutation
 * with an `Idempotency-Key` header; the first request with that key (per staff member) runs, and
 * its answer is stored; every later request with the key gets that answer again, marked
 * `Idempotent-Replayed: true`, and changes nothing. The same key with a different operation or
 * variables is refused (IDEMPOTENCY_KEY_REUSED, 422); a retry while the first request still runs
 * is refused (IDEMPOTENCY_KEY_IN_USE, 409, Retry-After). An answer with an unexpected error is not
 * kept, so the retry runs again. Exactly-once itself does not depend on keys: every change locks
 * and re-checks what it changes (docs/decisions.md); keys make the retry's answer the first one.
 */
export function idempotencyPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart: ({ request }) => {
      const key = request.http?.headers.get(IDEMPOTENCY_HEADER);
      if (key === undefined) return Promise.resolve();
      let claimed: { subject: string; key: string } | null = null;
      let replay: GraphQLResponse | null = null;
      return Promise.resolve({
        didResolveOperation: async ({ operation, contextValue }) => {
          if (operation?.operation !== OperationTypeNode.MUTATION || !contextValue.actor) return;
          if (!KEY.test(key)) {
            throw refusal('INVALID_IDEMPOTENCY_KEY', 'An Idempotency-Key is 1 to 255 visible ASCII characters, e.g. a UUID.', 400);
          }
          const subject = contextValue.actor.subject;
          const fingerprint = createHash('sha256')
            .update(JSON.stringify([request.query ?? '', request.operationName ?? null, request.variables ?? {}]))
            .digest('hex');
          const claim = await claimIdempotencyKey(contextValue.em, subject, key, fingerprint);
          switch (claim.kind) {
            case 'claimed':
              claimed = { subject, key };
              return;
            case 'replay':
              replay = {
                http: { status: claim.httpStatus, headers: new HeaderMap([[REPLAYED_HEADER, 'true']]) },
                body: { kind: 'single', singleResult: claim.response },
              };
              return;
            case 'reused':
              throw refusal(
                'IDEMPOTENCY_KEY_REUSED',
                'This Idempotency-Key was used for another operation or other variables: use a new key for a new request.',
                422,
              );
            case 'in_use':
              throw refusal(
                'IDEMPOTENCY_KEY_IN_USE',
                'A request with this Idempotency-Key is still running: retry shortly to get its answer.',
                409,
                [['retry-after', '1']],
              );
          }
        },
        responseForOperation: () => Promise.resolve(replay),
        willSendResponse: async ({ response, contextValue }) => {
          if (!claimed) return;
          const { subject, key: claimedKey } = claimed;
          claimed = null;
          const body = response.body.kind === 'single' ? response.body.singleResult : null;
          // an answer the server could not give (5xx: an unexpected error, the database away, a timeout)
          // is not the request's answer: the retry runs again
          const unexpected =
            !body ||
            (response.http.status ?? 200) >= 500 ||
            (body.errors ?? []).some((e) => e.extensions?.['code'] === 'INTERNAL_SERVER_ERROR');
          if (unexpected) await releaseIdempotencyKey(contextValue.em, subject, claimedKey);
          else await completeIdempotencyKey(contextValue.em, subject, claimedKey, response.http.status ?? 200, body);
        },
      });
    },
  };
}
