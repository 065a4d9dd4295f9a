import { ConfigError, loadConfig } from '@xingfu/api';
import { describe, expect, it } from 'vitest';

describe('configuration', () => {
  it('has working defaults for a development machine', () => {
    const config = loadConfig({});
    expect(config.XINGFU_API_PORT).toBe(4000);
    expect(config.XINGFU_SITE_PORT).toBe(4321);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('reads ports from the environment', () => {
    expect(loadConfig({ XINGFU_API_PORT: '4100' }).XINGFU_API_PORT).toBe(4100);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ XINGFU_API_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ XINGFU_API_PORT: '70000' })).toThrow(/XINGFU_API_PORT/);
  });
});
