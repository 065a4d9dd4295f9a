import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { WORKSPACE_ROOT } from './paths.js';

export const SITE_DIR = join(WORKSPACE_ROOT, 'site');

/** Runs `astro build` in site/ against a public GraphQL endpoint; its output is indented. */
export function buildSite(apiUrl: string, outDir: string): Promise<void> {
  const require = createRequire(join(SITE_DIR, 'package.json'));
  const astroBin = join(require.resolve('astro/package.json'), '..', 'bin', 'astro.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [astroBin, 'build', '--silent'], {
      cwd: SITE_DIR,
      env: { ...process.env, XINGFU_API_URL: apiUrl, XINGFU_SITE_DIST: outDir, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        if (process.stdout.isTTY) process.stdout.write(`  │ ${line}\n`);
      });
    }
    const stop = () => child.kill('SIGTERM');
    process.once('exit', stop);
    child.once('error', reject);
    child.once('exit', (code) => {
      process.off('exit', stop);
      if (code === 0) resolve();
      else reject(new Error(`The site build failed (exit ${code}):\n${lines.slice(-30).join('\n')}`));
    });
  });
}
