import { addDays, makeIdNumber } from '@xingfu/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor, ok, refused } from '../support/casework.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Department files load whole or not at all, with a row-level report; one delivery per feed and date. */
let db: TestDatabase;
let api: TestApi;
let admin = '';
const rows = <T>(sql: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(sql, params);

const LOAD = `mutation ($input: LoadFeedInput!) {
  loadFeed(input: $input) { loaded rowsRead rowsLoaded delivery { id kind department deliveredOn rowCount } problems { row column problem } }
}`;
interface Report {
  loadFeed: {
    loaded: boolean;
    rowsRead: number;
    rowsLoaded: number;
    delivery: { id: string; kind: string; department: string; deliveredOn: string; rowCount: number } | null;
    problems: { row: number; column: string; problem: string }[];
  };
}
const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  admin = await tokenFor('county_admin', '370115');
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('loading a department feed', () => {
  it('loads every row of a good CSV file as one delivery, audited with its counts', async () => {
    const [a, b] = [idNumberFor('1940-02-03'), idNumberFor('1951-07-08')];
    const csv = `\uFEFF身份证号,死亡日期\n${a},2026-03-14\n${b},2026-04-02\n`;
    const { loadFeed } = await ok<Report>(api, admin, LOAD, {
      input: { countyCode: '370115', kind: 'DEATH', deliveredOn: '2026-05-01', fileName: 'deaths-2026-05.csv', contentBase64: base64(csv) },
    });
    expect(loadFeed).toMatchObject({ loaded: true, rowsRead: 2, rowsLoaded: 2, problems: [] });
    expect(loadFeed.delivery).toMatchObject({ kind: 'DEATH', department: '公安/殡葬', deliveredOn: '2026-05-01', rowCount: 2 });
    expect(
      await rows(`select id_number, to_char(event_date, 'YYYY-MM-DD') as died from feed_record where delivery_id = ? order by row_number`, [
        Number(loadFeed.delivery!.id),
      ]),
    ).toEqual([
      { id_number: a, died: '2026-03-14' },
      { id_number: b, died: '2026-04-02' },
    ]);
    const audit = await rows<{ after: Record<string, unknown> }>(
      `select after from audit_entry where action = 'loadFeed' and entity_id = ?`,
      [loadFeed.delivery!.id],
    );
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.after)).not.toContain(a);
  });

  it('loads nothing from a file with bad rows and reports each bad row and column', async () => {
    const good = idNumberFor('1960-01-01');
    const csv = [
      '身份证号,类别,月金额',
      `${good},养老金,2100.00`,
      `${good.slice(0, 17)}${good.endsWith('1') ? '2' : '1'},养老金,1800`,
      `${idNumberFor('1962-05-05')},奖金,1800`,
      `${idNumberFor('1963-05-05')},工资,`,
      `${idNumberFor('1964-05-05')},工资,12.345`,
    ].join('\n');
    const { loadFeed } = await ok<Report>(api, admin, LOAD, {
      input: { countyCode: '370115', kind: 'PENSION', deliveredOn: '2026-05-01', fileName: 'pensions.csv', contentBase64: base64(csv) },
    });
    expect(loadFeed.loaded).toBe(false);
    expect(loadFeed.delivery).toBeNull();
    expect(loadFeed.rowsRead).toBe(5);
    expect(loadFeed.problems.map((p) => [p.row, p.column])).toEqual([
      [3, '身份证号'],
      [4, '类别'],
      [5, '月金额'],
      [6, '月金额'],
    ]);
    expect(await rows(`select count(*)::int as n from feed_delivery where kind = 'pension'`)).toEqual([{ n: 0 }]);
    expect(await rows(`select count(*)::int as n from feed_record where id_number = ?`, [good])).toEqual([{ n: 0 }]);
  });

  it('reads XLSX files (the first sheet), with levels written as 一级 to 四级', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('残疾人');
    sheet.addRow(['身份证号', '残疾类别', '残疾等级']);
    const person = idNumberFor('1970-03-03');
    sheet.addRow([person, '肢体', '三级']);
    sheet.addRow([idNumberFor('1971-03-03'), '视力', 2]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const { loadFeed } = await ok<Report>(api, admin, LOAD, {
      input: { countyCode: '370115', kind: 'DISABILITY', deliveredOn: '2026-05-02', fileName: 'cdpf.xlsx', contentBase64: base64(buffer) },
    });
    expect(loadFeed).toMatchObject({ loaded: true, rowsLoaded: 2 });
    expect(await rows(`select level, category from feed_record where id_number = ?`, [person])).toEqual([{ level: 3, category: '肢体' }]);
  });

  it('refuses a second delivery of a feed on the same date, and a file without its required columns', async () => {
    const csv = `身份证号,号牌号码\n${idNumberFor('1980-01-01')},鲁A12345\n`;
    const input = {
      countyCode: '370115',
      kind: 'VEHICLE',
      deliveredOn: '2026-05-03',
      fileName: 'vehicles.csv',
      contentBase64: base64(csv),
    };
    await ok(api, admin, LOAD, { input });
    expect((await refused(api, admin, LOAD, { input })).code).toBe('FEED_DELIVERED');
    const noPlate = {
      ...input,
      deliveredOn: '2026-05-04',
      contentBase64: base64(`身份证号,车辆类型\n${idNumberFor('1980-01-02')},小型轿车\n`),
    };
    expect((await refused(api, admin, LOAD, { input: noPlate })).code).toBe('INVALID_FEED_FILE');
    expect(await rows(`select count(*)::int as n from feed_delivery where kind = 'vehicle'`)).toEqual([{ n: 1 }]);
  });

  it('is for county administrators of the county', async () => {
    const input = {
      countyCode: '370115',
      kind: 'BUSINESS',
      deliveredOn: '2026-05-03',
      fileName: 'business.csv',
      contentBase64: base64(`身份证号,统一社会信用代码\n${idNumberFor('1980-01-03')},91370100MA3C000000\n`),
    };
    expect((await refused(api, await tokenFor('town_clerk', '370115104'), LOAD, { input })).code).toBe('FORBIDDEN');
    expect((await refused(api, await tokenFor('county_admin', '370114'), LOAD, { input })).code).toBe('OUT_OF_SCOPE');
    expect(await rows(`select count(*)::int as n from feed_delivery where kind = 'business'`)).toEqual([{ n: 0 }]);
  });

  it('loads a file above 10,000 base64 characters (about 7.5 KB) in pieces; one string that long is refused', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => `${makeIdNumber('370115', addDays('1940-01-01', i), 901)},2025-11-0${1 + (i % 9)}`);
    const content = base64(['身份证号,死亡日期', ...lines].join('\n'));
    expect(content.length).toBeGreaterThan(10_000);
    const input = { countyCode: '370115', kind: 'DEATH', deliveredOn: '2025-12-01', fileName: 'deaths-2025-12.csv' };
    expect((await refused(api, admin, LOAD, { input: { ...input, contentBase64: content } })).code).toBe('STRING_TOO_LONG');
    const pieces = content.match(/.{1,10000}/g)!;
    expect(pieces.length).toBe(2);
    const { loadFeed } = await ok<Report>(api, admin, LOAD, { input: { ...input, contentPieces: pieces } });
    expect(loadFeed).toMatchObject({ loaded: true, rowsRead: 400, rowsLoaded: 400 });
    expect(
      (await rows<{ n: number }>(`select count(*)::int as n from feed_record where delivery_id = ?`, [Number(loadFeed.delivery!.id)]))[0]!
        .n,
    ).toBe(400);
    expect(
      (await refused(api, admin, LOAD, { input: { ...input, deliveredOn: '2025-12-02', contentBase64: pieces[0], contentPieces: pieces } }))
        .code,
    ).toBe('INVALID_FEED_FILE');
  });
});
