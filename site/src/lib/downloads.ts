import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { bureauOf } from '../data/bureaus.js';
import { DEMO, LICENCE, SITE_URL, SUPPRESSION_THRESHOLD } from '../data/site-config.js';
import { cellText, countyYearDatasets, notesFor, SUPPRESSED, type Dataset, type Field } from './datasets.js';
import { fenToYuan } from './money.js';
import { yearLabel } from './format.js';
import type { CountyRelease, Edition, Site } from './site-data.js';

/**
 * The files of /data/{county}/{year}/: for each dataset a CSV (UTF-8, no BOM, LF), an Excel CSV
 * (UTF-8 with BOM, CRLF), an XLSX (codes as text) and a JSON; one datapackage.json (Frictionless
 * Tabular Data Package) and one README.md for the folder.
 */

export const FORMATS = [
  { suffix: '.csv', label: 'CSV', note: 'UTF-8，无 BOM' },
  {
    suffix: '.excel.csv',
    label: 'Excel CSV',
    note: 'UTF-8 带 BOM、中文表头，Excel、WPS 直接打开不乱码；代码和月份写作 ="…"，保持为文本（LibreOffice 等请用 CSV 或 XLSX）',
  },
  { suffix: '.xlsx', label: 'XLSX', note: '中文表头；区划代码、项目代码和月份为文本，不会变成科学计数法或日期；字段名见“说明”表' },
  { suffix: '.json', label: 'JSON', note: '' },
] as const;

/**
 * A field's header for people (Excel CSV, XLSX): its Chinese title, with its unit when the title
 * does not say it (`金额（元）`). The plain CSV, the JSON and datapackage.json keep the field names.
 */
export function chineseHeader(f: Field): string {
  return f.unit && !f.title.includes(f.unit) ? `${f.title}（${f.unit}）` : f.title;
}

/** Codes, months and dates: text in every format, never a number or a date. */
const textual = (f: Field): boolean => Boolean(f.code) || f.type === 'yearmonth' || f.type === 'date';

/**
 * The plain CSV: field names, UTF-8 without BOM, LF. The Excel CSV: Chinese headers, BOM, CRLF,
 * and every code, month and date written as the formula `="…"`, which Excel (and WPS) show as that
 * very text — opened as a plain value, 370115104201 would become 3.70115E+11 and 2021-01 a date.
 */
export function csv(dataset: Dataset, options: { excel?: boolean } = {}): string {
  const excel = options.excel ?? false;
  const header = dataset.fields.map((f) => (excel ? chineseHeader(f) : f.name));
  const rows = dataset.rows.map((r) =>
    r.map((cell, i) => {
      const text = cellText(cell);
      return excel && textual(dataset.fields[i]!) && cell !== SUPPRESSED && text !== '' ? `="${text}"` : text;
    }),
  );
  const text = stringify([header, ...rows], { record_delimiter: excel ? 'windows' : 'unix' });
  return excel ? `\uFEFF${text}` : text;
}

export async function xlsx(dataset: Dataset, meta: FolderMeta): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '幸福清单';
  const fixed = new Date(`${meta.asOf}T00:00:00Z`);
  workbook.created = fixed;
  workbook.modified = fixed;
  const sheet = workbook.addWorksheet('data');
  // Chinese headers; each field's name (plain CSV, JSON, datapackage.json) is on the 说明 sheet
  sheet.addRow(dataset.fields.map(chineseHeader));
  sheet.getRow(1).font = { bold: true };
  dataset.fields.forEach((f, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(12, chineseHeader(f).length * 2 + 2);
    if (textual(f) || f.type === 'string') column.numFmt = '@';
    else if (f.type === 'number') column.numFmt = '0.00';
  });
  for (const row of dataset.rows) {
    sheet.addRow(
      row.map((cell) => {
        if (cell === SUPPRESSED) return 'c';
        if (typeof cell === 'bigint') return Number(fenToYuan(cell));
        return cell ?? '';
      }),
    );
  }
  // Every code, month and date cell is a string cell with the text format: 370115104201 stays
  // 370115104201 and never becomes 3.70115E+11.
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const about = workbook.addWorksheet('说明');
  about.addRow(['字段 field', '中文名（data 表头）', 'English title', '单位 unit', '说明']).font = { bold: true };
  for (const f of dataset.fields) about.addRow([f.name, chineseHeader(f), f.titleEn, f.unit ?? '', f.description]);
  for (const note of notesFor(dataset)) about.addRow(['', '', '', '', note.text]);
  about.addRow([]);
  about.addRow([
    'c',
    '已抑制',
    'suppressed',
    '',
    `户数为 1—${SUPPRESSION_THRESHOLD} 的单元格及为防止推算而连带隐藏的单元格，见 README.md。`,
  ]);
  about.addRow(['release', meta.releaseId, '', '', `截至 ${meta.asOf}`]);
  about.getColumn(1).width = 24;
  about.getColumn(2).width = 20;
  about.getColumn(3).width = 28;
  about.getColumn(5).width = 80;
  // exceljs stamps each part of the workbook's zip with the time it was written: the parts are
  // zipped again, in their order, with the release date, so the same release gives the same bytes
  const mtime = zipTime(meta.asOf);
  const parts: Zippable = {};
  for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(await workbook.xlsx.writeBuffer())))) {
    parts[name] = [bytes, { level: 6, mtime }];
  }
  return zipSync(parts, { mtime });
}

