import type { Preset } from './preset.js';

/**
 * 滨海县 (320922, 盐城市, 江苏省) in 2021, calibrated to the bureau's published figures (seed 003,
 * see docs/demo-data.md): 低保 13497.3 万元 over 268325 person-months with the standard raised
 * from 670 to 730 元 in July; 特困 5623 people at 1300 元; 临时救助 572.35 万元 in 5691 cases;
 * the two disability subsidies; the 2021 re-review campaign and its outcomes; 殡葬惠民 909.03 万元;
 * 慈善救助 553 人次 156.94 万元; 助学 192 人次 23.5 万元; 15647 困境儿童; 尊老金 applications from
 * April (when the app opened) 92 % in the app (3336). The 尊老金 standards, the head count of the
 * allowance and the amounts of 困境儿童 and 殡葬 per case are not published: illustrative.
 */
export const BINHAI_2021: Preset = {
  name: 'binhai-2021',
  title: '滨海县 2021',
  countyCode: '320922',
  year: 2021,
  description: '滨海县 2021, calibrated to the published 低保, 特困, 临时救助, disability subsidy and re-review figures',
  standards: [
    { program: 'dibao_urban', area: 'urban', effective: '2020-07', yuan: 670 },
    { program: 'dibao_urban', area: 'urban', effective: '2021-07', yuan: 730 },
    { program: 'dibao_rural', area: 'rural', effective: '2020-07', yuan: 670 },
    { program: 'dibao_rural', area: 'rural', effective: '2021-07', yuan: 730 },
    { program: 'tekun_centralized', area: 'both', effective: '2021-01', yuan: 1300 },
    { program: 'tekun_dispersed', area: 'both', effective: '2021-01', yuan: 1300 },
    // chosen so that the published totals follow from the published head counts (see docs/demo-data.md)
    { program: 'disability_living', area: 'both', effective: '2021-01', yuan: 500 },
    { program: 'disability_care', area: 'both', effective: '2021-01', yuan: 130 },
    // not published: illustrative
    { program: 'senior_allowance', area: 'both', tier: '80', effective: '2021-01', yuan: 50 },
    { program: 'senior_allowance', area: 'both', tier: '90', effective: '2021-01', yuan: 100 },
    { program: 'senior_allowance', area: 'both', tier: '100', effective: '2021-01', yuan: 300 },
  ],
  dibao: {
    personMonths: 268_325,
    amountFen: 13_497_300_000,
    perCapitaIncomeYuan: [0, 150, 450],
    campaign: {
      name: '2021年度低保对象动态复核（示例数据）',
      periodStart: '2021-03-01',
      periodEnd: '2021-10-31',
      cancelled: { households: 477, persons: 775 },
      adjusted: { households: 965, persons: 1615 },
      continued: 5767,
      newlyApproved: { households: 488, persons: 830 },
    },
    otherApprovals: 260,
    deaths: 520,
    movedAway: 60,
    incomeAboveStandard: 140,
    rejected: 240,
    objectionsUpheld: 24,
    inProgress: 90,
  },
  tekun: { persons: 5623, centralizedShare: 0.28, entries: 260, deaths: 310 },
  disabilityLiving: { program: 'disability_living', persons: 15_660, amountFen: 9_229_800_000 },
  disabilityCare: { program: 'disability_care', persons: 15_076, amountFen: 2_276_300_000 },
  disabilityInDibaoShare: 0.3,
  disabilityBothShare: 0.3,
  careInTekun: 600,
  children: [],
  // 3336 app applications from April = 92 % of 3626
  senior: { persons: 12_000, newcomers: 3626, appShare: 0.92, appFrom: '2021-04' },
  cases: [
    {
      program: 'temporary_relief',
      cases: 5691,
      amountFen: 572_350_000,
      rangeYuan: [300, 2000],
      assistedShare: 0.4,
      rejected: 110,
      reasons: [
        '突发重大疾病，医疗费用支出大',
        '房屋失火，基本生活暂时困难',
        '交通事故致家庭生活困难',
        '家庭成员意外伤亡',
        '因灾导致基本生活困难',
      ],
    },
    {
      // 909.03 万元 (published); about 1200 元 per deceased resident (the case count is not published)
      program: 'funeral_waiver',
      cases: 7575,
      amountFen: 909_030_000,
      rangeYuan: [1000, 1400],
      assistedShare: 0,
      rejected: 0,
      reasons: ['减免遗体接运、暂存、火化、骨灰寄存等基本殡葬服务费用'],
    },
    {
      program: 'charity_aid',
      cases: 553,
      amountFen: 156_940_000,
      rangeYuan: [1000, 5000],
      assistedShare: 0.5,
      rejected: 0,
      reasons: ['贫困家庭大病儿童慈善救助', '成人癌症患者慈善救助', '低保、残疾等困难群体慈善救助'],
    },
    {
      program: 'student_aid',
      cases: 192,
      amountFen: 23_500_000,
      rangeYuan: [800, 2000],
      assistedShare: 0,
      rejected: 0,
      reasons: ['困难家庭学生助学行动'],
    },
    {
      // 15647 children counted (published); 600 元 each is illustrative
      program: 'children_in_distress',
      cases: 15_647,
      amountFen: 15_647 * 60_000,
      rangeYuan: [600, 600],
      assistedShare: 0,
      rejected: 0,
      reasons: ['困境儿童基本生活保障'],
    },
  ],
  blocks: 8,
};
