import type { EntityManager } from '@mikro-orm/postgresql';
import { today } from '../access/clock.js';
import { DomainError } from '../errors/domain-error.js';
import { applySuppression } from './rollup-suppression.js';
import { FROZEN_TABLES, OPEN_SEQ, freezeStatement, type FrozenTable } from './release-figures.js';

export interface ReleaseSummary {
  id: string;
  asOf: string;
  months: number;
  aggregateRows: number;
  listingRows: number;
  changes: number;
  /** How each county came into the release. */
  counties: CountyCut[];
  /** Seconds spent in each step of the cut, in order (for the operator and the benchmark). */
  phases: CutPhase[];
}

export interface CutPhase {
  name: string;
  seconds: number;
}

/** Runs one step of a cut and records how long it took. */
async function phase<T>(phases: CutPhase[] | undefined, name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    phases?.push({ name, seconds: (performance.now() - started) / 1000 });
  }
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
 *
 * Computed per village, then summed up to towns and counties: a household paid in one village
 * only is one household of its town and county with the same figures, so its village rows add up.
 * The few households paid in more than one village (`moved`) are counted apart at the town and
 * county levels, so that a household stays one household there. Every level is grouped without a
 * DISTINCT aggregate (which PostgreSQL can only compute over a sort of all its input): beneficiaries
 * and households come in household order from an index, villages in a sort of their households.
 * Reading each payment once per period rather than once per period and region level makes this a
 * third of the work of expanding every payment to its nine cells.
 */
const AGGREGATE_SQL = `
  create temp table cut_aggregate on commit drop as
  with released as not materialized (
    select p.household_id, p.person_id, p.program_code, p.village_code, p.month, p.kind, p.covered_members, p.amount_fen
    from payment p
    join release_period rp on rp.release_id = ? and rp.county_code = p.county_code and rp.month = p.month
    join program pr on pr.code = p.program_code and pr.disclosure <> 'hidden'
    where /*scope*/ true
  ),
  moved as (
    select household_id from released group by household_id having min(village_code) <> max(village_code)
  ),
  beneficiaries as (
    select p.household_id, p.person_id, p.program_code, p.village_code, per.kind as period_kind, per.period,
           max(p.covered_members) as max_covered,
           sum(case when p.kind = 'regular' then p.covered_members when p.kind = 'one_off' then 1 else 0 end) as person_months,
           count(*) as payments, sum(p.amount_fen) as amount_fen
    from released p
    cross join lateral (values (1, p.month), (2, date_trunc('quarter', p.month)::date), (3, date_trunc('year', p.month)::date)) as per(kind, period)
    group by p.household_id, p.village_code, p.program_code, per.kind, per.period, p.person_id
  ),
  villages as (
    select h.village_code, h.program_code, h.period_kind, h.period,
           count(*) as households, sum(h.persons) as persons, sum(h.person_months) as person_months,
           sum(h.payments) as payments, sum(h.amount_fen) as amount_fen,
           count(*) filter (where m.household_id is null) as stayed_households,
           sum(h.persons) filter (where m.household_id is null) as stayed_persons,
           sum(h.person_months) filter (where m.household_id is null) as stayed_person_months,
           sum(h.payments) filter (where m.household_id is null) as stayed_payments,
           sum(h.amount_fen) filter (where m.household_id is null) as stayed_amount_fen
    from (
      select household_id, village_code, program_code, period_kind, period, sum(max_covered) as persons,
             sum(person_months) as person_months, sum(payments) as payments, sum(amount_fen) as amount_fen
      from beneficiaries
      group by household_id, village_code, program_code, period_kind, period
    ) h
    left join moved m on m.household_id = h.household_id
    group by h.village_code, h.program_code, h.period_kind, h.period
  ),
  movers as (
    select region_code, region_level, program_code, period_kind, period, household_id, sum(max_covered) as persons,
           sum(person_months) as person_months, sum(payments) as payments, sum(amount_fen) as amount_fen
    from (
      select r.code as region_code, r.level as region_level, p.program_code, per.kind as period_kind, per.period, p.household_id, p.person_id,
             max(p.covered_members) as max_covered,
             sum(case when p.kind = 'regular' then p.covered_members when p.kind = 'one_off' then 1 else 0 end) as person_months,
             count(*) as payments, sum(p.amount_fen) as amount_fen
      from released p
      join moved using (household_id)
      cross join lateral (values (1, p.month), (2, date_trunc('quarter', p.month)::date), (3, date_trunc('year', p.month)::date)) as per(kind, period)
      cross join lateral (values (left(p.village_code, 6), 'county'), (left(p.village_code, 9), 'town')) as r(code, level)
      group by 1, 2, 3, 4, 5, 6, 7
    ) mover_beneficiaries
    group by region_code, region_level, program_code, period_kind, period, household_id
  )
  select region_code, region_level, program_code, (array['month', 'quarter', 'year'])[period_kind] as period_kind,
         to_char(period, case period_kind when 1 then 'YYYY-MM' when 2 then 'YYYY-"Q"Q' else 'YYYY' end) as period,
         sum(households)::int as households, sum(persons)::int as persons, sum(person_months)::int as person_months,
         sum(payments)::int as payments, sum(amount_fen)::bigint as amount_fen, false as suppressed
  from (
    select village_code as region_code, 'village' as region_level, program_code, period_kind, period,
           households, persons, person_months, payments, amount_fen
    from villages
    union all
    select left(village_code, 9), 'town', program_code, period_kind, period,
           stayed_households, stayed_persons, stayed_person_months, stayed_payments, stayed_amount_fen
    from villages
    union all
    select left(village_code, 6), 'county', program_code, period_kind, period,
           stayed_households, stayed_persons, stayed_person_months, stayed_payments, stayed_amount_fen
    from villages
    union all
    select region_code, region_level, program_code, period_kind, period, 1, persons, person_months, payments, amount_fen
    from movers
  ) cells
  group by region_code, region_level, program_code, period_kind, period`;

