import type { EntityManager } from '@mikro-orm/postgresql';
import { today } from '../access/clock.js';
import { DomainError } from '../errors/domain-error.js';
import { applySuppression } from './rollup-suppression.js';
import { FROZEN_TABLES, freezeStatement } from './release-figures.js';

export interface ReleaseSummary {
  id: string;
  asOf: string;
  months: number;
  aggregateRows: number;
  listingRows: number;
  changes: number;
}

/**
 * Months a release publishes: a county's complete months (before the as-of month) that have
 * ledger rows and no payroll batch still in draft — a month becomes public once its payroll is
 * approved.
 */
const PUBLISHABLE_MONTHS_SQL = `
  insert into release_period (release_id, county_code, month)
  select ?, p.county_code, p.month from payment p
  where p.month < date_trunc('month', ?::date)
  group by p.county_code, p.month
  having not exists (
    select 1 from payroll_batch b where b.county_code = p.county_code and b.month = p.month and b.status = 'draft')`;

/**
 * Aggregates of the released months, for every region level and period at once. A beneficiary is
 * a person (person programs) or a household; persons = Σ over beneficiaries of their largest
 * covered-members count in the period; person-months (人次) = Σ covered members of regular
 * payments plus one per one-off payment; amount = every ledger row (regular, 补发, 追回, one-off).
 */
const AGGREGATE_SQL = `
  insert into rollup_aggregate (release_id, region_code, region_level, program_code, period_kind, period,
                                households, persons, person_months, payments, amount_fen)
  select ?, region_code, region_level::region_level, program_code, period_kind, period,
         count(distinct household_id), sum(max_covered), sum(person_months), sum(payments), sum(amount_fen)
  from (
    select r.code as region_code, r.level as region_level, p.program_code, per.kind as period_kind, per.period,
           p.household_id, coalesce('p' || p.person_id, 'h' || p.household_id) as beneficiary,
           max(p.covered_members) as max_covered,
           sum(case when p.kind = 'regular' then p.covered_members when p.kind = 'one_off' then 1 else 0 end) as person_months,
           count(*) as payments, sum(p.amount_fen) as amount_fen
    from payment p
    join release_period rp on rp.release_id = ? and rp.county_code = p.county_code and rp.month = p.month
    join program pr on pr.code = p.program_code and pr.disclosure <> 'hidden'
    cross join lateral (values ('month', to_char(p.month, 'YYYY-MM')), ('quarter', to_char(p.month, 'YYYY-"Q"Q')), ('year', to_char(p.month, 'YYYY')))
      as per(kind, period)
    cross join lateral (values (left(p.village_code, 6), 'county'), (left(p.village_code, 9), 'town'), (p.village_code, 'village'))
      as r(code, level)
    group by 1, 2, 3, 4, 5, 6, 7
  ) beneficiaries
  group by region_code, region_level, program_code, period_kind, period`;

/**
 * The 幸福清单: per village, released month and household, each listed program's amount that
 * month and year to date (a running sum over the released months of the year). The head of
 * household is the current head (or the latest one). Names are masked here, in SQL: the full name
 * never leaves the database.
 */
const LISTING_SQL = `
  insert into listing_row (release_id, village_code, month, public_id, masked_name, covered_members, program_code, amount_fen, year_to_date_fen)
  with monthly as (
    select p.village_code, p.month, p.household_id, p.program_code, max(p.covered_members) as covered, sum(p.amount_fen) as amount_fen
    from payment p
    join release_period rp on rp.release_id = ? and rp.county_code = p.county_code and rp.month = p.month
    join program pr on pr.code = p.program_code and pr.disclosure = 'listed'
    group by 1, 2, 3, 4
  ),
  heads as (
    select distinct on (hm.household_id) hm.household_id, mask_name(pe.name) as masked_name
    from household_member hm join person pe on pe.id = hm.person_id
    where hm.relation = 'head' and hm.household_id in (select household_id from monthly)
    order by hm.household_id, (hm.end_date is null) desc, hm.start_date desc
  )
  select ?, m.village_code, m.month, h.public_id, coalesce(heads.masked_name, '*'), m.covered, m.program_code, m.amount_fen,
         sum(m.amount_fen) over (partition by m.household_id, m.program_code, date_trunc('year', m.month) order by m.month)
  from monthly m
  join household h on h.id = m.household_id
  left join heads on heads.household_id = m.household_id`;

/**
 * Month-level county figures that differ from the previous release (or are new in this one).
 * Figures of a suppressed cell stay out of the changelog too.
 */
