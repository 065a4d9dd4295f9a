import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import { CLI_MAIN, WORKSPACE_ROOT } from './paths.js';
import { spawnNode } from './processes.js';
import type { RunningServer } from './servers.js';

/** An HTTP proxy in front of the API that counts what passes: the site is not touched. */
async function countingProxy(target: string): Promise<{ url: string; counts: Map<string, number>; close(): Promise<void> }> {
  const upstream = new URL(target);
  const counts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const key = `${req.method ?? 'GET'} ${(req.url ?? '/').split('?')[0]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface SiteBuildResult {
  ok: boolean;
  seconds: number;
  /** POSTs to /public/graphql seen by the proxy. */
  graphqlRequests: number;
  /** Requests the site itself logged (XINGFU_SITE_REQUEST_LOG), when it writes the log. */
  siteLoggedRequests: number | null;
  pages: number | null;
  error?: string;
}

/** `xingfu site build --api-url <proxy>` for the database the API serves: seconds and GraphQL requests. */
export async function measureSiteBuild(api: RunningServer, workDir: string): Promise<SiteBuildResult> {
  const proxy = await countingProxy(api.baseUrl);
  const outDir = join(workDir, 'site-dist');
  const requestLog = join(workDir, 'site-requests.jsonl');
  await rm(outDir, { recursive: true, force: true });
  await rm(requestLog, { force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XINGFU_SITE_DIST: outDir,
    XINGFU_SITE_REQUEST_LOG: requestLog,
    XINGFU_LOG_LEVEL: 'warn',
  };
  delete env['DATABASE_URL'];
  const started = performance.now();
  const child = spawnNode(
    'xingfu site build',
    [CLI_MAIN, 'site', 'build', '--api-url', `${proxy.url}/public/graphql`],
    env,
    join(workDir, 'site-build.log'),
    WORKSPACE_ROOT,
  );
  const code = await child.exited;
  const seconds = (performance.now() - started) / 1000;
  await proxy.close();
  const graphqlRequests = proxy.counts.get('POST /public/graphql') ?? 0;
  const siteLoggedRequests = existsSync(requestLog) ? (await readFile(requestLog, 'utf8')).split('\n').filter(Boolean).length : null;
  const pages = existsSync(outDir) ? await countPages(outDir) : null;
  if (code !== 0) {
    const log = await readFile(join(workDir, 'site-build.log'), 'utf8').catch(() => '');
    return { ok: false, seconds, graphqlRequests, siteLoggedRequests, pages, error: buildError(log) };
  }
  return { ok: true, seconds, graphqlRequests, siteLoggedRequests, pages };
}

async function countPages(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((e) => e.endsWith('.html')).length;
}

/** The message of a failed build: the line after "The site build failed (exit n):", else the last line that is not a stack frame. */
function buildError(log: string): string {
  const lines = log.split('\n').map((l) => l.trim());
  const marker = lines.findIndex((l) => /The site build failed/.test(l));
  const message = marker >= 0 ? lines.slice(marker + 1).find((l) => l && !l.startsWith('at ')) : undefined;
  return message ?? lines.filter((l) => l && !l.startsWith('at ')).at(-1) ?? 'unknown error (see site-build.log)';
}