/**
 * The 幸福清单: per village, released month and household, each listed program's amount that
 * month and year to date (a running sum over the released months of the year). The head of
 * household is the current head (or the latest one). Names are masked here, in SQL: the full name
 * never leaves the database.
 */
const LISTING_SQL = `
  insert into listing_row_version (from_seq, to_seq, village_code, month, public_id, masked_name, covered_members, program_code, amount_fen, year_to_date_fen)
  with monthly as (
    select p.village_code, p.month, p.household_id, p.program_code, max(p.covered_members) as covered, sum(p.amount_fen) as amount_fen
    from payment p
    join release_period rp on rp.release_id = ? and rp.county_code = p.county_code and rp.month = p.month
    join program pr on pr.code = p.program_code and pr.disclosure = 'listed'
    where /*scope*/ true
    group by 1, 2, 3, 4
  ),
  heads as (
    select distinct on (hm.household_id) hm.household_id, mask_name(pe.name) as masked_name
    from household_member hm join person pe on pe.id = hm.person_id
    where hm.relation = 'head' and hm.household_id in (select household_id from monthly)
    order by hm.household_id, (hm.end_date is null) desc, hm.start_date desc
  )
  select ?, ?, m.village_code, m.month, h.public_id, coalesce(heads.masked_name, '*'), m.covered, m.program_code, m.amount_fen,
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
 * What a cut recomputes, as a condition over `payment p`: every payment (a cut recomputing every
 * county, and `verify`), or those of the program years (`cut_family`, for aggregates) and of the
 * households (`cut_household`, for the 幸福清单) that `planCut` listed — for a county recomputed in
 * full, all of its own. Written as semi-joins so that a few changed program years or households
 * are found through the payment indexes, not by reading every payment.
 */
type Scope = 'all' | 'aggregates' | 'listing';

function scoped(sql: string, scope: Scope): string {
  if (scope === 'all') return sql;
  const condition =
    scope === 'aggregates'
      ? `exists (select 1 from cut_family f where f.county_code = p.county_code and f.program_code = p.program_code
                 and p.month >= make_date(f.year, 1, 1) and p.month < make_date(f.year + 1, 1, 1))`
      : `p.household_id in (select household_id from cut_household)`;
  return sql.replace('/*scope*/ true', condition);
}

/**
 * Every figure of a release whose months (release_period) are fixed: aggregates and their
 * suppression, the 幸福清单, application counts, the catalog, standards and re-review results as
 * they stand, and the changelog against the previous release. Used in full by `verifyRelease`
 * (into a scratch release); the cut recomputes only what `planCut` found changed and carries the
 * rest (`carryRows`).
 */
async function computeReleaseFigures(
  em: EntityManager,
  target: { id: string; seq: number; open: boolean },
  previousId: string | null,
  scope: 'all' | 'planned' = 'all',
  phases?: CutPhase[],
): Promise<void> {
  const { id, seq } = target;
  // a cut's rows stay open until a later cut replaces them; verify's scratch rows are its own only
  const toSeq = target.open ? OPEN_SEQ : seq + 1;
  if (target.open) await phase(phases, 'close', () => closeReplacedRows(em, seq, scope));
  // the regions' hash table (one entry per region, program and period: ≈ 430 k at first-start
  // scale) fits in memory instead of spilling in batches
  await em.execute(`set local work_mem = '256MB'`);
  // grouped in household order from the payment index: the planner, misjudging how many groups
  // there are, would otherwise hash millions of them and spill to disk in batches (slower by half)
  await em.execute(`set local enable_hashagg = off`);
  // into a scratch table first (a query that writes a table of its own may run in parallel, an
  // insert may not), where suppression is decided before the rows are written once
  await em.execute('drop table if exists cut_aggregate');
  await phase(phases, 'aggregates', () => em.execute(scoped(AGGREGATE_SQL, scope === 'all' ? 'all' : 'aggregates'), [id]));
  await em.execute('reset enable_hashagg');
  await em.execute('reset work_mem');
  // suppression sees only the rows just computed: a program year of a county is one closed family
  // of lines (months sum to the year, children to their parent), recomputed whole or carried whole
  await phase(phases, 'suppression', () => applySuppression(em));
  await phase(phases, 'aggregates_written', () =>
    em.execute(
      `insert into rollup_aggregate_version (from_seq, to_seq, region_code, region_level, program_code, period_kind, period,
                                             households, persons, person_months, payments, amount_fen, suppressed)
       select ?, ?, region_code, region_level::region_level, program_code, period_kind, period,
              households, persons, person_months, payments, amount_fen, suppressed
       from cut_aggregate`,
      [seq, toSeq],
    ),
  );
  await phase(phases, 'listing_row', () => em.execute(scoped(LISTING_SQL, scope === 'all' ? 'all' : 'listing'), [id, seq, toSeq]));
  // application counts, the catalog, standards, re-review results and every other declared table
  // are copied too: nothing the release publishes is read live
  for (const table of FROZEN_TABLES) {
    if (table.freeze) await phase(phases, table.table, () => em.execute(...freezeStatement(table.freeze!, id)));
  }
  if (scope === 'planned' && previousId) await phase(phases, 'carry', () => carryRows(em, id, previousId));
  await phase(phases, 'changelog', () =>
    previousId
      ? em.execute(CHANGELOG_SQL, [id, previousId, id])
      : em.execute(CHANGELOG_SQL.replace('prev.release_id = ?', 'false and prev.release_id = ?'), [id, '', id]),
  );
}

/**
 * Closes the shared rows (aggregates, 幸福清单) of the latest release that this cut recomputes:
 * every open row when it recomputes everything; otherwise those of the counties recomputed in
 * full, of the program years in `cut_family` and of the households in `cut_household`. The rows
 * of everything else stay open, held by the new release as by the previous one.
 */
async function closeReplacedRows(em: EntityManager, seq: number, scope: 'all' | 'planned'): Promise<void> {
  if (scope === 'all') {
    await em.execute(`update rollup_aggregate_version set to_seq = ? where to_seq = ${OPEN_SEQ}`, [seq]);
    await em.execute(`update listing_row_version set to_seq = ? where to_seq = ${OPEN_SEQ}`, [seq]);
    return;
  }
  await em.execute(
    `update rollup_aggregate_version v set to_seq = ?
     where v.to_seq = ${OPEN_SEQ} and (left(v.region_code, 6) in (select county_code from cut_full)
       or exists (select 1 from cut_family f where f.county_code = left(v.region_code, 6) and f.program_code = v.program_code
                  and f.year = left(v.period, 4)::int))`,
    [seq],
  );
  await em.execute(
    `update listing_row_version v set to_seq = ?
     where v.to_seq = ${OPEN_SEQ} and (left(v.village_code, 6) in (select county_code from cut_full)
       or v.public_id in (select h.public_id from household h join cut_household c on c.household_id = h.id))`,
    [seq],
  );
}

/**
 * Carries from the previous release what the cut did not recompute in the small tables. The
 * aggregates and 幸福清单 rows need nothing: rows the cut did not close stay shared with the new
 * release (`closeReplacedRows`). The small tables are recomputed for every county in scope; the
 * rows the freeze statements wrote for counties outside it (`cut_outside`) are replaced by the
 * previous release's, so a county-scoped cut publishes nothing new of another county.
 */
async function carryRows(em: EntityManager, id: string, previousId: string): Promise<void> {
  const columns = async (table: string): Promise<string[]> =>
    (
      await em.execute<{ name: string }[]>(
        `select column_name as name from information_schema.columns
         where table_schema = current_schema() and table_name = ? and column_name <> 'release_id' order by ordinal_position`,
        [table],
      )
    ).map((c) => c.name);
  const copy = async (table: string, condition: string): Promise<void> => {
    const cols = (await columns(table)).join(', ');
    await em.execute(`insert into ${table} (release_id, ${cols}) select ?, ${cols} from ${table} where release_id = ? and (${condition})`, [
      id,
      previousId,
    ]);
  };
  for (const table of FROZEN_TABLES) {
    // shared rows are held by the new release without a copy (closeReplacedRows)
    if (!table.county || table.shared || table.table === 'release_change') continue;
    // the small tables are recomputed for every county in scope; only those outside it are carried
    const outside = `${table.county} in (select county_code from cut_outside)`;
    await em.execute(`delete from ${table.table} where release_id = ? and ${outside}`, [id]);
    await copy(table.table, outside);
  }
}

/** How one county came into a release. */
export interface CountyCut {
  countyCode: string;
  /** full: recomputed from the ledger; partial: the program years and households that changed; carried: copied unchanged. */
  how: 'full' | 'partial' | 'carried';
  /** Program years recomputed (partial). */
  families: number;
  /** Households whose 幸福清单 rows were recomputed (partial). */
  households: number;
}

export interface CutOptions {
  createdBy: string;
  note?: string;
  asOf?: string;
  /** Only this county's figures are recomputed; every other county is carried from the previous release. */
  countyCode?: string;
  /** Recompute every county in scope from the ledger, whatever changed. */
  full?: boolean;
  /** Refuse (NOTHING_TO_RELEASE) when no county in scope changed since the previous release. */
  onlyIfChanged?: boolean;
}

/**
 * Decides, per county, what the cut recomputes, into temporary tables `cut_full`, `cut_partial`,
 * `cut_carried`, `cut_family` (county, program, year) and `cut_household`. A county is recomputed
 * in full when it is new to the releases, its published months or the catalog changed, or `full`
 * is asked; otherwise the program years with payments booked since the county's payment
 * watermark, and the households with such payments or with audited changes of household, member
 * or person (the head's masked name) since its audit watermark. A county with nothing of either is
 * carried, as is every county outside the cut's scope.
 */
async function planCut(
  em: EntityManager,
  id: string,
  previousId: string | null,
  options: CutOptions,
): Promise<{ counties: CountyCut[]; watermarks: { payment: string; audit: string } }> {
  for (const t of ['cut_full', 'cut_partial', 'cut_carried', 'cut_outside']) {
    await em.execute(`create temporary table if not exists ${t} (county_code varchar(12) primary key) on commit drop`);
  }
  await em.execute(
    'create temporary table if not exists cut_family (county_code varchar(12), program_code varchar(40), year int, primary key (county_code, program_code, year)) on commit drop',
  );
  await em.execute('create temporary table if not exists cut_household (household_id int primary key) on commit drop');
  for (const t of ['cut_full', 'cut_partial', 'cut_carried', 'cut_outside', 'cut_family', 'cut_household'])
    await em.execute(`truncate ${t}`);
  const [marks] = await em.execute<{ payment: string; audit: string }[]>(
    `select coalesce((select max(id) from payment), 0)::text as payment, coalesce((select max(id) from audit_entry), 0)::text as audit`,
  );
  const watermarks = marks!;
  const counties = await em.execute<
    { county_code: string; in_scope: boolean; payment_watermark: string | null; audit_watermark: string | null; same_months: boolean }[]
  >(
    `with now_ as (select county_code, array_agg(month order by month) as months from release_period where release_id = ? group by county_code),
          before_ as (select county_code, array_agg(month order by month) as months from release_period where release_id = ? group by county_code)
     select n.county_code, (?::text is null or n.county_code = ?) as in_scope,
            rc.payment_watermark::text as payment_watermark, rc.audit_watermark::text as audit_watermark,
            coalesce(b.months = n.months, false) as same_months
     from now_ n left join before_ b on b.county_code = n.county_code
     left join release_county rc on rc.release_id = ? and rc.county_code = n.county_code
     order by n.county_code`,
    [id, previousId ?? '', options.countyCode ?? null, options.countyCode ?? null, previousId ?? ''],
  );
  const catalogChanged = previousId
    ? (
        await em.execute<{ changed: boolean }[]>(
          `select exists (
             (select code, name, category, frequency, unit, amount_rule, disclosure, minors_only, description, sort_order from program
              except select code, name, category, frequency, unit, amount_rule, disclosure, minors_only, description, sort_order from release_program where release_id = ?)
             union all
             (select code, name, category, frequency, unit, amount_rule, disclosure, minors_only, description, sort_order from release_program where release_id = ?
              except select code, name, category, frequency, unit, amount_rule, disclosure, minors_only, description, sort_order from program)) as changed`,
          [previousId, previousId],
        )
      )[0]!.changed
    : true;
  const result: CountyCut[] = [];
  for (const c of counties) {
    if (!c.in_scope) {
      await em.execute('insert into cut_carried values (?)', [c.county_code]);
      await em.execute('insert into cut_outside values (?)', [c.county_code]);
      result.push({ countyCode: c.county_code, how: 'carried', families: 0, households: 0 });
      continue;
    }
    if (options.full || catalogChanged || !previousId || c.payment_watermark === null || !c.same_months) {
      await em.execute('insert into cut_full values (?)', [c.county_code]);
      result.push({ countyCode: c.county_code, how: 'full', families: 0, households: 0 });
      continue;
    }
    const families = await em.execute(
      `insert into cut_family (county_code, program_code, year)
       select distinct p.county_code, p.program_code, extract(year from p.month)::int from payment p
       join release_period rp on rp.release_id = ? and rp.county_code = p.county_code and rp.month = p.month
       where p.id > ? and p.county_code = ?`,
      [id, c.payment_watermark, c.county_code],
      'run',
    );
    const households = await em.execute(
      `insert into cut_household (household_id)
       select p.household_id from payment p
       join release_period rp on rp.release_id = ? and rp.county_code = p.county_code and rp.month = p.month
       where p.id > ? and p.county_code = ?
       union
       select case a.entity when 'household' then a.entity_id::int else m.household_id end
       from audit_entry a
       left join household_member m on (a.entity = 'household_member' and m.id = a.entity_id::int)
                                    or (a.entity = 'person' and m.person_id = a.entity_id::int)
       where a.id > ? and left(a.region_code, 6) = ? and a.entity in ('household', 'household_member', 'person')
         and (a.entity = 'household' or m.household_id is not null)
       on conflict do nothing`,
      [id, c.payment_watermark, c.county_code, c.audit_watermark, c.county_code],
      'run',
    );
    const f = (families as unknown as { affectedRows: number }).affectedRows;
    const h = (households as unknown as { affectedRows: number }).affectedRows;
    const how = f === 0 && h === 0 ? 'carried' : 'partial';
    await em.execute(`insert into ${how === 'carried' ? 'cut_carried' : 'cut_partial'} values (?)`, [c.county_code]);
    result.push({ countyCode: c.county_code, how, families: f, households: h });
  }
  for (const t of ['cut_full', 'cut_partial', 'cut_carried', 'cut_outside', 'cut_family', 'cut_household'])
    await em.execute(`analyze ${t}`);
  return { counties: result, watermarks };
}

/**
 * Cuts a disclosure release: fixes which months are public, computes the aggregates and the
 * 幸福清单 of what changed since the previous release (every county and month when it is the
 * first, or `full`), applies small-cell suppression, carries the rest, and records what changed.
 * With `countyCode` only that county is considered; the others are carried as they were. Earlier
 * releases stay as they were. Cuts are serialized, and payments and household changes wait for
 * the cut (the watermarks it records must not be passed by a write still in flight).
 */
export async function cutRelease(em: EntityManager, options: CutOptions): Promise<ReleaseSummary> {
  const asOf = options.asOf ?? today();
  // one cut at a time; no payment, member or person written while the watermarks are read and used
  await em.execute('lock table disclosure_release in exclusive mode');
  await em.execute('lock table payment, household_member, person, audit_entry in share mode');
  const previous = await em.execute<{ id: string; seq: number }[]>('select id, seq from disclosure_release order by seq desc limit 1');
  const previousId = previous[0]?.id ?? null;
  const sameDay = await em.execute<{ n: number }[]>('select count(*)::int as n from disclosure_release where as_of = ?', [asOf]);
  const id = `${asOf}.${(sameDay[0]?.n ?? 0) + 1}`;
  const seq = (previous[0]?.seq ?? 0) + 1;
  await em.execute('insert into disclosure_release (id, seq, as_of, created_by, note, county_code) values (?, ?, ?, ?, ?, ?)', [
    id,
    seq,
    asOf,
    options.createdBy,
    options.note ?? '',
    options.countyCode ?? null,
  ]);
  const phases: CutPhase[] = [];
  await phase(phases, 'months', async () => {
    if (options.countyCode) {
      await em.execute(`${PUBLISHABLE_MONTHS_SQL.replace('where p.month', 'where p.county_code = ? and p.month')}`, [
        id,
        options.countyCode,
        asOf,
      ]);
      await em.execute(
        'insert into release_period (release_id, county_code, month) select ?, county_code, month from release_period where release_id = ? and county_code <> ?',
        [id, previousId ?? '', options.countyCode],
      );
    } else {
      await em.execute(PUBLISHABLE_MONTHS_SQL, [id, asOf]);
    }
  });
  const months = await em.execute<{ n: number }[]>(
    'select count(*)::int as n from release_period where release_id = ? and (?::text is null or county_code = ?)',
    [id, options.countyCode ?? null, options.countyCode ?? null],
  );
  if ((months[0]?.n ?? 0) === 0) {
    throw new DomainError(
      'NOT_FOUND',
      'No month can be published: a month is published once it is over and its payroll batches are approved.',
    );
  }
  const plan = await phase(phases, 'plan', () => planCut(em, id, previousId, options));
  // every county recomputed in full (the first cut, or --full): no condition at all
  const everything = plan.counties.every((c) => c.how === 'full');
  if (!everything) {
    // beside partly recomputed or carried counties, a county recomputed in full is every program year and household of its own
    await em.execute(
      `insert into cut_family (county_code, program_code, year)
       select distinct p.county_code, p.program_code, extract(year from p.month)::int from payment p
       join release_period rp on rp.release_id = ? and rp.county_code = p.county_code and rp.month = p.month
       where p.county_code in (select county_code from cut_full)`,
      [id],
    );
    await em.execute(
      `insert into cut_household (household_id)
       select distinct p.household_id from payment p
       join release_period rp on rp.release_id = ? and rp.county_code = p.county_code and rp.month = p.month
       where p.county_code in (select county_code from cut_full)
       on conflict do nothing`,
      [id],
    );
    await em.execute('analyze cut_family');
    await em.execute('analyze cut_household');
  }
  await computeReleaseFigures(em, { id, seq, open: true }, previousId, everything ? 'all' : 'planned', phases);
  if (options.onlyIfChanged && previousId && plan.counties.every((c) => c.how === 'carried')) {
    // aggregates and 幸福清单 carried whole: the release is new only if a table recomputed for
    // every cut (standards, re-review results, applications, catalog, …) differs
    const changed = await tableDifferences(em, previousId, id, (t) => t.freeze !== undefined);
    if (changed.length === 0) {
      throw new DomainError(
        'NOTHING_TO_RELEASE',
        `Nothing changed since release ${previousId}: every figure it publishes is still the ledger's.`,
        {
          previousRelease: previousId,
        },
      );
    }
  }
  // watermarks: recomputed (and unchanged) counties now; carried ones keep theirs, so what
  // changed since is found by the next cut that includes them
  for (const c of plan.counties) {
    const kept = options.countyCode !== undefined && c.countyCode !== options.countyCode;
    await em.execute(
      kept
        ? `insert into release_county (release_id, county_code, how, payment_watermark, audit_watermark)
           select ?, county_code, 'carried', payment_watermark, audit_watermark from release_county where release_id = ? and county_code = ?`
        : `insert into release_county (release_id, county_code, how, payment_watermark, audit_watermark, families, households) values (?, ?, ?, ?, ?, ?, ?)`,
      kept
        ? [id, previousId ?? '', c.countyCode]
        : [id, c.countyCode, c.how, plan.watermarks.payment, plan.watermarks.audit, c.families, c.households],
    );
  }
  // the new release is the latest: the rows it holds are the open ones (a partial index)
  const counts = await phase(phases, 'counts', () =>
    em.execute<{ aggregates: number; listing: number; changes: number }[]>(
      `select (select count(*) from rollup_aggregate_version where to_seq = ${OPEN_SEQ})::int as aggregates,
              (select count(*) from listing_row_version where to_seq = ${OPEN_SEQ})::int as listing,
              (select count(*) from release_change where release_id = ?)::int as changes`,
      [id],
    ),
  );
  return {
    id,
    asOf,
    months: months[0]?.n ?? 0,
    aggregateRows: counts[0]?.aggregates ?? 0,
    listingRows: counts[0]?.listing ?? 0,
    changes: counts[0]?.changes ?? 0,
    counties: plan.counties,
    phases,
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

/** Rows of two releases that differ, table by table (the tables `which` selects). */
async function tableDifferences(em: EntityManager, a: string, b: string, which: (t: FrozenTable) => boolean): Promise<FigureDifference[]> {
  const found: FigureDifference[] = [];
  for (const t of FROZEN_TABLES.filter(which)) {
    const json = (side: string, cols: string[]) => `jsonb_build_object(${cols.map((c) => `'${c}', ${side}.${c}`).join(', ')})::text`;
    const rows = await em.execute<FigureDifference[]>(
      `select '${t.table}' as "table",
              jsonb_build_object(${t.key.map((c) => `'${c}', coalesce(a.${c}, b.${c})`).join(', ')})::text as key,
              case when a.${t.key[0]} is null then null else ${json('a', t.values)} end as published,
              case when b.${t.key[0]} is null then null else ${json('b', t.values)} end as recomputed
       from (select * from ${t.table} where release_id = ?) a
       full join (select * from ${t.table} where release_id = ?) b on ${t.key.map((c) => `a.${c} = b.${c}`).join(' and ')}
       where a.${t.key[0]} is null or b.${t.key[0]} is null
          or row(${t.values.map((c) => `a.${c}`).join(', ')}) is distinct from row(${t.values.map((c) => `b.${c}`).join(', ')})
       order by 2`,
      [a, b],
    );
    found.push(...rows);
  }
  return found;
}

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
      const [{ seq } = { seq: -1 }] = await tx.execute<{ seq: number }[]>(
        `insert into disclosure_release (id, seq, as_of, created_by, note) values (?, (select least(min(seq), 0) - 1 from disclosure_release), ?, 'verify', '')
         returning seq`,
        [scratch, release.as_of],
      );
      await tx.execute(
        'insert into release_period (release_id, county_code, month) select ?, county_code, month from release_period where release_id = ?',
        [scratch, releaseId],
      );
      await computeReleaseFigures(tx, { id: scratch, seq, open: false }, previous[0]?.id ?? null);
      differences.push(...(await tableDifferences(tx, releaseId, scratch, () => true)));
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
