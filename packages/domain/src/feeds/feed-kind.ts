/**
 * The department data feeds (docs/cross-checks.md): one dataset per source department, exchanged
 * as CSV or XLSX files keyed by ID number (身份证号).
 */
export const FEED_KINDS = [
  'death',
  'vehicle',
  'real_estate',
  'business',
  'pension',
  'housing_fund',
  'disability',
  'incarceration',
] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/** Where each feed comes from. */
export const FEED_DEPARTMENTS: Record<FeedKind, string> = {
  death: '公安/殡葬',
  vehicle: '公安交管',
  real_estate: '住建/不动产',
  business: '市场监管',
  pension: '人社',
  housing_fund: '公积金',
  disability: '残联',
  incarceration: '司法',
};

/** The column of a feed_record a file column fills. */
export type FeedTarget = 'eventDate' | 'level' | 'category' | 'amountFen' | 'reference';

export interface FeedColumn {
  /** Header names accepted (the first is the one the departments' templates use). */
  headers: readonly string[];
  target: FeedTarget;
  required: boolean;
  /** Values accepted for a category column. */
  values?: readonly string[];
}

export const ID_NUMBER_HEADERS = ['身份证号', '公民身份号码', 'id_number'] as const;

/** The columns of each feed besides the ID number. */
export const FEED_COLUMNS: Record<FeedKind, readonly FeedColumn[]> = {
  death: [{ headers: ['死亡日期', 'died_on'], target: 'eventDate', required: true }],
  vehicle: [
    { headers: ['号牌号码', 'plate'], target: 'reference', required: true },
    { headers: ['车辆类型', 'vehicle_type'], target: 'category', required: false },
    { headers: ['登记日期', 'registered_on'], target: 'eventDate', required: false },
  ],
  real_estate: [
    { headers: ['不动产权证号', 'certificate'], target: 'reference', required: true },
    { headers: ['房屋用途', 'use'], target: 'category', required: false },
    { headers: ['登记日期', 'registered_on'], target: 'eventDate', required: false },
  ],
  business: [
    { headers: ['统一社会信用代码', 'registration'], target: 'reference', required: true },
    { headers: ['经营状态', 'status'], target: 'category', required: false },
    { headers: ['成立日期', 'registered_on'], target: 'eventDate', required: false },
  ],
  pension: [
    { headers: ['类别', 'kind'], target: 'category', required: true, values: ['养老金', '工资'] },
    { headers: ['月金额', 'monthly_amount'], target: 'amountFen', required: true },
  ],
  housing_fund: [
    { headers: ['月缴存额', 'monthly_deposit'], target: 'amountFen', required: true },
    { headers: ['缴存单位', 'employer'], target: 'reference', required: false },
  ],
  disability: [
    { headers: ['残疾等级', 'level'], target: 'level', required: true },
    { headers: ['残疾类别', 'category'], target: 'category', required: false },
  ],
  incarceration: [
    { headers: ['入监日期', 'since'], target: 'eventDate', required: true },
    { headers: ['刑满日期', 'until'], target: 'reference', required: false },
  ],
};
