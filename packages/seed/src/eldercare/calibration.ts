/**
 * The elder-care figures of the seed reports (shared/seeds; docs/eldercare.md, "Demo data"), by
 * county. Facility counts and capacity are county facts and do not scale; home services and
 * modifications scale with the population (`--scale`).
 */
export type SeedFacilityKind =
  | 'public_home'
  | 'private_home'
  | 'publicly_built_privately_run'
  | 'service_centre'
  | 'rural_happiness_home'
  | 'day_care_centre'
  | 'elder_canteen'
  | 'care_centre';

export interface FacilityGroup {
  kind: SeedFacilityKind;
  count: number;
  /** Beds of the group in all (apportioned over its facilities); none for centres without beds. */
  beds?: number;
  /** Beds per facility when `beds` is not given (a range). */
  bedsEach?: [number, number];
  /** Certified caregivers of the group in all. */
  caregivers?: number;
  /** Star ratings given to the group's facilities (shuffled over them); the rest unrated. */
  stars?: number[];
}

export interface NamedFacility {
  kind: SeedFacilityKind;
  name: string;
  /** The village whose name starts with this (in `town`). */
  village: string;
  town: string;
  floorAreaM2: number;
  investmentFen: number;
  openedOn: string;
  /** People served each month of the year (109 elders over 70 at 李八村幸福院). */
  peopleServedMonthly: number;
}

export interface ElderCareCalibration {
  countyCode: string;
  year: number;
  groups: FacilityGroup[];
  named?: NamedFacility[];
  /** Home services: persons served in the year, and the eligible population (coverage = served / eligible). */
  homeServices?: { served: number; eligible: number };
  /** 适老化改造 completed in the year against the target. */
  modifications?: { completed: number; target: number };
  /** Joint safety inspections of the year's institutions (after the 长峰医院 fire), with hazards and follow-ups. */
  inspections?: { month: string; hazardsPerInspection: [number, number] };
}

export const ELDER_CARE_CALIBRATION: readonly ElderCareCalibration[] = [
  {
    // 齐河县 (seed 001): 10 institutions, 40 城乡综合养老服务中心, 4,100 beds, 360 certified caregivers
    countyCode: '371425',
    year: 2021,
    groups: [
      { kind: 'public_home', count: 6, beds: 2300, caregivers: 200, stars: [4, 3, 3, 2] },
      { kind: 'private_home', count: 2, beds: 1000, caregivers: 90, stars: [3] },
      { kind: 'publicly_built_privately_run', count: 2, beds: 800, caregivers: 70 },
      { kind: 'service_centre', count: 40 },
    ],
  },
  {
    // 章丘区 2022 (seed 004): 23 农村幸福院, 2 日间照料中心, 2 照护中心, 10 town 敬老院 of which 5 rated ≥ 4 stars
    countyCode: '370114',
    year: 2022,
    groups: [
      { kind: 'public_home', count: 10, bedsEach: [80, 220], stars: [5, 5, 4, 4, 4, 3, 3, 3, 2, 2] },
      { kind: 'care_centre', count: 2, bedsEach: [60, 120] },
      { kind: 'day_care_centre', count: 2 },
      { kind: 'rural_happiness_home', count: 23 },
    ],
  },
  {
    // 滨海县 2021 (seed 003): home services to 31,083 people (99.73 %); 547 homes modified against 350
    countyCode: '320922',
    year: 2021,
    groups: [{ kind: 'public_home', count: 8, bedsEach: [60, 200] }],
    homeServices: { served: 31083, eligible: 31167 },
    modifications: { completed: 547, target: 350 },
  },
  {
    // 济阳区 2023 (seed 002): 李八村幸福院 in 仁风镇, 460 m², 65 万元, 109 elders over 70; joint inspections with the fire brigade
    countyCode: '370115',
    year: 2023,
    groups: [{ kind: 'public_home', count: 6, bedsEach: [60, 180], stars: [3, 3, 2] }],
    named: [
      {
        kind: 'rural_happiness_home',
        name: '李八村幸福院',
        village: '李八村',
        town: '370115104',
        floorAreaM2: 460,
        investmentFen: 65_000_000,
        openedOn: '2023-01-10',
        peopleServedMonthly: 109,
      },
    ],
    inspections: { month: '2023-05', hazardsPerInspection: [1, 5] },
  },
];