export function json(dataset: Dataset, meta: FolderMeta): string {
  const suppressible = dataset.fields.some((f) => f.suppressible);
  return `${JSON.stringify(
    {
      title: dataset.title,
      title_en: dataset.titleEn,
      release_id: meta.releaseId,
      as_of: meta.asOf,
      county_code: meta.countyCode,
      year: meta.year,
      note: '金额 amount_yuan 为两位小数的字符串（精确值）；被抑制的数值为 null（CSV 中为 c），含被抑制数值的行 suppressed 为 true。',
      fields: dataset.fields.map((f) => f.name),
      rows: dataset.rows.map((row) => {
        const record: Record<string, string | number | boolean | null> = {};
        let hidden = false;
        dataset.fields.forEach((f, i) => {
          const cell = row[i]!;
          if (cell === SUPPRESSED) {
            hidden = true;
            record[f.name] = null;
          } else if (typeof cell === 'bigint') record[f.name] = fenToYuan(cell);
          else record[f.name] = cell;
        });
        if (suppressible) record['suppressed'] = hidden;
        return record;
      }),
    },
    null,
    2,
  )}\n`;
}

export interface FolderMeta {
  countyCode: string;
  /** The first part of every file name of the folder: `jiyang-370115-2023` (county slug, code, year). */
  stem: string;
  countyName: string;
  year: number;
  releaseId: string;
  asOf: string;
  months: string[];
  /** The folder's fixed URL path, /releases/{id}/data/{county}/{year}/ */
  fixedPath: string;
  bureau: string;
}

export function folderMeta(edition: Edition, cr: CountyRelease, year: number): FolderMeta {
  const release = edition.release!;
  const bureau = bureauOf(cr.county.code, cr.county.name);
  return {
    countyCode: cr.county.code,
    stem: folderStem(cr.county.code, year),
    countyName: cr.county.name,
    year,
    releaseId: release.id,
    asOf: release.asOf,
    months: cr.months.filter((m) => m.startsWith(String(year))),
    fixedPath: `/releases/${release.id}/data/${cr.county.code}/${year}/`,
    bureau: bureau.name,
  };
}

/** `jiyang-370115`: a county's slug (site/src/data/bureaus.ts) and code, or the code alone. */
export function countyStem(countyCode: string): string {
  const slug = bureauOf(countyCode, '').slug;
  return slug ? `${slug}-${countyCode}` : countyCode;
}

/** `jiyang-370115-2023`: the first part of the file names of a county-year folder. */
export function folderStem(countyCode: string, year: number): string {
  return `${countyStem(countyCode)}-${year}`;
}

/** A table's file as the folder names it: `jiyang-370115-2023-summary-by-program.csv`. */
export function tableFile(meta: Pick<FolderMeta, 'stem'>, table: string, suffix: string): string {
  return `${meta.stem}-${table}${suffix}`;
}

const TABLE_SCHEMA_TYPE: Record<string, string> = {
  string: 'string',
  integer: 'integer',
  number: 'number',
  date: 'date',
  yearmonth: 'yearmonth',
};

