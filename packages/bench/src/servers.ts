import { join } from 'node:path';
import { API_NODE_FLAGS } from '@xingfu/api';
import { freePort, spawnNode, waitUntil, type Child } from './processes.js';
import { CEILING_SERVER, CLI_MAIN, POSTGRAPHILE_SERVER, WORKSPACE_ROOT } from './paths.js';

export type ServerName = 'xingfu' | 'postgraphile' | 'ceiling';

export interface RunningServer {
  name: ServerName;
  baseUrl: string;
  child: Child;
}

/** Only what the servers need from the environment: no XINGFU_* of the caller leaks in. */
function baseEnv(): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'];
  return {
    ...Object.fromEntries(keep.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]])),
    NODE_ENV: 'production',
  };
}

/** Waits for a child to answer; a child that never does is stopped before the error goes up. */
async function ready(child: Child, probe: () => Promise<boolean>): Promise<void> {
  try {
    await waitUntil(child, probe);
  } catch (error) {
    await child.stop();
    throw error;
  }
}

async function ok(url: string, init?: RequestInit): Promise<boolean> {
  const response = await fetch(url, init);
  await response.arrayBuffer();
  return response.ok;
}

export interface XingfuServerOptions {
  databaseUrl: string;
  logDir: string;
  maxQueryCost: number;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** Further settings (XINGFU_* variables), e.g. the rate limit's. */
  env?: Record<string, string>;
}

/** The API as users run it: `xingfu serve` on DATABASE_URL, in its own process, with the node flags `pnpm start` passes. */
export async function startXingfu(options: XingfuServerOptions): Promise<RunningServer> {
  const port = await freePort();
  const child = spawnNode(
    'xingfu serve',
    [...API_NODE_FLAGS, ...(options.nodeArgs ?? []), CLI_MAIN, 'serve'],
    {
      ...baseEnv(),
      DATABASE_URL: options.databaseUrl,
      XINGFU_HOST: '127.0.0.1',
      XINGFU_API_PORT: String(port),
      XINGFU_MAX_QUERY_COST: String(options.maxQueryCost),
      XINGFU_LOG_LEVEL: 'warn',
      ...options.env,
    },
    join(options.logDir, 'xingfu-serve.log'),
    WORKSPACE_ROOT,
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  await ready(child, () => ok(`${baseUrl}/healthz`));
  return { name: 'xingfu', baseUrl, child };
}

/** PostGraphile v5 (amber) on the same database, in its own process. */
export async function startPostGraphile(databaseUrl: string, logDir: string): Promise<RunningServer> {
  const port = await freePort();
  const child = spawnNode(
    'postgraphile',
    [POSTGRAPHILE_SERVER],
    { ...baseEnv(), GRAPHILE_ENV: 'production', DATABASE_URL: databaseUrl, PORT: String(port) },
    join(logDir, 'postgraphile.log'),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  await ready(child, () =>
    ok(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' }),
  );
  return { name: 'postgraphile', baseUrl, child };
}

/** The single-SQL endpoint (and the raw GROUP BY), in its own process. */
export async function startCeiling(databaseUrl: string, logDir: string): Promise<RunningServer> {
  const port = await freePort();
  const child = spawnNode(
    'ceiling',
    [CEILING_SERVER],
    { ...baseEnv(), DATABASE_URL: databaseUrl, PORT: String(port) },
    join(logDir, 'ceiling.log'),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  await ready(child, () => ok(`${baseUrl}/healthz`, { method: 'POST', body: '{}' }));
  return { name: 'ceiling', baseUrl, child };
}
