import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive, runCli, type CliRun } from '../support/cli-process.js';

/**
 * `xingfu start` watches the embedded PostgreSQL it started (docs/security.md, "Errors and
 * logs"): a killed postmaster is started again and the API answers again by itself, 503
 * SERVICE_UNAVAILABLE meanwhile; when it cannot be started again, xingfu stops with one sentence.
 */
let dir: string;
let run: CliRun | undefined;
const p = { pg: 0, api: 0, site: 0 };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xingfu-db-loss-e2e-'));
  // run as root, PostgreSQL runs as the `postgres` user, which must reach the data folder
  await chmod(dir, 0o755);
  p.pg = await findFreePort();
  p.api = await findFreePort();
  p.site = await findFreePort();
});

afterAll(async () => {
  run?.child.kill('SIGKILL');
  const pid = postmasterPid();
  if (pid !== undefined && isAlive(pid)) process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && pid !== undefined && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  await rm(dir, { recursive: true, force: true });
});

function postmasterPid(): number | undefined {
  const file = join(dir, 'data', 'pg', 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out waiting for ${what}; stdout:\n${run?.stdout()}\nstderr:\n${run?.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function query(): Promise<{ status: number; retryAfter: string | null; code: unknown }> {
  const response = await fetch(`http://127.0.0.1:${p.api}/public/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ region(code: "370115") { name } }' }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: unknown } }[] };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), code: body.errors?.[0]?.extensions?.code };
}

const health = async () => (await fetch(`http://127.0.0.1:${p.api}/healthz`)).status;
/** Lines of stderr that are not JSON log lines: what xingfu says to the person at the terminal. */
const sentences = () => (run?.stderr() ?? '').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('{'));

describe('xingfu start watches its embedded PostgreSQL', () => {
  it('starts it again when its postmaster is killed; the API answers 503 meanwhile, then again by itself', async () => {
    run = runCli(['start'], {
      XINGFU_DATA_DIR: join(dir, 'data'),
      XINGFU_SITE_DIST: join(dir, 'dist'),
      XINGFU_PG_PORT: String(p.pg),
      XINGFU_API_PORT: String(p.api),
      XINGFU_SITE_PORT: String(p.site),
      XINGFU_DEMO_DATA: 'none',
      XINGFU_LOG_LEVEL: 'warn',
    });
    await run.waitForOutput(/Ctrl-C stops everything/, 300_000);
    expect((await query()).status).toBe(200);
    const first = postmasterPid()!;
    expect(isAlive(first)).toBe(true);

    process.kill(first, 'SIGKILL');
    // the backends of a killed postmaster may answer a moment longer on their open connections
    const during = await until(
      'a 503',
      async () => {
        const answer = await query();
        return answer.status === 200 ? undefined : answer;
      },
      10_000,
    );
    expect(during).toEqual({ status: 503, retryAfter: '5', code: 'SERVICE_UNAVAILABLE' });

    const second = await until(
      'a new postmaster',
      () => {
        const pid = postmasterPid();
        return pid !== undefined && pid !== first && isAlive(pid) ? pid : undefined;
      },
      30_000,
    );
    await until('the API to answer again', async () => ((await health()) === 200 ? true : undefined), 30_000);
    expect(await query()).toEqual({ status: 200, retryAfter: null, code: undefined });
    expect(run.stdout()).toMatch(/The embedded PostgreSQL stopped unexpectedly/);
    // the API may answer before the restart step has printed its line
    await run.waitForOutput(/✔ Restarting the embedded PostgreSQL \(attempt 1 of 3\)/, 30_000);
    expect(isAlive(second)).toBe(true);
    expect(run.child.exitCode).toBeNull();
    // the record of the running database is still this process's
    expect(JSON.parse(readFileSync(join(dir, 'data', 'running.json'), 'utf8'))).toMatchObject({ pid: run.child.pid, port: p.pg });
    // the outage is logged, once, without stack traces
    expect(run.stderr()).not.toMatch(/unexpected error|"stack"/);
    expect(run.stderr().match(/the database cannot be reached/g)).toHaveLength(1);
    expect(sentences()).toEqual([]);
  });

  it('stops with one sentence when it cannot start it again', async () => {
    const pid = postmasterPid()!;
    process.kill(pid, 'SIGKILL');
    // something else takes the port before the watchdog restarts PostgreSQL
    const blocker: Server = await until(
      'the port to be free',
      () =>
        new Promise<Server | undefined>((resolve) => {
          const server = createServer();
          server.once('error', () => resolve(undefined));
          server.listen(p.pg, '127.0.0.1', () => resolve(server));
        }),
      10_000,
    );
    try {
      const code = await Promise.race([run!.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 60_000))]);
      expect(code, `stdout:\n${run!.stdout()}\nstderr:\n${run!.stderr()}`).toBe(1);
      expect(sentences()).toEqual([
        `xingfu: The embedded PostgreSQL stopped and could not be started again after 3 attempts (Port ${p.pg} is already in use, so the embedded PostgreSQL cannot start: stop what uses it, or set XINGFU_PG_PORT to a free port), so xingfu stops: fix that, then run \`pnpm start\` again.`,
      ]);
      expect(existsSync(join(dir, 'data', 'running.json'))).toBe(false);
      await expect(fetch(`http://127.0.0.1:${p.api}/healthz`)).rejects.toThrow();
    } finally {
      blocker.close();
    }
  });
});
