import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EntityManager } from '@mikro-orm/postgresql';
import { parse } from 'csv-parse/sync';
import { DomainError } from '../errors/domain-error.js';
import { inTransaction } from '../database/transaction.js';
import { parseDate } from '../period/date.js';

/**
 * 户籍人口 per county and town and year: the denominator of the public coverage rates and
 * per-capita amounts (docs/disclosure.md, "Coverage and per-capita"). Each figure carries its
 * source and the date it counts at; figures that are not an official statistic are marked sample
 * (示例数据). The platform ships sample figures for its four counties
 * (packages/domain/data/population.csv, loaded with the regions); a bureau loads its real figures
 * with `xingfu population import <file>`, which replaces the rows it names.
 */
export interface PopulationRow {
  regionCode: string;
  year: number;
  population: number;
  /** 'YYYY-MM-DD': the date the figure counts at (年末 for a yearbook figure). */
  asOf: string;
  source: string;
  /** 示例数据: not an official statistic. */
  sample: boolean;
}

/** The sample figures shipped with the platform (示例数据) for the shipped counties. */
export const SHIPPED_POPULATION_FILE = fileURLToPath(new URL('../../data/population.csv', import.meta.url));

const HEADER = ['region_code', 'year', 'population', 'as_of', 'source', 'sample'];

/**
 * Reads a population CSV (header region_code,year,population,as_of,source[,sample]); any bad row
 * refuses the whole file, naming its line.
 */
export function parsePopulationCsv(text: string | Buffer): PopulationRow[] {
  let records: string[][];
  try {
    const parsed: unknown = parse(text, { skip_empty_lines: true, trim: true, bom: true, relax_column_count: true });
    records = parsed as string[][];
  } catch (error) {
    throw new DomainError('INVALID_POPULATION', `Population file is not CSV: ${(error as Error).message}`);
  }
  const header = records[0] ?? [];
  const columns = HEADER.map((name) => header.indexOf(name));
  if (columns.slice(0, 5).some((i) => i < 0)) {
    throw new DomainError('INVALID_POPULATION', `Population file needs the header ${HEADER.join(',')} (sample optional).`);
  }
  const [code, year, population, asOf, source, sample] = columns as [number, number, number, number, number, number];
  return records.slice(1).map((r, i) => {
    const line = i + 2;
    const row: PopulationRow = {
      regionCode: r[code] ?? '',
      year: Number(r[year]),
      population: Number(r[population]),
      asOf: r[asOf] ?? '',
      source: r[source] ?? '',
      sample: sample >= 0 ? ['true', '1', '是', '示例'].includes((r[sample] ?? '').toLowerCase()) : false,
    };
    if (!/^\d{6}(\d{3})?$/.test(row.regionCode))
      invalidThrow(line, `“${row.regionCode}” is not a county (6 digits) or town (9 digits) code`);
    if (!/^\d{4}$/.test(r[year] ?? '') || row.year < 1949 || row.year > 2100) invalidThrow(line, `“${r[year]}” is not a year`);
    if (!/^\d{1,9}$/.test(r[population] ?? '') || row.population <= 0) {
      invalidThrow(line, `“${r[population]}” is not a population (a whole number above 0)`);
    }
    if (!isDate(row.asOf)) invalidThrow(line, `“${row.asOf}” is not a date YYYY-MM-DD`);
    if (!row.source || row.source.length > 200) invalidThrow(line, 'the source is required (at most 200 characters)');
    return row;
  });
}

function isDate(text: string): boolean {
  try {
    parseDate(text, 'as_of');
    return true;
  } catch {
    return false;
  }
}

function invalidThrow(line: number, what: string): never {
  throw new DomainError('INVALID_POPULATION', `Population file, line ${line}: ${what}; nothing was loaded.`, { line });
}

export function readPopulationFile(file = SHIPPED_POPULATION_FILE): PopulationRow[] {
  return parsePopulationCsv(readFileSync(file));
}

/**
 * Loads population figures in one transaction: every region must exist at the level its code
 * says (county or town), or nothing is loaded. `replace` (a bureau's file) overwrites the figures
 * of the same region and year; without it (the shipped sample) existing figures stay and only the
 * regions already imported are loaded.
 */
export async function importPopulation(em: EntityManager, rows: PopulationRow[], options: { replace: boolean }): Promise<number> {
  if (rows.length === 0) return 0;
  return inTransaction(em, async (tx) => {
    const json = JSON.stringify(
      rows.map((r) => ({
        region_code: r.regionCode,
        year: r.year,
        population: r.population,
        as_of: r.asOf,
        source: r.source,
        sample: r.sample,
      })),
    );
    const recordset = `jsonb_to_recordset(?::jsonb) as t(region_code text, year int, population int, as_of date, source text, sample boolean)`;
    if (options.replace) {
      const unknown = await tx.execute<{ region_code: string }[]>(
        `select t.region_code from ${recordset} left join region r on r.code = t.region_code
         where r.code is null or r.level::text <> case length(t.region_code) when 6 then 'county' else 'town' end limit 1`,
        [json],
      );
      if (unknown[0]) throw DomainError.unknownRegion(unknown[0].region_code);
    }
    const inserted = await tx.execute<{ n: number }[]>(
      `with loaded as (
         insert into region_population (region_code, year, population, as_of, source, sample)
         select t.region_code, t.year, t.population, t.as_of, t.source, t.sample from ${recordset}
         join region r on r.code = t.region_code
         on conflict (region_code, year) ${
           options.replace
             ? 'do update set population = excluded.population, as_of = excluded.as_of, source = excluded.source, sample = excluded.sample'
             : 'do nothing'
         }
         returning 1)
       select count(*)::int as n from loaded`,
      [json],
    );
    return inserted[0]?.n ?? 0;
  });
}

/** The shipped sample figures (示例数据) of the regions imported, leaving any figure already loaded as it is. */
export function importShippedPopulation(em: EntityManager): Promise<number> {
  return importPopulation(em, readPopulationFile(), { replace: false });
}
