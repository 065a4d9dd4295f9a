import { createHash } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildSite } from '@xingfu/cli';
import { addDays, cutRelease, recordCorrection, today, type EntityManager } from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN, buildLedger, type LedgerFixture } from '../support/ledger-fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { walk } from './support/html.js';

/**
 * Releases kept for ever (docs/site.md): every release's pages and files stay at their
 * /releases/{id}/ URLs, whatever number of releases follow; a later build copies them as they
 * were instead of building them again; every citation is a full URL under the canonical origin.
 */
let db: TestDatabase;
let api: TestApi;
let fixture: LedgerFixture;
let dist: string;
const SITE_URL = 'https://xingfu.example.gov.cn';
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);
const asOf = addDays(today(), 40);

/** Every file under a folder, by path, with a digest of its bytes and its modification time. */
async function files(dir: string): Promise<Map<string, { digest: string; mtime: number }>> {
  const out = new Map<string, { digest: string; mtime: number }>();
  for await (const file of walk(dir)) {
    const bytes = await readFile(file);
    out.set(relative(dir, file), { digest: createHash('sha256').update(bytes).digest('hex'), mtime: (await stat(file)).mtimeMs });
  }
  return out;
}

beforeAll(async () => {
  db = await createTestDatabase();
  fixture = await buildLedger(db.orm, { households: 8 });
  api = await startTestApi(db.orm);
  dist = await mkdtemp(join(tmpdir(), 'xingfu-site-releases-'));
  await chmod(dist, 0o755);
}, 120_000);

afterAll(async () => {
  await api?.close();
  await db?.drop();
  if (dist) await rm(dist, { recursive: true, force: true });
});

describe('the site’s releases', () => {
  it('stay published at their URLs, unchanged, after later releases; a later build copies them instead of building them again', async () => {
    const apiUrl = `${api.baseUrl}/public/graphql`;
    const releases: string[] = [];
    releases.push((await run((em) => cutRelease(em, { createdBy: 'site-test', note: '首次发布', asOf }))).id);
    expect(await buildSite(apiUrl, dist, SITE_URL)).toEqual({ built: 1, kept: 0 });
    const first = await files(join(dist, 'releases', releases[0]!));
    expect([...first.keys()]).toEqual(
      expect.arrayContaining(['index.html', `data/370115/${fixture.months[0]!.slice(0, 4)}/summary-by-program.csv`]),
    );

    // three more releases, one a correction: more than the three the site used to keep
    const [enrollment] = await db.orm.em
      .fork()
      .execute<{ id: number }[]>(`select id from enrollment where program_code = 'dibao_rural' order by id limit 1`);
    await run((em) =>
      recordCorrection(em, ADMIN, 'recovery', {
        enrollmentId: enrollment!.id,
        month: fixture.months[0]!,
        amountFen: 100,
        note: '多发追回',
      }),
    );
    for (let i = 0; i < 3; i++)
      releases.push((await run((em) => cutRelease(em, { createdBy: 'site-test', note: `第${i + 2}次`, asOf }))).id);
    expect(await buildSite(apiUrl, dist, SITE_URL)).toEqual({ built: 3, kept: 1 });

    // not one URL of the first release disappeared, and none of its copy was rewritten (its
    // changelog page is built with the release list every time, in the latest release's frame)
    const again = await files(join(dist, 'releases', releases[0]!));
    for (const [path, before] of first) {
      if (path.startsWith('changelog/')) expect(again.has(path), path).toBe(true);
      else expect(again.get(path), path).toEqual(before);
    }
    expect([...again.keys()].sort()).toEqual([...first.keys()].sort());
    for (const id of releases) {
      for (const path of ['index.html', 'county/370115/index.html', 'data/index.html', 'changelog/index.html']) {
        expect((await stat(join(dist, 'releases', id, path))).isFile(), `${id}/${path}`).toBe(true);
      }
    }
    const releaseList = await readFile(join(dist, 'releases', 'index.html'), 'utf8');
    expect(releaseList).not.toContain('未保留页面');

    // every citation is a full URL under the canonical origin
    const year = fixture.months[0]!.slice(0, 4);
    const readme = await readFile(join(dist, 'releases', releases[3]!, 'data', '370115', year, 'README.md'), 'utf8');
    expect(readme).toContain(`${SITE_URL}/releases/${releases[3]}/data/370115/${year}/`);
    const pkg = JSON.parse(await readFile(join(dist, 'data', '370115', year, 'datapackage.json'), 'utf8')) as { homepage: string };
    expect(pkg.homepage).toBe(`${SITE_URL}/releases/${releases[3]}/data/370115/${year}/`);
  }, 600_000);
});
