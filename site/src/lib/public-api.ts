import { appendFileSync } from 'node:fs';
import type { TypedDocumentString } from '../gql/graphql.js';

/**
 * The site's only data source: the public GraphQL endpoint, queried at build time.
 * `pnpm build:site` and `pnpm start` set XINGFU_API_URL (read at each request, so that a test can
 * point the site's own loader at its test API: tests/support/public-downloads.ts).
 *
 * Every request is counted; when XINGFU_SITE_REQUEST_LOG names a file, one JSON line per request
 * (operation, bytes, milliseconds) is appended to it, which is how the tests and the benchmark
 * measure that a build makes a small, bounded number of requests.
 *
 * Queries are typed documents (`graphql(…)` from src/gql, generated from schema/public.graphql by
 * `pnpm codegen`): the answer's type and the variables' come from the schema, never written by hand.
 */
let requests = 0;
/** Tries of one query when the API answers 429 Too Many Requests or stops it at its time limit. */
const MAX_ATTEMPTS = 8;
/** Of those, how many may follow an answer stopped at the API's operation time limit. */
const MAX_TIMEOUT_RETRIES = 3;

/** Seconds to wait before trying again (429 with Retry-After, at most a minute), or null. */
function retryAfterSeconds(response: Response): number | null {
  if (response.status !== 429) return null;
  const seconds = Number(response.headers.get('retry-after') ?? '1');
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 60) : 1;
}
export const requestCount = (): number => requests;

export async function publicQuery<T, V>(document: TypedDocumentString<T, V>, variables: V): Promise<T> {
  const endpoint = process.env.XINGFU_API_URL;
  const requestLog = process.env.XINGFU_SITE_REQUEST_LOG;
  if (!endpoint) {
    throw new Error('XINGFU_API_URL is not set: build the site with `pnpm build:site`, which starts the API itself.');
  }
  const query = document.toString();
  const operation = /query\s+(\w+)/.exec(query)?.[1] ?? 'anonymous';
  const started = Date.now();
  let response: Response;
  let text: string;
  let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] } | null;
  for (let attempt = 1, timeouts = 0; ; attempt++) {
    requests++;
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables, operationName: operation === 'anonymous' ? undefined : operation }),
    });
    // The public endpoint limits each client's rate (429, Retry-After): the build waits as told.
    const wait = retryAfterSeconds(response);
    if (wait !== null && attempt < MAX_ATTEMPTS) {
      await response.text();
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      continue;
    }
    text = await response.text();
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      body = null;
    }
    // An operation stopped at the API's time limit on a busy machine is tried again, as its
    // message asks, a few times with growing pauses; one that never fits still fails the build.
    if (body?.errors?.some((e) => e.extensions?.code === 'OPERATION_TIMEOUT') && timeouts < MAX_TIMEOUT_RETRIES && attempt < MAX_ATTEMPTS) {
      timeouts++;
      await new Promise((resolve) => setTimeout(resolve, 2000 * timeouts));
      continue;
    }
    break;
  }
  if (requestLog) {
    appendFileSync(requestLog, `${JSON.stringify({ operation, variables, bytes: text.length, ms: Date.now() - started })}\n`);
  }
  if (!body) {
    throw new Error(`The public API answered ${response.status} with something that is not JSON: ${text.slice(0, 200)}`);
  }
  if (body.errors?.length || !body.data) {
    throw new Error(
      `The public API refused the build query ${operation}: ${body.errors?.map((e) => e.message).join('; ') ?? response.statusText}`,
    );
  }
  return body.data;
}
