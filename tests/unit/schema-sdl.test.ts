import { readFile } from 'node:fs/promises';
import { generatedSdl, SCHEMA_FILES } from '@xingfu/cli';
import { describe, expect, it } from 'vitest';

describe('committed SDL in schema/', () => {
  it.each(['internal', 'public'] as const)('schema/%s.graphql matches the code (run `pnpm schema:write` after a change)', async (name) => {
    const sdl = await generatedSdl();
    expect(await readFile(SCHEMA_FILES[name], 'utf8')).toBe(sdl[name]);
  });
});
