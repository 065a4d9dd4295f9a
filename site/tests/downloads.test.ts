import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { SUPPRESSED, type Dataset } from '../src/lib/datasets';
import { folderFilesOf, zipFolders, type FolderMeta } from '../src/lib/downloads';
import { dataPackageValidators } from '../../tests/site/support/data-package';

/**
 * The download files of one county-year folder, written from hand-made tables: their names,
 * their Excel forms, datapackage.json and the zips (the site tests check the built site).
 */
const META: FolderMeta = {
  countyCode: '370115',
  stem: 'jiyang-370115-2021',
  countyName: '济阳区',
  year: 2021,
  releaseId: 'r-2021-12',
  asOf: '2022-01-15',
  months: ['2021-01', '2021-02'],
  fixedPath: '/releases/r-2021-12/data/370115/2021/',
  bureau: '济南市济阳区民政局',
};

const MONTHLY_BY_VILLAGE: Dataset = {
  name: 'monthly-by-village',
  title: '各村（社区）分月',
  titleEn: 'By village and month',
  description: '测试表。',
  primaryKey: ['period', 'village_code'],
  notes: [],
  fields: [
    { name: 'period', type: 'yearmonth', title: '月份', titleEn: 'Month', description: '发放月份。' },
    { name: 'village_code', type: 'string', title: '村（社区）代码', titleEn: 'Village code', description: '12位。', code: true },
    { name: 'village_name', type: 'string', title: '村（社区）', titleEn: 'Village', description: '名称。' },
    {
      name: 'households',
      type: 'integer',
      title: '户数',
      titleEn: 'Households',
      description: '户数。',
      unit: '户',
      unitEn: 'households',
      suppressible: true,
    },
    {
      name: 'amount_yuan',
      type: 'number',
      title: '金额',
      titleEn: 'Amount',
      description: '金额。',
      unit: '元',
      unitEn: 'yuan',
      suppressible: true,
    },
  ],
  rows: [
    ['2021-01', '370115104201', '甲村', 12, 123_456n],
    ['2021-02', '370115104201', '甲村', SUPPRESSED, SUPPRESSED],
    ['2021-02', '370115104202', '乙村', 0, 0n],
  ],
};

const EMPTY: Dataset = { ...MONTHLY_BY_VILLAGE, name: 'empty-table', rows: [] };

const filesOf = async () => new Map((await folderFilesOf([MONTHLY_BY_VILLAGE, EMPTY], META)).map((f) => [f.file, f]));
const text = (body: string | Uint8Array | undefined): string => (typeof body === 'string' ? body : Buffer.from(body!).toString('utf8'));

describe('file names', () => {
  it('carry the county (slug and code) and the year; the short names stay as byte-identical aliases', async () => {
    const files = await filesOf();
    for (const suffix of ['.csv', '.excel.csv', '.xlsx', '.json']) {
      const named = files.get(`jiyang-370115-2021-monthly-by-village${suffix}`);
      const alias = files.get(`monthly-by-village${suffix}`);
      expect(named?.alias, suffix).toBeFalsy();
      expect(alias?.alias, suffix).toBe(true);
      expect(Buffer.from(alias!.body).equals(Buffer.from(named!.body)), suffix).toBe(true);
    }
    expect(files.get('README.md')!.alias).toBeFalsy();
    expect(files.get('datapackage.json')!.alias).toBeFalsy();
    expect(text(files.get('README.md')!.body)).toContain('`jiyang-370115-2021-monthly-by-village.csv`');
  });
});

describe('Excel forms', () => {
  it('write the Excel CSV with Chinese headers, a BOM, CRLF, and codes and months as ="…" text formulas', async () => {
    const files = await filesOf();
    const excel = text(files.get('jiyang-370115-2021-monthly-by-village.excel.csv')!.body);
    expect(excel.charCodeAt(0)).toBe(0xfeff);
    const lines = excel.slice(1).split('\r\n');
    expect(lines[0]).toBe('月份,村（社区）代码,村（社区）,户数,金额（元）');
    expect(lines[1]).toBe('"=""2021-01""","=""370115104201""",甲村,12,1234.56');
    expect(lines[2]).toBe('"=""2021-02""","=""370115104201""",甲村,c,c');
    // the plain CSV keeps the field names and the bare values
    const plain = text(files.get('jiyang-370115-2021-monthly-by-village.csv')!.body).split('\n');
    expect(plain[0]).toBe('period,village_code,village_name,households,amount_yuan');
    expect(plain[1]).toBe('2021-01,370115104201,甲村,12,1234.56');
  });

  it('write the XLSX with Chinese headers, codes and months as text cells, amounts as numbers, field names on the 说明 sheet', async () => {
    const files = await filesOf();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(files.get('jiyang-370115-2021-monthly-by-village.xlsx')!.body as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('data')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['月份', '村（社区）代码', '村（社区）', '户数', '金额（元）']);
    const first = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(first).toEqual(['2021-01', '370115104201', '甲村', 12, 1234.56]);
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getColumn(2).numFmt).toBe('@');
    const about = workbook.getWorksheet('说明')!;
    const names: unknown[] = [];
    about.eachRow((row) => names.push((row.values as unknown[])[1]));
    expect(names).toEqual(expect.arrayContaining(['period', 'village_code', 'amount_yuan']));
  });
});

