import type { Preset } from './preset.js';

/**
 * 章丘区 (370114, 济南市, 山东省) in 2022, calibrated to its published figures (seed 004): the
 * standards of nine groups raised by 10 % or more (here in July, as Jinan's were), 2.5 亿元 to
 * 6 万余人 over the year. How the total splits over the programs, the head counts and the exact
 * standards are illustrative (the raised 低保 standards are Jinan's 1002 / 802 元, as 济阳区's).
 */
export const ZHANGQIU_2022: Preset = {
  name: 'zhangqiu-2022',
  title: '章丘区 2022',
  countyCode: '370114',
  year: 2022,
  description: '章丘区 2022, calibrated to the published total (2.5 亿元 to 6 万余人) and the nine standards raised ≥ 10 %',
  standards: [
    { program: 'dibao_urban', area: 'urban', effective: '2021-07', yuan: 910 },
    { program: 'dibao_urban', area: 'urban', effective: '2022-07', yuan: 1002 },
    { program: 'dibao_rural', area: 'rural', effective: '2021-07', yuan: 729 },
    { program: 'dibao_rural', area: 'rural', effective: '2022-07', yuan: 802 },
    { program: 'tekun_centralized', area: 'both', effective: '2021-07', yuan: 1185 },
    { program: 'tekun_centralized', area: 'both', effective: '2022-07', yuan: 1304 },
    { program: 'tekun_dispersed', area: 'both', effective: '2021-07', yuan: 1185 },
    { program: 'tekun_dispersed', area: 'both', effective: '2022-07', yuan: 1304 },
    { program: 'disability_living', area: 'both', effective: '2021-07', yuan: 135 },
    { program: 'disability_living', area: 'both', effective: '2022-07', yuan: 150 },
    { program: 'disability_care', area: 'both', effective: '2021-07', yuan: 135 },
    { program: 'disability_care', area: 'both', effective: '2022-07', yuan: 150 },
    { program: 'orphan_allowance', area: 'both', effective: '2021-07', yuan: 1450 },
    { program: 'orphan_allowance', area: 'both', effective: '2022-07', yuan: 1600 },
    { program: 'unattended_child_allowance', area: 'both', effective: '2021-07', yuan: 1450 },
    { program: 'unattended_child_allowance', area: 'both', effective: '2022-07', yuan: 1600 },
    { program: 'senior_allowance', area: 'both', tier: '80', effective: '2021-07', yuan: 100 },
    { program: 'senior_allowance', area: 'both', tier: '80', effective: '2022-07', yuan: 110 },
    { program: 'senior_allowance', area: 'both', tier: '90', effective: '2021-07', yuan: 200 },
    { program: 'senior_allowance', area: 'both', tier: '90', effective: '2022-07', yuan: 220 },
    { program: 'senior_allowance', area: 'both', tier: '100', effective: '2021-07', yuan: 500 },
    { program: 'senior_allowance', area: 'both', tier: '100', effective: '2022-07', yuan: 550 },
  ],
  dibao: {
    personMonths: 190_000,
    amountFen: 13_009_000_000,
    perCapitaIncomeYuan: [0, 200, 500],
    campaign: {
      name: '2022年度低保对象动态复核（示例数据）',
      periodStart: '2022-04-01',
      periodEnd: '2022-10-31',
      cancelled: { households: 300, persons: 480 },
      adjusted: { households: 620, persons: 1000 },
      continued: 4000,
      newlyApproved: { households: 320, persons: 530 },
    },
    otherApprovals: 170,
    deaths: 340,
    movedAway: 40,
    incomeAboveStandard: 90,
    rejected: 160,
    objectionsUpheld: 15,
    inProgress: 60,
  },
  tekun: { persons: 3500, centralizedShare: 0.3, entries: 160, deaths: 190 },
  disabilityLiving: { program: 'disability_living', persons: 11_000 },
  disabilityCare: { program: 'disability_care', persons: 10_000 },
  disabilityInDibaoShare: 0.3,
  disabilityBothShare: 0.3,
  careInTekun: 400,
  children: [
    { program: 'orphan_allowance', persons: 120 },
    { program: 'unattended_child_allowance', persons: 380 },
  ],
  senior: { persons: 16_000 },
  cases: [
    {
      program: 'temporary_relief',
      cases: 2500,
      amountFen: 2500 * 150_000,
      rangeYuan: [500, 3000],
      assistedShare: 0.4,
      rejected: 60,
      reasons: ['突发重大疾病，医疗费用支出大', '房屋失火，基本生活暂时困难', '交通事故致家庭生活困难', '因灾导致基本生活困难'],
    },
  ],
  blocks: 6,
};
