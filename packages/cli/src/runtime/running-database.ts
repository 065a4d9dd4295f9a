import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isPostmasterOwnedBy, livePostmasterPid } from '@xingfu/domain';

/**
 * XINGFU_DATA_DIR/running.json: written by the xingfu process that started the embedded
 * PostgreSQL (`pnpm start`, `xingfu serve`, or any command that found none running), removed when
 * it stops it. Other commands read it to use that database instead of starting (or stopping) the
 * cluster. A file left behind by a crash is harmless: it counts only while its process runs and the
 * cluster's postmaster runs as that process's child.
 */
export interface RunningDatabase {
  /** The process that started the embedded PostgreSQL and stops it when it ends. */
  pid: number;
  url: string;
  port: number;
  startedAt: string;
  /** The xingfu command of that process, e.g. `start`. */
  command: string;
}

export function runningFile(dataDir: string): string {
  return join(dataDir, 'running.json');
}

export async function readRunningDatabase(dataDir: string): Promise<RunningDatabase | undefined> {
  try {
    const record = JSON.parse(await readFile(runningFile(dataDir), 'utf8')) as Partial<RunningDatabase>;
    if (typeof record.pid !== 'number' || typeof record.url !== 'string' || typeof record.port !== 'number') return undefined;
    return {
      pid: record.pid,
      url: record.url,
      port: record.port,
      startedAt: String(record.startedAt ?? ''),
      command: String(record.command ?? ''),
    };
  } catch {
    return undefined;
  }
}

/** The other xingfu process whose embedded PostgreSQL runs now, if any (a record left by a crash is not one). */
export async function findRunningDatabase(dataDir: string): Promise<RunningDatabase | undefined> {
  const record = await readRunningDatabase(dataDir);
  if (!record || record.pid === process.pid) return undefined;
  const postmaster = await livePostmasterPid(join(dataDir, 'pg'));
  return postmaster !== undefined && isPostmasterOwnedBy(postmaster, record.pid) ? record : undefined;
}

/** Records this process as the owner of the embedded PostgreSQL at `url`. */
export async function writeRunningDatabase(dataDir: string, url: string, port: number): Promise<void> {
  const record: RunningDatabase = {
    pid: process.pid,
    url,
    port,
    startedAt: new Date().toISOString(),
    command: process.argv.slice(2).join(' '),
  };
  await writeFile(runningFile(dataDir), `${JSON.stringify(record, null, 2)}\n`);
}

/** Removes the record, if it is still this process's. */
export async function removeRunningDatabase(dataDir: string): Promise<void> {
  const record = await readRunningDatabase(dataDir);
  if (record?.pid === process.pid) await rm(runningFile(dataDir), { force: true });
}
