import ExcelJS from 'exceljs';
import { ENROLLMENT_COLUMNS, ENROLLMENT_SHEET, HOUSEHOLD_COLUMNS, HOUSEHOLD_SHEET, NOTES_SHEET } from '@xingfu/domain';
import { randomFullName, randomSurname } from '../names/name-generator.js';
import { Rng } from '../random/prng.js';
import { IdNumberAllocator } from './id-numbers.js';

export interface LedgerFileOptions {
  /** The county the households live in (6 digits): their ID numbers are issued there. */
  countyCode: string;
  /** Village codes of that county; households are spread over them in turn. */
  villages: readonly string[];
  /** Data rows in all: member rows of 家庭成员 and enrollment rows of 保障待遇. */
  rows: number;
  seed?: number | string;
}

export interface LedgerFile {
  file: Buffer;
  households: number;
  members: number;
  enrollments: number;
  /** Every member's ID number, in file order (heads included). */
  idNumbers: string[];
}

const RELATIONS = ['配偶', '子女', '子女', '父母'] as const;

function date(rng: Rng, fromYear: number, toYear: number): string {
  const year = rng.int(fromYear, toYear);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A synthetic county ledger (台账) in the import template's form: rural households of 1–5 members
 * with one 农村低保 enrollment each, `rows` data rows in all. The same options give the same file,
 * byte for byte apart from the workbook's timestamps (the benchmark and the tests at county scale).
 */
export async function syntheticLedgerFile(options: LedgerFileOptions): Promise<LedgerFile> {
  const rng = new Rng(`ledger-file/${options.countyCode}/${options.seed ?? 1}`);
  const ids = new IdNumberAllocator(options.countyCode);
  const book = new ExcelJS.Workbook();
  book.created = book.modified = new Date('2026-01-01T00:00:00Z');
  book.addWorksheet(NOTES_SHEET).addRow(['合成台账：示例数据，不对应任何真实的人。']);
  const memberSheet = book.addWorksheet(HOUSEHOLD_SHEET);
  memberSheet.addRow(HOUSEHOLD_COLUMNS.map((c) => c.header));
  const enrollmentSheet = book.addWorksheet(ENROLLMENT_SHEET);
  enrollmentSheet.addRow(ENROLLMENT_COLUMNS.map((c) => c.header));
  const idNumbers: string[] = [];
  let households = 0;
  let members = 0;
  let written = 0;
  while (written + 2 <= options.rows) {
    const size = Math.min(rng.int(1, 5), options.rows - written - 1);
    const village = options.villages[households % options.villages.length]!;
    const surname = randomSurname(rng);
    const headBirth = date(rng, 1940, 1985);
    const headSex = rng.chance(0.6) ? 'male' : 'female';
    const head = ids.allocate(headBirth, headSex);
    const people: { id: string; birth: string; sex: 'male' | 'female'; relation: string }[] = [];
    for (let i = 0; i < size; i++) {
      const relation = i === 0 ? '户主' : RELATIONS[(i - 1) % RELATIONS.length]!;
      const birth =
        i === 0
          ? headBirth
          : relation === '子女'
            ? date(rng, 1990, 2020)
            : relation === '父母'
              ? date(rng, 1925, 1950)
              : date(rng, 1940, 1985);
      const sex = i === 0 ? headSex : rng.chance(0.5) ? 'male' : 'female';
      people.push({ id: i === 0 ? head : ids.allocate(birth, sex), birth, sex, relation });
    }
    // the household as it stands since its youngest member joined
    const since = [date(rng, 2005, 2024), ...people.map((p) => p.birth)].sort().at(-1)!;
    for (const person of people) {
      const surnameOf = person.relation === '配偶' ? randomSurname(rng) : surname;
      const name = randomFullName(rng, person.sex, Number(person.birth.slice(0, 4)), surnameOf);
      memberSheet.addRow([head, village, '农村', person.id, name, person.relation, since]);
      idNumbers.push(person.id);
    }
    const income = (rng.int(0, 400) * 100 + rng.int(0, 99)) / 100;
    enrollmentSheet.addRow([head, 'dibao_rural', '', `2025-${String(rng.int(1, 12)).padStart(2, '0')}`, '', income.toFixed(2), '', '']);
    households++;
    members += size;
    written += size + 1;
  }
  return { file: Buffer.from(await book.xlsx.writeBuffer()), households, members, enrollments: households, idNumbers };
}
