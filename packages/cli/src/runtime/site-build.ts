import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { WORKSPACE_ROOT } from './paths.js';

export const SITE_DIR = join(WORKSPACE_ROOT, 'site');

/** The file in a release's copy (/releases/{id}/) naming what it was built from. */
const RELEASE_STAMP = '.xingfu-release.json';

interface ReleaseStamp {
  releaseId: string;
  sources: string;
  siteUrl: string;
}

/**
 * Builds the site into `outDir`, keeping every release's copy for ever: a release never changes,
 * so the /releases/{id}/ copies built before from the same site sources and canonical URL are set
 * aside, not built again (XINGFU_SITE_PREBUILT), and copied back after the build; only the plain
 * URLs, the release list, changelogs and new releases are built. A copy that is missing or was
 * built from other sources is built again. A failed build puts the kept copies back.
 */
export async function buildSite(apiUrl: string, outDir: string, siteUrl: string): Promise<{ built: number; kept: number }> {
  const sources = siteSourceDigest();
  const releasesDir = join(outDir, 'releases');
  const keep = join(dirname(outDir), `.${basename(outDir)}-kept-releases`);
  rmSync(keep, { recursive: true, force: true });
  const kept: string[] = [];
  if (existsSync(releasesDir)) {
    for (const id of readdirSync(releasesDir)) {
      try {
        const stamp = JSON.parse(readFileSync(join(releasesDir, id, RELEASE_STAMP), 'utf8')) as ReleaseStamp;
        if (stamp.releaseId !== id || stamp.sources !== sources || stamp.siteUrl !== siteUrl) continue;
      } catch {
        continue;
      }
      mkdirSync(keep, { recursive: true });
      renameSync(join(releasesDir, id), join(keep, id));
      kept.push(id);
    }
  }
  try {
    await runAstro(apiUrl, outDir, { XINGFU_SITE_URL: siteUrl, XINGFU_SITE_PREBUILT: kept.join(',') });
  } finally {
    // the kept copies go back whatever happened; the freshly built changelog pages win
    for (const id of kept) {
      const target = join(releasesDir, id);
      mkdirSync(target, { recursive: true });
      for (const entry of readdirSync(join(keep, id))) {
        if (!existsSync(join(target, entry))) renameSync(join(keep, id, entry), join(target, entry));
      }
    }
    rmSync(keep, { recursive: true, force: true });
  }
  let built = 0;
  for (const id of readdirSync(releasesDir)) {
    if (kept.includes(id) || !existsSync(join(releasesDir, id, 'index.html'))) continue;
    const stamp: ReleaseStamp = { releaseId: id, sources, siteUrl };
    writeFileSync(join(releasesDir, id, RELEASE_STAMP), JSON.stringify(stamp));
    built++;
  }
  return { built, kept: kept.length };
}

/** Runs `astro build` in site/ against a public GraphQL endpoint; its output is indented. */
function runAstro(apiUrl: string, outDir: string, env: Record<string, string>): Promise<void> {
  const require = createRequire(join(SITE_DIR, 'package.json'));
  const astroBin = join(require.resolve('astro/package.json'), '..', 'bin', 'astro.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [astroBin, 'build', '--silent'], {
      cwd: SITE_DIR,
      env: { ...process.env, ...env, XINGFU_API_URL: apiUrl, XINGFU_SITE_DIST: outDir, ASTRO_TELEMETRY_DISABLED: '1' },
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

/** The file in a built site naming what it was built from. */
const STAMP = '.xingfu-build.json';

/** A digest of the site's sources (its pages, scripts, configuration): a new version rebuilds. */
function siteSourceDigest(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(path.slice(SITE_DIR.length)).update(readFileSync(path));
    }
  };
  walk(SITE_DIR);
  return hash.digest('hex');
}

/**
 * Whether the site in `outDir` was built from this release and these sources: the static site
 * only changes when a release is cut or the site itself changes, so a later start serves it as
 * it is (a start stays quick; `xingfu site build` always builds).
 */
export function siteIsCurrent(outDir: string, releaseId: string | null): boolean {
  try {
    const stamp = JSON.parse(readFileSync(join(outDir, STAMP), 'utf8')) as { releaseId?: string | null; sources?: string };
    return stamp.releaseId === releaseId && stamp.sources === siteSourceDigest() && existsSync(join(outDir, 'index.html'));
  } catch {
    return false;
  }
}

/** Records what the site in `outDir` was built from. */
export function markSiteBuilt(outDir: string, releaseId: string | null): void {
  writeFileSync(join(outDir, STAMP), JSON.stringify({ releaseId, sources: siteSourceDigest(), builtAt: new Date().toISOString() }));
}
