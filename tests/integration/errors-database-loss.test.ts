import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@xingfu/api';
import { EmbeddedDatabase, findFreePort, importRegions, migrate, openOrm, readRegionFile, type MikroORM } from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type GraphQLResponse, type TestApi } from '../support/graphql-client.js';
import { tokenFor } from '../support/staff.js';

/**
 * Database loss (docs/security.md, "Errors and logs"): with PostgreSQL stopped, every answer is
 * 503 SERVICE_UNAVAILABLE with Retry-After, on both endpoints and for a token not yet verified;
 * the outage is logged once, without a stack trace per request; /healthz says 503; when the
 * database returns, the API answers again by itself. This file runs a PostgreSQL of its own, to
 * stop it.
 */
let dir: string;
let database: EmbeddedDatabase;
let orm: MikroORM;
let api: TestApi;
let token = '';
const lines: string[] = [];
const logged = () => lines.map((line) => JSON.parse(line) as { msg: string; level: number; err?: unknown; cause?: unknown });

const REGION = `{ region(code: "370115") { name } }`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xingfu-db-loss-'));
  // run as root, PostgreSQL runs as the `postgres` user, which must reach the data folder
  await chmod(dir, 0o755);
  database = new EmbeddedDatabase({ dataDir: join(dir, 'pg'), port: await findFreePort(), database: 'xingfu', ephemeral: true });
  await database.start();
  orm = await openOrm({ clientUrl: database.url, poolMax: 4 });
  await migrate(orm);
  await importRegions(orm.em.fork(), readRegionFile());
  api = await startTestApi(orm, { logger: createLogger('info', 'xingfu-api', { write: (line: string) => void lines.push(line) }) });
  token = await tokenFor('county_admin', '370115');
});

afterAll(async () => {
  await api?.close();
  await orm?.close(true);
  await database?.stop();
  await rm(dir, { recursive: true, force: true });
});

function expectUnavailable(answer: GraphQLResponse): void {
  expect(answer.status).toBe(503);
  expect(answer.headers.get('retry-after')).toBe('5');
  expect(answer.errors?.map((e) => e.extensions?.['code'])).toContain('SERVICE_UNAVAILABLE');
  expect(answer.errors?.every((e) => ['SERVICE_UNAVAILABLE'].includes(String(e.extensions?.['code'])))).toBe(true);
  expect(answer.errors?.[0]?.message).toMatch(/retry in 5 seconds/);
}

async function health(): Promise<number> {
  return (await fetch(`${api.baseUrl}/healthz`)).status;
}

describe('with the database stopped', () => {
  it('answers normally first', async () => {
    expect((await api.query('/public/graphql', REGION)).status).toBe(200);
    const internal = await api.query<{ region: { name: string } }>('/graphql', REGION, { token });
    expect(internal.data?.region.name).toBe('济阳区');
    expect(await health()).toBe(200);
  });

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After on both endpoints, and for a token not verified yet', async () => {
    await database.stop();
    expectUnavailable(await api.query('/public/graphql', REGION));
    expectUnavailable(await api.query('/graphql', REGION, { token }));
    // a token not seen before is verified against the database (its region must exist)
    const fresh = await tokenFor('town_clerk', '370115104', 'fresh-clerk');
    expectUnavailable(await api.query('/graphql', `{ me { role } }`, { token: fresh }));
    const mutation = await api.query(
      '/graphql',
      `mutation { setStandard(input: { programCode: "dibao_rural", countyCode: "370115", areaType: RURAL, effectiveMonth: "2025-01", amount: "700.00" }) { standard { id } } }`,
      { token },
    );
    expectUnavailable(mutation);
    expect(await health()).toBe(503);
  });

  it('logs the outage once, with no stack trace per request', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => api.query(i % 2 ? '/graphql' : '/public/graphql', REGION, { token })),
    );
    expect(answers.every((answer) => answer.status === 503)).toBe(true);
    const entries = logged();
    expect(entries.filter((entry) => /cannot be reached/.test(entry.msg))).toHaveLength(1);
    expect(entries.filter((entry) => entry.msg === 'unexpected error')).toHaveLength(0);
    expect(entries.filter((entry) => entry.err !== undefined)).toHaveLength(0);
    expect(lines.join('')).not.toMatch(/"stack"|\n\s+at /);
    expect(lines.length).toBeLessThanOrEqual(2);
  });

  it('answers again once the database is back, and says so in the log', async () => {
    await database.start();
    for (let i = 0; i < 100 && (await health()) !== 200; i++) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await health()).toBe(200);
    const internal = await api.query<{ region: { name: string } }>('/graphql', REGION, { token });
    expect(internal.status).toBe(200);
    expect(internal.data?.region.name).toBe('济阳区');
    expect((await api.query('/public/graphql', REGION)).status).toBe(200);
    for (let i = 0; i < 50 && !logged().some((entry) => entry.msg === 'the database answers again'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(logged().some((entry) => entry.msg === 'the database answers again')).toBe(true);
  });
});
