import { fenToYuan } from './money.js';
import type { Aggregate, County, CountyRelease, Edition, ElderCare, ElderFacility, Program, Site, YearFigures } from './site-data.js';

/**
 * The aggregate tables of the site. Each is one `Dataset`: the pages render it as an HTML table
 * and /data/ serves it as CSV, Excel CSV, XLSX and JSON with a datapackage.json — one source, so
 * the figures of a page and of its files are the same numbers.
 */

/** A suppressed figure: `c` in every format. */
export const SUPPRESSED = Symbol('c');

/** text (codes included), integer, amount in fen, suppressed, or nothing. */
export type Cell = string | number | bigint | typeof SUPPRESSED | null;

export interface Field {
  name: string;
  type: 'string' | 'integer' | 'number' | 'date' | 'yearmonth';
  title: string;
  titleEn: string;
  description: string;
  unit?: string;
  unitEn?: string;
  /** A code: text in every format (12-digit village codes must survive Excel). */
  code?: boolean;
  /** May hold `c`. */
  suppressible?: boolean;
}

/** An explanation of how two or more figures of a table read together, shown wherever they all appear. */
export interface ReadingNote {
  fields: string[];
  text: string;
}

/**
 * One table. Its `fields` are the one declaration of its columns (name, type, titles, unit,
 * description): the download README, datapackage.json, the XLSX 说明 sheet and the page tables
 * (headers, captions, field notes) are all generated from them, table by table — a name means
 * what its own table declares (the standards' amount_yuan is a rate, the summaries' a sum).
 */
export interface Dataset {
  /** The file name without extension: summary-by-program, monthly-by-town, … */
  name: string;
  title: string;
  titleEn: string;
  description: string;
  fields: Field[];
  rows: Cell[][];
  primaryKey: string[];
  /** How figures of this table read together (人数 vs 人次, approved vs received). */
  notes: ReadingNote[];
}

/** 人数 and 人次 side by side. */
const PERSONS_NOTE: ReadingNote = {
  fields: ['persons', 'person_months'],
  text: '人数与人次：人数是期间内不重复计数的保障人数（一人全年只计 1 人，不能跨月相加）；人次按月累计（按月发放的项目为各月保障人数之和，一人领取 12 个月计 12 人次；一次性救助每笔计 1 人次），可以跨月、跨地区相加。',
};

/** Approved and received counted in different years: approved can exceed received. */
const CARRY_OVER_NOTE: ReadingNote = {
  fields: ['received', 'approved'],
  text: '批准件数可能多于受理件数：受理按提出申请的年份计，批准和不予批准按审批的年份计；上一年提出、本年审批的申请（跨年结转）计入本年的批准或不予批准，而不计入本年受理。',
};

/** The notes of a dataset that apply to the fields shown. */
export function notesFor(dataset: Dataset, shown: string[] = dataset.fields.map((f) => f.name)): ReadingNote[] {
  return dataset.notes.filter((n) => n.fields.every((f) => shown.includes(f)));
}

/** A field's definition in one line: description, then unit. */
export function fieldDefinition(f: Field): string {
  return f.unit ? `${f.description}单位：${f.unit}。` : f.description;
}

const F = {
  period: {
    name: 'period',
    type: 'yearmonth',
    title: '月份',
    titleEn: 'Month',
    description: '发放月份，YYYY-MM。',
  },
  programCode: {
    name: 'program_code',
    type: 'string',
    title: '救助项目代码',
    titleEn: 'Program code',
    description: '救助项目的代码，见“救助项目”页。',
    code: true,
  },
  programName: { name: 'program_name', type: 'string', title: '救助项目', titleEn: 'Program', description: '救助项目名称。' },
  townCode: {
    name: 'town_code',
    type: 'string',
    title: '乡镇（街道）代码',
    titleEn: 'Town code',
    description: '统计用区划代码（9位）。',
    code: true,
  },
  townName: { name: 'town_name', type: 'string', title: '乡镇（街道）', titleEn: 'Town', description: '乡镇（街道）名称。' },
  villageCode: {
    name: 'village_code',
    type: 'string',
    title: '村（社区）代码',
    titleEn: 'Village code',
    description: '统计用区划代码（12位）。',
    code: true,
  },
  villageName: { name: 'village_name', type: 'string', title: '村（社区）', titleEn: 'Village', description: '村（居）民委员会名称。' },
  households: {
    name: 'households',
    type: 'integer',
    title: '户数',
    titleEn: 'Households',
    description: '期间内至少有一笔发放记录的家庭数（不重复计数）。',
    unit: '户',
    unitEn: 'households',
    suppressible: true,
  },
  persons: {
    name: 'persons',
    type: 'integer',
    title: '人数',
    titleEn: 'Persons',
    description: '期间内被保障的人数：每个保障对象取期间内最大的保障人口数后相加。',
    unit: '人',
    unitEn: 'persons',
    suppressible: true,
  },
  personMonths: {
    name: 'person_months',
    type: 'integer',
    title: '人次',
    titleEn: 'Person-months',
    description: '按月发放的项目：每月保障人口数之和；一次性救助：每笔发放计 1 人次。',
    unit: '人次',
    unitEn: 'person-months',
    suppressible: true,
  },
  amount: {
    name: 'amount_yuan',
    type: 'number',
    title: '金额（元）',
    titleEn: 'Amount (yuan)',
    description: '期间内全部发放记录之和（含正常发放、补发、追回），保留两位小数。',
    unit: '元',
    unitEn: 'yuan (CNY)',
    suppressible: true,
  },
} satisfies Record<string, Field>;

const FIGURES: Field[] = [F.households, F.persons, F.personMonths, F.amount];

/** A count the API may suppress (null): `c` then. */
const shownOrSuppressed = (n: number | null): Cell => (n === null ? SUPPRESSED : n);

function figures(a: Aggregate): Cell[] {
  if (a.suppressed) return [SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED];
  return [a.households, a.persons, a.personMonths, a.amountFen];
}

const byProgram = (site: Site) => (a: Aggregate, b: Aggregate) =>
  (site.programByCode.get(a.programCode)?.order ?? 0) - (site.programByCode.get(b.programCode)?.order ?? 0);

export function programName(site: Site, code: string): string {
  return site.programByCode.get(code)?.name ?? code;
}

export interface RegionNames {
  towns: Map<string, string>;
  villages: Map<string, { name: string; townCode: string }>;
}

export function regionNames(county: County): RegionNames {
  return {
    towns: new Map(county.towns.map((t) => [t.code, t.name])),
    villages: new Map(county.towns.flatMap((t) => t.villages.map((v) => [v.code, { name: v.name, townCode: t.code }] as const))),
  };
}

/**
 * A county-year table every town and village page filters (the whole county's rows, sorted): built
 * once per county release and year, not once per page. The plain URLs and the latest release's
 * copy share the county release, so they share the table too. Datasets are never changed once built.
 */