/** The size and SHA-256 of a file's bytes, as a Frictionless resource declares them. */
export function integrity(body: string | Uint8Array): { bytes: number; hash: string } {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return { bytes: bytes.byteLength, hash: `sha256:${createHash('sha256').update(bytes).digest('hex')}` };
}

/**
 * The folder's Frictionless Data Package (v1, valid against the v1 and v2 profiles): each table's
 * CSV as a tabular data resource with its Table Schema; its Excel CSV, XLSX and JSON, and the
 * README, as resources of their own (`{table}-excel-csv`, `-xlsx`, `-json`); every resource with
 * its `bytes` and sha256 `hash`. `created` is the release date at 00:00 China time (the release's
 * as-of date: the same instant in every build of that release).
 */
export function datapackage(datasets: Dataset[], meta: FolderMeta, files: DataFile[]): string {
  const bodyOf = (file: string) => {
    const found = files.find((f) => f.file === file);
    if (!found) throw new Error(`datapackage.json: no file ${file}`);
    return found.body;
  };
  const pkg = {
    profile: 'data-package',
    name: `xingfu-${meta.countyCode}-${meta.year}`,
    title: `${meta.countyName}${meta.year}年社会救助汇总数据`,
    title_en: `${meta.countyName} (${meta.countyCode}) ${meta.year}: social assistance aggregates`,
    description: `${meta.countyName}${meta.year}年已发布月份（${meta.months.join('、')}）的社会救助汇总表。${DEMO ? '示例数据：合成数据，不对应真实人员。' : ''}`,
    version: meta.releaseId,
    created: `${meta.asOf}T00:00:00+08:00`,
    homepage: `${SITE_URL}${meta.fixedPath}`,
    licenses: [{ name: LICENCE.id, title: LICENCE.nameEn, path: LICENCE.url }],
    sources: [{ title: meta.bureau }],
    keywords: ['社会救助', '低保', '特困', meta.countyName, String(meta.year)],
    resources: [
      ...datasets.flatMap((d) => [tableResource(d), ...variantResources(d)]),
      {
        name: 'readme',
        path: 'README.md',
        title: '说明',
        title_en: 'README',
        format: 'md',
        mediatype: 'text/markdown',
        encoding: 'utf-8',
        ...integrity(bodyOf('README.md')),
      },
    ],
  };
  function tableResource(d: Dataset) {
    return {
      name: d.name,
      path: tableFile(meta, d.name, '.csv'),
      profile: 'tabular-data-resource',
      title: d.title,
      title_en: d.titleEn,
      description: d.description,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      ...integrity(bodyOf(tableFile(meta, d.name, '.csv'))),
      dialect: { delimiter: ',', lineTerminator: '\n', header: true, doubleQuote: true },
      schema: {
        fields: d.fields.map((f) => ({
          name: f.name,
          type: TABLE_SCHEMA_TYPE[f.type],
          ...(f.type === 'yearmonth' ? { format: 'default' } : {}),
          title: f.title,
          title_en: f.titleEn,
          description: f.description,
          ...(f.unit ? { unit: f.unit, unit_en: f.unitEn } : {}),
          ...(f.type === 'number' ? { decimalChar: '.', groupChar: '' } : {}),
          ...(f.code ? { constraints: { required: true, pattern: '^[0-9A-Za-z_]+$' } } : {}),
        })),
        missingValues: ['c'],
        primaryKey: d.primaryKey,
      },
    };
  }
  function variantResources(d: Dataset) {
    return VARIANTS.map((v) => ({
      name: `${d.name}-${v.name}`,
      path: tableFile(meta, d.name, v.suffix),
      title: `${d.title}（${v.title}）`,
      title_en: `${d.titleEn} (${v.titleEn})`,
      description: `${v.description}与 ${tableFile(meta, d.name, '.csv')} 内容相同。`,
      format: v.format,
      mediatype: v.mediatype,
      ...(v.encoding ? { encoding: v.encoding } : {}),
      ...integrity(bodyOf(tableFile(meta, d.name, v.suffix))),
    }));
  }
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** The formats of a table besides its CSV, as datapackage.json describes them. */
const VARIANTS: {
  name: string;
  suffix: string;
  title: string;
  titleEn: string;
  description: string;
  format: string;
  mediatype: string;
  encoding?: string;
}[] = [
  {
    name: 'excel-csv',
    suffix: '.excel.csv',
    title: 'Excel CSV',
    titleEn: 'CSV for Excel',
    description: '供 Excel、WPS 打开的 CSV：UTF-8 带 BOM、CRLF 换行、中文表头，代码和月份写作 ="…" 文本公式；',
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8-sig',
  },
  {
    name: 'xlsx',
    suffix: '.xlsx',
    title: 'XLSX',
    titleEn: 'Excel workbook',
    description: 'Excel 工作簿：data 表（中文表头，代码和月份为文本）和说明表（字段名、定义）；',
    format: 'xlsx',
    mediatype: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  {
    name: 'json',
    suffix: '.json',
    title: 'JSON',
    titleEn: 'JSON',
    description: 'JSON：字段名为键，金额为两位小数的字符串，被抑制的数值为 null；',
    format: 'json',
    mediatype: 'application/json',
    encoding: 'utf-8',
  },
];

/** A field's row in the README's definitions: the same name, titles, unit and description as its datapackage schema. */
export function readmeFieldRow(f: Field): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  return `| \`${f.name}\` | ${cell(f.title)} | ${cell(f.titleEn)} | ${cell(f.unit ?? '')} | ${cell(f.description)} |`;
}

export function readme(datasets: Dataset[], meta: FolderMeta): string {
  const files = datasets
    .map(
      (d) =>
        `| \`${tableFile(meta, d.name, '.csv')}\`（及 \`.excel.csv\`、\`.xlsx\`、\`.json\`） | ${d.title} | ${d.rows.length === 0 ? '0（本期无记录，文件只有表头）' : d.rows.length} | ${d.fields.map((f) => `\`${f.name}\``).join(', ')} |`,
    )
    .join('\n');
  // each table defines its own fields (a name can mean different things in two tables)
  const definitions = datasets
    .map((d) =>
      [
        `### \`${d.name}\` ${d.title}`,
        '',
        '| 字段 | 中文名 | English | 单位 | 定义 |',
        '|---|---|---|---|---|',
        ...d.fields.map(readmeFieldRow),
        ...notesFor(d).map((n) => `\n> ${n.text}`),
      ].join('\n'),
    )
    .join('\n\n');
  const citation = `${meta.bureau}. ${meta.countyName}${meta.year}年社会救助汇总数据. 幸福清单, 发布 ${meta.releaseId}（截至 ${meta.asOf}）. ${SITE_URL}${meta.fixedPath}`;
  return `# ${meta.countyName}${meta.year}年社会救助汇总数据

${DEMO ? '> **示例数据**：本文件夹中的数据是按公开统计口径生成的合成数据，用于演示，不对应任何真实人员。\n\n' : ''}- 发布编号：\`${meta.releaseId}\`（数据截至 ${meta.asOf}）
- 行政区：${meta.countyName}（代码 ${meta.countyCode}）
- 期间：${yearLabel(meta.year, meta.months)}，已发布月份：${meta.months.join('、')}
- 数据来源：${meta.bureau}社会救助业务台账，经发布流程汇总、抑制后公开
- 固定链接：${SITE_URL}${meta.fixedPath}（本次发布的文件永不改变，永久保留）；${SITE_URL}/data/${meta.countyCode}/${meta.year}/ 始终指向最新发布

## 范围

本文件夹包含${meta.countyName}在上述已发布月份内全部公开救助项目（逐户公示项目和仅公布汇总的项目；不公开的项目不在内）的汇总数据。某月在当月发放名册审批完成、且该月结束后才会发布。更正以新的发布出现，旧的发布保持不变，差异见网站“发布记录”页的变更记录。

**本文件夹不含任何逐户数据**：逐户的“幸福清单”（户主姓名已脱敏）只在各村（社区）页面上公示，不提供批量下载。

## 文件

| 文件 | 内容 | 行数 | 列 |
|---|---|---|---|
${files}
| \`README.md\` | 本说明 | | |
| \`datapackage.json\` | 数据包描述（Frictionless Data Package：每张表的 CSV 及其 Table Schema——中英文标题、单位、缺失值代码 \`c\`；Excel CSV、XLSX、JSON 和本 README 也各为一项；每个文件的字节数和 SHA-256） | | |

整个文件夹（不含短文件名的副本）另有压缩包 \`${meta.stem}.zip\`；本县（区）各年合为一个压缩包、全部县（区）合为一个压缩包，见网站“数据下载”页。压缩包中每个年份一个文件夹 \`${meta.stem}/\`，同一次发布的压缩包永不改变（逐字节相同）。

文件名以县（区）名称的拼音、区划代码和年份开头（如 \`${tableFile(meta, 'summary-by-program', '.csv')}\`），下载到同一文件夹也不会相互覆盖。早先的短文件名（如 \`summary-by-program.csv\`）仍在同一地址，内容与带前缀的文件逐字节相同，已有的引用和程序不受影响。

四种格式内容相同：\`.csv\` 为 UTF-8、无 BOM、LF 换行，表头为字段名（下文“定义”），适合程序读取；\`.excel.csv\` 为 UTF-8 带 BOM、CRLF 换行，表头为中文，代码和月份写作 \`="…"\`，用 Excel 或 WPS 打开时保持为文本（12 位村代码不会变成科学计数法，\`2021-01\` 不会变成日期；其他软件请用 \`.csv\` 或 \`.xlsx\`）；\`.xlsx\` 表头为中文（字段名和定义见“说明”表），代码列（区划代码、项目代码）和月份为文本；\`.json\` 中金额为两位小数的字符串，被抑制的行标记 \`"suppressed": true\`、数值为 \`null\`。

\`amount_yuan\` 为元，两位小数，精确值（系统内以分为单位计算，从不使用浮点数）。\`period\` 为 \`YYYY-MM\`。同一项目各月（及各乡镇）的金额和人次之和恰好等于该项目的年度金额和人次（只要其中没有被抑制的单元格）；户数和人数是期间内不重复计数，不能跨月相加。

## 定义

每个表的字段在该表下定义（同名字段在不同表中含义可能不同，例如 \`standards\` 的 \`amount_yuan\` 是每人每月的标准，汇总表的 \`amount_yuan\` 是发放总额）；与 \`datapackage.json\` 中各资源的 schema 逐项相同。

${definitions}

## 小数抑制规则与符号

- \`c\`：已抑制（confidential）。仅公布汇总的项目中，户数为 1—${SUPPRESSION_THRESHOLD} 户的单元格不公布（初次抑制）；为防止用合计减去其他单元格推算出被抑制的数，同一加总关系（某地区各月之和等于全年，各乡镇之和等于全县，各村之和等于乡镇）中再隐藏至少一个单元格（二次抑制）。被抑制的单元格四项数值全部以 \`c\` 表示，绝不写成 0。申请受理和审批件数、复核结果中的户数和人数按同一规则抑制。
- \`0\`：确实为零。
- 逐户公示的项目（如低保、特困供养）不做抑制：其逐户名单本身依法公示。

## 许可

${LICENCE.name}：可自由使用、改编和再发布，请注明出处。

## 引用

${citation}
`;
}

