import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markSiteBuilt, siteIsCurrent } from '@xingfu/cli';
import { afterEach, describe, expect, it } from 'vitest';

/** A later `xingfu start` serves the site as built when nothing it is built from has changed. */
let dir = '';

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the built site’s stamp', () => {
  it('is current for the release it was built from, and not for a later release, a missing stamp or a missing site', async () => {
    dir = await mkdtemp(join(tmpdir(), 'xingfu-site-'));
    expect(siteIsCurrent(dir, '2026-12-02.1')).toBe(false);
    await writeFile(join(dir, 'index.html'), '<!doctype html>');
    expect(siteIsCurrent(dir, '2026-12-02.1')).toBe(false);
    markSiteBuilt(dir, '2026-12-02.1');
    expect(siteIsCurrent(dir, '2026-12-02.1')).toBe(true);
    expect(siteIsCurrent(dir, '2026-12-02.2')).toBe(false);
    await rm(join(dir, 'index.html'));
    expect(siteIsCurrent(dir, '2026-12-02.1')).toBe(false);
  });
});