const countyYearTables = new WeakMap<CountyRelease, Map<string, Dataset>>();
function perCountyYear(table: string, cr: CountyRelease, year: number, build: () => Dataset): Dataset {
  let tables = countyYearTables.get(cr);
  if (!tables) countyYearTables.set(cr, (tables = new Map<string, Dataset>()));
  const key = `${table}|${year}`;
  let dataset = tables.get(key);
  if (!dataset) tables.set(key, (dataset = build()));
  return dataset;
}

/** Contract: program_code,program_name,households,persons,person_months,amount_yuan */
export function summaryByProgram(site: Site, cr: CountyRelease, year: number): Dataset {
  const f = cr.figures.get(year)!;
  return {
    name: 'summary-by-program',
    notes: [PERSONS_NOTE],
    title: `${cr.county.name}${year}年社会救助分项目汇总`,
    titleEn: `${cr.county.name} ${year}: social assistance by program`,
    description: `${cr.county.name}全县（区）${year}年已发布月份的各救助项目户数、人数、人次和金额。`,
    fields: [F.programCode, F.programName, ...FIGURES],
    primaryKey: ['program_code'],
    rows: [...f.countyYear].sort(byProgram(site)).map((a) => [a.programCode, programName(site, a.programCode), ...figures(a)]),
  };
}

export function monthlyByProgram(site: Site, cr: CountyRelease, year: number): Dataset {
  const f = cr.figures.get(year)!;
  return {
    name: 'monthly-by-program',
    notes: [PERSONS_NOTE],
    title: `${cr.county.name}${year}年社会救助分月分项目汇总`,
    titleEn: `${cr.county.name} ${year}: social assistance by month and program`,
    description: `${cr.county.name}全县（区）${year}年各已发布月份、各救助项目的户数、人数、人次和金额。`,
    fields: [F.period, F.programCode, F.programName, ...FIGURES],
    primaryKey: ['period', 'program_code'],
    rows: [...f.countyMonth]
      .sort((a, b) => a.period.localeCompare(b.period) || byProgram(site)(a, b))
      .map((a) => [a.period, a.programCode, programName(site, a.programCode), ...figures(a)]),
  };
}

export function summaryByTown(site: Site, cr: CountyRelease, year: number): Dataset {
  return perCountyYear('summary-by-town', cr, year, () => townSummary(site, cr, year));
}

function townSummary(site: Site, cr: CountyRelease, year: number): Dataset {
  const f = cr.figures.get(year)!;
  const names = regionNames(cr.county);
  return {
    name: 'summary-by-town',
    notes: [PERSONS_NOTE],
    title: `${cr.county.name}${year}年社会救助分乡镇（街道）汇总`,
    titleEn: `${cr.county.name} ${year}: social assistance by town and program`,
    description: `${cr.county.name}各乡镇（街道）${year}年已发布月份的各救助项目户数、人数、人次和金额。`,
    fields: [F.townCode, F.townName, F.programCode, F.programName, ...FIGURES],
    primaryKey: ['town_code', 'program_code'],
    rows: [...f.townYear]
      .sort((a, b) => a.regionCode.localeCompare(b.regionCode) || byProgram(site)(a, b))
      .map((a) => [a.regionCode, names.towns.get(a.regionCode) ?? '', a.programCode, programName(site, a.programCode), ...figures(a)]),
  };
}

/** Contract: period,town_code,town_name,program_code,households,persons,person_months,amount_yuan */
export function monthlyByTown(site: Site, cr: CountyRelease, year: number): Dataset {
  const f = cr.figures.get(year)!;
  const names = regionNames(cr.county);
  return {
    name: 'monthly-by-town',
    notes: [PERSONS_NOTE, ZERO_ROWS_NOTE],
    title: `${cr.county.name}${year}年社会救助分月分乡镇（街道）汇总`,
    titleEn: `${cr.county.name} ${year}: social assistance by month, town and program`,
    description: `${cr.county.name}各乡镇（街道）${year}年各已发布月份、各救助项目的户数、人数、人次和金额。`,
    fields: [F.period, F.townCode, F.townName, F.programCode, ...FIGURES],
    primaryKey: ['period', 'town_code', 'program_code'],
    rows: withZeroRows(site, cr, year, f)
      .sort((a, b) => a.period.localeCompare(b.period) || a.regionCode.localeCompare(b.regionCode) || byProgram(site)(a, b))
      .map((a) => [a.period, a.regionCode, names.towns.get(a.regionCode) ?? '', a.programCode, ...figures(a)]),
  };
}

/** monthly-by-town lists every town and month, zeros included. */
const ZERO_ROWS_NOTE: ReadingNote = {
  fields: ['period', 'town_code', 'program_code'],
  text: '零值行：本表列出该年每个已发布月份、每个乡镇（街道）与该年有发放的每个救助项目的组合；某月某乡镇没有发放的项目写作 0（真实的零，不是缺失），不会省略。',
};

/**
 * The town-month aggregates of a year with explicit zeros: the API answers only cells with
 * payments, so every (released month, town, program with figures in the county-year) it does
 * not answer is a true zero — never a suppressed cell, which the API answers as suppressed.
 */
const ZERO = { suppressed: false, households: 0, persons: 0, personMonths: 0, amountFen: 0n } as const;

function withZeroRows(site: Site, cr: CountyRelease, year: number, f: YearFigures): Aggregate[] {
  const key = (period: string, town: string, program: string) => `${period}|${town}|${program}`;
  const answered = new Set(f.townMonth.map((a) => key(a.period, a.regionCode, a.programCode)));
  const months = cr.months.filter((m) => m.startsWith(`${year}-`));
  const programs = [...new Set(f.countyYear.map((a) => a.programCode))];
  const zeros: Aggregate[] = [];
  for (const period of months)
    for (const town of cr.county.towns)
      for (const programCode of programs)
        if (!answered.has(key(period, town.code, programCode))) zeros.push({ ...ZERO, period, regionCode: town.code, programCode });
  return [...f.townMonth, ...zeros];
}

export function summaryByVillage(site: Site, cr: CountyRelease, year: number): Dataset {
  return perCountyYear('summary-by-village', cr, year, () => villageSummary(site, cr, year));
}

function villageSummary(site: Site, cr: CountyRelease, year: number): Dataset {
  const f = cr.figures.get(year)!;
  const names = regionNames(cr.county);
  return {
    name: 'summary-by-village',
    notes: [PERSONS_NOTE],
    title: `${cr.county.name}${year}年社会救助分村（社区）汇总`,
    titleEn: `${cr.county.name} ${year}: social assistance by village and program`,
    description: `${cr.county.name}各村（社区）${year}年已发布月份的各救助项目户数、人数、人次和金额。`,
    fields: [F.townCode, F.townName, F.villageCode, F.villageName, F.programCode, F.programName, ...FIGURES],
    primaryKey: ['village_code', 'program_code'],
    rows: [...f.villageYear]
      .sort((a, b) => a.regionCode.localeCompare(b.regionCode) || byProgram(site)(a, b))
      .map((a) => {
        const village = names.villages.get(a.regionCode);
        const town = a.regionCode.slice(0, 9);
        return [
          town,
          names.towns.get(town) ?? '',
          a.regionCode,
          village?.name ?? '',
          a.programCode,
          programName(site, a.programCode),
          ...figures(a),
        ];
      }),
  };
}