export interface DataFile {
  file: string;
  body: string | Uint8Array<ArrayBuffer>;
  /**
   * The same bytes under the short name the folder used before file names carried county and
   * year (`summary-by-program.csv`): kept so that every URL ever cited keeps working; not linked
   * and not in the zips.
   */
  alias?: boolean;
}

/** Every file of one county-year folder: each table in four formats, README.md, datapackage.json, then the short-name aliases. */
export async function folderFilesOf(datasets: Dataset[], meta: FolderMeta): Promise<DataFile[]> {
  const files: DataFile[] = [];
  const aliases: DataFile[] = [];
  for (const d of datasets) {
    for (const [suffix, body] of [
      ['.csv', csv(d)],
      ['.excel.csv', csv(d, { excel: true })],
      ['.xlsx', await xlsx(d, meta)],
      ['.json', json(d, meta)],
    ] as const) {
      files.push({ file: tableFile(meta, d.name, suffix), body });
      aliases.push({ file: `${d.name}${suffix}`, body, alias: true });
    }
  }
  files.push({ file: 'README.md', body: readme(datasets, meta) });
  files.push({ file: 'datapackage.json', body: datapackage(datasets, meta, files) });
  return [...files, ...aliases];
}

/** A county-year's files, built once per build whatever number of pages and bundles read them. */
const folders = new Map<string, Promise<{ meta: FolderMeta; files: DataFile[] }>>();

