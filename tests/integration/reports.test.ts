import { approveApplication, exitEnrollment, generatePayroll, registerHousehold, setStandard, type EntityManager } from '@xingfu/domain';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor, ok } from '../support/casework.js';
import { caseSteps } from '../support/case-steps.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN } from '../support/ledger-fixture.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Internal reports: the monthly 新增 / 减少 / 调增 / 调减 form from the payroll, and the personal
 * lists as files, each export audited as a read (who, what, when, how many rows).
 */
let db: TestDatabase;
let steps: ReturnType<typeof caseSteps>;
let api: TestApi;
let admin = '';
let village = '';
let aprilBatch = 0;

const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);
const rows = <T>(sql: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(sql, params);

let births = 0;
async function enrolled(startMonth: string, members = 2): Promise<number> {
  const household = await run((em) =>
    registerHousehold(em, ADMIN, {
      villageCode: village,
      areaType: 'rural',
      startDate: '2020-01-01',
      members: Array.from({ length: members }, (_, i) => ({
        idNumber: idNumberFor(`19${50 + (births++ % 30)}-07-1${i}`),
        name: i === 0 ? '周大成' : '吴小梅',
        relation: i === 0 ? ('head' as const) : ('spouse' as const),
      })),
    }),
  );
  const applicationId = await steps.publicized({ householdId: household.id, programCode: 'dibao_rural' });
  const approved = await run((em) => approveApplication(em, ADMIN, { applicationId, startMonth }));
  return approved.enrollment!.id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  steps = caseSteps(db.orm);
  api = await startTestApi(db.orm);
  admin = await tokenFor('county_admin', '370115');
  village = await steps.village();
  await steps.ruralStandards({ dibao_rural: 70000 });
  // A and B paid both months (the standard rises in April: 调增), C ends with March (减少), D starts in April (新增)
  await enrolled('2026-01');
  await enrolled('2026-01');
  const c = await enrolled('2026-01');
  await enrolled('2026-04', 3);
  await run((em) => exitEnrollment(em, ADMIN, { enrollmentId: c, lastMonth: '2026-03', reason: 'moved_away' }));
  await run((em) =>
    setStandard(em, ADMIN, {
      programCode: 'dibao_rural',
      countyCode: '370115',
      areaType: 'rural',
      effectiveMonth: '2026-04',
      amountFen: 75000,
    }),
  );
  await run((em) => generatePayroll(em, ADMIN, { countyCode: '370115', programCode: 'dibao_rural', month: '2026-03' }));
  aprilBatch = (await run((em) => generatePayroll(em, ADMIN, { countyCode: '370115', programCode: 'dibao_rural', month: '2026-04' }))).id;
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const EXPORT = `mutation ($input: ExportReportInput!) { exportReport(input: $input) { fileName contentType rows content } }`;
type Exported = { exportReport: { fileName: string; contentType: string; rows: number; content: string } };
const exportsAudited = () =>
  rows<{ actor: string; entity_id: string; after: { rows: number; format: string; filters: Record<string, unknown> } }>(
    `select actor, entity_id, after from audit_entry where action = 'exportReport' order by id`,
  );

describe('the monthly change report', () => {
  it('counts 新增, 减少, 调增 and 调减 households per program and town from the payroll', async () => {
    const answer = await ok<{ monthlyChanges: Record<string, unknown>[] }>(
      api,
      admin,
      `{ monthlyChanges(month: "2026-04") { programCode townCode addedHouseholds addedPersons removedHouseholds removedPersons raisedHouseholds loweredHouseholds paidHouseholds paidPersons paid } }`,
    );
    expect(answer.monthlyChanges).toEqual([
      {
        programCode: 'dibao_rural',
        townCode: '370115104',
        addedHouseholds: 1,
        addedPersons: 3,
        removedHouseholds: 1,
        removedPersons: 2,
        raisedHouseholds: 2,
        loweredHouseholds: 0,
        paidHouseholds: 3,
        paidPersons: 7,
        // 750.00 × 7
        paid: '5250.00',
      },
    ]);
  });
});

describe('exports', () => {
  it('a payroll list as XLSX: every payment of the batch with its household head and bank columns, audited', async () => {
    const before = (await exportsAudited()).length;
    const answer = await ok<Exported>(api, admin, EXPORT, { input: { report: 'PAYROLL_LIST', batchId: String(aprilBatch) } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(answer.exportReport.content, 'base64') as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).filter(Boolean);
    expect(headers).toEqual(expect.arrayContaining(['户主姓名', '户主身份证号', '发放金额（元）', '开户银行', '银行账号']));
    const payments = await rows<{ n: number }>('select count(*)::int as n from payment where batch_id = ?', [aprilBatch]);
    expect(sheet.rowCount - 1).toBe(payments[0]!.n);
    expect(answer.exportReport.rows).toBe(payments[0]!.n);
    const audited = await exportsAudited();
    expect(audited).toHaveLength(before + 1);
    expect(audited.at(-1)).toMatchObject({
      actor: 'county_admin@370115',
      entity_id: 'payroll_list',
      after: { rows: payments[0]!.n, format: 'xlsx', filters: { batchId: aprilBatch } },
    });
  });

  it('a ledger extract as CSV: the enrollments paid in the month, audited with its row count', async () => {
    const answer = await ok<Exported>(api, admin, EXPORT, { input: { report: 'LEDGER_EXTRACT', format: 'CSV', month: '2026-04' } });
    expect(answer.exportReport.contentType).toMatch(/^text\/csv/);
    const records = parse<Record<string, string>>(Buffer.from(answer.exportReport.content, 'base64').toString('utf8'), {
      bom: true,
      columns: true,
    });
    expect(records).toHaveLength(3);
    expect(records.map((r) => r['本月发放（元）']).sort()).toEqual(['1500.00', '1500.00', '2250.00']);
    expect((await exportsAudited()).at(-1)).toMatchObject({ entity_id: 'ledger_extract', after: { rows: 3, format: 'csv' } });
  });

  it('a grid worker may not export, and nothing is recorded', async () => {
    const before = (await exportsAudited()).length;
    const grid = await tokenFor('grid_worker', village);
    const answer = await api.query('/graphql', EXPORT, {
      token: grid,
      variables: { input: { report: 'LEDGER_EXTRACT', month: '2026-04' } },
    });
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await exportsAudited()).toHaveLength(before);
  });
});
