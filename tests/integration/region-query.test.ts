import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { tokenFor } from '../support/staff.js';

const JIYANG_TOWNS = [
  ['370115001', '济阳街道'],
  ['370115002', '济北街道'],
  ['370115003', '崔寨街道'],
  ['370115004', '孙耿街道'],
  ['370115005', '回河街道'],
  ['370115006', '太平街道'],
  ['370115007', '垛石街道'],
  ['370115008', '曲堤街道'],
  ['370115104', '仁风镇'],
  ['370115110', '新市镇'],
].map(([code, name]) => ({ code, name }));

let db: TestDatabase;
let api: TestApi;
let clerk: string;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  clerk = await tokenFor('town_clerk', '370115104');
});

/** Region queries as staff on the internal endpoint, anonymously on the public one. */
const ask = <T>(endpoint: '/graphql' | '/public/graphql', query: string) =>
  api.query<T>(endpoint, query, endpoint === '/graphql' ? { token: clerk } : {});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe.each(['/graphql', '/public/graphql'] as const)('region query on %s', (endpoint) => {
  it('answers 济阳区 with its 10 real towns in code order', async () => {
    const result = await ask<{ region: { name: string; children: { code: string; name: string }[] } }>(
      endpoint,
      '{ region(code: "370115") { name children { code name } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.region.name).toBe('济阳区');
    expect(result.data?.region.children).toEqual(JIYANG_TOWNS);
  });

  it('accepts the 12-digit form of a code and walks up to the province', async () => {
    const result = await ask<{ region: { code: string; level: string; parent: { name: string; parent: { name: string } } } }>(
      endpoint,
      '{ region(code: "370115104000") { code level parent { name parent { name } } } }',
    );
    expect(result.data?.region).toEqual({ code: '370115104', level: 'TOWN', parent: { name: '济阳区', parent: { name: '济南市' } } });
  });

  it('answers null for a well-formed code nobody has', async () => {
    const result = await ask(endpoint, '{ region(code: "999999") { name } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ region: null });
  });

  it('refuses a malformed code with INVALID_REGION_CODE', async () => {
    const result = await ask(endpoint, '{ region(code: "37011") { name } }');
    expect(result.errors?.[0]?.extensions?.['code']).toBe('INVALID_REGION_CODE');
    expect(result.errors?.[0]?.message).toMatch(/2, 4, 6, 9 or 12 digits/);
  });

  it('answers introspection', async () => {
    const result = await ask<{ __schema: { queryType: { name: string } } }>(endpoint, '{ __schema { queryType { name } } }');
    expect(result.data?.__schema.queryType.name).toBe('Query');
  });

  it('refuses an operation deeper than the depth limit', async () => {
    const deep = `{ region(code: "37") { ${'children { '.repeat(14)}code${' }'.repeat(14)} } }`;
    const result = await ask(endpoint, deep);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.message).toMatch(/exceeds maximum operation depth/);
  });
});

describe('the internal endpoint', () => {
  it('gives an anonymous caller nothing but an authentication error, introspection included', async () => {
    for (const query of ['{ region(code: "370115") { name } }', '{ __schema { queryType { name } } }']) {
      const result = await api.query('/graphql', query);
      expect(result.status).toBe(401);
      expect(result.data).toBeUndefined();
      expect(result.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a token signed with another secret', async () => {
    const result = await api.query('/graphql', '{ me { role } }', {
      token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImNvdW50eV9hZG1pbiIsInJlZ2lvbiI6IjM3MDExNSJ9.c2lnbmF0dXJl',
    });
    expect(result.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});

describe('the village level', () => {
  it('holds all 849 villages of 济阳区 under its towns', async () => {
    const rows = await db.orm.em
      .fork()
      .getConnection()
      .execute<{ count: string }[]>(`select count(*) from region where level = 'village' and code like '370115%'`);
    expect(Number(rows[0]?.count)).toBe(849);
  });
});
