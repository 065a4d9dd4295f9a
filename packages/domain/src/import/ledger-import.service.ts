import type { EntityManager } from '@mikro-orm/postgresql';
import ExcelJS from 'exceljs';
import { assertCan, inScope, type Actor } from '../access/actor.js';
import { today } from '../access/clock.js';
import { inTransaction, lockKey } from '../database/transaction.js';
import { writeEnrollments, writeHouseholds } from './ledger-import.writes.js';
import { DomainError } from '../errors/domain-error.js';
import { chineseMessageOf } from '../errors/messages-zh.js';
import { MEMBER_RELATIONS, type MemberRelation } from '../household/household-member.entity.js';
import { MAX_HOUSEHOLD_MEMBERS } from '../household/household.service.js';
import { parseYuan } from '../money/money.js';
import { assertPastDate } from '../period/date.js';
import { addMonths, firstDayOfMonth, monthOfDate, parseMonth } from '../period/month.js';
import { parseIdNumber } from '../person/id-number.js';
import { normalizePersonName } from '../person/person-name.js';
import { Program } from '../program/program.entity.js';
import { setStandard } from '../program/standard.service.js';
import { Standard, type AreaType } from '../program/standard.entity.js';
import { Region } from '../region/region.entity.js';
import { RegionLevel } from '../region/region-level.js';
import {
  AREA_TYPE_NAMES,
  ENROLLMENT_COLUMNS,
  ENROLLMENT_SHEET,
  ERROR_HEADER,
  HOUSEHOLD_COLUMNS,
  HOUSEHOLD_SHEET,
  RELATION_NAMES,
  STANDARD_COLUMNS,
  STANDARD_SHEET,
  type TemplateColumn,
} from './ledger-template.js';

/**
 * 台账导入: households with their members, enrollments and standards from the XLSX template
 * (ledger-template.ts). Every row is checked first — ID numbers, regions in the caller's scope,
 * programs, dates, amounts, duplicates within the file and against the ledger — and the file is
 * committed only when no row has an error, in the caller's transaction, through the services that
 * make the same changes one by one (audited as the importing actor). Matching is by ID number, so
 * importing the same file again changes nothing and a corrected file adds only what is new.
 * Imports run one at a time (a transaction-level lock), so two imports of one file leave one copy.
 */

export interface ImportCounts {
  created: number;
  changed: number;
  unchanged: number;
}

export interface LedgerImportResult {
  dryRun: boolean;
  /** Whether the file's changes were made: no row had an error and this was not a dry run. */
  committed: boolean;
  /** Data rows read (every sheet). */
  rows: number;
  /** Rows with at least one error. */
  errorRows: number;
  /** The first errors, as `sheet row N: message`. */
  errors: string[];
  households: ImportCounts;
  members: ImportCounts;
  enrollments: ImportCounts;
  standards: ImportCounts;
  /** The same workbook with an error column on each data sheet; the file as it came when no row has an error. */
  report: Buffer;
}

/** Rows read from the file, checked, and written to the ledger. */
export type ImportPhase = 'read' | 'check' | 'write';

export interface LedgerImportOptions {
  dryRun?: boolean;
  /** Called as rows are checked and committed (every 500 rows and at the end of each phase). */
  onProgress?: (progress: { phase: ImportPhase; done: number; total: number }) => void;
}

/** Refused because a row has an error: the transaction rolls back; the result (with its report) travels in the error. */
export class LedgerImportRefused extends Error {
  override readonly name = 'LedgerImportRefused';
  constructor(readonly result: LedgerImportResult) {
    super(`The file has ${result.errorRows} rows with errors: nothing was imported.`);
  }
}

/** The most rows one file may hold. */
export const MAX_IMPORT_ROWS = 200_000;
const PROGRESS_EVERY = 500;

interface SheetRow {
  row: number;
  values: Record<string, string>;
}

