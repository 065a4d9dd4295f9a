/** Chinese labels for dates, months and periods. */

export function dateLabel(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${y}年${m}月`;
}

/** Month numbers as ranges: [1,2,3,11] → "1—3月、11月". */
function ranges(numbers: number[]): string {
  const parts: string[] = [];
  let start = numbers[0]!;
  let prev = start;
  for (const n of [...numbers.slice(1), Number.NaN]) {
    if (n === prev + 1) {
      prev = n;
      continue;
    }
    parts.push(start === prev ? `${start}月` : `${start}—${prev}月`);
    start = n;
    prev = n;
  }
  return parts.join('、');
}

/** "2026年1—3月、11月", or "2026年全年" when all twelve months are released. */
export function yearLabel(year: number, months: string[]): string {
  const numbers = months.filter((m) => m.startsWith(`${year}-`)).map((m) => Number(m.slice(5)));
  if (numbers.length === 12) return `${year}年全年`;
  if (numbers.length === 0) return `${year}年`;
  return `${year}年${ranges(numbers)}`;
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Consecutive months from `from` to `to`, inclusive. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The program catalog's categories (program.category) in Chinese. */
export const CATEGORY_LABEL: Record<string, string> = {
  dibao: '最低生活保障',
  tekun: '特困人员救助供养',
  edge: '低保边缘家庭救助',
  temporary: '临时救助',
  medical: '医疗救助',
  disability: '残疾人福利',
  senior: '老年人福利',
  children: '儿童福利',
  funeral: '殡葬服务',
  charity: '慈善救助',
};
export const categoryLabel = (category: string): string => CATEGORY_LABEL[category] ?? category;

export const UNIT_LABEL: Record<string, string> = { HOUSEHOLD: '按户', PERSON: '按人' };
export const FREQUENCY_LABEL: Record<string, string> = { MONTHLY: '按月发放', ONE_OFF: '一次性' };
export const DISCLOSURE_LABEL: Record<string, string> = {
  LISTED: '逐户公示（幸福清单）',
  COUNTED: '仅公布汇总数据',
  HIDDEN: '不公开',
};
export const AMOUNT_RULE_LABEL: Record<string, string> = {
  GAP: '补差：（保障标准 − 家庭月人均收入）× 保障人数',
  STANDARD: '按标准：保障标准 × 保障人数',
  TIERED: '分档：按所在档次的标准',
  CASE: '按次：每次救助单独核定金额',
};