describe('datapackage.json', () => {
  const ajv = dataPackageValidators();

  it('is a valid Frictionless Data Package (v1 and v2 profiles): ISO datetime created, absolute homepage, every format described with bytes and sha256', async () => {
    const files = await filesOf();
    const pkg = JSON.parse(text(files.get('datapackage.json')!.body)) as {
      created: string;
      homepage: string;
      resources: { name: string; path: string; bytes: number; hash: string; format: string }[];
    };
    for (const [version, validate] of ajv) {
      expect(validate(pkg), `${version}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(pkg.created).toBe('2022-01-15T00:00:00+08:00');
    expect(new URL(pkg.homepage).href).toBe(pkg.homepage);
    expect(pkg.homepage).toMatch(/^https?:\/\/[^/]+\/releases\/r-2021-12\/data\/370115\/2021\/$/);
    // every file of the folder but the aliases and datapackage.json itself is a resource, with its own size and hash
    const described = [...files.values()].filter((f) => !f.alias && f.file !== 'datapackage.json').map((f) => f.file);
    expect(pkg.resources.map((r) => r.path).sort()).toEqual(described.sort());
    for (const r of pkg.resources) {
      const body = Buffer.from(files.get(r.path)!.body);
      expect(r.bytes, r.path).toBe(body.byteLength);
      expect(r.hash, r.path).toBe(`sha256:${createHash('sha256').update(body).digest('hex')}`);
    }
    expect(new Set(pkg.resources.map((r) => r.format))).toEqual(new Set(['csv', 'xlsx', 'json', 'md']));
  });

  it('fails the profile when created is a date only (the validation is real)', async () => {
    const files = await filesOf();
    const pkg = JSON.parse(text(files.get('datapackage.json')!.body)) as Record<string, unknown>;
    for (const [version, validate] of ajv) expect(validate({ ...pkg, created: '2022-01-15' }), version).toBe(false);
  });
});

describe('zips', () => {
  it('hold the folder under {stem}/ with its long-named files, README and datapackage, never the short-name aliases', async () => {
    const files = await folderFilesOf([MONTHLY_BY_VILLAGE, EMPTY], META);
    const entries = unzipSync(zipFolders([{ meta: META, files }], META.asOf));
    const expected = files.filter((f) => !f.alias).map((f) => `jiyang-370115-2021/${f.file}`);
    expect(Object.keys(entries).sort()).toEqual(expected.sort());
    expect(Object.keys(entries)).toContain('jiyang-370115-2021/jiyang-370115-2021-monthly-by-village.xlsx');
    for (const f of files.filter((f) => !f.alias)) {
      expect(Buffer.from(entries[`jiyang-370115-2021/${f.file}`]!).equals(Buffer.from(f.body)), f.file).toBe(true);
    }
  });

  it('are the same bytes for the same content, in any time zone, every entry dated the release date', async () => {
    const files = await folderFilesOf([MONTHLY_BY_VILLAGE, EMPTY], META);
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      const utc = zipFolders([{ meta: META, files }], META.asOf);
      process.env.TZ = 'America/Los_Angeles';
      const west = zipFolders([{ meta: META, files }], META.asOf);
      expect(Buffer.from(west).equals(Buffer.from(utc))).toBe(true);
      // the local file header's DOS date (offset 12): 2022-01-15
      const dosDate = Buffer.from(utc).readUInt16LE(12);
      expect([(dosDate >> 9) + 1980, (dosDate >> 5) & 0xf, dosDate & 0x1f]).toEqual([2022, 1, 15]);
      expect(Buffer.from(utc).readUInt16LE(10)).toBe(0); // 00:00:00
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