const CHANGELOG_SQL = `
  insert into release_change (release_id, county_code, program_code, month, change, amount_before_fen, amount_after_fen, households_before, households_after)
  select ?, cur.region_code, cur.program_code, to_date(cur.period, 'YYYY-MM'),
         case when prev.region_code is null then 'added' else 'corrected' end,
         case when prev.suppressed then null else prev.amount_fen end, case when cur.suppressed then null else cur.amount_fen end,
         case when prev.suppressed then null else prev.households end, case when cur.suppressed then null else cur.households end
  from rollup_aggregate cur
  left join rollup_aggregate prev on prev.release_id = ? and prev.region_code = cur.region_code
    and prev.program_code = cur.program_code and prev.period_kind = 'month' and prev.period = cur.period
  where cur.release_id = ? and cur.region_level = 'county' and cur.period_kind = 'month'
    and (prev.region_code is null or prev.amount_fen <> cur.amount_fen or prev.households <> cur.households)`;

/**
 * Every figure of a release whose months (release_period) are fixed: aggregates and their
 * suppression, the 幸福清单, application counts, the catalog, standards and re-review results as
 * they stand, and the changelog against the previous release. Used by the cut and, into a scratch
 * release, by `verifyRelease`.
 */
async function computeReleaseFigures(em: EntityManager, id: string, previousId: string | null): Promise<void> {
  await em.execute(AGGREGATE_SQL, [id, id]);
  await applySuppression(em, id);
  await em.execute(LISTING_SQL, [id, id]);
  // application counts, the catalog, standards, re-review results and every other declared table
  // are copied too: nothing the release publishes is read live
  for (const table of FROZEN_TABLES) {
    if (table.freeze) await em.execute(...freezeStatement(table.freeze, id));
  }
  if (previousId) await em.execute(CHANGELOG_SQL, [id, previousId, id]);
  else await em.execute(CHANGELOG_SQL.replace('prev.release_id = ?', 'false and prev.release_id = ?'), [id, '', id]);
}

/**
 * Cuts a disclosure release: fixes which months are public, computes every aggregate and the
 * 幸福清单 from the ledger, applies small-cell suppression, and records what changed since the
 * previous release. Earlier releases stay as they were.
 */
export async function cutRelease(em: EntityManager, options: { createdBy: string; note?: string; asOf?: string }): Promise<ReleaseSummary> {
  const asOf = options.asOf ?? today();
  const previous = await em.execute<{ id: string; seq: number }[]>('select id, seq from disclosure_release order by seq desc limit 1');
  const sameDay = await em.execute<{ n: number }[]>('select count(*)::int as n from disclosure_release where as_of = ?', [asOf]);
  const id = `${asOf}.${(sameDay[0]?.n ?? 0) + 1}`;
  const seq = (previous[0]?.seq ?? 0) + 1;
  await em.execute('insert into disclosure_release (id, seq, as_of, created_by, note) values (?, ?, ?, ?, ?)', [
    id,
    seq,
    asOf,
    options.createdBy,
    options.note ?? '',
  ]);
  await em.execute(PUBLISHABLE_MONTHS_SQL, [id, asOf]);
  const months = await em.execute<{ n: number }[]>('select count(*)::int as n from release_period where release_id = ?', [id]);
  if ((months[0]?.n ?? 0) === 0) {
    throw new DomainError(
      'NOT_FOUND',
      'No month can be published: a month is published once it is over and its payroll batches are approved.',
    );
  }
  await computeReleaseFigures(em, id, previous[0]?.id ?? null);
  const counts = await em.execute<{ aggregates: number; listing: number; changes: number }[]>(
    `select (select count(*) from rollup_aggregate where release_id = ?)::int as aggregates,
            (select count(*) from listing_row where release_id = ?)::int as listing,
            (select count(*) from release_change where release_id = ?)::int as changes`,
    [id, id, id],
  );
  return {
    id,
    asOf,
    months: months[0]?.n ?? 0,
    aggregateRows: counts[0]?.aggregates ?? 0,
    listingRows: counts[0]?.listing ?? 0,
    changes: counts[0]?.changes ?? 0,
  };
}

export interface ReconciliationDifference {
  regionCode: string;
  programCode: string;
  period: string;
  field: string;
  published: string;
  ledger: string;
}

/**
 * Recomputes every published month aggregate of a release straight from the ledger (sums and
 * distinct households per region, program and month: a query independent of the rollup's
 * beneficiary-level one) and lists any difference, including rows missing on either side.
 */
