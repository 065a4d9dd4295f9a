import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive, runCli, type CliRun } from '../support/cli-process.js';

let dir: string;
let env: Record<string, string>;
let apiPort: number;
let pgPort: number;
const running: CliRun[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xingfu-operator-'));
  // run as root, PostgreSQL runs as the `postgres` user, which must reach the data folder
  await chmod(dir, 0o755);
  pgPort = await findFreePort();
  apiPort = await findFreePort();
  env = {
    XINGFU_DATA_DIR: join(dir, 'data'),
    XINGFU_SITE_DIST: join(dir, 'dist'),
    XINGFU_PG_PORT: String(pgPort),
    XINGFU_API_PORT: String(apiPort),
    XINGFU_DEMO_DATA: 'none',
    XINGFU_LOG_LEVEL: 'warn',
  };
});
afterAll(async () => {
  for (const run of running) run.child.kill('SIGKILL');
  const pid = postmasterPid();
  if (pid !== undefined && isAlive(pid)) process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && pid !== undefined && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  await rm(dir, { recursive: true, force: true });
});

const runningFile = () => join(dir, 'data', 'running.json');

function postmasterPid(): number | undefined {
  const file = join(dir, 'data', 'pg', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}

async function health(): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${apiPort}/healthz`);
  return { status: response.status, body: await response.json() };
}

/** Runs a command to its end; its exit code and output. */
async function xingfu(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = runCli(args, env);
  running.push(run);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

describe('operator commands beside a running server', () => {
  let server: CliRun;
  let serverPostmaster: number;

  it('`serve` records itself in the data folder', async () => {
    server = runCli(['serve'], env);
    running.push(server);
    await server.waitForOutput(/Ctrl-C stops/, 120_000);
    expect(await health()).toEqual({ status: 200, body: { status: 'ok' } });
    serverPostmaster = postmasterPid() ?? 0;
    expect(isAlive(serverPostmaster)).toBe(true);
    const record = JSON.parse(readFileSync(runningFile(), 'utf8')) as { pid: number; port: number };
    expect(record).toMatchObject({ pid: server.child.pid, port: pgPort });
  });

  it.each([
    [['regions', 'import', '--county', '370115'], /Imported \d+ regions for 370115/],
    [['seed', '--preset', 'jiyang-2023', '--scale', 'village'], /Loaded 济阳区 \(370115\)/],
    [['release', '--note', 'beside the server'], /Release \S+ \(as of [\d-]+\): [1-9]\d* county months/],
    [['verify'], /every published figure equals the ledger/],
    [['db', 'migrate'], /The database is up to date/],
    [['site', 'build'], /The site is in /],
  ])('`xingfu %j` uses the running database and leaves the server running', async (args, done) => {
    const { code, stdout, stderr } = await xingfu(...args);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`Using the database of the running xingfu (pid ${server.child.pid}) on port ${pgPort}`);
    expect(stdout).not.toContain('Starting the embedded PostgreSQL');
    expect(stdout).toMatch(done);
    expect(postmasterPid()).toBe(serverPostmaster);
    expect(isAlive(serverPostmaster)).toBe(true);
    expect(await health()).toEqual({ status: 200, body: { status: 'ok' } });
    expect(existsSync(runningFile())).toBe(true);
  });

  it('the server answers with what the commands wrote', async () => {
    const response = await fetch(`http://127.0.0.1:${apiPort}/public/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ release { note } }' }),
    });
    expect(await response.json()).toEqual({ data: { release: { note: 'beside the server' } } });
  });

  it('`xingfu db reset` is refused with one sentence while the server runs', async () => {
    const { code, stderr } = await xingfu('db', 'reset');
    expect(code).not.toBe(0);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`running xingfu \\(pid ${server.child.pid}\\b.*stop \`pnpm start\` first`));
    expect(postmasterPid()).toBe(serverPostmaster);
    expect(await health()).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('a command refuses in one sentence when the running database does not answer, and stops nothing', async () => {
    // a stopped postmaster accepts no new connection: the command's check times out
    process.kill(serverPostmaster, 'SIGSTOP');
    try {
      const { code, stderr } = await xingfu('verify');
      expect(code).not.toBe(0);
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`running xingfu \\(pid ${server.child.pid}\\b.*does not answer on port ${pgPort}`));
    } finally {
      process.kill(serverPostmaster, 'SIGCONT');
    }
    expect(postmasterPid()).toBe(serverPostmaster);
    expect(await health()).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('after a crash of the server, the next command stops the orphaned PostgreSQL and starts its own', async () => {
    server.child.kill('SIGKILL');
    await server.exited;
    // the postmaster outlives its killed parent; the record of the dead server stays behind
    expect(isAlive(serverPostmaster)).toBe(true);
    expect(existsSync(runningFile())).toBe(true);
    const { code, stdout, stderr } = await xingfu('db', 'migrate');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Starting the embedded PostgreSQL');
    expect(isAlive(serverPostmaster)).toBe(false);
    expect(existsSync(runningFile())).toBe(false);
  });

  it('a record whose process is gone is ignored', async () => {
    writeFileSync(runningFile(), JSON.stringify({ pid: 2 ** 22 + 1, url: `postgres://127.0.0.1:${pgPort}/xingfu`, port: pgPort }));
    const { code, stdout, stderr } = await xingfu('db', 'reset');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Starting the embedded PostgreSQL');
    expect(existsSync(runningFile())).toBe(false);
    const pid = postmasterPid();
    expect(pid === undefined || !isAlive(pid)).toBe(true);
  });
});
