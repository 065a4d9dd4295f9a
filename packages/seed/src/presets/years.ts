import { anotherYear } from './another-year.js';
import { BINHAI_2021 } from './binhai-2021.js';
import { JIYANG_2023 } from './jiyang-2023.js';
import type { StandardSpec } from './preset.js';

/**
 * The synthetic years around the calibrated ones (示例数据, illustrative): standards rising
 * every July as the counties' did, caseloads drifting a few per cent. The standards of adjoining
 * years agree where they overlap (binhai: 620 → 670 in July 2020, 670 → 730 in July 2021 — the
 * published change —, 730 → 780 in July 2022), so the county's standards read as one history.
 */
const both = (program: string, effective: string, yuan: number, tier?: string): StandardSpec => ({
  program,
  area: 'both',
  effective,
  yuan,
  ...(tier ? { tier } : {}),
});
const dibao = (effective: string, urban: number, rural: number): StandardSpec[] => [
  { program: 'dibao_urban', area: 'urban', effective, yuan: urban },
  { program: 'dibao_rural', area: 'rural', effective, yuan: rural },
];
const senior = (effective: string, [t80, t90, t100]: [number, number, number]): StandardSpec[] => [
  both('senior_allowance', effective, t80, '80'),
  both('senior_allowance', effective, t90, '90'),
  both('senior_allowance', effective, t100, '100'),
];

export const BINHAI_2020 = anotherYear(BINHAI_2021, {
  year: 2020,
  caseload: 1.04,
  amounts: 0.93,
  standards: [
    ...dibao('2019-07', 620, 620),
    ...dibao('2020-07', 670, 670),
    both('tekun_centralized', '2020-01', 1200),
    both('tekun_dispersed', '2020-01', 1200),
    both('disability_living', '2020-01', 480),
    both('disability_care', '2020-01', 125),
    ...senior('2020-01', [50, 100, 300]),
  ],
});

export const BINHAI_2022 = anotherYear(BINHAI_2021, {
  year: 2022,
  caseload: 0.97,
  amounts: 1.06,
  standards: [
    ...dibao('2021-07', 730, 730),
    ...dibao('2022-07', 780, 780),
    both('tekun_centralized', '2022-01', 1400),
    both('tekun_dispersed', '2022-01', 1400),
    both('disability_living', '2022-01', 520),
    both('disability_care', '2022-01', 140),
    ...senior('2022-01', [60, 120, 300]),
  ],
});

export const JIYANG_2022 = anotherYear(JIYANG_2023, {
  year: 2022,
  caseload: 1.03,
  amounts: 0.95,
  standards: [
    ...dibao('2021-07', 910, 729),
    ...dibao('2022-07', 1002, 802),
    both('tekun_centralized', '2022-01', 1303),
    both('tekun_dispersed', '2022-01', 1303),
    both('disability_living', '2022-01', 150),
    both('disability_care', '2022-01', 150),
    both('orphan_allowance', '2022-01', 1500),
    both('unattended_child_allowance', '2022-01', 1500),
    ...senior('2022-01', [100, 200, 500]),
  ],
});

export const JIYANG_2024 = anotherYear(JIYANG_2023, {
  year: 2024,
  caseload: 0.96,
  amounts: 1.05,
  standards: [
    ...dibao('2023-07', 1040, 850),
    ...dibao('2024-07', 1080, 900),
    both('tekun_centralized', '2024-01', 1404),
    both('tekun_dispersed', '2024-01', 1404),
    both('disability_living', '2024-01', 170),
    both('disability_care', '2024-01', 170),
    both('orphan_allowance', '2024-01', 1700),
    both('unattended_child_allowance', '2024-01', 1700),
    ...senior('2024-01', [100, 200, 500]),
  ],
});
