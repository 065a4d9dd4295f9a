import { buildPublicSchema } from '@xingfu/api';
import {
  addDays,
  createReviewCampaign,
  cutRelease,
  FROZEN_TABLES,
  recordCorrection,
  recordReferralOutcome,
  referCase,
  today,
  setStandard,
  submitApplication,
  verifyRelease,
  type EntityManager,
} from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-process.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { buildElderCare } from '../support/elder-care-fixture.js';
import { ADMIN, buildLedger, type LedgerFixture } from '../support/ledger-fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * A release is a closed world (docs/disclosure.md): every public query reads only what a release
 * froze when it was cut, never the ledger; a change of the ledger moves no released figure;
 * `xingfu verify` recomputes every figure as of the release and exits 1 on any difference; a
 * correction is a new release whose changelog names each changed figure.
 */
let db: TestDatabase;
let api: TestApi;
let fixture: LedgerFixture;
let statements: string[] = [];
let release: string;
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);

/** What a release is made of, and the geography (region names and codes: reference data, not the ledger). */
const RELEASE_TABLES = new Set([
  'disclosure_release',
  'release_period',
  'rollup_aggregate',
  'listing_row',
  'rollup_application',
  'release_change',
  'release_standard',
  'release_review_campaign',
  'release_program',
  'release_assistance_figure',
  'release_application_channel',
  'release_decision_time',
  'release_referral',
  'release_elder_facility',
  'release_elder_inspection',
  'release_elder_service',
  'release_population',
  'release_review_town',
  'release_publicity',
  'region',
]);

