import { addDays, cutRelease, maskName, recordCorrection, today, type EntityManager } from '@xingfu/domain';
import { buildInternalSchema, buildPublicSchema } from '@xingfu/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenFor } from '../support/staff.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN, buildLedger, type LedgerFixture } from '../support/ledger-fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** The public schema over a real ledger: figures equal the ledger, nothing personal leaks. */
let db: TestDatabase;
let api: TestApi;
let fixture: LedgerFixture;
let firstRelease: string;
const asOf = addDays(today(), 40);
const PERIODS = ['MONTH', 'QUARTER', 'YEAR'] as const;

interface Aggregate {
  regionCode: string;
  programCode: string;
  period: string;
  suppressed: boolean;
  households: number | null;
  persons: number | null;
  personMonths: number | null;
  amount: string | null;
}

async function pub<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await api.query<T>('/public/graphql', query, { variables });
  if (result.errors?.length || !result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const AGGREGATE_FIELDS = 'regionCode programCode period suppressed households persons personMonths amount';

async function aggregatesOf(regionCode: string, periodKind: string, releaseId?: string): Promise<Aggregate[]> {
  const data = await pub<{ aggregates: Aggregate[] }>(
    `query ($r: String!, $k: PeriodKind!, $rel: ID) { aggregates(regionCode: $r, year: 2026, periodKind: $k, releaseId: $rel) { ${AGGREGATE_FIELDS} } }`,
    { r: regionCode, k: periodKind, rel: releaseId ?? null },
  );
  return data.aggregates;
}

const em = (): EntityManager => db.orm.em.fork();

interface Listed {
  publicId: string;
  maskedName: string;
  coveredMembers: number;
  programs: { programCode: string; amount: string; yearToDate: string }[];
  total: string;
  totalYearToDate: string;
}

/** The month the latest release lists: the county's latest released month. */
async function listedMonth(): Promise<string> {
  const months = await pub<{ releasedMonths: { month: string }[] }>(`{ releasedMonths(countyCode: "370115") { month } }`);
  return months.releasedMonths
    .map((m) => m.month)
    .sort()
    .at(-1)!;
}

/** A village's 幸福清单, every page. */
async function listingOf(village: string, month: string): Promise<Listed[]> {
  const rows: Listed[] = [];
  let after: string | null = null;
  do {
    const data: { happinessList: { edges: { node: Listed }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await pub(
      `query ($v: String!, $m: Month!, $after: String) { happinessList(villageCode: $v, month: $m, first: 2, after: $after) { edges { node { publicId maskedName coveredMembers programs { programCode amount yearToDate } total totalYearToDate } } pageInfo { hasNextPage endCursor } } }`,
      { v: village, m: month, after },
    );
    rows.push(...data.happinessList.edges.map((e) => e.node));
    after = data.happinessList.pageInfo.hasNextPage ? data.happinessList.pageInfo.endCursor : null;
  } while (after);
  return rows;
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  fixture = await buildLedger(db.orm);
  firstRelease = (await em().transactional((tx) => cutRelease(tx, { createdBy: 'test', note: '首次发布', asOf }))).id;
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

function allRegions(): string[] {
  return ['370115', '370115104', '370115005', ...fixture.villages];
}

describe('public aggregates', () => {
  it('equal SQL sums over the payment ledger at every region level and period', async () => {
    let compared = 0;
    for (const region of allRegions()) {
      for (const kind of PERIODS) {
        for (const row of await aggregatesOf(region, kind)) {
          const periodSql = { MONTH: `to_char(month, 'YYYY-MM')`, QUARTER: `to_char(month, 'YYYY-"Q"Q')`, YEAR: `to_char(month, 'YYYY')` }[
            kind
          ];
          const [ledger] = await em().execute<{ amount: string; households: number }[]>(
            `select sum(amount_fen)::text as amount, count(distinct household_id)::int as households from payment
             where village_code like ? and program_code = ? and ${periodSql} = ?`,
            [`${region}%`, row.programCode, row.period],
          );
          if (row.suppressed) {
            expect(row.households).toBeNull();
            expect(row.amount).toBeNull();
            continue;
          }
          expect(row.households).toBe(ledger!.households);
          expect(BigInt(row.amount!.replace('.', ''))).toBe(BigInt(ledger!.amount));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('count person-months (人次) as covered members of monthly payments', async () => {
    const [row] = (await aggregatesOf('370115', 'YEAR')).filter((a) => a.programCode === 'dibao_rural');
    const [ledger] = await em().execute<{ n: number }[]>(
      `select sum(covered_members)::int as n from payment where program_code = 'dibao_rural' and kind = 'regular' and county_code = '370115'`,
    );
    expect(row!.personMonths).toBe(ledger!.n);
  });

  it('publish no month whose payroll is still a draft, nor a month not over', async () => {
    const months = await pub<{ releasedMonths: { month: string }[] }>(`{ releasedMonths(countyCode: "370115") { month } }`);
    expect(months.releasedMonths.map((m) => m.month)).toEqual(expect.arrayContaining(fixture.months));
    expect(months.releasedMonths.every((m) => m.month < asOf.slice(0, 7))).toBe(true);
  });

  it('answer with cache headers and an ETag a cache revalidates with (304)', async () => {
    const result = await api.query('/public/graphql', '{ counties { code } }');
    expect(result.headers.get('cache-control')).toMatch(/max-age=300/);
    const url = `${api.baseUrl}/public/graphql?query=${encodeURIComponent('{ counties { code } }')}`;
    const first = await fetch(url, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    const etag = first.headers.get('etag');
    expect(first.status).toBe(200);
    expect(etag).toBeTruthy();
    // a revalidation as browsers send it (fetch would add cache-control: no-cache to a conditional request)
    const again = await fetch(url, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true', 'if-none-match': etag!, 'cache-control': 'max-age=0' },
    });
    expect(again.status).toBe(304);
  });

  it('are the only answers with an ETag: internal answers are personal and never cached', async () => {
    const token = await tokenFor('county_admin', '370115');
    const internal = await api.query('/graphql', '{ region(code: "370115") { name } }', { token });
    expect(internal.status).toBe(200);
    expect(internal.headers.get('etag')).toBeNull();
  });
});

describe('small-cell suppression', () => {
  it('hides every counted-only cell of 10 or fewer and leaves none recoverable by subtraction', async () => {
    const town = async (code: string) =>
      (
        await pub<{ childAggregates: Aggregate[] }>(
          `query ($r: String!) { childAggregates(regionCode: $r, year: 2026, periodKind: MONTH, programCode: "disability_care") { ${AGGREGATE_FIELDS} } }`,
          { r: code },
        )
      ).childAggregates;
    const countyMonths = (await aggregatesOf('370115', 'MONTH')).filter((a) => a.programCode === 'disability_care');
    const towns = await town('370115');
    expect(towns.some((a) => a.suppressed)).toBe(true);
    // primary: no published cell of a counted-only program shows 1..10
    for (const cell of [...countyMonths, ...towns]) {
      if (!cell.suppressed) expect(cell.households === 0 || cell.households! > 10).toBe(true);
    }
    // each month: the towns sum to the county; a published county month must not leave exactly one town hidden
    for (const month of countyMonths) {
      const parts = towns.filter((t) => t.period === month.period);
      const hidden = parts.filter((t) => t.suppressed).length;
      if (!month.suppressed) expect(hidden === 0 || hidden >= 2).toBe(true);
    }
    // each town: its months sum to its year
    for (const code of ['370115104', '370115005']) {
      const months = (await aggregatesOf(code, 'MONTH')).filter((a) => a.programCode === 'disability_care');
      const [year] = (await aggregatesOf(code, 'YEAR')).filter((a) => a.programCode === 'disability_care');
      const hidden = months.filter((m) => m.suppressed).length;
      if (year && !year.suppressed) expect(hidden === 0 || hidden >= 2).toBe(true);
    }
  });
});

describe('the 幸福清单', () => {
  it('lists each assisted household once, masked head, listed programs with the month and year to date, and the total', async () => {
    const village = fixture.villages[0]!;
    const month = await listedMonth();
    const list = await listingOf(village, month);
    expect(list.length).toBeGreaterThan(0);
    const heads = await em().execute<{ public_id: string; name: string; id: number }[]>(
      `select h.public_id, p.name, h.id from household h join household_member m on m.household_id = h.id and m.relation = 'head' join person p on p.id = m.person_id where h.village_code = ?`,
      [village],
    );
    for (const row of list) {
      const head = heads.find((h) => h.public_id === row.publicId)!;
      expect(row.maskedName).toBe(maskName(head.name));
      expect(row.programs.map((p) => p.programCode)).not.toContain('disability_care');
      let total = 0n;
      let totalYtd = 0n;
      for (const program of row.programs) {
        const [ledger] = await em().execute<{ month: string; ytd: string }[]>(
          `select coalesce(sum(amount_fen) filter (where month = to_date(?, 'YYYY-MM')), 0)::text as month,
                  coalesce(sum(amount_fen) filter (where month between date_trunc('year', to_date(?, 'YYYY-MM')) and to_date(?, 'YYYY-MM')), 0)::text as ytd
           from payment where household_id = ? and program_code = ?`,
          [month, month, month, head.id, program.programCode],
        );
        expect(BigInt(program.amount.replace('.', ''))).toBe(BigInt(ledger!.month));
        expect(BigInt(program.yearToDate.replace('.', ''))).toBe(BigInt(ledger!.ytd));
        total += BigInt(ledger!.month);
        totalYtd += BigInt(ledger!.ytd);
      }
      expect(BigInt(row.total.replace('.', ''))).toBe(total);
      expect(BigInt(row.totalYearToDate.replace('.', ''))).toBe(totalYtd);
    }
  });

  it('masks in SQL exactly as in TypeScript', async () => {
    const names = ['张三明', '张三', '王小明华', '欧阳明华', '欧阳明', '司马光', '诸葛孔明', '张', '欧阳', '李𠮷祥'];
    const rows = await em().execute<{ masked: string }[]>(
      `select mask_name(n) as masked from unnest(string_to_array(?, ',')) with ordinality as t(n, i) order by i`,
      [names.join(',')],
    );
    expect(rows.map((r) => r.masked)).toEqual(names.map(maskName));
  });
});

describe('privacy by construction', () => {
  it('finds no ID number, full name, phone number or address in any public response over the whole data', async () => {
    const responses: string[] = [];
    const collect = async (query: string, variables: Record<string, unknown> = {}) => {
      const result = await api.query('/public/graphql', query, { variables });
      expect(result.errors).toBeUndefined();
      responses.push(JSON.stringify(result.data));
    };
    await collect(
      `{ counties { code name children { code name children { code name } } } programs { code name disclosure description } releases { id asOf note } release { id } }`,
    );
    await collect(
      `{ releasedMonths { countyCode month } releaseChanges { countyCode programCode month change amountAfter householdsAfter } standards(countyCode: "370115") { programCode amount effectiveMonth } reviewCampaigns(countyCode: "370115") { name reviewedHouseholds } applicationStatistics(regionCode: "370115", year: 2026) { programCode received approved rejected } }`,
    );
    for (const region of allRegions()) {
      for (const kind of PERIODS) {
        await collect(
          `query ($r: String!, $k: PeriodKind!) { aggregates(regionCode: $r, year: 2026, periodKind: $k) { ${AGGREGATE_FIELDS} } }`,
          { r: region, k: kind },
        );
      }
    }
    for (const region of ['370115', '370115104', '370115005']) {
      await collect(`query ($r: String!) { childAggregates(regionCode: $r, year: 2026) { ${AGGREGATE_FIELDS} } }`, { r: region });
    }
    const month = await listedMonth();
    for (const village of fixture.villages) {
      let after: string | null = null;
      do {
        const result: { data?: { happinessList: { pageInfo: { endCursor: string | null; hasNextPage: boolean } } } } = await api.query(
          '/public/graphql',
          `query ($v: String!, $m: Month!, $after: String) { happinessList(villageCode: $v, month: $m, first: 50, after: $after) { edges { cursor node { publicId maskedName villageCode coveredMembers programs { programCode programName amount yearToDate } total totalYearToDate } } pageInfo { hasNextPage endCursor } } }`,
          { variables: { v: village, m: month, after } },
        );
        responses.push(JSON.stringify(result.data));
        after = result.data?.happinessList.pageInfo.hasNextPage ? result.data.happinessList.pageInfo.endCursor : null;
      } while (after);
    }
    const everything = responses.join('\n');
    const people = await em().execute<{ id_number: string; name: string; phone: string | null }[]>(
      `select id_number, name, phone from person`,
    );
    const households = await em().execute<{ address: string; phone: string | null; id: number }[]>(
      `select address, phone, id from household`,
    );
    expect(people.length).toBeGreaterThan(20);
    for (const person of people) {
      expect(everything).not.toContain(person.id_number);
      expect(everything).not.toContain(person.id_number.slice(0, 17));
      expect(everything).not.toContain(person.name);
      if (person.phone) expect(everything).not.toContain(person.phone);
    }
    for (const household of households) {
      expect(everything).not.toContain(household.address);
      if (household.phone) expect(everything).not.toContain(household.phone);
    }
    expect(everything).toMatch(/\*/);
  });

  it('has no type or field in the public schema that could carry personal data', async () => {
    const schema = await buildPublicSchema();
    // (graphql's helpers are not imported here: the schema comes from the packages' own instance)
    const namedType = (type: unknown): string => {
      let t = type as { ofType?: unknown; name?: string };
      while (t.ofType) t = t.ofType;
      return t.name ?? '';
    };
    const internal = await buildInternalSchema();
    const forbiddenTypes = [
      'Person',
      'Household',
      'HouseholdMember',
      'Application',
      'ApplicationIncome',
      'Objection',
      'AuditEntry',
      'ReviewTask',
      'ReviewForm',
      'Payment',
      'Me',
    ];
    for (const name of forbiddenTypes) expect(internal.getType(name), `${name} exists internally`).toBeDefined();
    for (const name of forbiddenTypes) expect(schema.getType(name), `${name} must not be public`).toBeUndefined();
    const forbiddenFields =
      /^(idNumber|phone|address|birthDate|sex|income|perCapitaIncome|health|disability.*|deceasedOn|members|person|household|fullName|headName|notes|investigationNotes|form)$/i;
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !('getFields' in type) || 'parseValue' in type) continue;
      for (const field of Object.values(type.getFields()) as { name: string; type: unknown }[]) {
        expect(field.name, `${type.name}.${field.name}`).not.toMatch(forbiddenFields);
        expect(forbiddenTypes).not.toContain(namedType(field.type));
      }
    }
  });
});

describe('releases', () => {
  it('publish a correction as a new release with a changelog entry, keeping the earlier release readable', async () => {
    const [enrollment] = await em().execute<{ id: number }[]>(
      `select id from enrollment where program_code = 'dibao_rural' order by id limit 1`,
    );
    await em().transactional((tx) =>
      recordCorrection(tx, ADMIN, 'back_pay', {
        enrollmentId: enrollment!.id,
        month: '2026-02',
        amountFen: 12345,
        note: '标准调整补发',
        aboveEntitlementReason: '复核认定少发',
      }),
    );
    const before = (await aggregatesOf('370115', 'MONTH', firstRelease)).find(
      (a) => a.programCode === 'dibao_rural' && a.period === '2026-02',
    )!;
    const second = await em().transactional((tx) => cutRelease(tx, { createdBy: 'test', note: '更正 2026-02', asOf }));
    const after = (await aggregatesOf('370115', 'MONTH')).find((a) => a.programCode === 'dibao_rural' && a.period === '2026-02')!;
    expect(BigInt(after.amount!.replace('.', '')) - BigInt(before.amount!.replace('.', ''))).toBe(12345n);
    const again = (await aggregatesOf('370115', 'MONTH', firstRelease)).find(
      (a) => a.programCode === 'dibao_rural' && a.period === '2026-02',
    )!;
    expect(again.amount).toBe(before.amount);
    const changes = await pub<{
      releaseChanges: { programCode: string; month: string; change: string; amountBefore: string; amountAfter: string }[];
    }>(`query ($id: ID) { releaseChanges(releaseId: $id) { programCode month change amountBefore amountAfter } }`, { id: second.id });
    expect(changes.releaseChanges).toEqual([
      { programCode: 'dibao_rural', month: '2026-02', change: 'corrected', amountBefore: before.amount, amountAfter: after.amount },
    ]);
    const releases = await pub<{ releases: { id: string }[] }>(`{ releases { id } }`);
    expect(releases.releases.map((r) => r.id)).toEqual([second.id, firstRelease]);
  });
});