class Problems {
  private readonly bySheet = new Map<string, Map<number, string[]>>();
  add(sheet: string, row: number, message: string): void {
    let rows = this.bySheet.get(sheet);
    if (!rows) this.bySheet.set(sheet, (rows = new Map<number, string[]>()));
    rows.set(row, [...(rows.get(row) ?? []), message]);
  }
  has(sheet: string, row: number): boolean {
    return this.bySheet.get(sheet)?.has(row) ?? false;
  }
  of(sheet: string): Map<number, string[]> {
    return this.bySheet.get(sheet) ?? new Map<number, string[]>();
  }
  get count(): number {
    let n = 0;
    for (const rows of this.bySheet.values()) n += rows.size;
    return n;
  }
  first(limit: number): string[] {
    const lines: string[] = [];
    for (const [sheet, rows] of this.bySheet) {
      for (const [row, messages] of [...rows].sort((a, b) => a[0] - b[0])) {
        if (lines.length >= limit) return lines;
        lines.push(`${sheet} row ${row}: ${messages.join('; ')}`);
      }
    }
    return lines;
  }
}

/** A refusal as the report writes it: the code's Chinese meaning, then the English message. */
function describe(error: unknown): string {
  if (error instanceof DomainError) return `${chineseMessageOf(error.code)}（${error.message}）`;
  throw error;
}

/** Runs `check` for a row; a DomainError becomes the row's error and undefined. */
function attempt<T>(problems: Problems, sheet: string, row: number, check: () => T): T | undefined {
  try {
    return check();
  } catch (error) {
    problems.add(sheet, row, describe(error));
    return undefined;
  }
}

/** A cell as text: dates as YYYY-MM-DD, rich text joined, formulas by their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result);
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value).trim();
}

/** Reads a data sheet's rows by header; a missing required column is an error on row 1. */
function readSheet(sheet: ExcelJS.Worksheet, columns: TemplateColumn[], problems: Problems): SheetRow[] {
  const headerRow = sheet.getRow(1);
  const positions = new Map<string, number>();
  headerRow.eachCell((cell, col) => {
    const text = cellText(cell.value);
    const column = columns.find((c) => c.header === text || c.key === text);
    if (column) positions.set(column.key, col);
  });
  const missing = columns.filter((c) => c.required && !positions.has(c.key)).map((c) => c.header);
  if (missing.length > 0) {
    problems.add(sheet.name, 1, `缺少必填列：${missing.join('、')}（Missing required columns.）`);
    return [];
  }
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const values: Record<string, string> = {};
    let any = false;
    for (const column of columns) {
      const col = positions.get(column.key);
      const text = col ? cellText(row.getCell(col).value) : '';
      values[column.key] = text;
      if (text) any = true;
    }
    if (!any) return;
    for (const column of columns) {
      if (column.required && !values[column.key])
        problems.add(sheet.name, number, `“${column.header}”不能为空（${column.header} is empty.）`);
    }
    rows.push({ row: number, values });
  });
  return rows;
}

/** A month cell: YYYY-MM, or a date (Excel turns 2026-01 into 2026-01-01). */
function monthOf(text: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? monthOfDate(text) : parseMonth(text);
}

function areaTypeOf(text: string): AreaType {
  const areaType = AREA_TYPE_NAMES[text];
  if (!areaType) throw new DomainError('INVALID_INPUT', `“${text}” is not 城市 or 农村.`);
  return areaType;
}

function fenOf(text: string, what: string, allowZero: boolean): number {
  const fen = parseYuan(text);
  if (fen < 0n || (!allowZero && fen === 0n) || fen >= 100_000_000n) {
    throw new DomainError('INVALID_AMOUNT', `${what} must be ${allowZero ? 'zero or more' : 'positive'} and below 1,000,000 yuan.`);
  }
  return Number(fen);
}

