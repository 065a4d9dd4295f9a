/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** GAP: (standard − per-capita income) × covered members; STANDARD: standard × covered; TIERED: the tier’s standard; CASE: per case. */
export type AmountRule =
  | 'CASE'
  | 'GAP'
  | 'STANDARD'
  | 'TIERED';

/** Urban or rural hukou: decides which standard applies. */
export type AreaType =
  | 'RURAL'
  | 'URBAN';

/** Paid to a household or to a person. */
export type BeneficiaryUnit =
  | 'HOUSEHOLD'
  | 'PERSON';

/** LISTED: per household in the 幸福清单; COUNTED: in aggregates only; HIDDEN: not published. */
export type DisclosurePolicy =
  | 'COUNTED'
  | 'HIDDEN'
  | 'LISTED';

/** 公办敬老院 PUBLIC_HOME, 民办养老机构 PRIVATE_HOME, 公建民营 PUBLICLY_BUILT_PRIVATELY_RUN, 城乡综合养老服务中心 SERVICE_CENTRE, 农村幸福院 RURAL_HAPPINESS_HOME, 日间照料中心 DAY_CARE_CENTRE, 长者食堂 ELDER_CANTEEN, 照护中心 CARE_CENTRE. */
export type FacilityKind =
  | 'CARE_CENTRE'
  | 'DAY_CARE_CENTRE'
  | 'ELDER_CANTEEN'
  | 'PRIVATE_HOME'
  | 'PUBLICLY_BUILT_PRIVATELY_RUN'
  | 'PUBLIC_HOME'
  | 'RURAL_HAPPINESS_HOME'
  | 'SERVICE_CENTRE';

/** 消防 FIRE, 用电 ELECTRICITY, 燃气 GAS, 食品 FOOD, 疏散 EVACUATION, 应急预案 EMERGENCY_PLAN. */
export type HazardCategory =
  | 'ELECTRICITY'
  | 'EMERGENCY_PLAN'
  | 'EVACUATION'
  | 'FIRE'
  | 'FOOD'
  | 'GAS';

/** Monthly, or one payment per case. */
export type PaymentFrequency =
  | 'MONTHLY'
  | 'ONE_OFF';

/** Month ("2021-03"), quarter ("2021-Q1") or year ("2021"). */
export type PeriodKind =
  | 'MONTH'
  | 'QUARTER'
  | 'YEAR';

/** Administrative level: province, city (地级市), county (县/区), town (镇/街道), village (村/社区). */
export type RegionLevel =
  | 'CITY'
  | 'COUNTY'
  | 'PROVINCE'
  | 'TOWN'
  | 'VILLAGE';

export type SiteAggregateFragment = { regionCode: string, programCode: string, period: string, suppressed: boolean, households: number | null, persons: number | null, personMonths: number | null, amount: string | null };

export type SiteGlobalQueryVariables = Exact<{ [key: string]: never; }>;


export type SiteGlobalQuery = { releases: Array<{ id: string, asOf: string, note: string }>, programs: Array<{ code: string, name: string, category: string, description: string, disclosure: DisclosurePolicy, unit: BeneficiaryUnit, frequency: PaymentFrequency, minorsOnly: boolean, amountRule: AmountRule }>, counties: Array<{ code: string, name: string, parent: { name: string, parent: { name: string } | null } | null }> };

export type SiteCountyQueryVariables = Exact<{
  c: string;
}>;


export type SiteCountyQuery = { region: { children: Array<{ code: string, name: string, children: Array<{ code: string, name: string }> }> } | null, standards: Array<{ programCode: string, programName: string, areaType: AreaType, tier: string, effectiveMonth: string, amount: string }>, reviewCampaigns: Array<{ id: string, name: string, periodStart: string, periodEnd: string, reviewedHouseholds: number | null, cancelledHouseholds: number | null, cancelledPersons: number | null, adjustedHouseholds: number | null, adjustedPersons: number | null, newlyApprovedHouseholds: number | null, newlyApprovedPersons: number | null }>, reviewCampaignTowns: Array<{ campaignId: string, townCode: string, reviewedHouseholds: number | null, cancelledHouseholds: number | null, cancelledPersons: number | null, adjustedHouseholds: number | null, adjustedPersons: number | null, newlyApprovedHouseholds: number | null, newlyApprovedPersons: number | null }> };

