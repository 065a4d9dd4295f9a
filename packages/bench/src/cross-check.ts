import { CROSS_CHECK_RULES, openOrm, ruleQuery, runCrossCheck, today, type Actor } from '@xingfu/domain';
import { FEED_LOADER } from '@xingfu/seed';
import pg from 'pg';
import { median } from './stats.js';

/**
 * A monthly cross-check run at province scale (issue 20: goal under 60 s on 2 cores), beside the
 * time of one sequential scan of `enrollment`.
 */
export interface CrossCheckResult {
  /** The month checked (this month, as the CLI's monthly run defaults to). */
  month: string;
  /** Active enrollments of the county in that month, and the persons they cover. */
  enrollments: number;
  covered_persons: number;
  /** Rows of the latest feed deliveries the run reads (the demo feeds plus the bench's bulk rows), by kind. */
  feed_rows: Record<string, number>;
  /** Seconds spent loading the bulk feed rows (null when they were there already, --reuse-data). */
  feed_load_s: number | null;
  /** Seconds of the first run (every hit new) and of the run repeated (nothing new). */
  run_s: number;
  repeat_s: number;
  /** Per rule of the first run: found, added. */
  rules: { code: string; version: number; found: number; added: number }[];
  /** EXPLAIN ANALYZE of each rule's statement (the found rows only), ms, after the runs. */
  rule_ms: Record<string, number>;
  /** One sequential scan of enrollment (`select count(*)`, index scans off), ms: median of 3 after a warm one. */
  seq_scan_ms: number;
  enrollment_rows: number;
  /** run_s / seq_scan: how many sequential scans of enrollment the run costs. */
  ratio_vs_seq_scan: number;
}

/** Marks the bench's bulk rows: they are added to the generated deliveries of the demo feeds. */
const BULK_THRESHOLD = 1000;

/**
 * Bulk rows in the county's generated feed deliveries, as a department's full extract would hold
 * them, agreeing with the ledger (they raise no hit; the demo feeds' planted cases stay the only
 * findings): the basic pension (150 元) of every second person over 60; the 残联 level the ledger
 * records of every person with one (none for a 护理补贴 recipient at level 3 or 4); a vehicle of
 * every fifth and a home of every third person not covered by 低保 / 特困; deaths the ledger has
 * recorded; a business registration of every twentieth and a housing fund of every tenth person.
 * Persons are picked by a hash of their ID number. Skipped when the deliveries hold them already.
 */
