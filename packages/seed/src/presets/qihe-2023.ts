import type { Preset } from './preset.js';

/**
 * 齐河县 (371425, 德州市, 山东省) in 2023, the county of the 幸福清单, calibrated to its published
 * figures (DOMAIN.md): 城乡低保金 1259 万元, 特困供养经费 1366 万元, 临时救助 114 次 40 万元. The
 * standards, head counts and the other programs are illustrative (see docs/demo-data.md).
 */
export const QIHE_2023: Preset = {
  name: 'qihe-2023',
  title: '齐河县 2023',
  countyCode: '371425',
  year: 2023,
  description: '齐河县 2023, calibrated to the published 城乡低保金, 特困供养经费 and 临时救助 figures of its 幸福清单',
  standards: [
    { program: 'dibao_urban', area: 'urban', effective: '2022-07', yuan: 820 },
    { program: 'dibao_urban', area: 'urban', effective: '2023-07', yuan: 860 },
    { program: 'dibao_rural', area: 'rural', effective: '2022-07', yuan: 640 },
    { program: 'dibao_rural', area: 'rural', effective: '2023-07', yuan: 680 },
    { program: 'tekun_centralized', area: 'both', effective: '2023-01', yuan: 1050 },
    { program: 'tekun_dispersed', area: 'both', effective: '2023-01', yuan: 1050 },
    { program: 'disability_living', area: 'both', effective: '2023-01', yuan: 120 },
    { program: 'disability_care', area: 'both', effective: '2023-01', yuan: 120 },
  ],
  dibao: {
    personMonths: 29_000,
    amountFen: 1_259_000_000,
    perCapitaIncomeYuan: [0, 180, 450],
    campaign: {
      name: '2023年度低保对象动态复核（示例数据）',
      periodStart: '2023-04-01',
      periodEnd: '2023-09-30',
      cancelled: { households: 45, persons: 70 },
      adjusted: { households: 90, persons: 140 },
      continued: 520,
      newlyApproved: { households: 50, persons: 80 },
    },
    otherApprovals: 25,
    deaths: 50,
    movedAway: 6,
    incomeAboveStandard: 14,
    rejected: 30,
    objectionsUpheld: 3,
    inProgress: 10,
  },
  tekun: { persons: 1142, centralizedShare: 0.3, entries: 50, deaths: 60 },
  disabilityLiving: { program: 'disability_living', persons: 1500 },
  disabilityCare: { program: 'disability_care', persons: 1700 },
  disabilityInDibaoShare: 0.3,
  disabilityBothShare: 0.3,
  careInTekun: 100,
  children: [],
  cases: [
    {
      program: 'temporary_relief',
      cases: 114,
      amountFen: 40_000_000,
      rangeYuan: [1000, 6000],
      assistedShare: 0.5,
      rejected: 8,
      reasons: ['突发重大疾病，医疗费用支出大', '房屋失火，基本生活暂时困难', '交通事故致家庭生活困难', '因灾导致基本生活困难'],
    },
  ],
  blocks: 1,
};