export type SiteReleaseQueryVariables = Exact<{
  r: string | number;
}>;


export type SiteReleaseQuery = { releasedMonths: Array<{ countyCode: string, month: string }>, releaseChanges: Array<{ countyCode: string, programCode: string, month: string, change: string, amountBefore: string | null, amountAfter: string | null, householdsBefore: number | null, householdsAfter: number | null }> };

export type SiteVillageListQueryVariables = Exact<{
  v: string;
  m: string;
  r: string | number;
  first: number;
  after?: string | null | undefined;
}>;


export type SiteVillageListQuery = { happinessList: { edges: Array<{ node: { publicId: string, maskedName: string, villageCode: string, coveredMembers: number, total: string, totalYearToDate: string, programs: Array<{ programCode: string, programName: string, amount: string, yearToDate: string }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type SitePublicityQueryVariables = Exact<{
  t: string;
  r: string | number;
  first: number;
  after?: string | null | undefined;
}>;


export type SitePublicityQuery = { publicity: { edges: Array<{ node: { villageCode: string, maskedName: string, householdSize: number, programCode: string, programName: string, proposedAmount: string | null, publicityStart: string, publicityEnd: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type SiteElderCareFragment = { regionCode: string, facilities: number | null, beds: number | null, occupiedBeds: number | null, occupancy: number | null, certifiedCaregivers: number | null, byKind: Array<{ kind: FacilityKind, facilities: number | null, beds: number | null, certifiedCaregivers: number | null }>, starRatings: Array<{ stars: number, facilities: number | null }>, homeServices: { personsServed: number | null, eligiblePersons: number | null, coverage: number | null }, modifications: { planned: number | null, inProgress: number | null, completed: number | null, target: number | null }, inspectionQuarters: Array<{ quarter: string, inspections: number | null, jointInspections: number | null, facilitiesInspected: number | null, hazards: Array<{ category: HazardCategory, failedChecks: number | null, found: number | null, fixedOnSpot: number | null, rectified: number | null, stillOpen: number | null, overdue: number | null }> }>, hazards: Array<{ category: HazardCategory, failedChecks: number | null, found: number | null, fixedOnSpot: number | null, rectified: number | null, stillOpen: number | null, overdue: number | null }> };

export type SiteElderFacilitiesQueryVariables = Exact<{
  c: string;
  r: string | number;
  after?: string | null | undefined;
}>;


export type SiteElderFacilitiesQuery = { elderFacilities: { edges: Array<{ node: { id: string, name: string, kind: FacilityKind, operator: string, townCode: string, villageCode: string, openedOn: string, closedOn: string | null, starRating: number | null, starRatedOn: string | null, capacityRecordedOn: string | null, beds: number | null, occupiedBeds: number | null, occupancy: number | null, certifiedCaregivers: number | null, inspections: Array<{ inspectedOn: string, jointWithFireBrigade: boolean, categories: Array<{ category: HazardCategory, failedChecks: number | null, found: number | null, fixedOnSpot: number | null, rectified: number | null, stillOpen: number | null, overdue: number | null }> }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type SiteCountyYearQueryVariables = Exact<{
  c: string;
  y: number;
  r: string | number;
}>;


export type SiteCountyYearQuery = { elderCare: { regionCode: string, facilities: number | null, beds: number | null, occupiedBeds: number | null, occupancy: number | null, certifiedCaregivers: number | null, byKind: Array<{ kind: FacilityKind, facilities: number | null, beds: number | null, certifiedCaregivers: number | null }>, starRatings: Array<{ stars: number, facilities: number | null }>, homeServices: { personsServed: number | null, eligiblePersons: number | null, coverage: number | null }, modifications: { planned: number | null, inProgress: number | null, completed: number | null, target: number | null }, inspectionQuarters: Array<{ quarter: string, inspections: number | null, jointInspections: number | null, facilitiesInspected: number | null, hazards: Array<{ category: HazardCategory, failedChecks: number | null, found: number | null, fixedOnSpot: number | null, rectified: number | null, stillOpen: number | null, overdue: number | null }> }>, hazards: Array<{ category: HazardCategory, failedChecks: number | null, found: number | null, fixedOnSpot: number | null, rectified: number | null, stillOpen: number | null, overdue: number | null }> } | null, elderCareTowns: Array<{ regionCode: string, facilities: number | null, beds: number | null, occupiedBeds: number | null, occupancy: number | null, certifiedCaregivers: number | null, byKind: Array<{ kind: FacilityKind, facilities: number | null, beds: number | null, certifiedCaregivers: number | null }>, starRatings: Array<{ stars: number, facilities: number | null }>, homeServices: { personsServed: number | null, eligiblePersons: number | null, coverage: number | null }, modifications: { planned: number | null, inProgress: number | null, completed: number | null, target: number | null }, inspectionQuarters: Array<{ quarter: string, inspections: number | null, jointInspections: number | null, facilitiesInspected: number | null, hazards: Array<{ category: HazardCategory, failedChecks: number | null, found: number | null, fixedOnSpot: number | null, rectified: number | null, stillOpen: number | null, overdue: number | null }> }>, hazards: Array<{ category: HazardCategory, failedChecks: number | null, found: number | null, fixedOnSpot: number | null, rectified: number | null, stillOpen: number | null, overdue: number | null }> }>, countyYear: Array<{ regionCode: string, programCode: string, period: string, suppressed: boolean, households: number | null, persons: number | null, personMonths: number | null, amount: string | null }>, countyMonth: Array<{ regionCode: string, programCode: string, period: string, suppressed: boolean, households: number | null, persons: number | null, personMonths: number | null, amount: string | null }>, townYear: Array<{ regionCode: string, programCode: string, period: string, suppressed: boolean, households: number | null, persons: number | null, personMonths: number | null, amount: string | null }>, townMonth: Array<{ regionCode: string, programCode: string, period: string, suppressed: boolean, households: number | null, persons: number | null, personMonths: number | null, amount: string | null }>, villageYear: Array<{ regionCode: string, programCode: string, period: string, suppressed: boolean, households: number | null, persons: number | null, personMonths: number | null, amount: string | null }>, applications: Array<{ programCode: string, received: number | null, approved: number | null, rejected: number | null }>, assistance: Array<{ figure: string, code: string, outcome: string, cases: number | null, amount: string | null }>, channels: Array<{ programCode: string, applications: number | null, instant: number | null, instantPercent: number | null, channels: Array<{ channel: string, applications: number | null, percent: number | null }> }>, decisionTimes: Array<{ programCode: string, decision: string, medianDays: number | null }>, referrals: Array<{ department: string, outcome: string, cases: number | null, amount: string | null }>, coverage: Array<{ regionCode: string, programCode: string, suppressed: boolean, persons: number | null, amount: string | null, coveragePercent: string | null, amountPerCapita: string | null, amountPerBeneficiary: string | null, population: { year: number, population: number, asOf: string, source: string, sample: boolean } | null }> };

export type TestLayoutVillageQueryVariables = Exact<{
  v: string;
}>;


export type TestLayoutVillageQuery = { region: { parent: { code: string } | null } | null, releasedMonths: Array<{ month: string }> };

export type TestVillageQueryVariables = Exact<{
  v: string;
}>;


export type TestVillageQuery = { region: { name: string, parent: { code: string, name: string } | null } | null, releasedMonths: Array<{ month: string }> };

export type TestJournalistMonthsQueryVariables = Exact<{
  c: string;
}>;


export type TestJournalistMonthsQuery = { releasedMonths: Array<{ month: string }> };

export type TestVillageListQueryVariables = Exact<{
  v: string;
  m: string;
  r?: string | number | null | undefined;
  after?: string | null | undefined;
}>;


export type TestVillageListQuery = { happinessList: { edges: Array<{ node: { publicId: string, maskedName: string, villageCode: string, coveredMembers: number, total: string, totalYearToDate: string, programs: Array<{ programCode: string, programName: string, amount: string, yearToDate: string }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type TestChildAggregatesQueryVariables = Exact<{
  r: string;
  y: number;
  k: PeriodKind;
}>;


export type TestChildAggregatesQuery = { childAggregates: Array<{ regionCode: string, programCode: string, period: string, suppressed: boolean, households: number | null, persons: number | null, personMonths: number | null, amount: string | null }> };

export type TestCountyQueryVariables = Exact<{
  c: string;
}>;


export type TestCountyQuery = { releasedMonths: Array<{ month: string }>, region: { children: Array<{ code: string, name: string, children: Array<{ code: string, name: string }> }> } | null };

export type TestCountyYearQueryVariables = Exact<{
  c: string;
  y: number;
}>;


export type TestCountyYearQuery = { county: Array<{ regionCode: string, programCode: string, period: string, suppressed: boolean, households: number | null, persons: number | null, personMonths: number | null, amount: string | null }>, towns: Array<{ regionCode: string, programCode: string, period: string, suppressed: boolean, households: number | null, persons: number | null, personMonths: number | null, amount: string | null }> };

export type TestProgramMonthsQueryVariables = Exact<{
  c: string;
  y: number;
  p: string;
  r?: string | number | null | undefined;
}>;


export type TestProgramMonthsQuery = { aggregates: Array<{ regionCode: string, programCode: string, period: string, suppressed: boolean, households: number | null, persons: number | null, personMonths: number | null, amount: string | null }> };

export type TestCountyAggregatesQueryVariables = Exact<{
  c: string;
  y: number;
  l: RegionLevel;
  k: PeriodKind;
}>;


export type TestCountyAggregatesQuery = { countyAggregates: Array<{ regionCode: string, programCode: string, period: string, suppressed: boolean, households: number | null, persons: number | null, personMonths: number | null, amount: string | null }> };

export type TestReleasedMonthsQueryVariables = Exact<{
  c: string;
  r: string | number;
}>;


export type TestReleasedMonthsQuery = { releasedMonths: Array<{ month: string }> };

export type TestVillageHouseholdsQueryVariables = Exact<{
  c: string;
  r: string | number;
  y: number;
}>;


export type TestVillageHouseholdsQuery = { countyAggregates: Array<{ regionCode: string, programCode: string, households: number | null }> };

export type TestElderCareQueryVariables = Exact<{
  c: string;
  y: number;
}>;


export type TestElderCareQuery = { elderCare: { facilities: number | null, beds: number | null, homeServices: { personsServed: number | null, eligiblePersons: number | null, coverage: number | null } } | null };

export type TestAggregateFragment = { regionCode: string, programCode: string, period: string, suppressed: boolean, households: number | null, persons: number | null, personMonths: number | null, amount: string | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const SiteAggregateFragmentDoc = new TypedDocumentString(`
    fragment SiteAggregate on Aggregate {
  regionCode
  programCode
  period
  suppressed
  households
  persons
  personMonths
  amount
}
    `, {"fragmentName":"SiteAggregate"}) as unknown as TypedDocumentString<SiteAggregateFragment, unknown>;
export const SiteElderCareFragmentDoc = new TypedDocumentString(`
    fragment SiteElderCare on PublicElderCare {
  regionCode
  facilities
  beds
  occupiedBeds
  occupancy
  certifiedCaregivers
  byKind {
    kind
    facilities
    beds
    certifiedCaregivers
  }
  starRatings {
    stars
    facilities
  }
  homeServices {
    personsServed
    eligiblePersons
    coverage
  }
  modifications {
    planned
    inProgress
    completed
    target
  }
  inspectionQuarters {
    quarter
    inspections
    jointInspections
    facilitiesInspected
    hazards {
      category
      failedChecks
      found
      fixedOnSpot
      rectified
      stillOpen
      overdue
    }
  }
  hazards {
    category
    failedChecks
    found
    fixedOnSpot
    rectified
    stillOpen
    overdue
  }
}
    `, {"fragmentName":"SiteElderCare"}) as unknown as TypedDocumentString<SiteElderCareFragment, unknown>;
export const TestAggregateFragmentDoc = new TypedDocumentString(`
    fragment TestAggregate on Aggregate {
  regionCode
  programCode
  period
  suppressed
  households
  persons
  personMonths
  amount
}
    `, {"fragmentName":"TestAggregate"}) as unknown as TypedDocumentString<TestAggregateFragment, unknown>;
export const SiteGlobalDocument = new TypedDocumentString(`
    query SiteGlobal {
  releases {
    id
    asOf
    note
  }
  programs {
    code
    name
    category
    description
    disclosure
    unit
    frequency
    minorsOnly
    amountRule
  }
  counties {
    code
    name
    parent {
      name
      parent {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SiteGlobalQuery, SiteGlobalQueryVariables>;
export const SiteCountyDocument = new TypedDocumentString(`
    query SiteCounty($c: String!) {
  region(code: $c) {
    children {
      code
      name
      children {
        code
        name
      }
    }
  }
  standards(countyCode: $c) {
    programCode
    programName
    areaType
    tier
    effectiveMonth
    amount
  }
  reviewCampaigns(countyCode: $c) {
    id
    name
    periodStart
    periodEnd
    reviewedHouseholds
    cancelledHouseholds
    cancelledPersons
    adjustedHouseholds
    adjustedPersons
    newlyApprovedHouseholds
    newlyApprovedPersons
  }
  reviewCampaignTowns(countyCode: $c) {
    campaignId
    townCode
    reviewedHouseholds
    cancelledHouseholds
    cancelledPersons
    adjustedHouseholds
    adjustedPersons
    newlyApprovedHouseholds
    newlyApprovedPersons
  }
}
    `) as unknown as TypedDocumentString<SiteCountyQuery, SiteCountyQueryVariables>;
export const SiteReleaseDocument = new TypedDocumentString(`
    query SiteRelease($r: ID!) {
  releasedMonths(releaseId: $r) {
    countyCode
    month
  }
  releaseChanges(releaseId: $r) {
    countyCode
    programCode
    month
    change
    amountBefore
    amountAfter
    householdsBefore
    householdsAfter
  }
}
    `) as unknown as TypedDocumentString<SiteReleaseQuery, SiteReleaseQueryVariables>;
export const SiteVillageListDocument = new TypedDocumentString(`
    query SiteVillageList($v: String!, $m: Month!, $r: ID!, $first: Int!, $after: String) {
  happinessList(
    villageCode: $v
    month: $m
    releaseId: $r
    first: $first
    after: $after
  ) {
    edges {
      node {
        publicId
        maskedName
        villageCode
        coveredMembers
        total
        totalYearToDate
        programs {
          programCode
          programName
          amount
          yearToDate
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<SiteVillageListQuery, SiteVillageListQueryVariables>;
export const SitePublicityDocument = new TypedDocumentString(`
    query SitePublicity($t: String!, $r: ID!, $first: Int!, $after: String) {
  publicity(townCode: $t, releaseId: $r, first: $first, after: $after) {
    edges {
      node {
        villageCode
        maskedName
        householdSize
        programCode
        programName
        proposedAmount
        publicityStart
        publicityEnd
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<SitePublicityQuery, SitePublicityQueryVariables>;
export const SiteElderFacilitiesDocument = new TypedDocumentString(`
    query SiteElderFacilities($c: String!, $r: ID!, $after: String) {
  elderFacilities(regionCode: $c, releaseId: $r, first: 100, after: $after) {
    edges {
      node {
        id
        name
        kind
        operator
        townCode
        villageCode
        openedOn
        closedOn
        starRating
        starRatedOn
        capacityRecordedOn
        beds
        occupiedBeds
        occupancy
        certifiedCaregivers
        inspections {
          inspectedOn
          jointWithFireBrigade
          categories {
            category
            failedChecks
            found
            fixedOnSpot
            rectified
            stillOpen
            overdue
          }
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<SiteElderFacilitiesQuery, SiteElderFacilitiesQueryVariables>;
export const SiteCountyYearDocument = new TypedDocumentString(`
    query SiteCountyYear($c: String!, $y: Int!, $r: ID!) {
  elderCare(regionCode: $c, year: $y, releaseId: $r) {
    ...SiteElderCare
  }
  elderCareTowns(countyCode: $c, year: $y, releaseId: $r) {
    ...SiteElderCare
  }
  countyYear: countyAggregates(
    countyCode: $c
    year: $y
    level: COUNTY
    periodKind: YEAR
    releaseId: $r
  ) {
    ...SiteAggregate
  }
  countyMonth: countyAggregates(
    countyCode: $c
    year: $y
    level: COUNTY
    periodKind: MONTH
    releaseId: $r
  ) {
    ...SiteAggregate
  }
  townYear: countyAggregates(
    countyCode: $c
    year: $y
    level: TOWN
    periodKind: YEAR
    releaseId: $r
  ) {
    ...SiteAggregate
  }
  townMonth: countyAggregates(
    countyCode: $c
    year: $y
    level: TOWN
    periodKind: MONTH
    releaseId: $r
  ) {
    ...SiteAggregate
  }
  villageYear: countyAggregates(
    countyCode: $c
    year: $y
    level: VILLAGE
    periodKind: YEAR
    releaseId: $r
  ) {
    ...SiteAggregate
  }
  applications: applicationStatistics(regionCode: $c, year: $y, releaseId: $r) {
    programCode
    received
    approved
    rejected
  }
  assistance: assistanceFigures(countyCode: $c, year: $y, releaseId: $r) {
    figure
    code
    outcome
    cases
    amount
  }
  channels: applicationChannels(countyCode: $c, year: $y, releaseId: $r) {
    programCode
    applications
    instant
    instantPercent
    channels {
      channel
      applications
      percent
    }
  }
  decisionTimes(countyCode: $c, year: $y, releaseId: $r) {
    programCode
    decision
    medianDays
  }
  referrals: referralFigures(countyCode: $c, year: $y, releaseId: $r) {
    department
    outcome
    cases
    amount
  }
  coverage(countyCode: $c, year: $y, releaseId: $r) {
    regionCode
    programCode
    suppressed
    persons
    amount
    coveragePercent
    amountPerCapita
    amountPerBeneficiary
    population {
      year
      population
      asOf
      source
      sample
    }
  }
}
    fragment SiteAggregate on Aggregate {
  regionCode
  programCode
  period
  suppressed
  households
  persons
  personMonths
  amount
}
fragment SiteElderCare on PublicElderCare {
  regionCode
  facilities
  beds
  occupiedBeds
  occupancy
  certifiedCaregivers
  byKind {
    kind
    facilities
    beds
    certifiedCaregivers
  }
  starRatings {
    stars
    facilities
  }
  homeServices {
    personsServed
    eligiblePersons
    coverage
  }
  modifications {
    planned
    inProgress
    completed
    target
  }
  inspectionQuarters {
    quarter
    inspections
    jointInspections
    facilitiesInspected
    hazards {
      category
      failedChecks
      found
      fixedOnSpot
      rectified
      stillOpen
      overdue
    }
  }
  hazards {
    category
    failedChecks
    found
    fixedOnSpot
    rectified
    stillOpen
    overdue
  }
}`) as unknown as TypedDocumentString<SiteCountyYearQuery, SiteCountyYearQueryVariables>;
export const TestLayoutVillageDocument = new TypedDocumentString(`
    query TestLayoutVillage($v: String!) {
  region(code: $v) {
    parent {
      code
    }
  }
  releasedMonths {
    month
  }
}
    `) as unknown as TypedDocumentString<TestLayoutVillageQuery, TestLayoutVillageQueryVariables>;
export const TestVillageDocument = new TypedDocumentString(`
    query TestVillage($v: String!) {
  region(code: $v) {
    name
    parent {
      code
      name
    }
  }
  releasedMonths {
    month
  }
}
    `) as unknown as TypedDocumentString<TestVillageQuery, TestVillageQueryVariables>;
export const TestJournalistMonthsDocument = new TypedDocumentString(`
    query TestJournalistMonths($c: String!) {
  releasedMonths(countyCode: $c) {
    month
  }
}
    `) as unknown as TypedDocumentString<TestJournalistMonthsQuery, TestJournalistMonthsQueryVariables>;
export const TestVillageListDocument = new TypedDocumentString(`
    query TestVillageList($v: String!, $m: Month!, $r: ID, $after: String) {
  happinessList(
    villageCode: $v
    month: $m
    releaseId: $r
    first: 50
    after: $after
  ) {
    edges {
      node {
        publicId
        maskedName
        villageCode
        coveredMembers
        total
        totalYearToDate
        programs {
          programCode
          programName
          amount
          yearToDate
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<TestVillageListQuery, TestVillageListQueryVariables>;
export const TestChildAggregatesDocument = new TypedDocumentString(`
    query TestChildAggregates($r: String!, $y: Int!, $k: PeriodKind!) {
  childAggregates(regionCode: $r, year: $y, periodKind: $k) {
    ...TestAggregate
  }
}
    fragment TestAggregate on Aggregate {
  regionCode
  programCode
  period
  suppressed
  households
  persons
  personMonths
  amount
}`) as unknown as TypedDocumentString<TestChildAggregatesQuery, TestChildAggregatesQueryVariables>;
export const TestCountyDocument = new TypedDocumentString(`
    query TestCounty($c: String!) {
  releasedMonths(countyCode: $c) {
    month
  }
  region(code: $c) {
    children {
      code
      name
      children {
        code
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TestCountyQuery, TestCountyQueryVariables>;
export const TestCountyYearDocument = new TypedDocumentString(`
    query TestCountyYear($c: String!, $y: Int!) {
  county: aggregates(regionCode: $c, year: $y, periodKind: YEAR) {
    ...TestAggregate
  }
  towns: childAggregates(regionCode: $c, year: $y, periodKind: MONTH) {
    ...TestAggregate
  }
}
    fragment TestAggregate on Aggregate {
  regionCode
  programCode
  period
  suppressed
  households
  persons
  personMonths
  amount
}`) as unknown as TypedDocumentString<TestCountyYearQuery, TestCountyYearQueryVariables>;
export const TestProgramMonthsDocument = new TypedDocumentString(`
    query TestProgramMonths($c: String!, $y: Int!, $p: String!, $r: ID) {
  aggregates(
    regionCode: $c
    year: $y
    periodKind: MONTH
    programCode: $p
    releaseId: $r
  ) {
    ...TestAggregate
  }
}
    fragment TestAggregate on Aggregate {
  regionCode
  programCode
  period
  suppressed
  households
  persons
  personMonths
  amount
}`) as unknown as TypedDocumentString<TestProgramMonthsQuery, TestProgramMonthsQueryVariables>;
export const TestCountyAggregatesDocument = new TypedDocumentString(`
    query TestCountyAggregates($c: String!, $y: Int!, $l: RegionLevel!, $k: PeriodKind!) {
  countyAggregates(countyCode: $c, year: $y, level: $l, periodKind: $k) {
    ...TestAggregate
  }
}
    fragment TestAggregate on Aggregate {
  regionCode
  programCode
  period
  suppressed
  households
  persons
  personMonths
  amount
}`) as unknown as TypedDocumentString<TestCountyAggregatesQuery, TestCountyAggregatesQueryVariables>;
export const TestReleasedMonthsDocument = new TypedDocumentString(`
    query TestReleasedMonths($c: String!, $r: ID!) {
  releasedMonths(countyCode: $c, releaseId: $r) {
    month
  }
}
    `) as unknown as TypedDocumentString<TestReleasedMonthsQuery, TestReleasedMonthsQueryVariables>;
export const TestVillageHouseholdsDocument = new TypedDocumentString(`
    query TestVillageHouseholds($c: String!, $r: ID!, $y: Int!) {
  countyAggregates(
    countyCode: $c
    year: $y
    level: VILLAGE
    periodKind: YEAR
    releaseId: $r
  ) {
    regionCode
    programCode
    households
  }
}
    `) as unknown as TypedDocumentString<TestVillageHouseholdsQuery, TestVillageHouseholdsQueryVariables>;
export const TestElderCareDocument = new TypedDocumentString(`
    query TestElderCare($c: String!, $y: Int!) {
  elderCare(regionCode: $c, year: $y) {
    facilities
    beds
    homeServices {
      personsServed
      eligiblePersons
      coverage
    }
  }
}
    `) as unknown as TypedDocumentString<TestElderCareQuery, TestElderCareQueryVariables>;