const AREA: Record<string, string> = { URBAN: '城市', RURAL: '农村' };

/** The month of an edition's as-of date: standards and campaigns after it are not shown. */
function asOfMonth(edition: Edition): string {
  return edition.release?.asOf.slice(0, 7) ?? '9999-12';
}

export function standardsTable(cr: CountyRelease, edition: Edition, year: number): Dataset {
  const until = asOfMonth(edition);
  return {
    name: 'standards',
    notes: [],
    title: `${cr.county.name}社会救助标准（含历史）`,
    titleEn: `${cr.county.name}: assistance standards, history included`,
    description: `${cr.county.name}各救助项目的保障标准及其生效月份，截至本次发布日期（${year}年文件夹中给出全部历史）。`,
    fields: [
      F.programCode,
      F.programName,
      { name: 'area_type', type: 'string', title: '城乡', titleEn: 'Urban or rural', description: '城市或农村标准。' },
      { name: 'tier', type: 'string', title: '档次', titleEn: 'Tier', description: '分档标准的档次（如尊老金年龄段）；不分档为空。' },
      {
        name: 'effective_month',
        type: 'yearmonth',
        title: '生效月份',
        titleEn: 'Effective from',
        description: '标准开始执行的月份，YYYY-MM。',
      },
      {
        name: 'amount_yuan',
        type: 'number',
        title: '标准（元/人·月）',
        titleEn: 'Standard (yuan per person per month)',
        description: '保障标准（每人每月的金额，不是发放总额），保留两位小数。',
        unit: '元/人·月',
        unitEn: 'yuan per person per month',
      },
    ],
    primaryKey: ['program_code', 'area_type', 'tier', 'effective_month'],
    rows: cr.county.standards
      .filter((s) => s.effectiveMonth <= until)
      .map((s) => [s.programCode, s.programName, AREA[s.areaType] ?? s.areaType, s.tier, s.effectiveMonth, s.amountFen]),
  };
}

/** The published figures of a re-review campaign, as columns: the same for the county and per town. */
const REVIEW_FIGURES = [
  ['reviewed_households', 'reviewedHouseholds', '复核户数', 'Households reviewed', '户'],
  ['cancelled_households', 'cancelledHouseholds', '停保户数', 'Households cancelled', '户'],
  ['cancelled_persons', 'cancelledPersons', '停保人数', 'Persons cancelled', '人'],
  ['adjusted_households', 'adjustedHouseholds', '调整待遇户数', 'Households adjusted', '户'],
  ['adjusted_persons', 'adjustedPersons', '调整待遇人数', 'Persons adjusted', '人'],
  ['newly_approved_households', 'newlyApprovedHouseholds', '新纳入户数', 'Households newly approved', '户'],
  ['newly_approved_persons', 'newlyApprovedPersons', '新纳入人数', 'Persons newly approved', '人'],
] as const;
type ReviewFigures = Record<(typeof REVIEW_FIGURES)[number][1], number | null>;

const reviewFields = (): Field[] =>
  REVIEW_FIGURES.map(([name, , title, titleEn, unit]) => ({
    name,
    type: 'integer',
    title,
    titleEn,
    description: `${title.replace(/(户|人)数$/, '')}的${unit === '户' ? '家庭' : '人'}数。`,
    unit,
    unitEn: unit === '户' ? 'households' : 'persons',
    suppressible: true,
  }));

const reviewCells = (r: ReviewFigures): Cell[] => REVIEW_FIGURES.map(([, key]) => shownOrSuppressed(r[key]));

/**
 * The re-review results per town (复核 outcomes per town): each campaign's figures in each town of
 * the county, the towns summing to the campaign; suppressed like the campaign's (`c`).
 */
export function reviewsByTownTable(cr: CountyRelease, edition: Edition): Dataset {
  const until = edition.release?.asOf ?? '9999-12-31';
  const campaigns = new Map(cr.county.reviews.filter((r) => r.periodStart <= until).map((r) => [String(r.id), r]));
  const names = regionNames(cr.county);
  return {
    name: 're-reviews-by-town',
    notes: [],
    title: `${cr.county.name}复核结果（分乡镇、街道）`,
    titleEn: `${cr.county.name}: re-review results by town`,
    description: `${cr.county.name}各复核工作在各乡镇（街道）的结果：复核户数、停保、调整和新纳入的户数和人数；各乡镇（街道）之和等于全县（区）。`,
    fields: [
      { name: 'campaign_name', type: 'string', title: '复核工作', titleEn: 'Campaign', description: '复核工作的名称。' },
      { name: 'period_start', type: 'date', title: '开始日期', titleEn: 'Start', description: '复核开始日期。' },
      F.townCode,
      F.townName,
      ...reviewFields(),
    ],
    primaryKey: ['campaign_name', 'period_start', 'town_code'],
    rows: cr.county.reviewTowns.flatMap((t) => {
      const campaign = campaigns.get(String(t.campaignId));
      return campaign ? [[campaign.name, campaign.periodStart, t.townCode, names.towns.get(t.townCode) ?? '', ...reviewCells(t)]] : [];
    }),
  };
}

export function reviewsTable(cr: CountyRelease, edition: Edition): Dataset {
  const until = edition.release?.asOf ?? '9999-12-31';
  return {
    name: 're-reviews',
    notes: [],
    title: `${cr.county.name}复核工作及结果`,
    titleEn: `${cr.county.name}: re-review campaigns and results`,
    description: `${cr.county.name}开展的复核（动态管理）工作及其结果：复核户数、停保、调整和新纳入的户数和人数。`,
    fields: [
      { name: 'campaign_name', type: 'string', title: '复核工作', titleEn: 'Campaign', description: '复核工作的名称。' },
      { name: 'period_start', type: 'date', title: '开始日期', titleEn: 'Start', description: '复核开始日期。' },
      { name: 'period_end', type: 'date', title: '结束日期', titleEn: 'End', description: '复核结束日期。' },
      ...reviewFields(),
    ],
    primaryKey: ['campaign_name', 'period_start'],
    rows: cr.county.reviews.filter((r) => r.periodStart <= until).map((r) => [r.name, r.periodStart, r.periodEnd, ...reviewCells(r)]),
  };
}