/** One operation per root field of the public schema, each reading a release (named by $r). */
function publicOperations(listedMonth: string, village: string, facilityId: number): Record<string, string> {
  const agg = 'regionCode programCode period suppressed households persons personMonths amount';
  return {
    releases: `{ releases { id asOf note } }`,
    release: `query ($r: ID) { release(id: $r) { id asOf note } }`,
    releasedMonths: `query ($r: ID) { releasedMonths(countyCode: "370115", releaseId: $r) { countyCode month } }`,
    releaseChanges: `query ($r: ID) { releaseChanges(releaseId: $r) { countyCode programCode month change amountBefore amountAfter householdsBefore householdsAfter } }`,
    programs: `query ($r: ID) { programs(releaseId: $r) { code name category frequency unit amountRule disclosure minorsOnly description } }`,
    aggregates: `query ($r: ID) { m: aggregates(regionCode: "370115", year: 2026, releaseId: $r) { ${agg} }
                                  y: aggregates(regionCode: "370115", year: 2026, periodKind: YEAR, releaseId: $r) { ${agg} } }`,
    childAggregates: `query ($r: ID) { childAggregates(regionCode: "370115", year: 2026, releaseId: $r) { ${agg} } }`,
    countyAggregates: `query ($r: ID) { countyAggregates(countyCode: "370115", year: 2026, level: VILLAGE, periodKind: MONTH, releaseId: $r) { ${agg} } }`,
    standards: `query ($r: ID) { standards(countyCode: "370115", releaseId: $r) { programCode programName areaType tier effectiveMonth amount } }`,
    reviewCampaigns: `query ($r: ID) { reviewCampaigns(countyCode: "370115", releaseId: $r) { id name reviewedHouseholds cancelledHouseholds } }`,
    applicationStatistics: `query ($r: ID) { c: applicationStatistics(regionCode: "370115", year: 2026, releaseId: $r) { regionCode programCode year received approved rejected }
                                             t: applicationStatistics(regionCode: "370115104", year: 2026, releaseId: $r) { regionCode programCode received approved rejected } }`,
    assistanceFigures: `query ($r: ID) { assistanceFigures(countyCode: "370115", year: 2026, releaseId: $r) { figure code outcome year cases amount } }`,
    applicationChannels: `query ($r: ID) { applicationChannels(countyCode: "370115", year: 2026, releaseId: $r) { programCode year applications instant instantPercent channels { channel applications percent } } }`,
    decisionTimes: `query ($r: ID) { decisionTimes(countyCode: "370115", year: 2026, releaseId: $r) { programCode decision year medianDays } }`,
    referralFigures: `query ($r: ID) { referralFigures(countyCode: "370115", year: 2026, releaseId: $r) { department outcome year cases amount } }`,
    reviewCampaignTowns: `query ($r: ID) { reviewCampaignTowns(countyCode: "370115", releaseId: $r) { campaignId townCode reviewedHouseholds cancelledHouseholds cancelledPersons } }`,
    publicity: `query ($r: ID) { publicity(townCode: "370115104", releaseId: $r, first: 50) {
                  edges { cursor node { villageCode maskedName householdSize programCode programName proposedAmount publicityStart publicityEnd } } pageInfo { hasNextPage endCursor } } }`,
    coverage: `query ($r: ID) { coverage(countyCode: "370115", year: 2026, releaseId: $r) {
                 regionCode programCode suppressed persons amount coveragePercent amountPerCapita amountPerBeneficiary population { year population asOf source sample } } }`,
    happinessList: `query ($r: ID) { happinessList(villageCode: "${village}", month: "${listedMonth}", releaseId: $r, first: 50) {
                      edges { cursor node { publicId maskedName coveredMembers programs { programCode programName amount yearToDate } total totalYearToDate } }
                      pageInfo { hasNextPage endCursor } } }`,
    elderCare: `query ($r: ID) { elderCare(regionCode: "370115", year: 2026, releaseId: $r) { regionCode facilities beds occupiedBeds occupancy certifiedCaregivers
                  byKind { kind facilities beds } starRatings { stars facilities } homeServices { personsServed eligiblePersons coverage }
                  modifications { planned inProgress completed target } inspectionQuarters { quarter inspections hazards { category found stillOpen overdue } } } }`,
    elderCareTowns: `query ($r: ID) { elderCareTowns(countyCode: "370115", year: 2026, releaseId: $r) { regionCode facilities beds homeServices { personsServed } } }`,
    elderFacilities: `query ($r: ID) { elderFacilities(regionCode: "370115", releaseId: $r, first: 10) { edges { cursor node { id name kind beds occupiedBeds starRating
                        inspections { inspectedOn jointWithFireBrigade categories { category passed: failedChecks found fixedOnSpot rectified stillOpen overdue } } } } pageInfo { hasNextPage endCursor } } }`,
    elderFacility: `query ($r: ID) { elderFacility(id: "${facilityId}", releaseId: $r) { id name operator townCode villageCode openedOn beds certifiedCaregivers occupancy } }`,
    counties: `{ counties { code name } }`,
    region: `{ region(code: "370115") { code name children { code name } } }`,
  };
}

let operations: Record<string, string>;
let facility: number;

async function answers(releaseId: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [field, query] of Object.entries(operations)) {
    const answer = await api.query('/public/graphql', query, { variables: { r: releaseId } });
    expect(answer.errors, field).toBeUndefined();
    out[field] = answer.data;
  }
  return out;
}

