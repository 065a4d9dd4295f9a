import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../errors/domain-error.js';
import type { RegionRow } from './region-row.js';

/**
 * Upserts regions in one statement (parents before children; foreign keys are checked at the
 * end of the statement). Names are updated when the source renames a region.
 */
export async function importRegions(em: EntityManager, rows: RegionRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const sorted = [...rows].sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code));
  const connection = em.getConnection();
  try {
    await connection.execute(
      `insert into region (code, name, level, parent_code)
       select code, name, level::region_level, parent_code
       from jsonb_to_recordset(?::jsonb) as t(code text, name text, level text, parent_code text)
       on conflict (code) do update set name = excluded.name`,
      [JSON.stringify(sorted.map((r) => ({ code: r.code, name: r.name, level: r.level, parent_code: r.parentCode })))],
    );
  } catch (error) {
    if ((error as { code?: string }).code === '23503') {
      throw new DomainError('UNKNOWN_REGION', 'A region in the import has a parent that is neither in the import nor in the database.');
    }
    throw error;
  }
  return sorted.length;
}

/** Counties already in the database. */
export async function importedCounties(em: EntityManager): Promise<string[]> {
  const rows = await em.getConnection().execute<{ code: string }[]>(`select code from region where level = 'county' order by code`);
  return rows.map((r) => r.code);
}
