import { today } from '@xingfu/domain';
import { makeIdNumber } from '@xingfu/domain/rules';
import type pg from 'pg';
import { ADDRESS_PREFIX, SYNTHETIC_MARK } from '../generate/population.js';
import { Rng } from '../random/prng.js';

/** Who the generated feed deliveries name as their loader. */
export const FEED_LOADER = `${SYNTHETIC_MARK}/feeds`;

/**
 * The cases planted in a county's demo feeds (docs/cross-checks.md, "Demo feeds"): the persons a
 * cross-check run must hit, per rule, and the persons 政策找人 must add to a list, per kind.
 * Each is a list of person ids of the ledger.
 */
export interface PlantedFeedCases {
  crossCheck: {
    deceased_paid: number[];
    disability_lowered: number[];
    income_above_line: number[];
    vehicle_or_property: number[];
  };
  outreach: { severe_disability: number[]; unattended_child: number[] };
}

export interface FeedSeedReport {
  deliveries: number;
  records: number;
  planted: PlantedFeedCases;
}

/** How many cases of each kind a county's feeds plant (small: the feeds load in well under a second). */
const PLANTED = { deaths: 3, lowered: 3, raised: 3, earners: 3, vehicles: 2, properties: 1, unattendedHouseholds: 2 };
/** Rows of persons outside the ledger (other residents of the county) per feed: they match nothing. */
const OTHER_RESIDENTS = 5;

/**
 * Deletes a county's generated feeds and what cross-checks and referrals recorded of its
 * generated households (hits, feed checks, referrals refer to their enrollments and applications).
 * Runs before the county's households are deleted, in the caller's transaction.
 */
export async function deleteGeneratedFeeds(client: pg.ClientBase, countyCode: string): Promise<number> {
  let deleted = 0;
  const generated = `(select id from household where county_code = $1 and starts_with(address, $2))`;
  for (const sql of [
    `delete from cross_check_hit where household_id in ${generated}`,
    `delete from referral where household_id in ${generated}`,
    `delete from feed_check where application_id in (select id from application where household_id in ${generated})`,
  ]) {
    deleted += (await client.query(sql, [countyCode, ADDRESS_PREFIX])).rowCount ?? 0;
  }
  deleted +=
    (await client.query(`delete from feed_delivery where county_code = $1 and loaded_by = $2`, [countyCode, FEED_LOADER])).rowCount ?? 0;
  return deleted;
}

/**
 * The demo feeds of a county (示例数据), generated from its whole demo ledger (every year loaded)
 * after each load, replacing the generated deliveries of an earlier load: one delivery per feed,
 * delivered on the last day of the county's latest ledger year. Persons are picked by a hash of
 * the seed and their ID number, so the same seed on the same ledger plants the same cases.
 *
 * Planted (each rule and list finds these and nothing else, on a ledger without other feeds):
 * - deaths of enrolled members of 低保 households (not heads or spouses, 30–75 years old), died in
 *   May of the latest year and paid after it (`deceased_paid`);
 * - 残联 level 4 for persons the ledger has at level 3 with a 困难残疾人生活补贴 (`disability_lowered`);
 * - a 人社 salary above the standard × members for the head of a 低保 household (`income_above_line`);
 * - a vehicle of a 低保 / 特困 person, two properties of one (`vehicle_or_property`);
 * - 残联 level 2 for persons the ledger has at level 3 without 护理补贴 (政策找人 `severe_disability`);
 * - a 司法 record of every parent (head, spouse) of households with children under 18 not covered
 *   by a children's allowance (政策找人 `unattended_child`).
 * Besides: ledger persons whose feed agrees with the ledger (disability levels as recorded, small
 * pensions of 低保 members) and a few residents outside the ledger in every feed.
 */