function countOf(text: string): number {
  if (!/^\d{1,2}$/.test(text) || Number(text) < 1 || Number(text) > MAX_HOUSEHOLD_MEMBERS) {
    throw new DomainError('INVALID_MEMBER_COUNT', `“${text}” is not a number of covered members from 1 to ${MAX_HOUSEHOLD_MEMBERS}.`);
  }
  return Number(text);
}

interface MemberPlan {
  row: number;
  idNumber: string;
  birthDate: string;
  sex: 'male' | 'female';
  name: string;
  relation: MemberRelation;
  startDate: string | null;
}

interface HouseholdPlan {
  headIdNumber: string;
  villageCode: string;
  areaType: AreaType;
  members: MemberPlan[];
  rows: number[];
  /** The registered household matched by the head's ID number. */
  existingId: number | null;
  /** Members of the file not yet current members of the matched household. */
  newMembers: MemberPlan[];
}

interface EnrollmentPlan {
  row: number;
  headIdNumber: string;
  program: Program;
  personIdNumber: string | null;
  startMonth: string;
  coveredMembers: number | null;
  perCapitaIncomeFen: number;
  tier: string;
  fixedAmountFen: number | null;
  unchanged: boolean;
}

interface StandardPlan {
  row: number;
  programCode: string;
  countyCode: string;
  areaType: AreaType;
  tier: string;
  effectiveMonth: string;
  amountFen: number;
  existing: 'same' | 'different' | 'none';
}

/** Who is registered, for many ID numbers: their person id and current household (null if none). */
async function registered(em: EntityManager, idNumbers: string[]): Promise<Map<string, { personId: number; householdId: number | null }>> {
  const found = new Map<string, { personId: number; householdId: number | null }>();
  for (let i = 0; i < idNumbers.length; i += 5000) {
    const rows = await em.execute<{ id_number: string; person_id: number; household_id: number | null }[]>(
      `select p.id_number, p.id as person_id, m.household_id
         from person p left join household_member m on m.person_id = p.id and m.end_date is null
        where p.id_number = any(string_to_array(?, ','))`,
      [idNumbers.slice(i, i + 5000).join(',')],
    );
    for (const r of rows) found.set(r.id_number, { personId: r.person_id, householdId: r.household_id });
  }
  return found;
}

