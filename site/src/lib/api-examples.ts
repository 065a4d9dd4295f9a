/**
 * The queries of the developers' page: one per download of a county-year folder, each returning
 * the rows of that file from the public GraphQL endpoint (the same numbers: the site builds its
 * files from these answers). `$c` is the county code, `$y` the year, `$r` the release id (left out:
 * the latest release).
 */
export interface ApiExample {
  /** The file it reproduces, without extension; or a name for the other examples. */
  file: string;
  title: string;
  query: string;
  /** How the answer's fields become the file's columns. */
  mapping: string;
}

const AGG = 'regionCode programCode period suppressed households persons personMonths amount';
const FIGURES =
  'households, persons, person_months, amount_yuan ← households, persons, personMonths, amount；suppressed 为 true 时四项都是 null（文件中为 c）';

const aggregates = (level: string, periodKind: string) =>
  `query ($c: String!, $y: Int!, $r: ID) {
  countyAggregates(countyCode: $c, year: $y, level: ${level}, periodKind: ${periodKind}, releaseId: $r) {
    ${AGG}
  }
}`;

export const DOWNLOAD_EXAMPLES: ApiExample[] = [
  {
    file: 'summary-by-program',
    title: '分项目汇总（全年）',
    query: aggregates('COUNTY', 'YEAR'),
    mapping: `program_code ← programCode；${FIGURES}；program_name 见 programs 查询`,
  },
  {
    file: 'monthly-by-program',
    title: '分月分项目汇总',
    query: aggregates('COUNTY', 'MONTH'),
    mapping: `period ← period（YYYY-MM）；program_code ← programCode；${FIGURES}`,
  },
  {
    file: 'summary-by-town',
    title: '分乡镇（街道）汇总（全年）',
    query: aggregates('TOWN', 'YEAR'),
    mapping: `town_code ← regionCode；program_code ← programCode；${FIGURES}；town_name 见 region 查询`,
  },
  {
    file: 'monthly-by-town',
    title: '分月分乡镇（街道）汇总',
    query: aggregates('TOWN', 'MONTH'),
    mapping: `period ← period；town_code ← regionCode；program_code ← programCode；${FIGURES}`,
  },
  {
    file: 'summary-by-village',
    title: '分村（社区）汇总（全年）',
    query: aggregates('VILLAGE', 'YEAR'),
    mapping: `village_code ← regionCode（其前 9 位为 town_code）；program_code ← programCode；${FIGURES}`,
  },
  {
    file: 'standards',
    title: '救助标准（含历史调整）',
    query: `query ($c: String!, $r: ID) {
  standards(countyCode: $c, releaseId: $r) { programCode programName areaType tier effectiveMonth amount }
}`,
    mapping:
      'program_code, program_name, area_type, tier, effective_month, amount_yuan ← programCode, programName, areaType（URBAN 城市、RURAL 农村）, tier, effectiveMonth, amount；文件只含发布日期前生效的标准',
  },
  {
    file: 're-reviews',
    title: '复核结果',
    query: `query ($c: String!, $r: ID) {
  reviewCampaigns(countyCode: $c, releaseId: $r) {
    id name periodStart periodEnd reviewedHouseholds cancelledHouseholds cancelledPersons
    adjustedHouseholds adjustedPersons newlyApprovedHouseholds newlyApprovedPersons
  }
}`,
    mapping:
      'campaign_name, period_start, period_end, reviewed_households, cancelled_households, … ← name, periodStart, periodEnd, reviewedHouseholds, cancelledHouseholds, …；null 为被抑制的数（文件中为 c）',
  },
  {
    file: 'applications',
    title: '申请受理和审批',
    query: `query ($c: String!, $y: Int!, $r: ID) {
  applicationStatistics(regionCode: $c, year: $y, releaseId: $r) { programCode received approved rejected }
}`,
    mapping: 'program_code, received, approved, rejected ← programCode, received, approved, rejected；null 为被抑制的数（文件中为 c）',
  },
  {
    file: 'data-driven-assistance',
    title: '数据比对、政策找人和快速审批',
    query: `query ($c: String!, $y: Int!, $r: ID) {
  assistanceFigures(countyCode: $c, year: $y, releaseId: $r) { figure code outcome cases amount }
}`,
    mapping: 'figure, code, outcome, cases, amount_yuan ← figure, code, outcome, cases, amount；null 为被抑制的数（文件中为 c）',
  },
  {
    file: 'instant-approvals',
    title: '申请件数和秒批占比',
    query: `query ($c: String!, $y: Int!, $r: ID) {
  applicationChannels(countyCode: $c, year: $y, releaseId: $r) { programCode applications instant instantPercent }
}`,
    mapping:
      'program_code, applications, instant, instant_percent ← programCode, applications, instant, instantPercent；null 为被抑制的数（文件中为 c）',
  },
  {
    file: 'application-channels',
    title: '申请渠道',
    query: `query ($c: String!, $y: Int!, $r: ID) {
  applicationChannels(countyCode: $c, year: $y, releaseId: $r) { programCode channels { channel applications percent } }
}`,
    mapping:
      'program_code, channel, applications, percent ← programCode, channels[].channel, channels[].applications, channels[].percent（每个渠道一行）；null 为被抑制的数（文件中为 c）',
  },
  {
    file: 'decision-times',
    title: '审批时长',
    query: `query ($c: String!, $y: Int!, $r: ID) {
  decisionTimes(countyCode: $c, year: $y, releaseId: $r) { programCode decision medianDays }
}`,
    mapping: 'program_code, decision, median_days ← programCode, decision, medianDays；null 为被抑制的数（文件中为 c）',
  },
  {
    file: 'referrals',
    title: '社会大救助转介',
    query: `query ($c: String!, $y: Int!, $r: ID) {
  referralFigures(countyCode: $c, year: $y, releaseId: $r) { department outcome cases amount }
}`,
    mapping: 'department, outcome, cases, amount_yuan ← department, outcome, cases, amount；null 为被抑制的数（文件中为 c）',
  },
  {
    file: 'elder-care-by-town',
    title: '养老服务分乡镇汇总',
    query: `query ($c: String!, $y: Int!, $r: ID) {
  elderCare(regionCode: $c, year: $y, releaseId: $r) {
    regionCode facilities beds occupiedBeds occupancy certifiedCaregivers
    homeServices { personsServed eligiblePersons coverage } modifications { completed inProgress target }
  }
  elderCareTowns(countyCode: $c, year: $y, releaseId: $r) {
    regionCode facilities beds occupiedBeds occupancy certifiedCaregivers
    homeServices { personsServed } modifications { completed inProgress }
  }
}`,
    mapping:
      'region_code, facilities, beds, occupied_beds, occupancy_percent, certified_caregivers ← regionCode, facilities, beds, occupiedBeds, occupancy, certifiedCaregivers；persons_served, coverage_percent, eligible_persons ← homeServices；modifications_completed, modifications_in_progress, modification_target ← modifications；第一行为 elderCare（全县），其后为 elderCareTowns；null 为被抑制的数（文件中为 c）',
  },
  {
    file: 'elder-care-facilities',
    title: '养老服务机构和设施',
    query: `query ($c: String!, $r: ID) {
  elderFacilities(regionCode: $c, releaseId: $r, first: 100) {
    edges { node {
      id name kind operator townCode villageCode openedOn closedOn starRating
      beds occupiedBeds occupancy certifiedCaregivers
      inspections { inspectedOn categories { category found stillOpen overdue } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`,
    mapping:
      'facility_id, facility_name, kind, operator, town_code, village_code, opened_on, closed_on, star_rating ← id, name, kind, operator, townCode, villageCode, openedOn, closedOn, starRating；beds, occupied_beds, occupancy_percent, certified_caregivers ← 同名字段；inspections ← inspections 的个数，hazards_found, hazards_open, hazards_overdue ← 各次检查 categories 的 found, stillOpen, overdue 之和；多于 100 个时按 endCursor 翻页',
  },
  {
    file: 'elder-care-inspections',
    title: '安全检查和隐患整改',
    query: `query ($c: String!, $y: Int!, $r: ID) {
  elderCare(regionCode: $c, year: $y, releaseId: $r) {
    inspectionQuarters {
      quarter inspections
      hazards { category failedChecks found fixedOnSpot rectified stillOpen overdue }
    }
  }
}`,
    mapping:
      'quarter, inspections ← quarter, inspections；category, failed_checks, hazards_found, fixed_on_spot, rectified, still_open, overdue ← hazards 的 category, failedChecks, found, fixedOnSpot, rectified, stillOpen, overdue（每季度每个类别一行）',
  },
  {
    file: 're-reviews-by-town',
    title: '复核结果（分乡镇、街道）',
    query: `query ($c: String!, $r: ID) {
  reviewCampaignTowns(countyCode: $c, releaseId: $r) {
    campaignId townCode reviewedHouseholds cancelledHouseholds cancelledPersons
    adjustedHouseholds adjustedPersons newlyApprovedHouseholds newlyApprovedPersons
  }
}`,
    mapping:
      'town_code, reviewed_households, … ← townCode, reviewedHouseholds, …；campaign_name、period_start 见 reviewCampaigns（campaignId = id）；null 为被抑制的数（文件中为 c）',
  },
  {
    file: 'coverage',
    title: '保障率和人均金额',
    query: `query ($c: String!, $y: Int!, $r: ID) {
  coverage(countyCode: $c, year: $y, releaseId: $r) {
    regionCode programCode suppressed persons amount coveragePercent amountPerCapita amountPerBeneficiary
    population { year population asOf source sample }
  }
}`,
    mapping:
      'region_code, program_code, persons, coverage_percent, amount_yuan, amount_per_capita_yuan, amount_per_beneficiary_yuan ← regionCode, programCode, persons, coveragePercent, amount, amountPerCapita, amountPerBeneficiary；population, population_year ← population.population, population.year；population_source ← population.source（population.asOf）；suppressed 为 true 时各数为 null（文件中为 c）',
  },
];

export const CATALOG_EXAMPLE = `query {
  releases { id asOf note }
  counties { code name }
  programs { code name category unit disclosure }
}`;

export const MONTHS_EXAMPLE = `query ($c: String, $r: ID) {
  releasedMonths(countyCode: $c, releaseId: $r) { countyCode month }
}`;
