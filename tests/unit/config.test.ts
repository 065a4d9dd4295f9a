import { ConfigError, loadConfig, siteUrlOf } from '@xingfu/api';
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

  it('gives the site a canonical URL: XINGFU_SITE_URL, or where the site server listens', () => {
    expect(siteUrlOf(loadConfig({}))).toBe('http://127.0.0.1:4321');
    expect(siteUrlOf(loadConfig({ XINGFU_HOST: '0.0.0.0', XINGFU_SITE_PORT: '8080' }))).toBe('http://127.0.0.1:8080');
    expect(siteUrlOf(loadConfig({ XINGFU_SITE_URL: 'https://xingfu.example.gov.cn/' }))).toBe('https://xingfu.example.gov.cn');
    expect(() => loadConfig({ XINGFU_SITE_URL: 'xingfu.example.gov.cn' })).toThrow(/XINGFU_SITE_URL/);
    expect(() => loadConfig({ XINGFU_SITE_URL: 'ftp://xingfu.example.gov.cn' })).toThrow(/XINGFU_SITE_URL/);
  });
});