export async function importLedger(
  em: EntityManager,
  actor: Actor,
  file: Buffer,
  options: LedgerImportOptions = {},
): Promise<LedgerImportResult> {
  assertCan(actor, 'importLedger');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new DomainError(
      'INVALID_IMPORT_FILE',
      'The file is not an XLSX workbook: save it from Excel or WPS as .xlsx, from the template.',
    );
  }
  const householdSheet = workbook.getWorksheet(HOUSEHOLD_SHEET);
  const enrollmentSheet = workbook.getWorksheet(ENROLLMENT_SHEET);
  const standardSheet = workbook.getWorksheet(STANDARD_SHEET);
  if (!householdSheet && !enrollmentSheet && !standardSheet) {
    throw new DomainError(
      'INVALID_IMPORT_FILE',
      `The workbook has none of the sheets ${HOUSEHOLD_SHEET}, ${ENROLLMENT_SHEET}, ${STANDARD_SHEET}: start from the template.`,
    );
  }
  // one import at a time: the second of two imports of one file sees the first's rows
  await lockKey(em, 'ledger-import');

  const problems = new Problems();
  const memberRows = householdSheet ? readSheet(householdSheet, HOUSEHOLD_COLUMNS, problems) : [];
  const enrollmentRows = enrollmentSheet ? readSheet(enrollmentSheet, ENROLLMENT_COLUMNS, problems) : [];
  const standardRows = standardSheet ? readSheet(standardSheet, STANDARD_COLUMNS, problems) : [];
  const total = memberRows.length + enrollmentRows.length + standardRows.length;
  if (total > MAX_IMPORT_ROWS) {
    throw new DomainError('INVALID_IMPORT_FILE', `The file has ${total} rows; split it into files of at most ${MAX_IMPORT_ROWS} rows.`);
  }
  options.onProgress?.({ phase: 'read', done: total, total });
  let checked = 0;
  const progress = (phase: ImportPhase, done: number) => {
    if (done % PROGRESS_EVERY === 0 || done === total) options.onProgress?.({ phase, done, total });
  };

  // regions and programs, read once
  const regionCodes = new Set<string>();
  for (const r of memberRows) regionCodes.add(r.values['villageCode']!);
  for (const r of standardRows) regionCodes.add(r.values['countyCode']!);
  const regions = new Map((await em.find(Region, { code: { $in: [...regionCodes] } })).map((r) => [r.code, r]));
  const programs = new Map((await em.find(Program, {})).map((p) => [p.code, p]));
  const regionOf = (code: string, level: RegionLevel, what: string): Region => {
    if (!/^\d+$/.test(code)) throw DomainError.invalidRegionCode(code);
    const region = regions.get(code);
    if (!region) throw DomainError.unknownRegion(code);
    if (region.level !== level) throw new DomainError('INVALID_REGION_CODE', `${code} is a ${region.level}, not a ${what}.`);
    if (!inScope(actor, code)) throw new DomainError('OUT_OF_SCOPE', `${code} is outside your region (${actor.regionCode}).`);
    return region;
  };
  const programOf = (code: string): Program => {
    const program = programs.get(code);
    if (!program) throw new DomainError('NOT_FOUND', `No program ${code}: see the programs query for the catalog.`);
    return program;
  };

  // —— households and members ——
  const S = HOUSEHOLD_SHEET;
  const households = new Map<string, HouseholdPlan>();
  const idRows = new Map<string, number[]>();
  for (const { row, values } of memberRows) {
    progress('check', ++checked);
    const head = attempt(problems, S, row, () => parseIdNumber(values['headIdNumber']!).idNumber);
    const id = attempt(problems, S, row, () => parseIdNumber(values['idNumber']!));
    const name = attempt(problems, S, row, () => normalizePersonName(values['name']!));
    const relation = attempt(problems, S, row, () => {
      const relation = (RELATION_NAMES[values['relation']!] ?? values['relation']) as MemberRelation;
      if (!MEMBER_RELATIONS.includes(relation))
        throw new DomainError('INVALID_INPUT', `“${values['relation']}” is not a relation to the head.`);
      return relation;
    });
    const areaType = attempt(problems, S, row, () => areaTypeOf(values['areaType']!));
    const village = attempt(problems, S, row, () => regionOf(values['villageCode']!, RegionLevel.VILLAGE, 'village'));
    const startDate = values['startDate']
      ? attempt(problems, S, row, () =>
          assertPastDate(values['startDate']!, 'A membership start', { date: id?.birthDate ?? '1900-01-01', what: 'the birth' }),
        )
      : null;
    if (id) idRows.set(id.idNumber, [...(idRows.get(id.idNumber) ?? []), row]);
    if (!head || !id || !name || !relation || !areaType || !village || startDate === undefined) continue;
    let plan = households.get(head);
    if (!plan) {
      households.set(
        head,
        (plan = { headIdNumber: head, villageCode: village.code, areaType, members: [], rows: [], existingId: null, newMembers: [] }),
      );
    } else if (plan.villageCode !== village.code || plan.areaType !== areaType) {
      problems.add(
        S,
        row,
        `同一户的村代码和城乡须相同（Every row of a household names the same village and area type as its first row ${plan.rows[0]}.）`,
      );
    }
    plan.rows.push(row);
    plan.members.push({ row, idNumber: id.idNumber, birthDate: id.birthDate, sex: id.sex, name, relation, startDate });
  }
  for (const [idNumber, rows] of idRows) {
    if (rows.length > 1) {
      for (const row of rows)
        problems.add(S, row, `身份证号在文件中重复出现（The ID number ${idNumber.slice(0, 6)}… appears on rows ${rows.join(', ')}.）`);
    }
  }
  for (const plan of households.values()) {
    const heads = plan.members.filter((m) => m.relation === 'head');
    if (heads.length !== 1 || heads[0]!.idNumber !== plan.headIdNumber) {
      for (const row of plan.rows)
        problems.add(
          S,
          row,
          '每户须有且只有一名户主，且户主身份证号与其本人一致（A household has one head, whose ID number is the household’s.）',
        );
    }
    if (plan.members.length > MAX_HOUSEHOLD_MEMBERS) {
      for (const row of plan.rows)
        problems.add(S, row, describe(new DomainError('HOUSEHOLD_TOO_LARGE', `More than ${MAX_HOUSEHOLD_MEMBERS} members.`)));
    }
  }

  // against the ledger: matched by the head's ID number
  const enrollmentPersonIds = enrollmentRows.flatMap((r) => [r.values['headIdNumber']!, r.values['personIdNumber']!]).filter(Boolean);
  const known = await registered(em, [
    ...new Set([...idRows.keys(), ...households.keys(), ...enrollmentPersonIds.map((t) => t.toUpperCase())]),
  ]);
  const householdIds = [...new Set([...known.values()].map((k) => k.householdId).filter((h): h is number => h != null))];
  const ledgerHouseholds = new Map<number, { id: number; village: { code: string } }>();
  for (let i = 0; i < householdIds.length; i += 5000) {
    const found = await em.execute<{ id: number; village_code: string }[]>(
      `select id, village_code from household where id = any(string_to_array(?, ',')::int[])`,
      [householdIds.slice(i, i + 5000).join(',')],
    );
    for (const h of found) ledgerHouseholds.set(h.id, { id: h.id, village: { code: h.village_code } });
  }
  for (const plan of households.values()) {
    const head = known.get(plan.headIdNumber);
    const existing = head?.householdId != null ? ledgerHouseholds.get(head.householdId) : undefined;
    plan.existingId = existing?.id ?? null;
    if (existing && existing.village.code !== plan.villageCode) {
      for (const row of plan.rows)
        problems.add(
          S,
          row,
          `该户已在村 ${existing.village.code} 登记，迁移请在系统中办理（The household is registered in another village.）`,
        );
    }
    if (existing && !inScope(actor, existing.village.code)) {
      for (const row of plan.rows)
        problems.add(S, row, describe(new DomainError('OUT_OF_SCOPE', 'The household is registered outside your region.')));
    }
    for (const member of plan.members) {
      const person = known.get(member.idNumber);
      if (!person) {
        plan.newMembers.push(member);
      } else if (existing == null || person.householdId !== existing.id) {
        problems.add(
          S,
          member.row,
          describe(
            new DomainError(
              'DUPLICATE_ID_NUMBER',
              'This person is already registered in another household (or has no current household): change that household in the registry first.',
            ),
          ),
        );
      }
    }
    if (existing && plan.newMembers.some((m) => m.relation === 'head')) {
      for (const m of plan.newMembers.filter((n) => n.relation === 'head'))
        problems.add(S, m.row, '该户已有户主（This household already has a head.）');
    }
  }

  // —— enrollments ——
  const E = ENROLLMENT_SHEET;
  const enrollments: EnrollmentPlan[] = [];
  const enrollmentKeys = new Map<string, number>();
  const lastStart = addMonths(monthOfDate(today()), 3);
  for (const { row, values } of enrollmentRows) {
    progress('check', ++checked);
    const head = attempt(problems, E, row, () => parseIdNumber(values['headIdNumber']!).idNumber);
    const program = attempt(problems, E, row, () => {
      const program = programOf(values['programCode']!);
      if (program.amountRule === 'case')
        throw new DomainError('WRONG_PROGRAM_KIND', `${program.name} is paid per case: it has no enrollments.`);
      return program;
    });
    const person = values['personIdNumber'] ? attempt(problems, E, row, () => parseIdNumber(values['personIdNumber']!).idNumber) : null;
    const startMonth = attempt(problems, E, row, () => {
      const month = monthOf(values['startMonth']!);
      if (month > lastStart) throw new DomainError('INVALID_MONTH', `An enrollment starts at most 3 months ahead (${lastStart}).`);
      return month;
    });
    const covered = values['coveredMembers'] ? attempt(problems, E, row, () => countOf(values['coveredMembers']!)) : null;
    const perCapita = values['perCapitaIncome']
      ? attempt(problems, E, row, () => fenOf(values['perCapitaIncome']!, 'The per-capita income', true))
      : 0;
    const fixed = values['fixedAmount'] ? attempt(problems, E, row, () => fenOf(values['fixedAmount']!, 'A fixed amount', false)) : null;
    if (!head || !program || person === undefined || !startMonth || covered === undefined || perCapita === undefined || fixed === undefined)
      continue;
    const tier = values['tier'] ?? '';
    if (program.amountRule === 'tiered' && !tier) {
      problems.add(E, row, describe(new DomainError('TIER_REQUIRED', `${program.name} is tiered: give the tier.`)));
      continue;
    }
    if (program.unit === 'person' && !person) {
      problems.add(E, row, describe(new DomainError('PERSON_REQUIRED', `${program.name} is paid per person: give 享受人身份证号.`)));
      continue;
    }
    const key = `${head}:${program.code}:${person ?? ''}`;
    const first = enrollmentKeys.get(key);
    if (first !== undefined) {
      problems.add(E, row, `与第 ${first} 行重复（The same enrollment as row ${first}.）`);
      continue;
    }
    enrollmentKeys.set(key, row);
    const inFile = households.get(head);
    const ledgerHead = known.get(head);
    if (!inFile && ledgerHead?.householdId == null) {
      problems.add(E, row, `户主未登记：请先在“${HOUSEHOLD_SHEET}”中填写该户（The head is not registered, nor in this file.）`);
      continue;
    }
    // members of a household of the ledger are found below by their current household
    const memberIds = inFile ? inFile.members.map((m) => m.idNumber) : [];
    if (
      person &&
      !memberIds.includes(person) &&
      !(ledgerHead?.householdId != null && known.get(person)?.householdId === ledgerHead.householdId)
    ) {
      problems.add(E, row, describe(new DomainError('NOT_A_MEMBER', 'The person is not a member of this household.')));
      continue;
    }
    if (covered != null && inFile && covered > inFile.members.length) {
      problems.add(
        E,
        row,
        describe(new DomainError('INVALID_MEMBER_COUNT', `Covered members (${covered}) exceed the household's ${inFile.members.length}.`)),
      );
      continue;
    }
    enrollments.push({
      row,
      headIdNumber: head,
      program,
      personIdNumber: person,
      startMonth,
      coveredMembers: covered,
      perCapitaIncomeFen: perCapita,
      tier,
      fixedAmountFen: fixed,
      unchanged: false,
    });
  }
  // against the ledger: an active enrollment of the same program for the same household or person
  const activeRows = await em.execute<
    {
      household_id: number;
      person_id: number | null;
      program_code: string;
      start_month: string;
      covered_members: number;
      per_capita_income_fen: string;
      fixed_amount_fen: string | null;
      tier: string;
    }[]
  >(
    `select household_id, person_id, program_code, to_char(start_month, 'YYYY-MM') as start_month, covered_members,
            per_capita_income_fen, fixed_amount_fen, tier
       from enrollment where status = 'active' and household_id = any(string_to_array(?, ',')::int[])`,
    [householdIds.join(',')],
  );
  const activeByKey = new Map(activeRows.map((a) => [`${a.household_id}:${a.program_code}:${a.person_id ?? ''}`, a]));
  for (const plan of enrollments) {
    const householdId = known.get(plan.headIdNumber)?.householdId;
    if (householdId == null) continue;
    const personId = plan.personIdNumber ? (known.get(plan.personIdNumber)?.personId ?? -1) : null;
    const active = activeByKey.get(`${householdId}:${plan.program.code}:${personId ?? ''}`);
    if (!active) continue;
    const same =
      active.start_month === plan.startMonth &&
      (plan.coveredMembers == null || active.covered_members === plan.coveredMembers) &&
      Number(active.per_capita_income_fen) === plan.perCapitaIncomeFen &&
      (active.fixed_amount_fen == null ? null : Number(active.fixed_amount_fen)) === plan.fixedAmountFen &&
      active.tier === plan.tier;
    if (same) plan.unchanged = true;
    else
      problems.add(
        E,
        plan.row,
        describe(
          new DomainError(
            'ALREADY_ENROLLED',
            `Already enrolled in ${plan.program.name} with other figures: change them through a re-review (decideReview), not an import.`,
          ),
        ),
      );
  }

  // —— standards ——
  const T = STANDARD_SHEET;
  const standards: StandardPlan[] = [];
  const standardKeys = new Map<string, number>();
  for (const { row, values } of standardRows) {
    progress('check', ++checked);
    const program = attempt(problems, T, row, () => {
      const program = programOf(values['programCode']!);
      if (program.amountRule === 'case')
        throw new DomainError('WRONG_PROGRAM_KIND', `${program.name} is paid per case and has no monthly standard.`);
      return program;
    });
    const county = attempt(problems, T, row, () => regionOf(values['countyCode']!, RegionLevel.COUNTY, 'county'));
    const areaType = attempt(problems, T, row, () => areaTypeOf(values['areaType']!));
    const effectiveMonth = attempt(problems, T, row, () => monthOf(values['effectiveMonth']!));
    const amount = attempt(problems, T, row, () => fenOf(values['amount']!, 'A standard', false));
    if (!program || !county || !areaType || !effectiveMonth || amount === undefined) continue;
    const tier = values['tier'] ?? '';
    if (program.amountRule === 'tiered' && !tier) {
      problems.add(T, row, describe(new DomainError('TIER_REQUIRED', `${program.name} is tiered: give the tier.`)));
      continue;
    }
    const key = `${program.code}:${county.code}:${areaType}:${tier}:${effectiveMonth}`;
    const first = standardKeys.get(key);
    if (first !== undefined) {
      problems.add(T, row, `与第 ${first} 行重复（The same standard as row ${first}.）`);
      continue;
    }
    standardKeys.set(key, row);
    const existing = await em.findOne(Standard, {
      program: program.code,
      county: county.code,
      areaType,
      tier,
      effectiveMonth: firstDayOfMonth(effectiveMonth),
    });
    standards.push({
      row,
      programCode: program.code,
      countyCode: county.code,
      areaType,
      tier,
      effectiveMonth,
      amountFen: amount,
      existing: !existing ? 'none' : existing.amountFen === amount ? 'same' : 'different',
    });
  }

  const result: LedgerImportResult = {
    dryRun: options.dryRun ?? false,
    committed: false,
    rows: total,
    errorRows: problems.count,
    errors: problems.first(20),
    households: { created: 0, changed: 0, unchanged: 0 },
    members: { created: 0, changed: 0, unchanged: 0 },
    enrollments: { created: 0, changed: 0, unchanged: 0 },
    standards: { created: 0, changed: 0, unchanged: 0 },
    report: file,
  };
  // what would change (a dry run answers it too)
  for (const plan of households.values()) {
    if (plan.existingId == null) result.households.created++;
    else if (plan.newMembers.length > 0) result.households.changed++;
    else result.households.unchanged++;
    result.members.created += plan.newMembers.length;
    result.members.unchanged += plan.members.length - plan.newMembers.length;
  }
  for (const plan of enrollments) result.enrollments[plan.unchanged ? 'unchanged' : 'created']++;
  for (const plan of standards)
    result.standards[plan.existing === 'none' ? 'created' : plan.existing === 'same' ? 'unchanged' : 'changed']++;

  if (problems.count > 0) {
    result.report = await reportOf(workbook, problems);
    throw new LedgerImportRefused(result);
  }
  // no row has an error: the file is its own report (writing a county's workbook again costs more than the import)
  if (result.dryRun) return result;

  // —— commit: standards through their service, the rest set-based (ledger-import.writes.ts), all audited ——
  let written = 0;
  const wrote = (rows: number) => options.onProgress?.({ phase: 'write', done: rows, total });
  for (const plan of standards) {
    written++;
    if (plan.existing === 'same') continue;
    await setStandard(em, actor, {
      programCode: plan.programCode,
      countyCode: plan.countyCode,
      areaType: plan.areaType,
      tier: plan.tier,
      effectiveMonth: plan.effectiveMonth,
      amountFen: plan.amountFen,
    });
  }
  wrote(written);
  const householdOf = await writeHouseholds(
    em,
    actor,
    [...households.values()].map((plan) => ({
      headIdNumber: plan.headIdNumber,
      villageCode: plan.villageCode,
      areaType: plan.areaType,
      existingId: plan.existingId,
      members: plan.existingId == null ? plan.members : plan.newMembers,
    })),
    (members) => wrote(written + members),
  );
  written += memberRows.length;
  wrote(written);
  const refused = await writeEnrollments(
    em,
    actor,
    enrollments
      .filter((plan) => !plan.unchanged)
      .map((plan) => ({
        row: plan.row,
        headIdNumber: plan.headIdNumber,
        personIdNumber: plan.personIdNumber,
        programCode: plan.program.code,
        unit: plan.program.unit,
        startMonth: plan.startMonth,
        coveredMembers: plan.coveredMembers,
        perCapitaIncomeFen: plan.perCapitaIncomeFen,
        tier: plan.tier,
        fixedAmountFen: plan.fixedAmountFen,
      })),
    (head) => householdOf.get(head) ?? known.get(head)!.householdId!,
    () => wrote(total),
  );
  for (const r of refused) problems.add(E, r.row, describe(new DomainError(r.code, r.message)));
  if (problems.count > 0) {
    result.errorRows = problems.count;
    result.errors = problems.first(20);
    result.report = await reportOf(workbook, problems);
    throw new LedgerImportRefused(result);
  }
  wrote(total);
  result.committed = true;
  return result;
}

