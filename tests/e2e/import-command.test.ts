import { existsSync, writeFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERROR_HEADER, HOUSEHOLD_SHEET, findFreePort, readRegionFile } from '@xingfu/domain';
import { syntheticLedgerFile, type LedgerFile } from '@xingfu/seed';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-process.js';

/**
 * `xingfu import` as a bureau runs it on its own ledger: a dry run that changes nothing, a file
 * with one bad row that is refused whole with a report naming the row, the file committed with its
 * progress on the terminal, and the same file again changing nothing.
 */
const COUNTY = '370115';
const ROWS = 3000;

let dir: string;
let env: Record<string, string>;
let ledger: LedgerFile;
let good: string;
let bad: string;
let badRow = 0;

async function xingfu(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = runCli(args, env);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** The counts line of a kind of record in the command's output, e.g. `Households: 3 new, 0 changed, 0 unchanged`. */
const countsOf = (stdout: string, what: string) =>
  new RegExp(`^${what}: (\\d+) new, (\\d+) changed, (\\d+) unchanged$`, 'm').exec(stdout)?.slice(1).map(Number);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xingfu-import-'));
  await chmod(dir, 0o755);
  env = {
    XINGFU_DATA_DIR: join(dir, 'data'),
    XINGFU_PG_PORT: String(await findFreePort()),
    XINGFU_DEMO_DATA: 'none',
    XINGFU_LOG_LEVEL: 'warn',
  };
  const villages = readRegionFile()
    .filter((r) => r.code.startsWith(COUNTY) && r.code.length === 12)
    .map((r) => r.code);
  ledger = await syntheticLedgerFile({ countyCode: COUNTY, villages, rows: ROWS });
  good = join(dir, 'ledger.xlsx');
  writeFileSync(good, ledger.file);
  // the same ledger with one bad ID number (wrong check character) on a member row that is not a head's
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(ledger.file as unknown as ArrayBuffer);
  const sheet = book.getWorksheet(HOUSEHOLD_SHEET)!;
  badRow = 11;
  while (sheet.getRow(badRow).getCell(6).text === '户主') badRow++;
  const cell = sheet.getRow(badRow).getCell(4);
  const id = cell.text;
  cell.value = id.slice(0, 17) + (id.endsWith('1') ? '2' : '1');
  bad = join(dir, 'bad.xlsx');
  writeFileSync(bad, Buffer.from(await book.xlsx.writeBuffer()));
  const regions = await xingfu('regions', 'import', '--county', COUNTY);
  expect(regions.code, regions.stderr).toBe(0);
}, 300_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('xingfu import', () => {
  it('a dry run checks every row and changes nothing', async () => {
    const report = join(dir, 'dry.report.xlsx');
    const run = await xingfu('import', good, '--county', COUNTY, '--dry-run', '--report', report);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Dry run: ${ROWS} rows checked, no errors; nothing was changed.`);
    expect(countsOf(run.stdout, 'Households')).toEqual([ledger.households, 0, 0]);
    // no row to mark, no report
    expect(existsSync(report)).toBe(false);
    // nothing was written: a second dry run still finds every household new
    const again = await xingfu('import', good, '--county', COUNTY, '--dry-run', '--report', report);
    expect(countsOf(again.stdout, 'Households')).toEqual([ledger.households, 0, 0]);
  }, 300_000);

  it('a file with one bad row imports nothing, exits 1 and its report names that row', async () => {
    const report = join(dir, 'bad.report.xlsx');
    const run = await xingfu('import', bad, '--county', COUNTY, '--report', report);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${HOUSEHOLD_SHEET} row ${badRow}: `);
    expect(run.stderr).toContain('1 rows have errors: nothing was imported.');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(report);
    const sheet = book.getWorksheet(HOUSEHOLD_SHEET)!;
    let col = 0;
    sheet.getRow(1).eachCell((c, n) => {
      if (c.value === ERROR_HEADER) col = n;
    });
    const flagged: number[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(col).text) flagged.push(n);
    });
    expect(flagged).toEqual([badRow]);
    const after = await xingfu('import', good, '--county', COUNTY, '--dry-run');
    expect(countsOf(after.stdout, 'Households')).toEqual([ledger.households, 0, 0]);
  }, 300_000);

  it('commits the file with its progress on the terminal; the same file again changes nothing', async () => {
    const run = await xingfu('import', good, '--county', COUNTY);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Read ${ROWS}/${ROWS} rows`);
    expect(run.stdout).toContain(`Checked ${ROWS}/${ROWS} rows`);
    expect(run.stdout).toContain(`Wrote ${ROWS}/${ROWS} rows`);
    expect(run.stdout).toMatch(/^Checked \d+\/\d+ rows$/m);
    expect(run.stdout).toContain(`Imported ${ROWS} rows.`);
    expect(countsOf(run.stdout, 'Households')).toEqual([ledger.households, 0, 0]);
    expect(countsOf(run.stdout, 'Members')).toEqual([ledger.members, 0, 0]);
    expect(countsOf(run.stdout, 'Enrollments')).toEqual([ledger.enrollments, 0, 0]);

    const again = await xingfu('import', good, '--county', COUNTY);
    expect(again.code, again.stderr).toBe(0);
    expect(countsOf(again.stdout, 'Households')).toEqual([0, 0, ledger.households]);
    expect(countsOf(again.stdout, 'Members')).toEqual([0, 0, ledger.members]);
    expect(countsOf(again.stdout, 'Enrollments')).toEqual([0, 0, ledger.enrollments]);
  }, 300_000);
});