export function applicationsTable(site: Site, cr: CountyRelease, year: number): Dataset {
  const f = cr.figures.get(year)!;
  const count = (name: string, title: string, titleEn: string, description: string): Field => ({
    name,
    type: 'integer',
    title,
    titleEn,
    description,
    unit: '件',
    unitEn: 'applications',
    suppressible: true,
  });
  return {
    name: 'applications',
    notes: [CARRY_OVER_NOTE],
    title: `${cr.county.name}${year}年救助申请受理和审批`,
    titleEn: `${cr.county.name} ${year}: applications received and decided`,
    description: `${cr.county.name}${year}年各救助项目收到的申请，以及当年审批通过和不予批准的申请。`,
    fields: [
      F.programCode,
      F.programName,
      count('received', '受理（件）', 'Received', '当年提出的申请（按提出申请的日期计）。'),
      count('approved', '批准（件）', 'Approved', '当年审批通过的申请（按审批日期计，含上一年提出、本年审批的申请）。'),
      count('rejected', '不予批准（件）', 'Rejected', '当年审批不予批准的申请（按审批日期计，含上一年提出、本年审批的申请）。'),
    ],
    primaryKey: ['program_code'],
    rows: f.applications.map((a) => [
      a.programCode,
      programName(site, a.programCode),
      ...[a.received, a.approved, a.rejected].map(shownOrSuppressed),
    ]),
  };
}

const ASSISTANCE_FIGURES: Record<string, string> = { cross_check_hit: '数据比对疑点', outreach: '政策找人', fast_track: '快速审批' };
const ASSISTANCE_RULES: Record<string, string> = {
  deceased_paid: '死亡仍领取',
  disability_lowered: '残疾等级调整',
  income_above_line: '拿社保工资人员',
  vehicle_or_property: '车辆或多套房产',
  excluded_pair: '互斥项目重复享受',
  duplicate_county: '跨县重复享受',
};
const ASSISTANCE_OUTCOMES: Record<string, string> = {
  open: '待处理',
  stopped: '停发',
  adjusted: '调整',
  dismissed: '排除',
  applied: '申请',
  enrolled: '纳入保障',
  instant: '秒批',
  advance: '先行救助',
};

/** Contract: figure,figure_name,code,code_name,outcome,outcome_name,cases,amount_yuan */
export function assistanceTable(site: Site, cr: CountyRelease, year: number): Dataset {
  const f = cr.figures.get(year)!;
  return {
    name: 'data-driven-assistance',
    notes: [],
    title: `${cr.county.name}${year}年数据比对、政策找人和快速审批`,
    titleEn: `${cr.county.name} ${year}: cross-checks, outreach and fast approvals`,
    description: `${cr.county.name}${year}年部门数据比对发现的疑点及处理结果（按规则），政策找人形成的申请和纳入保障数，秒批和先行救助件数。`,
    fields: [
      {
        name: 'figure',
        type: 'string',
        title: '类别代码',
        titleEn: 'Figure',
        description: 'cross_check_hit、outreach 或 fast_track。',
        code: true,
      },
      { name: 'figure_name', type: 'string', title: '类别', titleEn: 'Figure name', description: '数据比对疑点、政策找人或快速审批。' },
      {
        name: 'code',
        type: 'string',
        title: '规则或项目代码',
        titleEn: 'Rule or program code',
        description: '比对规则代码，或救助项目代码。',
        code: true,
      },
      { name: 'code_name', type: 'string', title: '规则或项目', titleEn: 'Rule or program', description: '比对规则或救助项目名称。' },
      {
        name: 'outcome',
        type: 'string',
        title: '结果代码',
        titleEn: 'Outcome',
        description: 'open、stopped、adjusted、dismissed；applied、enrolled；instant、advance。',
        code: true,
      },
      {
        name: 'outcome_name',
        type: 'string',
        title: '结果',
        titleEn: 'Outcome name',
        description: '疑点的处理结果，或申请的阶段、审批方式。',
      },
      {
        name: 'cases',
        type: 'integer',
        title: '件数',
        titleEn: 'Cases',
        description: '当年发现的疑点，或当年提出、批准的申请件数。',
        unit: '件',
        unitEn: 'cases',
        suppressible: true,
      },
      {
        name: 'amount_yuan',
        type: 'number',
        title: '金额（元）',
        titleEn: 'Amount (yuan)',
        description: '疑点处理追回的金额，或先行救助发放的金额；其他为 0。',
        unit: '元',
        unitEn: 'yuan (CNY)',
        suppressible: true,
      },
    ],
    primaryKey: ['figure', 'code', 'outcome'],
    rows: f.assistance.map((a) => [
      a.figure,
      ASSISTANCE_FIGURES[a.figure] ?? a.figure,
      a.code,
      a.figure === 'cross_check_hit' ? (ASSISTANCE_RULES[a.code] ?? a.code) : programName(site, a.code),
      a.outcome,
      ASSISTANCE_OUTCOMES[a.outcome] ?? a.outcome,
      shownOrSuppressed(a.cases),
      a.amountFen === null ? SUPPRESSED : a.amountFen,
    ]),
  };
}

export const CHANNEL_NAMES: Record<string, string> = {
  county_centre: '县社会大救助中心',
  town_station: '乡镇（街道）受理窗口',
  grid_worker: '网格员代办',
  app: '手机 App',
};
export const DECISION_NAMES: Record<string, string> = { approved: '批准', rejected: '不予批准' };
export const DEPARTMENT_NAMES: Record<string, string> = {
  medical_insurance: '医保',
  education: '教育',
  human_resources: '人社',
  housing: '住建',
  disability_federation: '残联',
};
export const REFERRAL_OUTCOME_NAMES: Record<string, string> = { granted: '给予救助', refused: '不予救助', pending: '办理中' };

const percentField = (name: string, title: string, titleEn: string, description: string): Field => ({
  name,
  type: 'number',
  title,
  titleEn,
  description,
  unit: '%',
  unitEn: 'percent',
  suppressible: true,
});

/** Contract: program_code,program_name,applications,instant,instant_percent */
export function instantApprovalsTable(site: Site, cr: CountyRelease, year: number): Dataset {
  const f = cr.figures.get(year)!;
  return {
    name: 'instant-approvals',
    notes: [],
    title: `${cr.county.name}${year}年申请件数和秒批占比`,
    titleEn: `${cr.county.name} ${year}: applications and the share approved instantly (秒批)`,
    description: `${cr.county.name}${year}年各救助项目提出的申请件数，其中即申请即审批（秒批，凭身份证号码核验年龄等条件，无需公示）的件数和占比。`,
    fields: [
      F.programCode,
      F.programName,
      count(
        'applications',
        '申请（件）',
        'Applications',
        '当年提出的申请（按提出申请的日期计），与“申请受理和审批”的受理件数相同。',
        '件',
        'cases',
        true,
      ),
      count(
        'instant',
        '秒批（件）',
        'Approved instantly',
        '其中提出时即审批通过的申请（秒批）；1 至 10 件的单元格被抑制（c）。',
        '件',
        'cases',
        true,
      ),
      percentField(
        'instant_percent',
        '秒批占比（%）',
        'Instant share (%)',
        '秒批件数 ÷ 申请件数 × 100，保留两位小数；两者之一被抑制时一并抑制。',
      ),
    ],
    primaryKey: ['program_code'],
    rows: f.channels.map((p) => [
      p.programCode,
      programName(site, p.programCode),
      shownOrSuppressed(p.applications),
      shownOrSuppressed(p.instant),
      shownOrSuppressed(p.instantPercent),
    ]),
  };
}

