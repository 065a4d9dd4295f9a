import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Answers outside GraphQL (docs/security.md, "Errors and logs"): a body Express cannot read gets
 * a JSON error shaped like a GraphQL answer, never Express's HTML page with a stack and paths; no
 * answer says `x-powered-by`; every internal answer is `Cache-Control: no-store`, public answers
 * keep their own cache policy.
 */
let db: TestDatabase;
let api: TestApi;
let token = '';

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  token = await tokenFor('county_admin', '370115');
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const ENDPOINTS = ['/graphql', '/public/graphql'] as const;

async function post(path: string, body: string | Uint8Array, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${api.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body,
  });
}

/** The body is a GraphQL-shaped error of `code`, with nothing of the server's insides. */
async function expectJsonError(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const text = await response.text();
  expect(text).not.toMatch(/<html|<pre|\bat \S+ \(|node_modules|\/work\/|\/home\/|\.js:\d+/i);
  const body = JSON.parse(text) as { errors: { message: string; extensions: { code: string } }[] };
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0]!.extensions.code).toBe(code);
  expect(body.errors[0]!.message.length).toBeGreaterThan(10);
}

describe('bodies Express cannot read', () => {
  it.each(ENDPOINTS)('a body above the limit is 413 PAYLOAD_TOO_LARGE in JSON (%s)', async (endpoint) => {
    const big = JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(1_100_000) } });
    await expectJsonError(await post(endpoint, big), 413, 'PAYLOAD_TOO_LARGE');
  });

  it.each(ENDPOINTS)('a body that is not JSON is 400 MALFORMED_JSON (%s)', async (endpoint) => {
    await expectJsonError(await post(endpoint, '{"query": "{ __typename }",'), 400, 'MALFORMED_JSON');
    await expectJsonError(await post(endpoint, '"just a string"'), 400, 'MALFORMED_JSON');
  });

  it('a body in a charset other than UTF-8 is 415', async () => {
    const response = await post('/public/graphql', '{"query":"{ __typename }"}', { 'content-type': 'application/json; charset=latin1' });
    await expectJsonError(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('a path the API does not serve is a JSON 404', async () => {
    await expectJsonError(await fetch(`${api.baseUrl}/graphql-nope/x`), 404, 'NOT_FOUND');
    await expectJsonError(await post('/nothing-here', '{}'), 404, 'NOT_FOUND');
  });
});

describe('headers', () => {
  it('no answer says x-powered-by', async () => {
    const answers = [
      await post('/graphql', JSON.stringify({ query: '{ me { role } }' })),
      await post('/graphql', JSON.stringify({ query: '{ me { role } }' }), { authorization: '' }),
      await post('/graphql', '{broken'),
      await post('/public/graphql', JSON.stringify({ query: '{ programs { code } }' })),
      await post('/public/graphql', '{broken'),
      await fetch(`${api.baseUrl}/graphql`, { headers: { accept: 'text/html' } }),
      await fetch(`${api.baseUrl}/healthz`),
      await fetch(`${api.baseUrl}/nowhere`),
    ];
    for (const answer of answers) expect(answer.headers.get('x-powered-by'), answer.url).toBeNull();
  });

  it('every internal answer is Cache-Control: no-store: data, refusals, unreadable bodies, the IDE page', async () => {
    const answers = {
      data: await post('/graphql', JSON.stringify({ query: '{ me { role } }' })),
      unauthenticated: await post('/graphql', JSON.stringify({ query: '{ me { role } }' }), { authorization: '' }),
      refused: await post('/graphql', JSON.stringify({ query: '{ region(code: "12345") { name } }' })),
      malformed: await post('/graphql', '{broken'),
      ide: await fetch(`${api.baseUrl}/graphql`, { headers: { accept: 'text/html' } }),
    };
    expect(answers.data.status).toBe(200);
    expect(answers.unauthenticated.status).toBe(401);
    for (const [what, answer] of Object.entries(answers)) expect(answer.headers.get('cache-control'), what).toBe('no-store');
  });

  it('public answers keep their cache policy', async () => {
    const answer = await post('/public/graphql', JSON.stringify({ query: '{ programs { code } }' }), { authorization: '' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toMatch(/max-age=\d+, public/);
  });
});
