import { appendFileSync } from 'node:fs';

/**
 * The site's only data source: the public GraphQL endpoint, queried at build time.
 * `pnpm build:site` and `pnpm start` set XINGFU_API_URL.
 *
 * Every request is counted; when XINGFU_SITE_REQUEST_LOG names a file, one JSON line per request
 * (operation, bytes, milliseconds) is appended to it, which is how the tests and the benchmark
 * measure that a build makes a small, bounded number of requests.
 */
const endpoint = process.env.XINGFU_API_URL;
const requestLog = process.env.XINGFU_SITE_REQUEST_LOG;

let requests = 0;
export const requestCount = (): number => requests;

export async function publicQuery<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  if (!endpoint) {
    throw new Error('XINGFU_API_URL is not set: build the site with `pnpm build:site`, which starts the API itself.');
  }
  const operation = /query\s+(\w+)/.exec(query)?.[1] ?? 'anonymous';
  const started = Date.now();
  requests++;
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables, operationName: operation === 'anonymous' ? undefined : operation }),
  });
  const text = await response.text();
  if (requestLog) {
    appendFileSync(requestLog, `${JSON.stringify({ operation, variables, bytes: text.length, ms: Date.now() - started })}\n`);
  }
  let body: { data?: T; errors?: { message: string }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`The public API answered ${response.status} with something that is not JSON: ${text.slice(0, 200)}`);
  }
  if (body.errors?.length || !body.data) {
    throw new Error(
      `The public API refused the build query ${operation}: ${body.errors?.map((e) => e.message).join('; ') ?? response.statusText}`,
    );
  }
  return body.data;
}