/** Contract: program_code,program_name,channel,channel_name,applications,percent */
export function applicationChannelsTable(site: Site, cr: CountyRelease, year: number): Dataset {
  const f = cr.figures.get(year)!;
  return {
    name: 'application-channels',
    notes: [],
    title: `${cr.county.name}${year}年申请渠道`,
    titleEn: `${cr.county.name} ${year}: applications by channel`,
    description: `${cr.county.name}${year}年各救助项目的申请按提出渠道（县社会大救助中心、乡镇（街道）受理窗口、网格员代办、手机 App）分列的件数和占比。`,
    fields: [
      F.programCode,
      F.programName,
      {
        name: 'channel',
        type: 'string',
        title: '渠道代码',
        titleEn: 'Channel',
        description: 'county_centre、town_station、grid_worker 或 app。',
        code: true,
      },
      { name: 'channel_name', type: 'string', title: '渠道', titleEn: 'Channel name', description: '申请的提出渠道。' },
      count(
        'applications',
        '申请（件）',
        'Applications',
        '当年经该渠道提出的申请；1 至 10 件的单元格被抑制（c），同一项目只有一个渠道被抑制时再抑制一个，使其不能由合计推算。',
        '件',
        'cases',
        true,
      ),
      percentField('percent', '占比（%）', 'Share (%)', '占该项目当年申请件数的百分比，保留两位小数；件数被抑制时一并抑制。'),
    ],
    primaryKey: ['program_code', 'channel'],
    rows: f.channels.flatMap((p) =>
      p.channels.map((c): Cell[] => [
        p.programCode,
        programName(site, p.programCode),
        c.channel,
        CHANNEL_NAMES[c.channel] ?? c.channel,
        shownOrSuppressed(c.applications),
        shownOrSuppressed(c.percent),
      ]),
    ),
  };
}

/** Contract: program_code,program_name,decision,decision_name,median_days */
export function decisionTimesTable(site: Site, cr: CountyRelease, year: number): Dataset {
  const f = cr.figures.get(year)!;
  return {
    name: 'decision-times',
    notes: [],
    title: `${cr.county.name}${year}年审批时长`,
    titleEn: `${cr.county.name} ${year}: days from application to decision`,
    description: `${cr.county.name}${year}年审批的申请从提出到审批（批准或不予批准）所用天数的中位数，按救助项目分列。`,
    fields: [
      F.programCode,
      F.programName,
      { name: 'decision', type: 'string', title: '审批结果代码', titleEn: 'Decision', description: 'approved 或 rejected。', code: true },
      { name: 'decision_name', type: 'string', title: '审批结果', titleEn: 'Decision name', description: '批准或不予批准。' },
      {
        name: 'median_days',
        type: 'number',
        title: '审批天数中位数',
        titleEn: 'Median days',
        description:
          '当年审批（按审批日期计）的申请从提出申请到审批的天数的中位数，保留一位小数；秒批为 0。只审批 1 至 10 件的（仅统计公布的项目）被抑制（c）。',
        unit: '天',
        unitEn: 'days',
        suppressible: true,
      },
    ],
    primaryKey: ['program_code', 'decision'],
    rows: f.decisionTimes.map((d) => [
      d.programCode,
      programName(site, d.programCode),
      d.decision,
      DECISION_NAMES[d.decision] ?? d.decision,
      shownOrSuppressed(d.medianDays),
    ]),
  };
}

/** Contract: department,department_name,outcome,outcome_name,cases,amount_yuan */
export function referralsTable(cr: CountyRelease, year: number): Dataset {
  const f = cr.figures.get(year)!;
  return {
    name: 'referrals',
    notes: [],
    title: `${cr.county.name}${year}年社会大救助转介`,
    titleEn: `${cr.county.name} ${year}: referrals to other departments (社会大救助)`,
    description: `${cr.county.name}${year}年社会大救助窗口受理后转交医保、教育、人社、住建、残联等部门办理的件数，按部门办理结果分列，及部门给予的救助金额。`,
    fields: [
      {
        name: 'department',
        type: 'string',
        title: '部门代码',
        titleEn: 'Department',
        description: 'medical_insurance、education、human_resources、housing 或 disability_federation。',
        code: true,
      },
      { name: 'department_name', type: 'string', title: '部门', titleEn: 'Department name', description: '医保、教育、人社、住建或残联。' },
      {
        name: 'outcome',
        type: 'string',
        title: '办理结果代码',
        titleEn: 'Outcome',
        description: 'granted、refused 或 pending。',
        code: true,
      },
      {
        name: 'outcome_name',
        type: 'string',
        title: '办理结果',
        titleEn: 'Outcome name',
        description: '给予救助、不予救助，或发布时部门尚未答复（办理中）。',
      },
      count('cases', '转介（件）', 'Referrals', '当年转介（按转介日期计）的件数；1 至 10 件的单元格被抑制（c）。', '件', 'cases', true),
      {
        name: 'amount_yuan',
        type: 'number',
        title: '救助金额（元）',
        titleEn: 'Amount granted (yuan)',
        description: '部门给予的救助金额；就业援助等服务类救助不计金额；随件数一起抑制。',
        unit: '元',
        unitEn: 'yuan (CNY)',
        suppressible: true,
      },
    ],
    primaryKey: ['department', 'outcome'],
    rows: f.referrals.map((r) => [
      r.department,
      DEPARTMENT_NAMES[r.department] ?? r.department,
      r.outcome,
      REFERRAL_OUTCOME_NAMES[r.outcome] ?? r.outcome,
      shownOrSuppressed(r.cases),
      r.amountFen === null ? SUPPRESSED : r.amountFen,
    ]),
  };
}

// ---- elder care (docs/eldercare.md, "In public") -------------------------------------------------

/** 中文 names of the facility kinds, as the bureaus' reports write them. */
export const FACILITY_KIND_ZH: Record<string, string> = {
  PUBLIC_HOME: '公办敬老院',
  PRIVATE_HOME: '民办养老机构',
  PUBLICLY_BUILT_PRIVATELY_RUN: '公建民营养老机构',
  SERVICE_CENTRE: '城乡综合养老服务中心',
  RURAL_HAPPINESS_HOME: '农村幸福院',
  DAY_CARE_CENTRE: '日间照料中心',
  ELDER_CANTEEN: '长者食堂',
  CARE_CENTRE: '照护中心',
};

