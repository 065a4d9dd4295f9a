import {
  ENROLLMENT_COLUMNS,
  ENROLLMENT_SHEET,
  ERROR_HEADER,
  HOUSEHOLD_COLUMNS,
  HOUSEHOLD_SHEET,
  NOTES_SHEET,
  STANDARD_COLUMNS,
  STANDARD_SHEET,
  runLedgerImport,
  type Actor,
  type LedgerImportResult,
} from '@xingfu/domain';
import { syntheticLedgerFile } from '@xingfu/seed';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor, ok } from '../support/casework.js';
import { caseSteps } from '../support/case-steps.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * 台账导入: a bureau's Excel ledger comes in whole or not at all. A file with one bad row changes
 * nothing and its report names that row; the same file imported again changes nothing; a
 * corrected file adds only what is new; imports of one file at once leave one copy.
 */
const IMPORTER: Actor = { subject: 'importer@370115', role: 'county_admin', regionCode: '370115' };

let db: TestDatabase;
let api: TestApi;
let village = '';

const rows = <T>(sql: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(sql, params);
const count = async (sql: string, params: unknown[] = []) =>
  (await rows<{ n: number }>(`select count(*)::int as n from (${sql}) x`, params))[0]!.n;
const importFile = (file: Buffer, options: { dryRun?: boolean } = {}) => runLedgerImport(db.orm.em.fork(), IMPORTER, file, options);

interface Ledger {
  members?: Record<string, string>[];
  enrollments?: Record<string, string>[];
  standards?: Record<string, string>[];
}

/** A workbook as a bureau fills in the template: rows by the columns' keys. */
async function workbook(ledger: Ledger): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet(NOTES_SHEET).addRow(['说明']);
  const sheets = [
    [HOUSEHOLD_SHEET, HOUSEHOLD_COLUMNS, ledger.members],
    [ENROLLMENT_SHEET, ENROLLMENT_COLUMNS, ledger.enrollments],
    [STANDARD_SHEET, STANDARD_COLUMNS, ledger.standards],
  ] as const;
  for (const [name, columns, data] of sheets) {
    if (!data) continue;
    const sheet = book.addWorksheet(name);
    sheet.addRow(columns.map((c) => c.header));
    for (const row of data) sheet.addRow(columns.map((c) => row[c.key] ?? ''));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The report's error column of a sheet: row number → text, for rows with an error. */
async function reportErrors(result: LedgerImportResult, sheetName: string): Promise<Map<number, string>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(result.report as unknown as ArrayBuffer);
  const sheet = book.getWorksheet(sheetName)!;
  let col = 0;
  sheet.getRow(1).eachCell((cell, c) => {
    if (cell.value === ERROR_HEADER) col = c;
  });
  expect(col).toBeGreaterThan(0);
  const errors = new Map<number, string>();
  sheet.eachRow((row, n) => {
    const text = row.getCell(col).text;
    if (n > 1 && text) errors.set(n, text);
  });
  return errors;
}

/** Two households (3 members), their 低保 enrollments and a standard. */
function ledger(): Ledger & { heads: string[]; ids: string[] } {
  const a = idNumberFor('1955-02-03');
  const a2 = idNumberFor('1957-06-07');
  const b = idNumberFor('1962-09-10');
  return {
    heads: [a, b],
    ids: [a, a2, b],
    members: [
      { headIdNumber: a, villageCode: village, areaType: '农村', idNumber: a, name: '赵德胜', relation: '户主', startDate: '2010-01-01' },
      { headIdNumber: a, villageCode: village, areaType: '农村', idNumber: a2, name: '钱桂芳', relation: '配偶', startDate: '2010-01-01' },
      { headIdNumber: b, villageCode: village, areaType: '农村', idNumber: b, name: '孙有田', relation: '户主' },
    ],
    enrollments: [
      { headIdNumber: a, programCode: 'dibao_rural', startMonth: '2026-01', perCapitaIncome: '150.00' },
      { headIdNumber: b, programCode: 'dibao_rural', startMonth: '2026-02', coveredMembers: '1' },
    ],
    standards: [{ programCode: 'dibao_rural', countyCode: '370115', areaType: '农村', effectiveMonth: '2024-01', amount: '650.00' }],
  };
}

/** What the ledger holds for some ID numbers: persons, current memberships, enrollments, audit entries. */
async function holdings(ids: string[]) {
  const list = ids.join(',');
  return {
    persons: await count(`select 1 from person where id_number = any(string_to_array(?, ','))`, [list]),
    memberships: await count(
      `select 1 from household_member m join person p on p.id = m.person_id where p.id_number = any(string_to_array(?, ','))`,
      [list],
    ),
    enrollments: await count(
      `select 1 from enrollment e join household_member m on m.household_id = e.household_id and m.relation = 'head'
         join person p on p.id = m.person_id where p.id_number = any(string_to_array(?, ','))`,
      [list],
    ),
    standards: await count(`select 1 from standard where effective_month = '2024-01-01' and program_code = 'dibao_rural'`),
    audit: await count(`select 1 from audit_entry where actor = ?`, [IMPORTER.subject]),
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  village = await caseSteps(db.orm).village();
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('a file with a bad row', () => {
  it('commits nothing, and its report names the row and only that row', async () => {
    const file = ledger();
    // row 3 of the sheet (the second member): a wrong check character
    const bad = file.ids[1]!.slice(0, 17) + (file.ids[1]!.endsWith('1') ? '2' : '1');
    file.members![1]!.idNumber = bad;
    const result = await importFile(await workbook(file));
    expect(result).toMatchObject({ committed: false, errorRows: 1 });
    expect(result.errors).toEqual([expect.stringMatching(new RegExp(`^${HOUSEHOLD_SHEET} row 3: `))]);
    const errors = await reportErrors(result, HOUSEHOLD_SHEET);
    expect([...errors.keys()]).toEqual([3]);
    expect(errors.get(3)).toContain('公民身份号码不正确');
    expect(await holdings([...file.ids, bad])).toEqual({ persons: 0, memberships: 0, enrollments: 0, standards: 0, audit: 0 });
  });

  it('names both rows of an ID number that appears twice, and an unknown program, and commits nothing', async () => {
    const file = ledger();
    file.members![2]!.idNumber = file.ids[1]!;
    file.enrollments![1]!.programCode = 'no_such_program';
    const result = await importFile(await workbook(file));
    expect(result.committed).toBe(false);
    expect([...(await reportErrors(result, HOUSEHOLD_SHEET)).keys()].sort()).toEqual([3, 4]);
    expect([...(await reportErrors(result, ENROLLMENT_SHEET)).keys()]).toEqual([3]);
    expect(await holdings(file.ids)).toMatchObject({ persons: 0, audit: 0 });
  });
});

describe('a good file', () => {
  it('a dry run reports what it would do and changes nothing', async () => {
    const file = ledger();
    const result = await importFile(await workbook(file), { dryRun: true });
    expect(result).toMatchObject({
      dryRun: true,
      committed: false,
      errorRows: 0,
      households: { created: 2, changed: 0, unchanged: 0 },
      members: { created: 3, changed: 0, unchanged: 0 },
      enrollments: { created: 2, changed: 0, unchanged: 0 },
    });
    expect(await holdings(file.ids)).toMatchObject({ persons: 0, enrollments: 0, audit: 0 });
  });

  it('imports whole; imported again it changes nothing; a corrected file adds only the new member', async () => {
    const file = ledger();
    const bytes = await workbook(file);
    const first = await importFile(bytes);
    expect(first).toMatchObject({
      committed: true,
      rows: 6,
      households: { created: 2 },
      members: { created: 3 },
      enrollments: { created: 2 },
      standards: { created: 1 },
    });
    const after = await holdings(file.ids);
    expect(after).toMatchObject({ persons: 3, memberships: 3, enrollments: 2, standards: 1 });
    const enrollment = await rows<{ covered_members: number; per_capita_income_fen: string; start_month: string }>(
      `select e.covered_members, e.per_capita_income_fen, to_char(e.start_month, 'YYYY-MM') as start_month from enrollment e
         join household_member m on m.household_id = e.household_id join person p on p.id = m.person_id where p.id_number = ?`,
      [file.heads[0]],
    );
    expect(enrollment).toEqual([{ covered_members: 2, per_capita_income_fen: '15000', start_month: '2026-01' }]);

    const again = await importFile(bytes);
    expect(again).toMatchObject({
      committed: true,
      households: { created: 0, changed: 0, unchanged: 2 },
      members: { created: 0, unchanged: 3 },
      enrollments: { created: 0, unchanged: 2 },
      standards: { created: 0, changed: 0, unchanged: 1 },
    });
    expect(await holdings(file.ids)).toEqual(after);

    const child = idNumberFor('2012-05-06');
    file.members!.push({
      headIdNumber: file.heads[1]!,
      villageCode: village,
      areaType: '农村',
      idNumber: child,
      name: '孙小宝',
      relation: '子女',
    });
    const corrected = await importFile(await workbook(file));
    expect(corrected).toMatchObject({ committed: true, households: { changed: 1, unchanged: 1 }, members: { created: 1, unchanged: 3 } });
    const now = await holdings([...file.ids, child]);
    expect(now).toMatchObject({ persons: 4, memberships: 4, enrollments: 2 });
    expect(now.audit).toBe(after.audit + 1);
  });

  it('refuses a changed amount of an enrollment (that is a re-review), changing nothing', async () => {
    const file = ledger();
    await importFile(await workbook(file));
    const before = await holdings(file.ids);
    file.enrollments![0]!.perCapitaIncome = '90.00';
    const result = await importFile(await workbook(file));
    expect(result.committed).toBe(false);
    expect([...(await reportErrors(result, ENROLLMENT_SHEET)).keys()]).toEqual([2]);
    expect(await holdings(file.ids)).toEqual(before);
  });
});

describe('imports at once', () => {
  it('five imports of the same file at once leave one copy', async () => {
    const file = ledger();
    const bytes = await workbook(file);
    const results = await Promise.all(Array.from({ length: 5 }, () => importFile(bytes)));
    expect(results.every((r) => r.committed)).toBe(true);
    expect(results.filter((r) => r.households.created === 2)).toHaveLength(1);
    expect(await holdings(file.ids)).toMatchObject({ persons: 3, memberships: 3, enrollments: 2 });
  });
});

describe('through the API', () => {
  const IMPORT = `mutation ($input: ImportLedgerInput!) {
    importLedger(input: $input) { committed dryRun rows errorRows errors households { created changed unchanged } report }
  }`;
  const pieces = (bytes: Buffer) => bytes.toString('base64').match(/.{1,10000}/g)!;

  it('a county administrator uploads the file in base64 pieces; the answer carries the report', async () => {
    const admin = await tokenFor('county_admin', '370115');
    type Answer = { importLedger: { committed: boolean; errorRows: number; households: { created: number }; report: string } };
    const file = ledger();
    // a bad ID number first: refused, the report marks the row
    const good = file.members![1]!.idNumber!;
    file.members![1]!.idNumber = good.slice(0, 17) + (good.endsWith('1') ? '2' : '1');
    const refused = await ok<Answer>(api, admin, IMPORT, { input: { file: pieces(await workbook(file)) } });
    expect(refused.importLedger).toMatchObject({ committed: false, errorRows: 1 });
    const report = new ExcelJS.Workbook();
    await report.xlsx.load(Buffer.from(refused.importLedger.report, 'base64') as unknown as ArrayBuffer);
    expect(report.getWorksheet(HOUSEHOLD_SHEET)!.getRow(1).values).toContain(ERROR_HEADER);
    expect(report.getWorksheet(HOUSEHOLD_SHEET)!.getRow(3).values).toContainEqual(expect.stringContaining('公民身份号码不正确'));
    expect(await holdings(file.ids)).toMatchObject({ persons: 0 });
    // corrected: committed, and the file is its own report
    file.members![1]!.idNumber = good;
    const bytes = await workbook(file);
    const answer = await ok<Answer>(api, admin, IMPORT, { input: { file: pieces(bytes) } });
    expect(answer.importLedger).toMatchObject({ committed: true, errorRows: 0, households: { created: 2 } });
    expect(answer.importLedger.report).toBe(bytes.toString('base64'));
    expect(await holdings(file.ids)).toMatchObject({ persons: 3 });
  });

  it('a town clerk may not import', async () => {
    const clerk = await tokenFor('town_clerk', '370115104');
    const file = ledger();
    const answer = await api.query('/graphql', IMPORT, { token: clerk, variables: { input: { file: pieces(await workbook(file)) } } });
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await holdings(file.ids)).toMatchObject({ persons: 0 });
  });

  it('the template has its 说明 sheet and the three data sheets', async () => {
    const admin = await tokenFor('county_admin', '370115');
    const answer = await ok<{ ledgerImportTemplate: string }>(api, admin, `{ ledgerImportTemplate }`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(answer.ledgerImportTemplate, 'base64') as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([NOTES_SHEET, HOUSEHOLD_SHEET, ENROLLMENT_SHEET, STANDARD_SHEET]);
  });
});

describe('at county scale', () => {
  const villages = () => rows<{ code: string }>(`select code from region where level = 'village' and code like '370115%' order by code`);

  it('a 100,000-row ledger with one bad row commits nothing and its report names that row', async () => {
    const ledger = await syntheticLedgerFile({
      countyCode: '370115',
      villages: (await villages()).map((v) => v.code),
      rows: 100_000,
      seed: 'one-bad-row',
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(ledger.file as unknown as ArrayBuffer);
    // the last member row of the file that is not a head's: an ID number with a wrong check character
    const sheet = book.getWorksheet(HOUSEHOLD_SHEET)!;
    let last = sheet.rowCount;
    while (sheet.getRow(last).getCell(6).text === '户主') last--;
    const cell = sheet.getRow(last).getCell(4);
    const id = cell.text;
    cell.value = id.slice(0, 17) + (id.endsWith('1') ? '2' : '1');
    const before = await holdings(ledger.idNumbers);
    const result = await importFile(Buffer.from(await book.xlsx.writeBuffer()));
    expect(result).toMatchObject({ committed: false, rows: 100_000, errorRows: 1 });
    expect(result.errors).toEqual([expect.stringMatching(new RegExp(`^${HOUSEHOLD_SHEET} row ${last}: `))]);
    expect([...(await reportErrors(result, HOUSEHOLD_SHEET)).keys()]).toEqual([last]);
    expect(await holdings(ledger.idNumbers)).toEqual(before);
    expect(before).toMatchObject({ persons: 0, memberships: 0, enrollments: 0 });
  }, 600_000);

  it('three imports of one 3,000-row ledger at once leave one copy of every record and one audit entry each', async () => {
    const subject = 'parallel-importer@370115';
    const importer: Actor = { ...IMPORTER, subject };
    const ledger = await syntheticLedgerFile({
      countyCode: '370115',
      villages: (await villages()).map((v) => v.code),
      rows: 3000,
      seed: 'parallel',
    });
    const results = await Promise.all(Array.from({ length: 3 }, () => runLedgerImport(db.orm.em.fork(), importer, ledger.file)));
    expect(results.every((r) => r.committed)).toBe(true);
    expect(results.filter((r) => r.households.created === ledger.households)).toHaveLength(1);
    expect(
      results.filter((r) => r.households.unchanged === ledger.households && r.enrollments.unchanged === ledger.enrollments),
    ).toHaveLength(2);
    const list = ledger.idNumbers.join(',');
    expect(await count(`select 1 from person where id_number = any(string_to_array(?, ','))`, [list])).toBe(ledger.members);
    expect(
      await count(`select 1 from household_member m join person p on p.id = m.person_id where p.id_number = any(string_to_array(?, ','))`, [
        list,
      ]),
    ).toBe(ledger.members);
    expect(
      await count(
        `select distinct e.id from enrollment e join household_member m on m.household_id = e.household_id
           join person p on p.id = m.person_id where p.id_number = any(string_to_array(?, ','))`,
        [list],
      ),
    ).toBe(ledger.enrollments);
    // one entry per household and per enrollment, each naming its record
    const audit = await rows<{ action: string; n: number; records: number }>(
      `select action, count(*)::int as n, count(distinct entity_id)::int as records from audit_entry where actor = ? group by action order by action`,
      [subject],
    );
    expect(audit).toEqual([
      { action: 'createEnrollment', n: ledger.enrollments, records: ledger.enrollments },
      { action: 'registerHousehold', n: ledger.households, records: ledger.households },
    ]);
    const entry = await rows<{ after: Record<string, unknown> }>(
      `select a.after from audit_entry a where a.actor = ? and a.action = 'createEnrollment' limit 1`,
      [subject],
    );
    expect(entry[0]!.after).toMatchObject({
      program: 'dibao_rural',
      household: expect.any(Number),
      status: 'active',
      coveredMembers: expect.any(Number),
    });
  }, 600_000);
});
