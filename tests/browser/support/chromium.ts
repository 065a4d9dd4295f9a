import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium (`apt-get install chromium fonts-noto-cjk`, listed in .ci/apt-packages) driven
 * by playwright-core: no browser download. XINGFU_CHROMIUM names another binary.
 */
export const CHROMIUM = process.env['XINGFU_CHROMIUM'] ?? '/usr/bin/chromium';

/** Without Chromium the browser tests are skipped locally, and fail in CI. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env['CI'])
    throw new Error(`${CHROMIUM} is missing: CI installs the packages of .ci/apt-packages (chromium, fonts-noto-cjk).`);
  process.stderr.write(`browser tests skipped: no ${CHROMIUM} (apt-get install chromium fonts-noto-cjk)\n`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