/** Tables named after from / join in a statement (CTE names are not tables). */
function tablesOf(sql: string): string[] {
  const ctes = new Set([...sql.matchAll(/(?:with|,)\s+([a-z_]+)\s+as\s*\(/gi)].map((m) => m[1]!.toLowerCase()));
  return [...sql.matchAll(/\b(?:from|join)\s+"?([a-z_][a-z0-9_]*)"?/gi)]
    .map((m) => m[1]!.toLowerCase())
    .filter((t) => !ctes.has(t) && !['lateral', 'unnest'].includes(t));
}

/** An update's set clause, limited to one release. */
const whereRelease = (clause: string) => `${clause}${clause.includes(' where ') ? ' and' : ' where'} release_id = ?`;

/** An update of the rows one release holds: in its own table, or in the rows it shares with other releases. */
function tamperStatement(table: string, clause: string, releaseId: string): [string, string[]] {
  const shared = FROZEN_TABLES.find((t) => t.table === table)?.shared;
  if (!shared) return [`update ${table} ${whereRelease(clause)}`, [releaseId]];
  const seq = '(select seq from disclosure_release where id = ?)';
  const held = `from_seq <= ${seq} and to_seq > ${seq}`;
  return [`update ${shared} ${clause}${clause.includes(' where ') ? ' and' : ' where'} ${held}`, [releaseId, releaseId]];
}

async function verifyCli(releaseId?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = runCli(['verify', ...(releaseId ? ['--release', releaseId] : [])], { DATABASE_URL: db.url });
  const code = await cli.exited;
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

beforeAll(async () => {
  db = await createTestDatabase({ onQuery: (message) => statements.push(message) });
  fixture = await buildLedger(db.orm, { households: 12 });
  api = await startTestApi(db.orm);
  await run((em) =>
    createReviewCampaign(em, ADMIN, {
      countyCode: '370115',
      name: '2026年低保复核',
      periodStart: addDays(today(), -3),
      periodEnd: addDays(today(), 30),
    }),
  );
  const persons = await db.orm.em
    .fork()
    .execute<{ person_id: number }[]>(
      `select m.person_id from household_member m join household h on h.id = m.household_id where h.county_code = '370115' and m.end_date is null`,
    );
  facility = (
    await buildElderCare(db.orm, { village: fixture.villages[0]!, month: fixture.months.at(-1)!, persons: persons.map((p) => p.person_id) })
  ).homeId;
  const [referred] = await db.orm.em
    .fork()
    .execute<{ id: number }[]>(`select id from household where county_code = '370115' order by id limit 1`);
  const referral = await run((em) =>
    referCase(em, ADMIN, { householdId: referred!.id, department: 'medical_insurance', request: '住院费用' }),
  );
  await run((em) => recordReferralOutcome(em, ADMIN, { referralId: referral.id, outcome: 'granted', amountFen: 50_000 }));
  release = (await run((em) => cutRelease(em, { createdBy: 'test', note: '首次' }))).id;
  operations = publicOperations(fixture.months.at(-1)!, fixture.villages[0]!, facility);
}, 120_000);

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('every public query', () => {
  it('reads only the tables a release is made of, never a ledger table', async () => {
    const root = (await buildPublicSchema()).getQueryType()!;
    expect(Object.keys(operations).sort()).toEqual(Object.keys(root.getFields()).sort());
    statements = [];
    await answers(release);
    const read = new Set(statements.flatMap(tablesOf));
    expect(read.size).toBeGreaterThan(5);
    expect([...read].filter((t) => !RELEASE_TABLES.has(t))).toEqual([]);
  });
});

describe('a change of the ledger after a release', () => {
  it('moves none of its figures; verify then reports the difference, and the correction is a new release with a changelog entry per changed figure', async () => {
    const before = await answers(release);
    expect(before['elderCare']).toMatchObject({ elderCare: { facilities: 2, beds: 80, occupiedBeds: 60, occupancy: 75 } });
    expect((before['elderFacilities'] as { elderFacilities: { edges: unknown[] } }).elderFacilities.edges).toHaveLength(2);
    expect(await verifyRelease(db.orm.em.fork(), release)).toEqual([]);

    const [enrollment] = await db.orm.em
      .fork()
      .execute<{ id: number; household_id: number }[]>(
        `select id, household_id from enrollment where program_code = 'dibao_rural' order by id limit 1`,
      );
    await run((em) =>
      recordCorrection(em, ADMIN, 'recovery', {
        enrollmentId: enrollment!.id,
        month: fixture.months[0]!,
        amountFen: 12_345,
        note: '多发追回',
      }),
    );
    await run((em) =>
      setStandard(em, ADMIN, {
        programCode: 'dibao_rural',
        countyCode: '370115',
        areaType: 'rural',
        effectiveMonth: '2026-02',
        amountFen: 75000,
      }),
    );
    await run((em) =>
      submitApplication(em, ADMIN, { householdId: enrollment!.household_id, programCode: 'temporary_relief', channel: 'county_centre' }),
    );
    await db.orm.em.fork().execute(`update program set name = '农村低保（新）', disclosure = 'counted' where code = 'dibao_rural'`);
    await db.orm.em.fork().execute(`update elder_facility_capacity set beds = beds + 10 where facility_id = ?`, [facility]);
    await db.orm.em
      .fork()
      .execute(`update elder_hazard set state = 'rectified', closed_on = found_on + 5 where facility_id = ?`, [facility]);
    await db.orm.em.fork().execute(`delete from elder_home_service where person_id = (select min(person_id) from elder_home_service)`);

    expect(await answers(release)).toEqual(before);

    const differences = await verifyRelease(db.orm.em.fork(), release);
    const tables = new Set(differences.map((d) => d.table));
    for (const table of [
      'rollup_aggregate',
      'listing_row',
      'rollup_application',
      'release_standard',
      'release_program',
      'release_application_channel',
      'release_elder_facility',
      'release_elder_inspection',
      'release_elder_service',
    ]) {
      expect(tables, table).toContain(table);
    }
    const cli = await verifyCli(release);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/differences: cut a new release/);
    await db.orm.em.fork().execute(`update program set name = '农村低保', disclosure = 'listed' where code = 'dibao_rural'`);
    await db.orm.em.fork().execute(`update elder_facility_capacity set beds = beds - 10 where facility_id = ?`, [facility]);

    const correction = (await run((em) => cutRelease(em, { createdBy: 'test', note: '更正' }))).id;
    const changes = await api.query<{
      releaseChanges: { programCode: string; month: string; change: string; amountBefore: string; amountAfter: string }[];
    }>('/public/graphql', `query ($r: ID) { releaseChanges(releaseId: $r) { programCode month change amountBefore amountAfter } }`, {
      variables: { r: correction },
    });
    const dibao = (r: string) =>
      api.query<{ aggregates: { amount: string }[] }>(
        '/public/graphql',
        `query ($r: ID) { aggregates(regionCode: "370115", year: 2026, programCode: "dibao_rural", releaseId: $r) { amount } }`,
        { variables: { r } },
      );
    const [old, corrected] = [(await dibao(release)).data!.aggregates[0]!.amount, (await dibao(correction)).data!.aggregates[0]!.amount];
    expect(Math.round(Number(old) * 100 - Number(corrected) * 100)).toBe(12_345);
    expect(changes.data!.releaseChanges).toEqual([
      { programCode: 'dibao_rural', month: fixture.months[0]!, change: 'corrected', amountBefore: old, amountAfter: corrected },
    ]);
    // the list of releases grows; everything of the first release stays as it was
    const unmoved = Object.fromEntries(Object.entries(before).filter(([field]) => field !== 'releases'));
    expect(await answers(release)).toMatchObject(unmoved);
    expect(await verifyRelease(db.orm.em.fork(), correction)).toEqual([]);
  });
});

describe('xingfu verify', () => {
  it('exits 0 on a release that is what the ledger gives, 1 when any frozen figure was tampered with', async () => {
    const latest = (await run((em) => cutRelease(em, { createdBy: 'test', note: '核对' }))).id;
    const clean = await verifyCli();
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/every published figure equals the ledger/);
    const em = db.orm.em.fork();
    await em.execute(`update release_standard set amount_fen = amount_fen + 100 where release_id = ?`, [latest]);
    const tampered = await verifyCli();
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(
      /^release_standard .*"dibao_rural".*"2025-01-01".*: published \{"amount_fen": 70100\}, ledger \{"amount_fen": 70000\}$/m,
    );
    await em.execute(`update release_standard set amount_fen = amount_fen - 100 where release_id = ?`, [latest]);
  }, 60_000);

  it('finds a tampered figure in every table a release is made of', async () => {
    const latest = (await run((em) => cutRelease(em, { createdBy: 'test', note: '再核对' }))).id;
    const em = db.orm.em.fork();
    expect(await verifyRelease(em, latest)).toEqual([]);
    for (const [table, tamper, restore] of [
      [
        'rollup_aggregate',
        `set persons = persons + 1 where period_kind = 'year' and region_level = 'county'`,
        `set persons = persons - 1 where period_kind = 'year' and region_level = 'county'`,
      ],
      [
        'rollup_aggregate',
        `set suppressed = not suppressed where region_level = 'village'`,
        `set suppressed = not suppressed where region_level = 'village'`,
      ],
      ['listing_row', `set year_to_date_fen = year_to_date_fen + 1`, `set year_to_date_fen = year_to_date_fen - 1`],
      ['release_standard', `set amount_fen = amount_fen + 100`, `set amount_fen = amount_fen - 100`],
      ['rollup_application', `set received = received + 1`, `set received = received - 1`],
      ['release_review_campaign', `set name = name || '*'`, `set name = left(name, -1)`],
      ['release_population', `set population = population + 1`, `set population = population - 1`],
      ['release_review_town', `set tasks = tasks + 1`, `set tasks = tasks - 1`],
      [
        'release_program',
        `set disclosure = 'listed' where code = 'disability_care'`,
        `set disclosure = 'counted' where code = 'disability_care'`,
      ],
      ['release_elder_facility', `set beds = beds + 1`, `set beds = beds - 1`],
      [
        'release_elder_inspection',
        `set overdue = overdue + 1 where category = 'fire'`,
        `set overdue = overdue - 1 where category = 'fire'`,
      ],
      ['release_elder_service', `set persons_served = persons_served + 1`, `set persons_served = persons_served - 1`],
      ['release_application_channel', `set applications = applications + 1`, `set applications = applications - 1`],
      ['release_decision_time', `set median_days = median_days + 1`, `set median_days = median_days - 1`],
      ['release_referral', `set amount_fen = amount_fen + 1`, `set amount_fen = amount_fen - 1`],
    ] as const) {
      await em.execute(...tamperStatement(table, tamper, latest));
      const differences = await verifyRelease(em, latest);
      expect(differences.length, table).toBeGreaterThan(0);
      expect(new Set(differences.map((d) => d.table)), table).toEqual(new Set([table]));
      await em.execute(...tamperStatement(table, restore, latest));
      expect(await verifyRelease(em, latest), table).toEqual([]);
    }
    // nothing changed since the previous release: a changelog entry slipped in is a difference too
    await em.execute(
      `insert into release_change (release_id, county_code, program_code, month, change, amount_before_fen, amount_after_fen, households_before, households_after)
       values (?, '370115', 'dibao_rural', '2026-01-01', 'corrected', 100, 200, 1, 1)`,
      [latest],
    );
    expect((await verifyRelease(em, latest)).map((d) => [d.table, d.recomputed])).toEqual([['release_change', null]]);
    await em.execute(`delete from release_change where release_id = ?`, [latest]);
    expect(await verifyRelease(em, latest)).toEqual([]);
  });
});

describe('releases cut before the catalog was frozen', () => {
  it('receive the catalog of the day migration 0008 runs, once', async () => {
    const { BACKFILL_FROZEN_PROGRAMS_SQL } = await import('@xingfu/domain');
    const query = `query ($r: ID) { programs(releaseId: $r) { code name disclosure } }`;
    const frozen = (await api.query('/public/graphql', query, { variables: { r: release } })).data;
    const em = db.orm.em.fork();
    await em.execute('delete from release_program where release_id = ?', [release]);
    expect((await api.query('/public/graphql', query, { variables: { r: release } })).data).toEqual({ programs: [] });
    await em.execute(BACKFILL_FROZEN_PROGRAMS_SQL);
    await em.execute(BACKFILL_FROZEN_PROGRAMS_SQL);
    expect((await api.query('/public/graphql', query, { variables: { r: release } })).data).toEqual(frozen);
  });
});
