import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import { countyYearDatasets } from '../../site/src/lib/datasets.js';
import { folderFilesOf, folderMeta } from '../../site/src/lib/downloads.js';
import { loadSnapshot } from '../../site/src/lib/site-data.js';
import type { TestApi } from './graphql-client.js';

/**
 * The public downloads as a journalist gets them (docs/demo-data.md, "Calibration"): the site's
 * own loader (site/src/lib/site-data.ts — the same `graphql()` documents the build sends) reads the
 * test API's public endpoint, and the site's own dataset and file functions (datasets.ts,
 * downloads.ts) write every file of /data/{county}/{year}/ of the latest release. The CSVs are
 * the bytes the built site serves (tests/site/journalist.test.ts compares them with a real
 * build); the tests parse them with csv-parse. Without `astro build`: the downloads need neither
 * the pages nor the 幸福清单, which the snapshot leaves out (`listings: false`).
 */
export interface PublicDownloads {
  /** The text of /data/{county}/{year}/{file} (its short name, e.g. `summary-by-program.csv`). */
  file(county: string, year: number, file: string): string;
  /** A CSV of /data/{county}/{year}/, parsed: one record per row, by column name, every cell as written. */
  csv(county: string, year: number, file: string): Record<string, string>[];
  /** The counties and years of /data/, as `{county}/{year}`. */
  folders: string[];
  /** Every text file (CSV, Excel CSV, JSON, README.md, datapackage.json) by its path, `data/{county}/{year}/{file}`. */
  texts: ReadonlyMap<string, string>;
}

/** Reads the public API of `api` and writes the /data/ files of its latest release. */
export async function publicDownloads(api: TestApi): Promise<PublicDownloads> {
  const before = process.env.XINGFU_API_URL;
  process.env.XINGFU_API_URL = `${api.baseUrl}/public/graphql`;
  let site;
  try {
    site = await loadSnapshot({ listings: false });
  } finally {
    if (before === undefined) delete process.env.XINGFU_API_URL;
    else process.env.XINGFU_API_URL = before;
  }
  // the plain URLs /data/{county}/{year}/ show the latest release
  const edition = site.editions.find((e) => e.prefix === '')!;
  const files = new Map<string, string>();
  for (const cr of edition.counties.values()) {
    for (const year of cr.years) {
      for (const f of await folderFilesOf(countyYearDatasets(site, edition, cr, year), folderMeta(edition, cr, year))) {
        if (typeof f.body === 'string') files.set(`data/${cr.county.code}/${year}/${f.file}`, f.body);
      }
    }
  }
  const file = (county: string, year: number, name: string): string => {
    const body = files.get(`data/${county}/${year}/${name}`);
    if (body === undefined) throw new Error(`/data/${county}/${year}/${name} is not published`);
    return body;
  };
  return {
    file,
    csv: (county, year, name) => parse<Record<string, string>>(file(county, year, name), { columns: true }),
    folders: [...new Set([...files.keys()].map((k) => k.split('/').slice(1, 3).join('/')))].sort(),
    texts: files,
  };
}

/** The row of a CSV whose columns have these values (exactly one). */
export function rowWhere(rows: Record<string, string>[], match: Record<string, string>): Record<string, string> {
  const found = rows.filter((r) => Object.entries(match).every(([k, v]) => r[k] === v));
  expect(found, `one row with ${JSON.stringify(match)}`).toHaveLength(1);
  return found[0]!;
}

/** A count as the CSV writes it: an integer, never `c` (suppressed) or empty. */
export function count(row: Record<string, string>, column: string): number {
  const text = row[column];
  expect(text, `column ${column}`).toMatch(/^-?\d+$/);
  return Number(text);
}

/** An amount (`amount_yuan`: yuan with two decimals) as integer fen, never `c` or empty. */
export function fen(row: Record<string, string>, column = 'amount_yuan'): number {
  const text = row[column];
  expect(text, `column ${column}`).toMatch(/^-?\d+\.\d\d$/);
  const [yuan, cents] = text!.replace('-', '').split('.') as [string, string];
  return (text!.startsWith('-') ? -1 : 1) * (Number(yuan) * 100 + Number(cents));
}

/** A decimal (a percentage with two decimals), never `c` or empty. */
export function decimal(row: Record<string, string>, column: string): number {
  const text = row[column];
  expect(text, `column ${column}`).toMatch(/^-?\d+(\.\d+)?$/);
  return Number(text);
}

/** The sum of a column over the rows of these programs (each must be published: a missing program fails). */
export function programSum(
  rows: Record<string, string>[],
  programs: readonly string[],
  read: (row: Record<string, string>) => number,
): number {
  return programs.reduce((total, p) => total + read(rowWhere(rows, { program_code: p })), 0);
}

/** `actual` within 1 % of the published figure. */
export function within1Percent(actual: number, published: number): void {
  expect(Math.abs(actual - published) / published, `${actual} vs published ${published}`).toBeLessThanOrEqual(0.01);
}