/** 中文 names of the checklist categories. */
export const HAZARD_CATEGORY_ZH: Record<string, string> = {
  FIRE: '消防',
  ELECTRICITY: '用电',
  GAS: '燃气',
  FOOD: '食品',
  EVACUATION: '疏散',
  EMERGENCY_PLAN: '应急预案',
};

const count = (
  name: string,
  title: string,
  titleEn: string,
  description: string,
  unit: string,
  unitEn: string,
  suppressible = false,
): Field => ({
  name,
  type: 'integer',
  title,
  titleEn,
  description,
  unit,
  unitEn,
  ...(suppressible ? { suppressible } : {}),
});

const E = {
  facilities: count('facilities', '机构数', 'Facilities', '发布日期时仍在运营的养老服务机构和设施数（各类合计）。', '个', 'facilities'),
  beds: count('beds', '床位数', 'Beds', '各机构截至发布日期最近一次登记的床位数之和。', '张', 'beds'),
  occupiedBeds: count(
    'occupied_beds',
    '在住人数',
    'Occupied beds',
    '各机构最近一次登记的在住（占用床位）人数之和；1 至 10 人的单元格被抑制（c）。',
    '人',
    'persons',
    true,
  ),
  occupancy: {
    name: 'occupancy_percent',
    type: 'number',
    title: '床位使用率（%）',
    titleEn: 'Occupancy (%)',
    description: '在住人数 ÷ 床位数 × 100，保留两位小数；随在住人数一起抑制。',
    unit: '%',
    unitEn: 'percent',
    suppressible: true,
  } satisfies Field,
  caregivers: count(
    'certified_caregivers',
    '持证养老护理员',
    'Certified caregivers',
    '持有养老护理员职业技能等级证书的人数（五级至一级合计）。',
    '人',
    'persons',
  ),
  personsServed: count(
    'persons_served',
    '居家养老服务人数',
    'Persons served at home',
    '年内（已结束的月份）接受过任一项居家养老服务（助餐、助洁、助浴、助医、助急等）的人数，不重复计数；1 至 10 人的单元格被抑制（c）。',
    '人',
    'persons',
    true,
  ),
  coverage: {
    name: 'coverage_percent',
    type: 'number',
    title: '居家养老服务覆盖率（%）',
    titleEn: 'Home-service coverage (%)',
    description: '居家养老服务人数 ÷ 县（区）确定的当年服务对象人数 × 100，保留两位小数；只有县（区）一级。',
    unit: '%',
    unitEn: 'percent',
    suppressible: true,
  } satisfies Field,
  eligible: count(
    'eligible_persons',
    '服务对象人数',
    'Eligible population',
    '县（区）确定的当年居家养老服务对象人数（目标数，不是统计数）；只有县（区）一级。',
    '人',
    'persons',
  ),
  modified: count(
    'modifications_completed',
    '适老化改造完成户数',
    'Homes modified',
    '年内完成的适老化改造户数；1 至 10 户的单元格被抑制（c）。',
    '户',
    'households',
    true,
  ),
  modifying: count(
    'modifications_in_progress',
    '适老化改造在建户数',
    'Homes being modified',
    '发布日期时正在施工的适老化改造户数；1 至 10 户被抑制（c）。',
    '户',
    'households',
    true,
  ),
  target: count(
    'modification_target',
    '适老化改造目标户数',
    'Modification target',
    '县（区）确定的当年适老化改造目标户数；只有县（区）一级。',
    '户',
    'households',
  ),
  regionCode: {
    name: 'region_code',
    type: 'string',
    title: '区划代码',
    titleEn: 'Region code',
    description: '统计用区划代码：县（区）6 位，乡镇（街道）9 位。',
    code: true,
  } satisfies Field,
  regionName: {
    name: 'region_name',
    type: 'string',
    title: '地区',
    titleEn: 'Region',
    description: '县（区）或乡镇（街道）名称。',
  } satisfies Field,
};

const shownCount = (n: number | null | undefined): Cell => (n === null || n === undefined ? SUPPRESSED : n);
/** A figure that is null because it does not apply (a town's coverage): empty, not `c`. */
const notApplicable = (n: number | null, applies: boolean): Cell => (applies ? shownCount(n) : null);

function elderCareRow(e: ElderCare, name: string): Cell[] {
  const county = e.regionCode.length === 6;
  return [
    e.regionCode,
    name,
    shownCount(e.facilities),
    shownCount(e.beds),
    shownCount(e.occupiedBeds),
    notApplicable(e.occupancy, (e.beds ?? 0) > 0),
    shownCount(e.certifiedCaregivers),
    shownCount(e.homeServices.personsServed),
    notApplicable(e.homeServices.coverage, county && e.homeServices.eligiblePersons !== null),
    county ? e.homeServices.eligiblePersons : null,
    shownCount(e.modifications.completed),
    shownCount(e.modifications.inProgress),
    county ? e.modifications.target : null,
  ];
}

/** Contract: region_code,region_name,facilities,beds,occupied_beds,occupancy_percent,certified_caregivers,persons_served,coverage_percent,eligible_persons,modifications_completed,modifications_in_progress,modification_target */
export function elderCareByTown(cr: CountyRelease, year: number): Dataset {
  const f = cr.figures.get(year)!;
  const names = regionNames(cr.county);
  return {
    name: 'elder-care-by-town',
    notes: [],
    title: `${cr.county.name}${year}年养老服务分乡镇（街道）汇总`,
    titleEn: `${cr.county.name} ${year}: elder care by town`,
    description: `${cr.county.name}全县（区）及各乡镇（街道）的养老服务机构、床位、在住人数、持证护理员（截至发布日期），以及${year}年居家养老服务人数和覆盖率、适老化改造完成户数和目标。第一行为全县（区）。`,
    fields: [
      E.regionCode,
      E.regionName,
      E.facilities,
      E.beds,
      E.occupiedBeds,
      E.occupancy,
      E.caregivers,
      E.personsServed,
      E.coverage,
      E.eligible,
      E.modified,
      E.modifying,
      E.target,
    ],
    primaryKey: ['region_code'],
    rows: f.elderCare
      ? [elderCareRow(f.elderCare, cr.county.name), ...f.elderCareTowns.map((t) => elderCareRow(t, names.towns.get(t.regionCode) ?? ''))]
      : [],
  };
}