export async function loadBulkFeeds(databaseUrl: string, countyCode: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deliveries = await client.query<{ id: number; kind: string; row_count: number }>(
      `select id, kind::text, row_count from feed_delivery where county_code = $1 and loaded_by = $2`,
      [countyCode, FEED_LOADER],
    );
    if (deliveries.rows.length === 0) throw new Error(`${countyCode} has no demo feeds: seed it first.`);
    if (deliveries.rows.some((d) => d.row_count > BULK_THRESHOLD)) return null;
    const t0 = performance.now();
    await client.query('begin');
    await client.query(
      `create temp table bench_person on commit drop as
       select p.id, p.id_number, p.birth_date, p.disability_level, p.deceased_on, m.relation,
              ('x' || substr(md5(p.id_number), 1, 7))::bit(28)::int as h,
              exists (select 1 from enrollment e join program pg on pg.code = e.program_code
                      where e.status = 'active' and pg.category in ('dibao', 'tekun')
                        and (e.person_id = p.id or (e.person_id is null and e.household_id = m.household_id))) as poor,
              exists (select 1 from enrollment e
                      where e.status = 'active' and e.program_code = 'disability_care'
                        and (e.person_id = p.id or (e.person_id is null and e.household_id = m.household_id))) as care
       from person p join household_member m on m.person_id = p.id and m.end_date is null
       join household h on h.id = m.household_id and h.county_code = $1`,
      [countyCode],
    );
    const kinds = Object.fromEntries(deliveries.rows.map((d) => [d.kind, d.id]));
    const bulk: [string, string][] = [
      [
        'pension',
        `select id_number, null::date, null::smallint, '养老金', 15000::bigint, null from bench_person where birth_date < current_date - interval '60 years' and h % 2 = 0`,
      ],
      [
        'disability',
        `select id_number, null, disability_level, '肢体', null, null from bench_person where disability_level is not null and not (care and disability_level > 2)`,
      ],
      [
        'vehicle',
        `select id_number, date '2020-06-01' + h % 1000, null, '小型轿车', null, '鲁A' || lpad((h % 100000)::text, 5, '0') from bench_person where not poor and h % 5 = 1`,
      ],
      [
        'real_estate',
        `select id_number, date '2010-04-01' + h % 3000, null, '住宅', null, $1::text || '不动产权第' || (h % 1000000) || '号' from bench_person where not poor and h % 3 = 2`,
      ],
      ['death', `select id_number, deceased_on, null, null, null, null from bench_person where deceased_on is not null`],
      [
        'business',
        `select id_number, date '2015-09-01' + h % 2000, null, '存续', null, '92' || $1::text || 'MA' || (h % 10000000) from bench_person where h % 20 = 3`,
      ],
      ['housing_fund', `select id_number, null, null, null, 30000 + (h % 100000)::bigint, '县直单位' from bench_person where h % 10 = 4`],
    ];
    for (const [kind, select] of bulk) {
      const id = kinds[kind];
      if (id === undefined) continue;
      const params = select.includes('$1') ? [countyCode] : [];
      const next = `(select coalesce(max(row_number), 1) from feed_record where delivery_id = ${Number(id)})`;
      await client.query(
        `insert into feed_record (delivery_id, row_number, id_number, event_date, level, category, amount_fen, reference)
         select ${Number(id)}, ${next} + row_number() over (order by b.id_number), b.id_number, b.event_date::date, b.level::smallint,
                b.category::varchar, b.amount_fen::bigint, b.reference::varchar
         from (${select}) as b(id_number, event_date, level, category, amount_fen, reference)
         where not exists (select 1 from feed_record r where r.delivery_id = ${Number(id)} and r.id_number = b.id_number)`,
        params,
      );
      await client.query(`update feed_delivery set row_count = (select count(*) from feed_record where delivery_id = $1) where id = $1`, [
        id,
      ]);
    }
    await client.query('commit');
    await client.query('analyze feed_record');
    await client.query('analyze feed_delivery');
    return (performance.now() - t0) / 1000;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * On a seeded province database: bulk feeds (loadBulkFeeds), one cross-check run over everyone
 * enrolled through the domain service (as `xingfu cross-check` and the runCrossCheck mutation
 * call it), the same run repeated, each rule's statement under EXPLAIN ANALYZE, and one sequential
 * scan of enrollment.
 */
export async function measureCrossCheck(databaseUrl: string, countyCode: string, log: (line: string) => void): Promise<CrossCheckResult> {
  const feedLoad = await loadBulkFeeds(databaseUrl, countyCode);
  if (feedLoad !== null) log(`  bulk feed rows loaded in ${feedLoad.toFixed(1)} s`);
  const month = today().slice(0, 7);
  const actor: Actor = { subject: 'bench', role: 'county_admin', regionCode: countyCode };
  const orm = await openOrm({ clientUrl: databaseUrl });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // earlier runs of a reused database: the first run timed raises every hit afresh
    await client.query(`delete from cross_check_hit where county_code = $1`, [countyCode]);
    await client.query(`delete from cross_check_run where county_code = $1`, [countyCode]);
    await client.query('vacuum analyze cross_check_hit');
    const counts = (
      await client.query<{ enrollments: number; covered: number; all: number }>(
        `select (select count(*) from enrollment where county_code = $1 and status = 'active' and start_month <= $2::date)::int as enrollments,
                (select count(*) from enrollment e left join household_member m on e.person_id is null and m.household_id = e.household_id and m.end_date is null
                 where e.county_code = $1 and e.status = 'active' and e.start_month <= $2::date)::int as covered,
                (select count(*) from enrollment)::int as all`,
        [countyCode, `${month}-01`],
      )
    ).rows[0]!;
    const feeds = await client.query<{ kind: string; n: number }>(
      `select d.kind::text, d.row_count as n from feed_delivery d where d.county_code = $1 order by d.kind`,
      [countyCode],
    );
    const run = async () => {
      const t0 = performance.now();
      const result = await orm.em.fork().transactional((em) => runCrossCheck(em, actor, { countyCode, month }));
      return { result, seconds: (performance.now() - t0) / 1000 };
    };
    const first = await run();
    log(
      `  run: ${first.seconds.toFixed(1)} s, ${first.result.hitCount} hits (${first.result.rules.map((r) => `${r.code} ${r.found}`).join(', ')})`,
    );
    const repeat = await run();
    log(`  repeated: ${repeat.seconds.toFixed(1)} s, ${repeat.result.newHitCount} new`);
    const ruleMs: Record<string, number> = {};
    for (const code of CROSS_CHECK_RULES) {
      const version = first.result.rules.find((r) => r.code === code)?.version;
      if (version == null) continue;
      const { sql, params } = ruleQuery(code, version, { county: countyCode, month: `${month}-01`, asOf: today() });
      let n = 0;
      const text = `explain (analyze, format json) ${sql} select count(*) from found`.replace(/\?/g, () => `$${++n}`);
      const plan = await client.query<{ 'QUERY PLAN': [{ 'Execution Time': number }] }>(text, params);
      ruleMs[code] = plan.rows[0]!['QUERY PLAN'][0]['Execution Time'];
      log(`  ${code}: ${ruleMs[code].toFixed(0)} ms`);
    }
    const scans: number[] = [];
    await client.query('set enable_indexscan = off');
    await client.query('set enable_indexonlyscan = off');
    await client.query('set enable_bitmapscan = off');
    for (let i = 0; i < 4; i++) {
      const t0 = performance.now();
      await client.query('select count(*) from enrollment');
      if (i > 0) scans.push(performance.now() - t0);
    }
    const seqScanMs = median(scans);
    log(`  sequential scan of enrollment (${counts.all} rows): ${seqScanMs.toFixed(0)} ms`);
    return {
      month,
      enrollments: counts.enrollments,
      covered_persons: counts.covered,
      feed_rows: Object.fromEntries(feeds.rows.map((f) => [f.kind, f.n])),
      feed_load_s: feedLoad,
      run_s: first.seconds,
      repeat_s: repeat.seconds,
      rules: first.result.rules.map((r) => ({ code: r.code, version: r.version, found: r.found, added: r.added })),
      rule_ms: ruleMs,
      seq_scan_ms: seqScanMs,
      enrollment_rows: counts.all,
      ratio_vs_seq_scan: (first.seconds * 1000) / seqScanMs,
    };
  } finally {
    await client.end();
    await orm.close(true);
  }
}