export async function seedFeeds(client: pg.ClientBase, options: { countyCode: string; seed: number }): Promise<FeedSeedReport> {
  const { countyCode, seed } = options;
  // an earlier load's feeds are replaced (nothing refers to feed rows)
  await client.query(`delete from feed_delivery where county_code = $1 and loaded_by = $2`, [countyCode, FEED_LOADER]);
  const yearRow = await client.query<{ year: number | null }>(
    `select extract(year from max(month))::int as year from payroll_batch where county_code = $1`,
    [countyCode],
  );
  const year = yearRow.rows[0]?.year;
  const empty: PlantedFeedCases = {
    crossCheck: { deceased_paid: [], disability_lowered: [], income_above_line: [], vehicle_or_property: [] },
    outreach: { severe_disability: [], unattended_child: [] },
  };
  if (!year) return { deliveries: 0, records: 0, planted: empty };
  const key = String(seed);
  const pending: [string, string, Record<string, unknown>][] = [];
  const addRow = (kind: string, idNumber: string, fields: Record<string, unknown>) => pending.push([kind, idNumber, fields]);
  const q = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await client.query<T>(sql, params)).rows;

  // the ledger was just written in this transaction: without fresh statistics the planner takes
  // the tables for empty and joins them by nested loops (minutes at county scale)
  await client.query('analyze enrollment, household_member, household, person, payment, program');
  await client.query(`create temp table feed_seed_row (
      kind feed_kind not null, id_number varchar(18) not null, event_date date, level smallint,
      category varchar(40), amount_fen bigint, reference varchar(60)) on commit drop`);
  await client.query(
    `create temp table feed_seed_covered on commit drop as
    select e.id as enrollment_id, e.program_code, pg.category, e.household_id, e.person_id is null as household_wide,
           coalesce(e.person_id, m.person_id) as person_id, m.relation
    from enrollment e join program pg on pg.code = e.program_code
    left join household_member m on m.household_id = e.household_id and m.end_date is null
      and (e.person_id is null or m.person_id = e.person_id)
    where e.county_code = $1 and e.status = 'active'`,
    [countyCode],
  );
  await client.query('create index on feed_seed_covered (enrollment_id)');
  await client.query('create index on feed_seed_covered (person_id)');
  await client.query('analyze feed_seed_covered');
  const picked = new Set<number>();
  const notPicked = () => (picked.size > 0 ? `and p.id not in (${[...picked].join(', ')})` : '');
  const take = (ids: number[]) => {
    for (const id of ids) picked.add(id);
    return ids;
  };

  // deaths of members of 低保 households still paid after the death
  const deaths = await q<{ id: number; id_number: string; died_on: string }>(
    `select distinct on (md5($1::text || p.id_number)) p.id, p.id_number,
            to_char(make_date($2::int, 5, 1 + (('x' || substr(md5($1::text || p.id_number), 1, 6))::bit(24)::int % 28)), 'YYYY-MM-DD') as died_on
     from feed_seed_covered c join person p on p.id = c.person_id and p.deceased_on is null
     where c.category = 'dibao' and c.household_wide and c.relation not in ('head', 'spouse')
       and p.birth_date between (current_date - interval '75 years') and (current_date - interval '30 years')
       and coalesce(p.disability_level, 4) >= 3
       and exists (select 1 from payment pay where pay.enrollment_id = c.enrollment_id and pay.month >= make_date($2::int, 7, 1))
     order by md5($1::text || p.id_number) limit $3`,
    [key, year, PLANTED.deaths],
  );
  take(deaths.map((d) => d.id));
  for (const d of deaths) addRow('death', d.id_number, { event_date: d.died_on });

  // disability levels lowered (3 → 4) for persons with a 生活补贴
  const lowered = await q<{ id: number; id_number: string }>(
    `select distinct p.id, p.id_number, md5($1::text || p.id_number) as h
     from feed_seed_covered c join person p on p.id = c.person_id and p.deceased_on is null
     where c.program_code = 'disability_living' and not c.household_wide and p.disability_level = 3 ${notPicked()}
     order by h limit $2`,
    [key, PLANTED.lowered],
  );
  take(lowered.map((r) => r.id));
  for (const r of lowered) addRow('disability', r.id_number, { level: 4, category: '肢体' });

  // levels raised (3 → 2) for persons without 护理补贴: 政策找人 finds them
  const raised = await q<{ id: number; id_number: string }>(
    `select p.id, p.id_number from person p
     join household_member m on m.person_id = p.id and m.end_date is null
     join household h on h.id = m.household_id and h.county_code = $1
     where p.deceased_on is null and p.disability_level = 3 ${notPicked()}
       and not exists (select 1 from enrollment e where e.status = 'active' and e.program_code = 'disability_care'
                       and (e.person_id = p.id or (e.person_id is null and e.household_id = h.id)))
       and not exists (select 1 from application a where a.status not in ('approved', 'rejected') and a.program_code = 'disability_care'
                       and (a.person_id = p.id or (a.person_id is null and a.household_id = h.id)))
     group by p.id, p.id_number having count(*) = 1
     order by md5($2::text || p.id_number) limit $3`,
    [countyCode, key, PLANTED.raised],
  );
  take(raised.map((r) => r.id));
  for (const r of raised) addRow('disability', r.id_number, { level: 2, category: '肢体' });

  // agreeing 残联 rows: persons with a disability allowance at the level the ledger records
  const agreeing = await q<{ id_number: string; level: number }>(
    `select distinct p.id_number, p.disability_level as level, md5($1::text || p.id_number) as h
     from feed_seed_covered c join person p on p.id = c.person_id and p.deceased_on is null
     where c.category = 'disability' and p.disability_level is not null ${notPicked()}
       and not exists (select 1 from feed_seed_covered o where o.person_id = p.id and o.program_code = 'disability_care' and p.disability_level > 2)
     order by h limit 20`,
    [key],
  );
  for (const r of agreeing) addRow('disability', r.id_number, { level: r.level, category: '肢体' });

  // salaries above the line: the head of a 低保 household
  const earners = await q<{ id: number; id_number: string; members: number }>(
    `select p.id, p.id_number, (select count(*) from feed_seed_covered o where o.enrollment_id = c.enrollment_id)::int as members
     from feed_seed_covered c join person p on p.id = c.person_id and p.deceased_on is null
     where c.category = 'dibao' and c.household_wide and c.relation = 'head' ${notPicked()}
       and not exists (select 1 from feed_seed_covered o where o.enrollment_id = c.enrollment_id and o.person_id in (${[...picked, 0].join(', ')}))
       and (select count(*) from feed_seed_covered o where o.person_id = p.id) = 1
     order by md5($1::text || p.id_number) limit $2`,
    [key, PLANTED.earners],
  );
  take(earners.map((r) => r.id));
  for (const r of earners) addRow('pension', r.id_number, { category: '工资', amount_fen: (r.members * 1200 + 300) * 100 });
  // agreeing 人社 rows: the basic pension of older members of other 低保 households (below any standard)
  const pensioners = await q<{ id_number: string }>(
    `select p.id_number from feed_seed_covered c join person p on p.id = c.person_id and p.deceased_on is null
     where c.category = 'dibao' and p.birth_date < current_date - interval '62 years' ${notPicked()}
       and not exists (select 1 from feed_seed_covered o where o.enrollment_id = c.enrollment_id and o.person_id in (${[...picked, 0].join(', ')}))
     group by p.id_number order by md5($1::text || p.id_number) limit 20`,
    [key],
  );
  for (const r of pensioners) addRow('pension', r.id_number, { category: '养老金', amount_fen: 15_000 });

  // a vehicle, and two properties of one person, in 低保 / 特困 cases
  const plate = countyCode.startsWith('32') ? '苏J' : '鲁A';
  const owners = await q<{ id: number; id_number: string }>(
    `select p.id, p.id_number from feed_seed_covered c join person p on p.id = c.person_id and p.deceased_on is null
     where c.category in ('dibao', 'tekun') ${notPicked()}
     group by p.id, p.id_number order by md5($1::text || p.id_number) limit $2`,
    [key, PLANTED.vehicles + PLANTED.properties],
  );
  take(owners.map((r) => r.id));
  const rng = new Rng(`feeds:${seed}:${countyCode}`);
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  owners.forEach((o, i) => {
    if (i < PLANTED.vehicles) {
      pending.push([
        'vehicle',
        o.id_number,
        {
          reference: `${plate}${letters[rng.int(0, letters.length - 1)]}${rng.int(10000, 99999)}`,
          category: '小型轿车',
          event_date: `${year - 1}-08-16`,
        },
      ]);
    } else {
      for (const n of [1, 2]) {
        pending.push([
          'real_estate',
          o.id_number,
          {
            reference: `${countyCode}不动产权第${year - n}${String(rng.int(100000, 999999))}号`,
            category: '住宅',
            event_date: `${year - n * 3}-04-0${n}`,
          },
        ]);
      }
    }
  });

  // parents in prison: every head and spouse of households with children under 18 not covered
  const households = await q<{ household_id: number }>(
    `select h.id as household_id from household h
     where h.county_code = $1
       and exists (select 1 from household_member pm where pm.household_id = h.id and pm.relation in ('head', 'spouse'))
       and not exists (select 1 from household_member pm join person pp on pp.id = pm.person_id
                       where pm.household_id = h.id and pm.relation in ('head', 'spouse') and (pp.deceased_on is not null or pp.id in (${[...picked, 0].join(', ')})))
       and exists (select 1 from household_member m join person p on p.id = m.person_id
                   where m.household_id = h.id and m.end_date is null and m.relation = 'child' and p.deceased_on is null
                     and p.birth_date > current_date - interval '17 years')
       and not exists (select 1 from enrollment e where e.household_id = h.id and e.status = 'active'
                       and e.program_code in ('unattended_child_allowance', 'orphan_allowance'))
       and not exists (select 1 from application a where a.household_id = h.id and a.status not in ('approved', 'rejected')
                       and a.program_code in ('unattended_child_allowance', 'orphan_allowance'))
     order by md5($2::text || h.id::text) limit $3`,
    [countyCode, key, PLANTED.unattendedHouseholds],
  );
  const householdIds = households.map((h) => h.household_id);
  const parents = await q<{ id_number: string }>(
    `select distinct p.id_number from household_member pm join person p on p.id = pm.person_id
     where pm.household_id = any($1::int[]) and pm.relation in ('head', 'spouse')`,
    [householdIds],
  );
  for (const p of parents) pending.push(['incarceration', p.id_number, { event_date: `${year}-03-10`, reference: `${year + 3}-03-09` }]);
  const children = await q<{ id: number }>(
    `select distinct p.id from household_member m join person p on p.id = m.person_id
     where m.household_id = any($1::int[]) and m.end_date is null and m.relation = 'child' and p.deceased_on is null
       and p.birth_date > $2::date - interval '18 years' order by p.id`,
    [householdIds, today()],
  );

  // residents outside the ledger, in every feed
  const taken = new Set(
    (await q<{ id_number: string }>(`select id_number from person where starts_with(id_number, $1)`, [countyCode])).map((r) => r.id_number),
  );
  const others: string[] = [];
  for (let sequence = 999; others.length < OTHER_RESIDENTS * 8 && sequence > 500; sequence -= 2) {
    const birth = `${1950 + (others.length % 40)}-0${1 + (others.length % 9)}-1${others.length % 10}`;
    const idNumber = makeIdNumber(countyCode, birth, sequence);
    if (!taken.has(idNumber)) others.push(idNumber);
  }
  const other = () => others.pop()!;
  for (let i = 0; i < OTHER_RESIDENTS; i++) {
    pending.push(['death', other(), { event_date: `${year}-0${1 + i}-2${i}` }]);
    pending.push([
      'vehicle',
      other(),
      { reference: `${plate}${letters[i]}${rng.int(10000, 99999)}`, category: '小型轿车', event_date: `${year - 2}-06-1${i}` },
    ]);
    pending.push([
      'real_estate',
      other(),
      {
        reference: `${countyCode}不动产权第${year - 1}${String(rng.int(100000, 999999))}号`,
        category: '住宅',
        event_date: `${year - 4}-05-1${i}`,
      },
    ]);
    pending.push([
      'business',
      other(),
      { reference: `92${countyCode}MA${String(rng.int(1000000, 9999999))}X`, category: '存续', event_date: `${year - 3}-09-0${i + 1}` },
    ]);
    pending.push(['pension', other(), { category: '养老金', amount_fen: rng.int(150_000, 400_000) }]);
    pending.push(['housing_fund', other(), { amount_fen: rng.int(30_000, 150_000), reference: '县人民医院' }]);
    pending.push(['disability', other(), { level: 1 + (i % 4), category: '视力' }]);
    pending.push(['incarceration', other(), { event_date: `${year - 1}-11-0${i + 1}`, reference: `${year + 2}-11-01` }]);
  }

  await client.query(
    `insert into feed_seed_row select * from jsonb_to_recordset($1::jsonb) as r(kind feed_kind, id_number text, event_date date,
       level smallint, category text, amount_fen bigint, reference text)`,
    [JSON.stringify(pending.map(([kind, idNumber, fields]) => ({ kind, id_number: idNumber, ...fields })))],
  );
  const deliveries = await q<{ id: number; kind: string }>(
    `insert into feed_delivery (county_code, kind, delivered_on, file_name, row_count, loaded_by)
     select $1::varchar, kind, make_date($2::int, 12, 31), '${ADDRESS_PREFIX}' || kind || '-' || $1::varchar || '-' || $2::int::text || '.csv', count(*), $3::varchar
     from feed_seed_row group by kind order by kind returning id, kind::text`,
    [countyCode, year, FEED_LOADER],
  );
  const inserted = await client.query(
    `insert into feed_record (delivery_id, row_number, id_number, event_date, level, category, amount_fen, reference)
     select d.id, 1 + row_number() over (partition by r.kind order by r.id_number), r.id_number, r.event_date, r.level, r.category, r.amount_fen, r.reference
     from feed_seed_row r join feed_delivery d on d.county_code = $1 and d.kind = r.kind and d.loaded_by = $2`,
    [countyCode, FEED_LOADER],
  );
  await client.query('drop table feed_seed_row, feed_seed_covered');
  return {
    deliveries: deliveries.length,
    records: inserted.rowCount ?? 0,
    planted: {
      crossCheck: {
        deceased_paid: deaths.map((d) => d.id),
        disability_lowered: lowered.map((r) => r.id),
        income_above_line: earners.map((r) => r.id),
        vehicle_or_property: owners.map((r) => r.id),
      },
      outreach: { severe_disability: raised.map((r) => r.id), unattended_child: children.map((c) => c.id) },
    },
  };
}