/** Contract: facility_id,facility_name,kind,operator,town_code,town_name,village_code,village_name,opened_on,closed_on,star_rating,beds,occupied_beds,occupancy_percent,certified_caregivers,inspections,hazards_found,hazards_open,hazards_overdue */
export function elderFacilitiesTable(cr: CountyRelease): Dataset {
  const names = regionNames(cr.county);
  const hazards = (f: ElderFacility, key: 'found' | 'stillOpen' | 'overdue') =>
    f.inspections.reduce((sum, i) => sum + i.categories.reduce((n, c) => n + (c[key] ?? 0), 0), 0);
  return {
    name: 'elder-care-facilities',
    notes: [],
    title: `${cr.county.name}养老服务机构和设施`,
    titleEn: `${cr.county.name}: elder-care facilities`,
    description: `${cr.county.name}的养老服务机构和设施（截至发布日期，含已关闭的），其类型、运营方、所在村（社区）、等级评定、最近一次登记的床位和在住人数、持证护理员，以及最近 20 次安全检查发现的隐患。机构是单位，不含任何个人信息。`,
    fields: [
      {
        name: 'facility_id',
        type: 'string',
        title: '机构编号',
        titleEn: 'Facility id',
        description: '机构在平台中的编号，机构页面的地址用它。',
        code: true,
      },
      { name: 'facility_name', type: 'string', title: '机构名称', titleEn: 'Facility', description: '养老服务机构或设施的名称。' },
      {
        name: 'kind',
        type: 'string',
        title: '类型',
        titleEn: 'Kind',
        description: '公办敬老院、民办养老机构、公建民营养老机构、城乡综合养老服务中心、农村幸福院、日间照料中心、长者食堂或照护中心。',
      },
      { name: 'operator', type: 'string', title: '运营方', titleEn: 'Operator', description: '举办或运营机构的单位。' },
      F.townCode,
      F.townName,
      F.villageCode,
      F.villageName,
      { name: 'opened_on', type: 'date', title: '开办日期', titleEn: 'Opened', description: '开始运营的日期，YYYY-MM-DD。' },
      { name: 'closed_on', type: 'date', title: '关闭日期', titleEn: 'Closed', description: '停止运营的日期；仍在运营为空。' },
      {
        name: 'star_rating',
        type: 'integer',
        title: '等级（星）',
        titleEn: 'Star rating',
        description: '养老机构等级评定的星级（1–5 星）；未评定为空。',
        unit: '星',
        unitEn: 'stars',
      },
      E.beds,
      E.occupiedBeds,
      E.occupancy,
      E.caregivers,
      count('inspections', '安全检查次数', 'Inspections', '最近 20 次安全检查（截至发布日期）的次数。', '次', 'inspections'),
      count('hazards_found', '发现隐患', 'Hazards found', '这些检查发现的隐患数（各类合计）。', '项', 'hazards'),
      count('hazards_open', '未整改隐患', 'Hazards open', '发布日期时仍在整改台账中的隐患数。', '项', 'hazards'),
      count('hazards_overdue', '逾期未整改隐患', 'Hazards overdue', '发布日期时已过整改期限仍未整改的隐患数。', '项', 'hazards'),
    ],
    primaryKey: ['facility_id'],
    rows: cr.elderFacilities.map((f) => [
      f.id,
      f.name,
      FACILITY_KIND_ZH[f.kind] ?? f.kind,
      f.operator,
      f.townCode,
      names.towns.get(f.townCode) ?? '',
      f.villageCode,
      names.villages.get(f.villageCode)?.name ?? '',
      f.openedOn,
      f.closedOn ?? null,
      f.starRating ?? null,
      f.capacityRecordedOn ? shownCount(f.beds) : null,
      f.capacityRecordedOn ? shownCount(f.occupiedBeds) : null,
      f.capacityRecordedOn && (f.beds ?? 0) > 0 ? shownCount(f.occupancy) : null,
      f.capacityRecordedOn ? shownCount(f.certifiedCaregivers) : null,
      f.inspections.length,
      hazards(f, 'found'),
      hazards(f, 'stillOpen'),
      hazards(f, 'overdue'),
    ]),
  };
}

/** Contract: quarter,category,category_name,inspections,failed_checks,hazards_found,fixed_on_spot,rectified,still_open,overdue */
export function elderInspectionsTable(cr: CountyRelease, year: number): Dataset {
  const e = cr.figures.get(year)!.elderCare;
  const hazard = (name: string, title: string, titleEn: string, description: string) =>
    count(name, title, titleEn, description, '项', 'hazards');
  return {
    name: 'elder-care-inspections',
    notes: [],
    title: `${cr.county.name}${year}年养老机构安全检查和隐患整改`,
    titleEn: `${cr.county.name} ${year}: safety inspections of elder-care facilities and their hazards`,
    description: `${cr.county.name}${year}年各季度养老服务机构安全检查次数，以及按检查类别（消防、用电、燃气、食品、疏散、应急预案）发现的隐患和整改情况（截至发布日期）。不含检查人员、责任人和隐患描述。`,
    fields: [
      { name: 'quarter', type: 'string', title: '季度', titleEn: 'Quarter', description: '检查所在季度，YYYY-Qn。' },
      {
        name: 'category',
        type: 'string',
        title: '类别代码',
        titleEn: 'Category code',
        description: 'FIRE、ELECTRICITY、GAS、FOOD、EVACUATION 或 EMERGENCY_PLAN。',
        code: true,
      },
      {
        name: 'category_name',
        type: 'string',
        title: '检查类别',
        titleEn: 'Category',
        description: '消防、用电、燃气、食品、疏散或应急预案。',
      },
      count('inspections', '检查次数', 'Inspections', '本季度的安全检查次数（各类别行相同）。', '次', 'inspections'),
      count('failed_checks', '未通过检查', 'Failed checks', '本类别检查未通过的检查次数。', '次', 'inspections'),
      hazard('hazards_found', '发现隐患', 'Hazards found', '本类别发现的隐患数。'),
      hazard('fixed_on_spot', '当场整改', 'Fixed on the spot', '检查当日整改完毕的隐患数。'),
      hazard('rectified', '限期整改完成', 'Rectified', '列入整改台账、经回头看确认整改完毕的隐患数（截至发布日期）。'),
      hazard('still_open', '未整改', 'Still open', '发布日期时仍在整改台账中的隐患数。'),
      hazard('overdue', '逾期未整改', 'Overdue', '发布日期时已过整改期限仍未整改的隐患数。'),
    ],
    primaryKey: ['quarter', 'category'],
    rows: (e?.inspectionQuarters ?? []).flatMap((q) =>
      q.hazards.map((h): Cell[] => [
        q.quarter,
        h.category,
        HAZARD_CATEGORY_ZH[h.category] ?? h.category,
        shownCount(q.inspections),
        shownCount(h.failedChecks),
        shownCount(h.found),
        shownCount(h.fixedOnSpot),
        shownCount(h.rectified),
        shownCount(h.stillOpen),
        shownCount(h.overdue),
      ]),
    ),
  };
}

/**
 * Coverage (保障率) and per-capita amounts of the county and each town, per program: the year's
 * persons and amount over the 户籍人口 the release froze (its year, date and source in the row;
 * sample figures marked 示例数据). Suppressed with the year's cell: `c`.
 */
