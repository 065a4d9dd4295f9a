import { readFileSync } from 'node:fs';
import { API_NODE_FLAGS } from '@xingfu/api';
import { fromRoot } from '@xingfu/cli';
import { describe, expect, it } from 'vitest';

describe('node flags of the API process', () => {
  const scripts = (JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

  it.each(['start', 'xingfu'])('are passed by `pnpm %s`', (script) => {
    expect(scripts[script]).toContain(`node ${API_NODE_FLAGS.join(' ')} packages/cli/dist/main.js`);
  });
});
