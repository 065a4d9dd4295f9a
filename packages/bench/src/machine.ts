import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WORKSPACE_ROOT } from './paths.js';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  freeMemoryGb: number;
  os: string;
  loadAverageStart: number[];
  loadAverageEnd?: number[];
  /** Busy share of all cores while the benchmark ran (other work included), from /proc/stat. */
  cpuBusyShare?: number;
}

export function machineInfo(): MachineInfo {
  const cores = cpus();
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGb: Math.round((freemem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    loadAverageStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** Jiffies busy and total over all cores (/proc/stat), to tell how loaded the machine was. */
export async function cpuTimes(): Promise<{ busy: number; total: number } | null> {
  try {
    const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

async function versionOf(packageDir: string, name: string): Promise<string> {
  try {
    const json = JSON.parse(await readFile(join(WORKSPACE_ROOT, packageDir, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string;
    };
    return json.version;
  } catch {
    return 'unknown';
  }
}

export async function versions(postgres: string): Promise<Record<string, string>> {
  const git = async (...args: string[]) => {
    try {
      return (await promisify(execFile)('git', args, { cwd: WORKSPACE_ROOT })).stdout.trim();
    } catch {
      return 'unknown';
    }
  };
  const dirty = await git('status', '--porcelain');
  return {
    xingfu: `${(await git('rev-parse', '--short', 'HEAD')) || 'unknown'}${dirty && dirty !== 'unknown' ? ` (+${dirty.split('\n').length} uncommitted files)` : ''}`,
    node: process.versions.node,
    postgresql: postgres,
    postgraphile: await versionOf('packages/bench', 'postgraphile'),
    autocannon: await versionOf('packages/bench', 'autocannon'),
    '@apollo/server': await versionOf('packages/api', '@apollo/server'),
    'type-graphql': await versionOf('packages/api', 'type-graphql'),
    graphql: await versionOf('packages/api', 'graphql'),
    '@mikro-orm/core': await versionOf('packages/domain', '@mikro-orm/core'),
    astro: await versionOf('site', 'astro'),
  };
}