export function folderOf(site: Site, edition: Edition, cr: CountyRelease, year: number): Promise<{ meta: FolderMeta; files: DataFile[] }> {
  const key = `${edition.release!.id}|${cr.county.code}|${year}`;
  let folder = folders.get(key);
  if (!folder) {
    const meta = folderMeta(edition, cr, year);
    folder = folderFilesOf(countyYearDatasets(site, edition, cr, year), meta).then((files) => ({ meta, files }));
    folders.set(key, folder);
  }
  return folder;
}

/** The zip time of every entry: the release date at 00:00, read back as that date in any time zone. */
function zipTime(asOf: string): Date {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/**
 * A zip of county-year folders, each as `{stem}/` with its long-named files, README.md and
 * datapackage.json (never the short-name aliases). Same content, same bytes: entries in a fixed
 * order, every timestamp the release date, deflate (XLSX, already compressed, stored).
 */
export function zipFolders(folders: { meta: FolderMeta; files: DataFile[] }[], asOf: string): Uint8Array<ArrayBuffer> {
  const mtime = zipTime(asOf);
  const tree: Zippable = {};
  for (const { meta, files } of folders) {
    for (const f of files) {
      if (f.alias) continue;
      const bytes = typeof f.body === 'string' ? new TextEncoder().encode(f.body) : f.body;
      tree[`${meta.stem}/${f.file}`] = [bytes, { level: f.file.endsWith('.xlsx') ? 0 : 9, mtime }];
    }
  }
  return zipSync(tree, { mtime });
}

/** A bundle of the site: its file name, where it is linked from, and what it holds. */
export interface Bundle {
  file: string;
  /** 中文 description of the contents */
  label: string;
  body: Uint8Array<ArrayBuffer>;
}

const bundles = new Map<string, Promise<Bundle>>();

function memo(key: string, make: () => Promise<Bundle>): Promise<Bundle> {
  let bundle = bundles.get(key);
  if (!bundle) bundles.set(key, (bundle = make()));
  return bundle;
}

/** `/data/{county}/{year}/{stem}.zip`: the county-year folder. */
export function countyYearZip(site: Site, edition: Edition, cr: CountyRelease, year: number): Promise<Bundle> {
  return memo(`${edition.release!.id}|${cr.county.code}|${year}`, async () => {
    const folder = await folderOf(site, edition, cr, year);
    return {
      file: `${folder.meta.stem}.zip`,
      label: `${cr.county.name}${year}年全部文件`,
      body: zipFolders([folder], edition.release!.asOf),
    };
  });
}

/** `/data/{slug}-{county}-all-years.zip`: every year of a county. */
export function countyZip(site: Site, edition: Edition, cr: CountyRelease): Promise<Bundle> {
  return memo(`${edition.release!.id}|${cr.county.code}`, async () => ({
    file: `${countyStem(cr.county.code)}-all-years.zip`,
    label: `${cr.county.name}各年全部文件（${cr.years.join('、')}年）`,
    body: zipFolders(await Promise.all(cr.years.map((y) => folderOf(site, edition, cr, y))), edition.release!.asOf),
  }));
}

/** `/data/xingfu-all-counties.zip`: every county and year of the release. */
export function allCountiesZip(site: Site, edition: Edition): Promise<Bundle> {
  return memo(`${edition.release!.id}|all`, async () => {
    const counties = [...edition.counties.values()].sort((a, b) => a.county.code.localeCompare(b.county.code));
    const folders = await Promise.all(counties.flatMap((cr) => cr.years.map((y) => folderOf(site, edition, cr, y))));
    return { file: 'xingfu-all-counties.zip', label: '全部县（区）、全部年份的文件', body: zipFolders(folders, edition.release!.asOf) };
  });
}

/** The bundles of /data/ (not of a county-year folder): each county's years, then every county. */
export async function dataBundles(site: Site, edition: Edition): Promise<Bundle[]> {
  if (!edition.release || edition.counties.size === 0) return [];
  const counties = [...edition.counties.values()].sort((a, b) => a.county.code.localeCompare(b.county.code));
  return [await allCountiesZip(site, edition), ...(await Promise.all(counties.map((cr) => countyZip(site, edition, cr))))];
}

/** A file's size for people: 12.3 KiB. */
export function sizeLabel(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export const CONTENT_TYPES: Record<string, string> = {
  zip: 'application/zip',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};
