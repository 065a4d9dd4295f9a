import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SITE_DIR = fileURLToPath(new URL('../../../site/', import.meta.url));

export interface RequestLogLine {
  operation: string;
  variables: Record<string, unknown>;
  bytes: number;
  ms: number;
}

export interface SiteBuild {
  dist: string;
  seconds: number;
  /** Every GraphQL request the build made (site/src/lib/public-api.ts logs them). */
  requests: RequestLogLine[];
  output: string;
}

/** Runs `astro build` in site/ against a public endpoint, as `xingfu site build --api-url` does. */
export async function buildSite(options: { apiUrl: string; dist: string; env?: Record<string, string> }): Promise<SiteBuild> {
  const astro = join(createRequire(join(SITE_DIR, 'package.json')).resolve('astro/package.json'), '..', 'bin', 'astro.mjs');
  const log = join(tmpdir(), `xingfu-site-requests-${process.pid}-${Date.now()}.jsonl`);
  const started = Date.now();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [astro, 'build', '--silent'], {
      cwd: SITE_DIR,
      env: {
        ...process.env,
        XINGFU_API_URL: options.apiUrl,
        XINGFU_SITE_DIST: options.dist,
        XINGFU_SITE_REQUEST_LOG: log,
        ASTRO_TELEMETRY_DISABLED: '1',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`astro build failed (${code}):\n${text.slice(-4000)}`))));
  });
  const seconds = (Date.now() - started) / 1000;
  const lines = (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  await rm(log, { force: true });
  return { dist: options.dist, seconds, requests: lines.map((l) => JSON.parse(l) as RequestLogLine), output };
}
