import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive, runCli } from '../support/cli-process.js';
import { tokenFor } from '../support/staff.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xingfu-start-'));
  // run as root, PostgreSQL runs as the `postgres` user, which must reach the data folder
  await chmod(dir, 0o755);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function ports() {
  return { pg: await findFreePort(), api: await findFreePort(), site: await findFreePort() };
}

describe('xingfu start', () => {
  it('brings up database with demo data and a release, both endpoints and the site, and Ctrl-C leaves no process behind', async () => {
    const p = await ports();
    const run = runCli(['start'], {
      XINGFU_DATA_DIR: join(dir, 'data'),
      XINGFU_SITE_DIST: join(dir, 'dist'),
      XINGFU_PG_PORT: String(p.pg),
      XINGFU_API_PORT: String(p.api),
      XINGFU_SITE_PORT: String(p.site),
      XINGFU_LOG_LEVEL: 'warn',
    });
    try {
      await run.waitForOutput(/Ctrl-C stops everything/, 540_000);
      expect(run.stdout()).toContain(`http://localhost:${p.site}/`);
      const postgresPid = Number(readFileSync(join(dir, 'data', 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
      expect(isAlive(postgresPid)).toBe(true);

      const token = await tokenFor('town_clerk', '370115104');
      for (const endpoint of ['/graphql', '/public/graphql']) {
        const response = await fetch(`http://127.0.0.1:${p.api}${endpoint}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ region(code: "370115") { children { name } } }' }),
        });
        const body = (await response.json()) as { data: { region: { children: { name: string }[] } } };
        expect(body.data.region.children.map((t) => t.name)).toContain('仁风镇');
        expect(body.data.region.children).toHaveLength(10);
      }
      // the first run loaded the demo data and cut a release that publishes the four seed counties
      const released = await fetch(`http://127.0.0.1:${p.api}/public/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ release { id } releasedMonths { countyCode } }' }),
      });
      const { data } = (await released.json()) as { data: { release: { id: string } | null; releasedMonths: { countyCode: string }[] } };
      expect(data.release).not.toBeNull();
      expect(new Set(data.releasedMonths.map((m) => m.countyCode))).toEqual(new Set(['320922', '370115', '371425', '370114']));
      const site = await fetch(`http://127.0.0.1:${p.site}/`);
      expect(site.status).toBe(200);
      expect(await site.text()).toContain('济阳区');
      const health = await fetch(`http://127.0.0.1:${p.api}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok' });

      run.child.kill('SIGINT');
      await run.exited;
      // a large first-run database finishes its shutdown checkpoint within seconds
      for (let i = 0; i < 300 && isAlive(postgresPid); i++) await new Promise((r) => setTimeout(r, 100));
      expect(isAlive(postgresPid)).toBe(false);
    } finally {
      run.child.kill('SIGKILL');
    }
  });

  it('refuses a port in use with one sentence, before starting PostgreSQL', async () => {
    const p = await ports();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(p.api, '127.0.0.1', resolve));
    try {
      const run = runCli(['start'], {
        XINGFU_DATA_DIR: join(dir, 'busy'),
        XINGFU_PG_PORT: String(p.pg),
        XINGFU_API_PORT: String(p.api),
        XINGFU_SITE_PORT: String(p.site),
      });
      expect(await run.exited).toBe(1);
      expect(run.stderr().trim()).toBe(
        `xingfu: Port ${p.api} is already in use, so the API cannot start: stop what uses it, or set XINGFU_API_PORT to a free port.`,
      );
      expect(run.stdout()).not.toContain('PostgreSQL');
    } finally {
      blocker.close();
    }
  });

  it.each([
    ['a refused connection', 'postgres://postgres:postgres@127.0.0.1:1/xingfu', /No PostgreSQL server answers at 127\.0\.0\.1:1\/xingfu/],
    ['a URL that is not PostgreSQL', 'mysql://localhost/xingfu', /DATABASE_URL is not a PostgreSQL URL/],
  ])('explains a wrong DATABASE_URL (%s) in one sentence', async (_case, url, message) => {
    const run = runCli(['db', 'migrate'], { DATABASE_URL: url, XINGFU_DATA_DIR: join(dir, 'unused') });
    expect(await run.exited).toBe(1);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).toMatch(/DATABASE_URL/);
  });
});