/** The workbook with an error column on each data sheet (empty where a row is fine). */
async function reportOf(workbook: ExcelJS.Workbook, problems: Problems): Promise<Buffer> {
  for (const name of [HOUSEHOLD_SHEET, ENROLLMENT_SHEET, STANDARD_SHEET]) {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) continue;
    const header = sheet.getRow(1);
    let col = 0;
    header.eachCell((cell, c) => {
      if (cellText(cell.value) === ERROR_HEADER) col = c;
    });
    if (!col) col = sheet.columnCount + 1;
    header.getCell(col).value = ERROR_HEADER;
    header.getCell(col).font = { bold: true, color: { argb: 'FFC00000' } };
    const rows = problems.of(name);
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      if (number === 1) {
        if (rows.has(1)) row.getCell(col + 1).value = rows.get(1)!.join('；');
        return;
      }
      row.getCell(col).value = rows.get(number)?.join('；') ?? null;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * An import in a transaction of its own (the command line): the result, committed or not — a
 * file with an error answers its report, having changed nothing.
 */
export async function runLedgerImport(
  em: EntityManager,
  actor: Actor,
  file: Buffer,
  options: LedgerImportOptions = {},
): Promise<LedgerImportResult> {
  try {
    return await inTransaction(em, (tx) => importLedger(tx, actor, file, options));
  } catch (error) {
    if (error instanceof LedgerImportRefused) return error.result;
    throw error;
  }
}
