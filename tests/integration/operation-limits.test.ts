import type { Server } from 'node:http';
import {
  buildInternalSchema,
  buildPublicSchema,
  createApiServer,
  createLogger,
  loadConfig,
  unboundedListFields,
  type ApiServer,
} from '@xingfu/api';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * The operation limits of both endpoints (docs/security.md, "Limits"): each attack of issue 15 is
 * refused with a typed code before it costs anything, and each cap answers with its own code.
 * Timings are measured by `pnpm bench`, never asserted here.
 */

type Endpoint = '/graphql' | '/public/graphql';
interface Answer {
  status: number;
  headers: Headers;
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

interface Api {
  base: string;
  post(endpoint: Endpoint, query: string, headers?: Record<string, string>): Promise<Answer>;
  close(): Promise<void>;
}

let db: TestDatabase;
let statements = 0;
let token: string;
const running: Api[] = [];

/** The API over this file's database with some settings changed (as environment variables). */
async function startApi(env: Record<string, string> = {}): Promise<Api> {
  const api: ApiServer = await createApiServer({ orm: db.orm, config: loadConfig(env), logger: createLogger('silent') });
  const server: Server = await api.listen(0, '127.0.0.1');
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const handle: Api = {
    base,
    async post(endpoint, query, headers = {}) {
      const response = await fetch(`${base}${endpoint}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(endpoint === '/graphql' ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: JSON.stringify({ query }),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, ...(JSON.parse(text) as Omit<Answer, 'status' | 'headers'>) };
    },
    close: () => api.stop(),
  };
  running.push(handle);
  return handle;
}

const AGG = 'regionCode programCode period suppressed households persons personMonths amount';
/** The amplification of issue 15: 40 aliases of every village's figures by month (≈7 KB). */
const ATTACK = `{ ${Array.from(
  { length: 40 },
  (_, i) => `a${i}: countyAggregates(countyCode: "370115", year: 2023, level: VILLAGE, periodKind: MONTH) { ${AGG} }`,
).join('\n')} }`;
const CYCLE = `query Cycle { region(code: "370115") { ...A } }
fragment A on Region { code ...B }
fragment B on Region { name ...A }`;
/** Every region of the province 37, twenty times over (≈ 57,000 regions). */
const HEAVY = `{ ${Array.from(
  { length: 20 },
  (_, i) => `r${i}: region(code: "37") { children { children { children { children { code name } } } } }`,
).join(' ')} }`;
/** The villages of 济阳区: about 40 KB of JSON. */
const VILLAGES = '{ region(code: "370115") { children { children { code name } } } }';

const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions?.['code'];

beforeAll(async () => {
  db = await createTestDatabase({ onQuery: () => void statements++ });
  token = await tokenFor('county_admin', '370115');
});

afterAll(async () => {
  await Promise.all(running.map((api) => api.close()));
  await db?.drop();
});

describe('with the default limits', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });

  it('refuses the 40-alias amplification by its cost, before any statement runs', async () => {
    const before = statements;
    const answer = await api.post('/public/graphql', ATTACK);
    expect(answer.status).toBe(400);
    expect(answer.data).toBeUndefined();
    expect(codeOf(answer)).toBe('QUERY_TOO_COMPLEX');
    // every village × every program × 12 months, 40 times: far above the public limit
    expect(answer.errors?.[0]?.extensions?.['cost']).toBeGreaterThan(10 * Number(answer.errors?.[0]?.extensions?.['maxCost']));
    expect(statements).toBe(before);
  });

  it('refuses 20,000 aliases: on /public/graphql by the size of its body, before it is read; on /graphql by its tokens', async () => {
    const aliases = `{ ${Array.from({ length: 20_000 }, (_, i) => `a${i}: releases { id }`).join(' ')} }`;
    const body = await api.post('/public/graphql', aliases);
    expect(body.status).toBe(413);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', maxBytes: 65_536 });
    const tokens = await api.post('/graphql', aliases);
    expect(tokens.status).toBe(400);
    expect(codeOf(tokens)).toBe('GRAPHQL_PARSE_FAILED');
    expect(tokens.errors?.[0]?.message).toMatch(/5000 tokens/);
  });

  it('refuses a document of more than 5,000 tokens while parsing, and its repeats the same way', async () => {
    const compact = `{${Array.from({ length: 3_000 }, (_, i) => `a${i}:releases{id}`).join(' ')}}`;
    expect(compact.length).toBeLessThan(65_536);
    const first = await api.post('/public/graphql', compact);
    expect(first.status).toBe(400);
    expect(codeOf(first)).toBe('GRAPHQL_PARSE_FAILED');
    expect(first.errors?.[0]?.message).toMatch(/5000 tokens/);
    const again = await api.post('/public/graphql', compact);
    expect({ status: again.status, errors: again.errors }).toEqual({ status: first.status, errors: first.errors });
  });

  it.each(['/public/graphql', '/graphql'] as const)(
    'answers a fragment cycle on %s with 400 GRAPHQL_VALIDATION_FAILED, not a crash',
    async (endpoint) => {
      const answer = await api.post(endpoint, CYCLE);
      expect(answer.status).toBe(400);
      expect(codeOf(answer)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(answer.errors?.map((e) => e.message).join(' ')).toMatch(/Cannot spread fragment "A" within itself/);
    },
  );

  it.each([
    ['/public/graphql', 8],
    ['/graphql', 12],
  ] as const)('refuses an operation deeper than %s allows (%i levels)', async (endpoint, max) => {
    const deep = (levels: number) => `{ region(code: "370115104201") { ${'parent { '.repeat(levels - 2)}code${' }'.repeat(levels - 2)} } }`;
    expect((await api.post(endpoint, deep(max))).errors).toBeUndefined();
    const answer = await api.post(endpoint, deep(max + 1));
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.errors?.[0]?.extensions).toMatchObject({ limit: 'MAX_DEPTH', max, found: max + 1 });
    expect(answer.errors?.[0]?.message).toMatch(/exceeds maximum operation depth/);
  });

  it('counts depth through fragments, and refuses a deep one hidden in them', async () => {
    const levels = Array.from({ length: 8 }, (_, i) => `fragment F${i} on Region { children { ...F${i + 1} } }`).join('\n');
    const answer = await api.post('/public/graphql', `{ region(code: "37") { ...F0 } }\n${levels}\nfragment F8 on Region { code }`);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ limit: 'MAX_DEPTH', found: 10 });
  });

  it('refuses too many aliases or directives', async () => {
    const aliases = await api.post('/public/graphql', `{ ${Array.from({ length: 101 }, (_, i) => `a${i}: programs { code }`).join(' ')} }`);
    expect(aliases.status).toBe(400);
    expect(aliases.errors?.[0]?.extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      limit: 'MAX_ALIASES',
      max: 100,
      found: 101,
    });
    const directives = await api.post('/public/graphql', `{ programs { ${'code @include(if: true) '.repeat(21)} } }`);
    expect(directives.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'MAX_DIRECTIVES', max: 20 });
  });

  it('still answers a full introspection on both endpoints, and refuses one nested beyond it', async () => {
    for (const endpoint of ['/public/graphql', '/graphql'] as const) {
      const answer = await api.post(endpoint, getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.['__schema']).toBeTruthy();
    }
    // graphql-js refuses introspection nested inside itself; three full ones at once are refused by cost
    const nested = `{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }`;
    expect(codeOf(await api.post('/public/graphql', nested))).toBe('GRAPHQL_VALIDATION_FAILED');
    const full = getIntrospectionQuery();
    const fragments = full.slice(full.indexOf('fragment FullType'));
    const schemaPart = 'fragment S on __Schema { queryType { name } types { ...FullType } directives { name args { ...InputValue } } }';
    const triple = await api.post(
      '/public/graphql',
      `{ a: __schema { ...S } b: __schema { ...S } c: __schema { ...S } }\n${schemaPart}\n${fragments}`,
    );
    expect(triple.status).toBe(400);
    expect(codeOf(triple)).toBe('QUERY_TOO_COMPLEX');
    expect(triple.errors?.[0]?.message).toMatch(/introspection/);
  });

  it('answers what fits with no error and no rate limit for the site build (loopback)', async () => {
    for (let i = 0; i < 5; i++) {
      const answer = await api.post('/public/graphql', VILLAGES);
      expect(answer.status).toBe(200);
      expect(answer.errors).toBeUndefined();
    }
  });
});

describe('the cost model', () => {
  it('declares a bound for every list field that takes no page size, in both schemas', async () => {
    expect(unboundedListFields(await buildPublicSchema())).toEqual([]);
    expect(unboundedListFields(await buildInternalSchema())).toEqual([]);
  });

  it('counts a list by its real bound: regions at the level × programs × periods, or the page asked for', async () => {
    const api = await startApi({ XINGFU_PUBLIC_MAX_QUERY_COST: '10', XINGFU_MAX_QUERY_COST: '10' });
    const cost = async (endpoint: Endpoint, query: string) => {
      const answer = await api.post(endpoint, query);
      expect(codeOf(answer)).toBe('QUERY_TOO_COMPLEX');
      return Number(answer.errors?.[0]?.extensions?.['cost']);
    };
    const county = (level: string, period: string, program = '') =>
      cost(
        '/public/graphql',
        `{ countyAggregates(countyCode: "370115", year: 2023, level: ${level}, periodKind: ${period}${program}) { amount } }`,
      );
    // the bounds the database holds: the most villages and towns of a county, the programs
    const [held] = await db.orm.em.fork().execute<{ villages: number; towns: number; programs: number }[]>(
      `select (select max(n) from (select count(*) as n from region where level = 'village' group by left(code, 6)) v)::int as villages,
              (select max(n) from (select count(*) as n from region where level = 'town' group by left(code, 6)) t)::int as towns,
              (select count(*) from program)::int as programs`,
    );
    const { villages, towns, programs } = held!;
    expect(villages).toBe(1038);
    const dibao = ', programCode: "dibao_rural"';
    expect(await county('VILLAGE', 'YEAR', dibao)).toBe(1 + villages);
    expect(await county('VILLAGE', 'MONTH', dibao)).toBe(1 + villages * 12);
    expect(await county('VILLAGE', 'MONTH')).toBe(1 + villages * programs * 12);
    expect(await county('VILLAGE', 'QUARTER')).toBe(1 + villages * programs * 4);
    expect(await county('TOWN', 'MONTH')).toBe(1 + towns * programs * 12);
    expect(await county('COUNTY', 'MONTH')).toBe(1 + programs * 12);
    // a page of 10 households costs ten times one household's fields; a page of 100, ten times that
    const page = (first: number) => cost('/graphql', `{ households(first: ${first}) { edges { node { id members { id } } } } }`);
    const ten = await page(10);
    expect((await page(100)) - 1).toBe(10 * (ten - 1));
  });
});

describe('the answer-size cap', () => {
  it.each(['/public/graphql', '/graphql'] as const)('refuses an answer above it on %s with 400 RESPONSE_TOO_LARGE', async (endpoint) => {
    const api = await startApi({ XINGFU_PUBLIC_MAX_RESPONSE_BYTES: '4096', XINGFU_MAX_RESPONSE_BYTES: '4096' });
    const answer = await api.post(endpoint, VILLAGES);
    expect(answer.status).toBe(400);
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'RESPONSE_TOO_LARGE', maxBytes: 4096 });
    expect(Number(answer.errors?.[0]?.extensions?.['bytes'])).toBeGreaterThan(4096);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    // what fits is answered as before
    expect((await api.post(endpoint, '{ region(code: "370115") { name } }')).errors).toBeUndefined();
  });
});

describe('a cap reached in the middle of a list', () => {
  it('stops the public operation there, leaving no promise rejected unhandled (Vitest fails the run on one)', async () => {
    const api = await startApi({ XINGFU_PUBLIC_MAX_RESPONSE_BYTES: '1024' });
    // each county: a 400-character key (resolved at once), then its towns (resolved later): the cap
    // is passed in the third county, while the towns of the first two are still being read
    const answer = await api.post('/public/graphql', `{ counties { ${'k'.repeat(400)}: code children { code name } } }`);
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'RESPONSE_TOO_LARGE', maxBytes: 1024 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await fetch(`${api.base}/healthz`)).status).toBe(200);
  });
});

describe('the time cap', () => {
  it.each(['/public/graphql', '/graphql'] as const)(
    'answers a query past its deadline on %s with 503 OPERATION_TIMEOUT',
    async (endpoint) => {
      const api = await startApi({
        XINGFU_PUBLIC_OPERATION_TIMEOUT_MS: '10',
        XINGFU_OPERATION_TIMEOUT_MS: '10',
        XINGFU_PUBLIC_MAX_QUERY_COST: String(Number.MAX_SAFE_INTEGER),
        XINGFU_MAX_QUERY_COST: String(Number.MAX_SAFE_INTEGER),
      });
      // three times: fields stopped mid-list must leave no promise rejected unhandled (Vitest fails the run on one)
      for (let i = 0; i < 3; i++) {
        const answer = await api.post(endpoint, HEAVY);
        expect(answer.status).toBe(503);
        expect(answer.data).toBeUndefined();
        expect(answer.errors).toHaveLength(1);
        expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_TIMEOUT', timeoutMs: 10 });
        expect(answer.headers.get('cache-control')).toBe('no-store');
      }
      // the server still answers
      expect((await fetch(`${api.base}/healthz`)).status).toBe(200);
    },
  );
});

describe('the public rate limit', () => {
  it('answers 429 RATE_LIMITED with Retry-After once a client has sent its requests of the window', async () => {
    const api = await startApi({ XINGFU_PUBLIC_RATE_LIMIT: '3', XINGFU_PUBLIC_RATE_LIMIT_EXEMPT: 'none' });
    for (let i = 0; i < 3; i++) expect((await api.post('/public/graphql', '{ programs { code } }')).status).toBe(200);
    const refused = await api.post('/public/graphql', '{ programs { code } }');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.errors).toEqual([
      {
        message: expect.stringMatching(/Too many requests/),
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, limit: 3, windowSeconds: 60 },
      },
    ]);
    // the internal endpoint is not rate-limited
    expect((await api.post('/graphql', '{ programs { code } }')).status).toBe(200);
  });

  it('leaves a direct loopback client alone by default, but not one a proxy forwards', async () => {
    const api = await startApi({ XINGFU_PUBLIC_RATE_LIMIT: '3' });
    for (let i = 0; i < 5; i++) expect((await api.post('/public/graphql', '{ programs { code } }')).status).toBe(200);
    const forwarded = { 'x-forwarded-for': '203.0.113.7' };
    for (let i = 0; i < 3; i++) expect((await api.post('/public/graphql', '{ programs { code } }', forwarded)).status).toBe(200);
    expect((await api.post('/public/graphql', '{ programs { code } }', forwarded)).status).toBe(429);
  });

  it('counts each client behind a trusted proxy by its forwarded address', async () => {
    const api = await startApi({ XINGFU_PUBLIC_RATE_LIMIT: '2', XINGFU_TRUST_PROXY: 'loopback' });
    const from = (ip: string) => api.post('/public/graphql', '{ programs { code } }', { 'x-forwarded-for': ip });
    expect((await from('203.0.113.1')).status).toBe(200);
    expect((await from('203.0.113.1')).status).toBe(200);
    expect((await from('203.0.113.1')).status).toBe(429);
    expect((await from('203.0.113.2')).status).toBe(200);
  });
});
