import ExcelJS from 'exceljs';
import { makeIdNumber } from '../person/id-number.js';

/** A valid, synthetic ID number for the examples. */
const EXAMPLE_ID = makeIdNumber('370115', '1950-03-10', 11);

/**
 * The ledger import workbook (台账导入模板): a 说明 sheet and one sheet per kind of row. A file may
 * hold any of the three data sheets; each is found by its name and each column by its header.
 */
export interface TemplateColumn {
  key: string;
  header: string;
  required: boolean;
  note: string;
  example: string;
}

export const HOUSEHOLD_SHEET = '家庭成员';
export const ENROLLMENT_SHEET = '保障待遇';
export const STANDARD_SHEET = '保障标准';
export const NOTES_SHEET = '说明';
/** The column a report adds to each data sheet. */
export const ERROR_HEADER = '错误';

export const HOUSEHOLD_COLUMNS: TemplateColumn[] = [
  { key: 'headIdNumber', header: '户主身份证号', required: true, note: '每户一个户主，同户各行相同', example: EXAMPLE_ID },
  { key: 'villageCode', header: '村（社区）代码', required: true, note: '12 位行政区划代码', example: '370115104001' },
  { key: 'areaType', header: '城乡', required: true, note: '城市 或 农村', example: '农村' },
  { key: 'idNumber', header: '身份证号', required: true, note: '18 位公民身份号码（校验码须正确）', example: EXAMPLE_ID },
  { key: 'name', header: '姓名', required: true, note: '与身份证一致', example: '王建国' },
  {
    key: 'relation',
    header: '与户主关系',
    required: true,
    note: '户主、配偶、子女、父母、孙子女、祖父母、兄弟姐妹、其他',
    example: '户主',
  },
  { key: 'startDate', header: '入户日期', required: false, note: 'YYYY-MM-DD，空则为今天', example: '2020-01-01' },
];

export const ENROLLMENT_COLUMNS: TemplateColumn[] = [
  { key: 'headIdNumber', header: '户主身份证号', required: true, note: '本文件或系统中已登记的户主', example: EXAMPLE_ID },
  { key: 'programCode', header: '项目代码', required: true, note: '如 dibao_rural（见 programs 查询）', example: 'dibao_rural' },
  { key: 'personIdNumber', header: '享受人身份证号', required: false, note: '按人发放的项目必填', example: '' },
  { key: 'startMonth', header: '起始月份', required: true, note: 'YYYY-MM', example: '2026-01' },
  { key: 'coveredMembers', header: '保障人数', required: false, note: '空则为全部成员（按人项目为 1）', example: '2' },
  { key: 'perCapitaIncome', header: '人均收入（元）', required: false, note: '差额项目：核定的月人均收入', example: '150.00' },
  { key: 'tier', header: '档次', required: false, note: '分档项目必填（如 80、90、100）', example: '' },
  { key: 'fixedAmount', header: '固定金额（元）', required: false, note: '渐退：固定月发放金额', example: '' },
];

export const STANDARD_COLUMNS: TemplateColumn[] = [
  { key: 'programCode', header: '项目代码', required: true, note: '如 dibao_rural', example: 'dibao_rural' },
  { key: 'countyCode', header: '县（区）代码', required: true, note: '6 位行政区划代码', example: '370115' },
  { key: 'areaType', header: '城乡', required: true, note: '城市 或 农村', example: '农村' },
  { key: 'tier', header: '档次', required: false, note: '分档项目必填', example: '' },
  { key: 'effectiveMonth', header: '生效月份', required: true, note: 'YYYY-MM', example: '2025-01' },
  { key: 'amount', header: '标准（元/人·月）', required: true, note: '正数，最多两位小数', example: '700.00' },
];

export const SHEETS = [
  { name: HOUSEHOLD_SHEET, columns: HOUSEHOLD_COLUMNS, what: '每行一名家庭成员；同一户主身份证号的行为一户。' },
  { name: ENROLLMENT_SHEET, columns: ENROLLMENT_COLUMNS, what: '每行一项保障待遇（纳入一个项目），从起始月份起发放。' },
  { name: STANDARD_SHEET, columns: STANDARD_COLUMNS, what: '每行一个保障标准，从生效月份起适用。' },
] as const;

export const AREA_TYPE_NAMES: Record<string, 'urban' | 'rural'> = {
  城市: 'urban',
  城镇: 'urban',
  农村: 'rural',
  urban: 'urban',
  rural: 'rural',
};
export const RELATION_NAMES: Record<string, string> = {
  户主: 'head',
  配偶: 'spouse',
  子女: 'child',
  子: 'child',
  女: 'child',
  父母: 'parent',
  孙子女: 'grandchild',
  祖父母: 'grandparent',
  兄弟姐妹: 'sibling',
  其他: 'other',
};

/** The empty template: 说明 first, then the three data sheets with their headers and one example row each. */
export async function ledgerTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const notes = workbook.addWorksheet(NOTES_SHEET);
  notes.columns = [{ width: 18 }, { width: 22 }, { width: 8 }, { width: 60 }];
  notes.addRow(['幸福 台账导入模板']).font = { bold: true, size: 14 };
  notes.addRow(['一个文件可包含下列任意工作表；按工作表名称和列标题识别，列的顺序不限。']);
  notes.addRow(['导入前会逐行校验；有任何一行出错则整个文件都不导入，并生成带“错误”列的校验报告。']);
  notes.addRow(['同一文件可重复导入：按身份证号匹配，已有且相同的记录不会重复，只导入新增或变化的内容。']);
  notes.addRow(['请删除示例行后再填写。金额以元为单位，月份写作 YYYY-MM，日期写作 YYYY-MM-DD。']);
  notes.addRow([]);
  for (const sheet of SHEETS) {
    notes.addRow([sheet.name, sheet.what]).font = { bold: true };
    notes.addRow(['列', '标题', '必填', '说明']).font = { italic: true };
    for (const column of sheet.columns) notes.addRow(['', column.header, column.required ? '是' : '否', column.note]);
    notes.addRow([]);
    const data = workbook.addWorksheet(sheet.name);
    data.columns = sheet.columns.map((c) => ({ header: c.header, width: Math.max(12, c.header.length * 2 + 4) }));
    data.getRow(1).font = { bold: true };
    data.addRow(sheet.columns.map((c) => c.example));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
