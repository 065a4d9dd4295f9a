/**
 * The site's only data source: the public GraphQL endpoint, queried at build time.
 * `pnpm build:site` and `pnpm start` set XINGFU_API_URL.
 */
const endpoint = process.env.XINGFU_API_URL;

export async function publicQuery<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  if (!endpoint) {
    throw new Error('XINGFU_API_URL is not set: build the site with `pnpm build:site`, which starts the API itself.');
  }
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) {
    throw new Error(`The public API refused a build query: ${body.errors?.map((e) => e.message).join('; ') ?? response.statusText}`);
  }
  return body.data;
}
