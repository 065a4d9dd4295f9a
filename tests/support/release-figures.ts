import { cutRelease } from '@xingfu/domain';
import type { TestDatabase } from './test-database.js';

/** A county's published year, per program, as the release holds it (what the downloads are made from). */
export interface ReleasedProgramYear {
  households: number;
  persons: number;
  personMonths: number;
  payments: number;
  amountFen: number;
  suppressed: boolean;
}

/** Cuts a release of everything loaded (as the first start does) and returns its id. */
export async function cutTestRelease(db: TestDatabase): Promise<string> {
  const release = await db.orm.em.fork().transactional((em) => cutRelease(em, { createdBy: 'test', note: 'calibration' }));
  return release.id;
}

/** The release's county figures of one year, by program. */
export async function releasedYear(
  db: TestDatabase,
  releaseId: string,
  county: string,
  year: number,
): Promise<Map<string, ReleasedProgramYear>> {
  const rows = await db.orm.em.fork().execute<
    {
      program_code: string;
      households: number;
      persons: number;
      person_months: number;
      payments: number;
      amount_fen: string;
      suppressed: boolean;
    }[]
  >(
    `select program_code, households, persons, person_months, payments, amount_fen::text, suppressed from rollup_aggregate
     where release_id = ? and region_code = ? and region_level = 'county' and period_kind = 'year' and period = ?`,
    [releaseId, county, String(year)],
  );
  return new Map(
    rows.map((r) => [
      r.program_code,
      {
        households: r.households,
        persons: r.persons,
        personMonths: r.person_months,
        payments: r.payments,
        amountFen: Number(r.amount_fen),
        suppressed: r.suppressed,
      },
    ]),
  );
}

/** The release's standards of a county: program/area/tier → effective month → yuan. */
export async function releasedStandards(
  db: TestDatabase,
  releaseId: string,
  county: string,
): Promise<{ program: string; area: string; tier: string; month: string; yuan: number }[]> {
  const rows = await db.orm.em
    .fork()
    .execute<{ program_code: string; area_type: string; tier: string; month: string; amount_fen: string }[]>(
      `select program_code, area_type, tier, to_char(effective_month, 'YYYY-MM') as month, amount_fen::text from release_standard
     where release_id = ? and county_code = ? order by program_code, area_type, tier, effective_month`,
      [releaseId, county],
    );
  return rows.map((r) => ({ program: r.program_code, area: r.area_type, tier: r.tier, month: r.month, yuan: Number(r.amount_fen) / 100 }));
}

export function sum(
  figures: Map<string, ReleasedProgramYear>,
  programs: readonly string[],
  field: keyof Omit<ReleasedProgramYear, 'suppressed'>,
): number {
  return programs.reduce((total, p) => total + (figures.get(p)?.[field] ?? 0), 0);
}