export async function reconcileRelease(em: EntityManager, releaseId: string): Promise<ReconciliationDifference[]> {
  const rows = await em.execute<
    {
      region_code: string;
      program_code: string;
      period: string;
      published_amount: string;
      ledger_amount: string;
      published_households: number;
      ledger_households: number;
    }[]
  >(
    `with ledger as (
       select r.code as region_code, p.program_code, to_char(p.month, 'YYYY-MM') as period,
              sum(p.amount_fen) as amount, count(distinct p.household_id) as households
       from payment p
       join release_period rp on rp.release_id = ? and rp.county_code = p.county_code and rp.month = p.month
       join program pr on pr.code = p.program_code and pr.disclosure <> 'hidden'
       cross join lateral (values (left(p.village_code, 6)), (left(p.village_code, 9)), (p.village_code)) as r(code)
       group by 1, 2, 3
     ),
     published as (
       select region_code, program_code, period, amount_fen, households from rollup_aggregate
       where release_id = ? and period_kind = 'month'
     )
     select coalesce(a.region_code, l.region_code) as region_code, coalesce(a.program_code, l.program_code) as program_code,
            coalesce(a.period, l.period) as period,
            coalesce(a.amount_fen, 0)::text as published_amount, coalesce(l.amount, 0)::text as ledger_amount,
            coalesce(a.households, 0)::int as published_households, coalesce(l.households, 0)::int as ledger_households
     from published a full join ledger l on l.region_code = a.region_code and l.program_code = a.program_code and l.period = a.period
     where a.amount_fen is distinct from l.amount or a.households is distinct from l.households`,
    [releaseId, releaseId],
  );
  return rows.flatMap((r) => [
    ...(r.published_amount !== r.ledger_amount
      ? [
          {
            regionCode: r.region_code,
            programCode: r.program_code,
            period: r.period,
            field: 'amount_fen',
            published: r.published_amount,
            ledger: r.ledger_amount,
          },
        ]
      : []),
    ...(r.published_households !== r.ledger_households
      ? [
          {
            regionCode: r.region_code,
            programCode: r.program_code,
            period: r.period,
            field: 'households',
            published: String(r.published_households),
            ledger: String(r.ledger_households),
          },
        ]
      : []),
  ]);
}

export interface FigureDifference {
  /** The frozen table (rollup_aggregate, listing_row, release_standard, …). */
  table: string;
  /** The row's key, as JSON: {"region_code": "370115", …}. */
  key: string;
  /** The figures the release holds, as JSON; null when the recomputation has a row the release lacks. */
  published: string | null;
  /** The figures recomputed from the ledger, as JSON; null when the release has a row the ledger no longer gives. */
  recomputed: string | null;
}

class Rollback extends Error {}

/**
 * Recomputes every figure of a release as of the release — its months and its as-of date, the
 * previous release for its changelog — from the ledger as it stands, into a scratch release that
 * is rolled back, and compares it row by row with what the release froze: aggregates of every
 * level and period (with their suppression), the 幸福清单, application counts, changelog,
 * standards, re-review results and the catalog. Any difference is listed; an empty list means
 * the release is what the ledger gives. A correction booked after the release shows here until a
 * new release publishes it.
 */
export async function verifyRelease(em: EntityManager, releaseId: string): Promise<FigureDifference[]> {
  const [release] = await em.execute<{ as_of: string; seq: number }[]>(
    `select to_char(as_of, 'YYYY-MM-DD') as as_of, seq from disclosure_release where id = ?`,
    [releaseId],
  );
  if (!release) throw new DomainError('NOT_FOUND', `No release ${releaseId}.`);
  const differences: FigureDifference[] = [];
  try {
    await em.fork().transactional(async (tx) => {
      const previous = await tx.execute<{ id: string }[]>('select id from disclosure_release where seq < ? order by seq desc limit 1', [
        release.seq,
      ]);
      const scratch = 'verify';
      await tx.execute(
        `insert into disclosure_release (id, seq, as_of, created_by, note) values (?, (select least(min(seq), 0) - 1 from disclosure_release), ?, 'verify', '')`,
        [scratch, release.as_of],
      );
      await tx.execute(
        'insert into release_period (release_id, county_code, month) select ?, county_code, month from release_period where release_id = ?',
        [scratch, releaseId],
      );
      await computeReleaseFigures(tx, scratch, previous[0]?.id ?? null);
      for (const t of FROZEN_TABLES) {
        const json = (side: string, cols: string[]) => `jsonb_build_object(${cols.map((c) => `'${c}', ${side}.${c}`).join(', ')})::text`;
        const rows = await tx.execute<FigureDifference[]>(
          `select '${t.table}' as "table",
                  jsonb_build_object(${t.key.map((c) => `'${c}', coalesce(a.${c}, b.${c})`).join(', ')})::text as key,
                  case when a.${t.key[0]} is null then null else ${json('a', t.values)} end as published,
                  case when b.${t.key[0]} is null then null else ${json('b', t.values)} end as recomputed
           from (select * from ${t.table} where release_id = ?) a
           full join (select * from ${t.table} where release_id = ?) b on ${t.key.map((c) => `a.${c} = b.${c}`).join(' and ')}
           where a.${t.key[0]} is null or b.${t.key[0]} is null
              or row(${t.values.map((c) => `a.${c}`).join(', ')}) is distinct from row(${t.values.map((c) => `b.${c}`).join(', ')})
           order by 2`,
          [releaseId, scratch],
        );
        differences.push(...rows);
      }
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return differences;
}

export async function latestReleaseId(em: EntityManager): Promise<string | null> {
  const rows = await em.execute<{ id: string }[]>('select id from disclosure_release order by seq desc limit 1');
  return rows[0]?.id ?? null;
}
