import { cutRelease, openOrm, recordCorrection, type Actor } from '@xingfu/domain';
import { median } from './stats.js';

/** Cutting releases at county scale: a full recompute against a cut after one correction (issue 21: goal under 5 s). */
export interface ReleaseCutResult {
  /** Seconds of a cut that recomputes the county in full (`--full`), each repetition. */
  full_s: number[];
  /** Seconds of a cut after one correction (one recovery of 15.25 元 booked for a published month), each repetition. */
  after_correction_s: number[];
  /** The same through the county-scoped path (what the `cutRelease` mutation runs), each repetition. */
  county_scoped_s: number[];
  full_median_s: number;
  after_correction_median_s: number;
  county_scoped_median_s: number;
  /** How the county came into the last cut after a correction (program years and households recomputed). */
  partial: { families: number; households: number };
  listing_rows: number;
  aggregate_rows: number;
  /** Seconds per step of the last full cut and of the last cut after a correction. */
  phases_full: { name: string; seconds: number }[];
  phases_after_correction: { name: string; seconds: number }[];
}

/**
 * On a released county database: `repetitions` full cuts, then, `repetitions` times, one
 * correction followed by an incremental cut (every county) and one followed by a county-scoped
 * cut. Each correction is booked through the domain service, as a county administrator would.
 */
export async function measureReleaseCuts(databaseUrl: string, countyCode: string, repetitions: number): Promise<ReleaseCutResult> {
  const orm = await openOrm({ clientUrl: databaseUrl });
  const actor: Actor = { subject: 'bench', role: 'county_admin', regionCode: countyCode };
  const seconds = async (work: () => Promise<unknown>) => {
    const t0 = performance.now();
    await work();
    return (performance.now() - t0) / 1000;
  };
  try {
    const cut = (options: { full?: boolean; countyCode?: string }) =>
      orm.em.fork().transactional((em) => cutRelease(em, { createdBy: 'bench', note: 'benchmark', ...options }));
    const correct = async (i: number) => {
      const [row] = await orm.em.fork().execute<{ enrollment_id: number; month: string }[]>(
        `select p.enrollment_id, to_char(p.month, 'YYYY-MM') as month from payment p
         join program pr on pr.code = p.program_code and pr.disclosure = 'listed' and pr.frequency = 'monthly'
         where p.county_code = ? and p.kind = 'regular' and p.amount_fen > 1525 order by p.id limit 1 offset ?`,
        [countyCode, i * 997],
      );
      if (!row) throw new Error('No regular payment to correct in the bench county.');
      await orm.em.fork().transactional((em) =>
        recordCorrection(em, actor, 'recovery', {
          enrollmentId: row.enrollment_id,
          month: row.month,
          amountFen: 1525,
          note: 'benchmark',
        }),
      );
    };
    const full: number[] = [];
    const incremental: number[] = [];
    const scoped: number[] = [];
    let last = await cut({ full: true });
    for (let i = 0; i < repetitions; i++) full.push(await seconds(async () => (last = await cut({ full: true }))));
    const phasesFull = last.phases;
    let phasesAfter = last.phases;
    let partial = { families: 0, households: 0 };
    for (let i = 0; i < repetitions; i++) {
      await correct(2 * i);
      incremental.push(
        await seconds(async () => {
          last = await cut({});
          phasesAfter = last.phases;
          const county = last.counties.find((c) => c.countyCode === countyCode);
          partial = { families: county?.families ?? 0, households: county?.households ?? 0 };
        }),
      );
      await correct(2 * i + 1);
      scoped.push(await seconds(async () => (last = await cut({ countyCode }))));
    }
    return {
      full_s: full,
      after_correction_s: incremental,
      county_scoped_s: scoped,
      full_median_s: median(full),
      after_correction_median_s: median(incremental),
      county_scoped_median_s: median(scoped),
      partial,
      listing_rows: last.listingRows,
      aggregate_rows: last.aggregateRows,
      phases_full: phasesFull,
      phases_after_correction: phasesAfter,
    };
  } finally {
    await orm.close(true);
  }
}