export function coverageTable(site: Site, cr: CountyRelease, year: number): Dataset {
  const f = cr.figures.get(year)!;
  const names = regionNames(cr.county);
  const money = (name: string, title: string, titleEn: string, description: string): Field => ({
    name,
    type: 'number',
    title,
    titleEn,
    description,
    unit: '元',
    unitEn: 'yuan (CNY)',
    suppressible: true,
  });
  const suppressedOr = (c: (typeof f.coverage)[number], value: Cell): Cell => (c.suppressed ? SUPPRESSED : value);
  return {
    name: 'coverage',
    notes: [
      {
        fields: ['coverage_percent', 'population'],
        text: '保障率 = 保障人数 ÷ 户籍人口。户籍人口取与数据同一年的数字，没有时取此前最近一年（再没有时取此后最近一年），其年份和来源见 population_year 与 population_source；标为“示例数据”的人口不是官方统计，只作演示。保障人数被抑制（c）时，保障率和人均金额一并抑制。',
      },
    ],
    title: `${cr.county.name}${year}年社会救助保障率和人均金额`,
    titleEn: `${cr.county.name} ${year}: coverage rate and per-capita amounts`,
    description: `${cr.county.name}全县（区）和各乡镇（街道）${year}年各救助项目的保障人数、户籍人口、保障率、金额、人均金额（按户籍人口）和每名保障对象的金额。`,
    fields: [
      {
        name: 'region_code',
        type: 'string',
        title: '区划代码',
        titleEn: 'Region code',
        description: '县（6位）或乡镇（街道，9位）的统计用区划代码。',
        code: true,
      },
      { name: 'region_name', type: 'string', title: '地区', titleEn: 'Region', description: '县（区）或乡镇（街道）名称。' },
      F.programCode,
      F.programName,
      {
        name: 'population',
        type: 'integer',
        title: '户籍人口（人）',
        titleEn: 'Registered population',
        description: '地区的户籍人口（公开统计数字，或标明的示例数据）；未导入时为空。',
        unit: '人',
        unitEn: 'persons',
      },
      { name: 'population_year', type: 'integer', title: '人口年份', titleEn: 'Population year', description: '户籍人口的统计年份。' },
      { ...F.persons, title: '保障人数' },
      {
        name: 'coverage_percent',
        type: 'number',
        title: '保障率（%）',
        titleEn: 'Coverage (%)',
        description: '保障人数 ÷ 户籍人口，百分数，保留两位小数（四舍五入）。',
        unit: '%',
        unitEn: 'percent',
        suppressible: true,
      },
      F.amount,
      money('amount_per_capita_yuan', '人均金额（元/人）', 'Amount per resident (yuan)', '金额 ÷ 户籍人口，保留两位小数（四舍五入）。'),
      money(
        'amount_per_beneficiary_yuan',
        '每名保障对象金额（元/人）',
        'Amount per beneficiary (yuan)',
        '金额 ÷ 保障人数，保留两位小数（四舍五入）。',
      ),
      {
        name: 'population_source',
        type: 'string',
        title: '人口来源',
        titleEn: 'Population source',
        description: '户籍人口的来源和统计日期。',
      },
    ],
    primaryKey: ['region_code', 'program_code'],
    rows: [...f.coverage]
      .sort(
        (a, b) =>
          a.regionCode.length - b.regionCode.length ||
          a.regionCode.localeCompare(b.regionCode) ||
          (site.programByCode.get(a.programCode)?.order ?? 0) - (site.programByCode.get(b.programCode)?.order ?? 0),
      )
      .map((c) => [
        c.regionCode,
        c.regionCode.length === 6 ? cr.county.name : (names.towns.get(c.regionCode) ?? ''),
        c.programCode,
        programName(site, c.programCode),
        c.population?.population ?? null,
        c.population?.year ?? null,
        suppressedOr(c, c.persons),
        suppressedOr(c, c.coveragePercent ?? null),
        suppressedOr(c, c.amountFen),
        suppressedOr(c, c.perCapitaFen),
        suppressedOr(c, c.perBeneficiaryFen),
        c.population ? `${c.population.source}（${c.population.asOf}）` : '',
      ]),
  };
}

/** Every dataset of a county-year folder, in the order of the README. */
export function countyYearDatasets(site: Site, edition: Edition, cr: CountyRelease, year: number): Dataset[] {
  return [
    summaryByProgram(site, cr, year),
    monthlyByProgram(site, cr, year),
    summaryByTown(site, cr, year),
    monthlyByTown(site, cr, year),
    summaryByVillage(site, cr, year),
    standardsTable(cr, edition, year),
    reviewsTable(cr, edition),
    reviewsByTownTable(cr, edition),
    applicationsTable(site, cr, year),
    assistanceTable(site, cr, year),
    instantApprovalsTable(site, cr, year),
    applicationChannelsTable(site, cr, year),
    decisionTimesTable(site, cr, year),
    referralsTable(cr, year),
    elderCareByTown(cr, year),
    elderFacilitiesTable(cr),
    elderInspectionsTable(cr, year),
    coverageTable(site, cr, year),
  ];
}

/** Rows of a dataset whose field equals a value (a town's villages, a program's rows). */
export function filterRows(dataset: Dataset, field: string, value: string): Dataset {
  const i = dataset.fields.findIndex((f) => f.name === field);
  return { ...dataset, rows: dataset.rows.filter((r) => r[i] === value) };
}

/** The text of a cell in the downloads: `c`, integers plain, amounts with two decimals. */
export function cellText(cell: Cell): string {
  if (cell === SUPPRESSED) return 'c';
  if (cell === null) return '';
  if (typeof cell === 'bigint') return fenToYuan(cell);
  return String(cell);
}

export function programsWithData(site: Site, cr: CountyRelease, year: number): Program[] {
  const codes = new Set(cr.figures.get(year)?.countyYear.map((a) => a.programCode) ?? []);
  return site.programs.filter((p) => codes.has(p.code));
}

/** A row's cell by field name. */
export function cellOf(dataset: Dataset, row: Cell[], field: string): Cell {
  const i = dataset.fields.findIndex((f) => f.name === field);
  if (i < 0) throw new Error(`${dataset.name} has no field ${field}`);
  return row[i]!;
}

/** Bars of a dataset: label field against amount_yuan in 万元, suppressed rows left out. */
export function amountBars(dataset: Dataset, labelField: string): { categories: string[]; values: number[]; left: number } {
  const shown = dataset.rows.filter((r) => cellOf(dataset, r, 'amount_yuan') !== SUPPRESSED);
  return {
    categories: shown.map((r) => String(cellOf(dataset, r, labelField))),
    values: shown.map((r) => Number(cellOf(dataset, r, 'amount_yuan') as bigint) / 1_000_000),
    left: dataset.rows.length - shown.length,
  };
}
