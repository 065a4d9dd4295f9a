import { LISTING_PAGE_SIZE, PREBUILT_RELEASES } from '../data/site-config.js';
import { toFen } from './money.js';
import { graphql } from '../gql/index.js';
import type {
  SiteAggregateFragment,
  SiteElderCareFragment,
  SiteElderFacilitiesQuery,
  SiteCountyQuery,
  SiteCountyYearQuery,
  SiteGlobalQuery,
  SiteReleaseQuery,
  SiteVillageListQuery,
  SitePublicityQuery,
  SitePublicityQueryVariables,
  SiteVillageListQueryVariables,
} from '../gql/graphql.js';
import { publicQuery } from './public-api.js';

/**
 * Everything the site shows, read from the public API once per build:
 *
 *   1 (releases, programs, counties)
 * + 1 per county (its regions down to villages, standards, re-review campaigns)
 * + 1 per release (its months and changelog)
 * + 1 per built release, county with released months and year of them (every aggregate of the
 *   county at county, town and village level for the year, its application statistics and the
 *   figures of data-driven assistance, through the bulk query countyAggregates)
 * + per built release, for every village with households of a listed program in the year: its
 *   幸福清单 of the latest released month, page by page (happinessList, LISTING_PAGE_SIZE rows a
 *   page, site-config.ts) — the public API serves the 幸福清单 per village and paged only (docs/disclosure.md);
 * + per built release, for every town of a county with released months: its 公示 on the release's
 *   as-of date, page by page (publicity, the same page size; per town only).
 *
 * Pages and data files all call `loadSite()`, which is memoised: one build, one snapshot.
 */

/** happinessList requests in flight at once, for the whole build. */
const LISTING_CONCURRENCY = 6;

/*
 * The answers' types come from the queries below (src/gql, generated from schema/public.graphql);
 * the site's own types are those answers with money as integer fen (bigint) instead of yuan strings.
 */
type ListedNode = SiteVillageListQuery['happinessList']['edges'][number]['node'];
type ListedProgram = ListedNode['programs'][number];

export type Release = SiteGlobalQuery['releases'][number];
export type Program = SiteGlobalQuery['programs'][number] & { order: number };
export type Disclosure = Program['disclosure'];
type CountyRegions = NonNullable<SiteCountyQuery['region']>['children'][number];
export type Village = CountyRegions['children'][number];
export type Town = Omit<CountyRegions, 'children'> & { villages: Village[] };
export type Standard = Omit<SiteCountyQuery['standards'][number], 'amount'> & { amountFen: bigint };
/** A re-review campaign; a null figure is suppressed (a campaign that reviewed a program counted only). */
export type ReviewCampaign = SiteCountyQuery['reviewCampaigns'][number];

export type ReviewTown = SiteCountyQuery['reviewCampaignTowns'][number];

export interface County {
  code: string;
  name: string;
  province: string;
  city: string;
  towns: Town[];
  standards: Standard[];
  reviews: ReviewCampaign[];
  /** The campaigns' results per town (null: suppressed). */
  reviewTowns: ReviewTown[];
}

/** One cell of the rollups: suppressed cells have null figures. */
export type Aggregate = Omit<SiteAggregateFragment, 'amount'> & { amountFen: bigint | null };

/** Applications of a program; a null figure is suppressed (programs counted only). */
export type ApplicationStats = SiteCountyYearQuery['applications'][number];

/** A figure of data-driven assistance (cross-checks, 政策找人, 秒批, 先行救助); null figures are suppressed. */
export type AssistanceFigure = Omit<SiteCountyYearQuery['assistance'][number], 'amount'> & { amountFen: bigint | null };
/** Applications of a program by channel, with the 秒批 share; null figures are suppressed. */
export type ProgramChannels = SiteCountyYearQuery['channels'][number];
/** Median days from application to decision of a program, approved or rejected; null when suppressed. */
export type DecisionTime = SiteCountyYearQuery['decisionTimes'][number];
/** 社会大救助 referrals to a department by outcome; null figures are suppressed. */
export type ReferralFigure = Omit<SiteCountyYearQuery['referrals'][number], 'amount'> & { amountFen: bigint | null };
/** Coverage of a region and program: null figures are suppressed (or, for the rates, no population is loaded). */
export type Coverage = Omit<SiteCountyYearQuery['coverage'][number], 'amount' | 'amountPerCapita' | 'amountPerBeneficiary'> & {
  amountFen: bigint | null;
  perCapitaFen: bigint | null;
  perBeneficiaryFen: bigint | null;
};

/** An application under 公示 on the release's as-of date (listed programs only, the name masked). */
export type PublicityNotice = Omit<SitePublicityQuery['publicity']['edges'][number]['node'], 'proposedAmount'> & {
  proposedFen: bigint | null;
};

export type ListedAmount = Omit<ListedProgram, 'amount' | 'yearToDate'> & { amountFen: bigint; yearToDateFen: bigint };

export type ListedHousehold = Omit<ListedNode, 'total' | 'totalYearToDate' | 'programs'> & {
  programs: ListedAmount[];
  totalFen: bigint;
  totalYearToDateFen: bigint;
};

/** Elder care of a county or town (facilities as of the release; services and inspections of the year); null figures are suppressed. */
export type ElderCare = SiteElderCareFragment;
/** A facility as the release froze it, with its inspection record. */
export type ElderFacility = SiteElderFacilitiesQuery['elderFacilities']['edges'][number]['node'];

export interface YearFigures {
  /** Elder care of the county (null when the release holds none) and of its towns. */
  elderCare: ElderCare | null;
  elderCareTowns: ElderCare[];
  countyYear: Aggregate[];
  countyMonth: Aggregate[];
  townYear: Aggregate[];
  townMonth: Aggregate[];
  villageYear: Aggregate[];
  applications: ApplicationStats[];
  assistance: AssistanceFigure[];
  /** Applications by program and channel, with the 秒批 share. */
  channels: ProgramChannels[];
  decisionTimes: DecisionTime[];
  referrals: ReferralFigure[];
  /** Coverage (保障率) and per-capita amounts of the county and its towns, per program. */
  coverage: Coverage[];
}

export interface CountyRelease {
  county: County;
  /** Released months, "YYYY-MM", ascending. */
  months: string[];
  years: number[];
  latestYear: number;
  latestMonth: string;
  figures: Map<number, YearFigures>;
  /** The 幸福清单 of latestMonth, every village of the county with listed households, by village and public id. */
  listing: ListedHousehold[];
  /** The county's elder-care facilities as the release froze them, by id. */
  elderFacilities: ElderFacility[];
  /** 公示 on the release's as-of date, by town (every town of the county, empty when none). */
  publicity: Map<string, PublicityNotice[]>;
}

export type ReleaseChange = Omit<SiteReleaseQuery['releaseChanges'][number], 'amountBefore' | 'amountAfter'> & {
  amountBeforeFen: bigint | null;
  amountAfterFen: bigint | null;
};

/**
 * One built copy of the site: the plain URLs (prefix '') show the latest release; each of the
 * newest releases is also built under /releases/{id}/.
 */
export interface Edition {
  prefix: string;
  release: Release | null;
  latest: boolean;
  /** Counties with released months in this release. */
  counties: Map<string, CountyRelease>;
}

export interface Site {
  releases: Release[];
  latest: Release | null;
  programs: Program[];
  programByCode: Map<string, Program>;
  counties: County[];
  countyByCode: Map<string, County>;
  editions: Edition[];
  /** Changelog and released months of every release, built or not. */
  changes: Map<string, ReleaseChange[]>;
  releasedMonths: Map<string, { countyCode: string; month: string }[]>;
  builtReleases: Set<string>;
}

/** The figures of one cell, spread into SiteCountyYear (the generated document carries it along). */
graphql(`
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
`);

const aggregate = ({ amount, ...a }: SiteAggregateFragment): Aggregate => ({ ...a, amountFen: amount === null ? null : toFen(amount) });

const SiteGlobal = graphql(`
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
`);

const SiteCounty = graphql(`
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
`);

async function loadCounty(code: string, name: string, city: string, province: string): Promise<County> {
  const data = await publicQuery(SiteCounty, { c: code });
  return {
    code,
    name,
    city,
    province,
    towns: (data.region?.children ?? []).map((t) => ({ code: t.code, name: t.name, villages: t.children })),
    standards: data.standards.map(({ amount, ...s }) => ({ ...s, amountFen: toFen(amount) })),
    reviews: data.reviewCampaigns,
    reviewTowns: data.reviewCampaignTowns,
  };
}

const SiteRelease = graphql(`
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
`);

async function loadReleaseIndex(releaseId: string) {
  const data = await publicQuery(SiteRelease, { r: releaseId });
  return {
    months: data.releasedMonths,
    changes: data.releaseChanges.map(({ amountBefore, amountAfter, ...c }) => ({
      ...c,
      amountBeforeFen: amountBefore === null ? null : toFen(amountBefore),
      amountAfterFen: amountAfter === null ? null : toFen(amountAfter),
    })),
  };
}

/** At most `limit` calls in flight at once, across the whole build (all counties and releases). */
function limited(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <R>(task: () => Promise<R>): Promise<R> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

const listingSlot = limited(LISTING_CONCURRENCY);

const listed = ({ total, totalYearToDate, programs, ...h }: ListedNode): ListedHousehold => ({
  ...h,
  totalFen: toFen(total),
  totalYearToDateFen: toFen(totalYearToDate),
  programs: programs.map(({ amount, yearToDate, ...p }) => ({ ...p, amountFen: toFen(amount), yearToDateFen: toFen(yearToDate) })),
});

const SiteVillageList = graphql(`
  query SiteVillageList($v: String!, $m: Month!, $r: ID!, $first: Int!, $after: String) {
    happinessList(villageCode: $v, month: $m, releaseId: $r, first: $first, after: $after) {
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
`);

/** A village's 幸福清单 of a month, every page of it (the API answers one page per request). */
async function loadVillageListing(village: string, month: string, releaseId: string): Promise<ListedHousehold[]> {
  const rows: ListedHousehold[] = [];
  let after: string | null = null;
  for (;;) {
    const variables: SiteVillageListQueryVariables = { v: village, m: month, r: releaseId, first: LISTING_PAGE_SIZE, after };
    const { happinessList } = await listingSlot(() => publicQuery(SiteVillageList, variables));
    rows.push(...happinessList.edges.map((e) => listed(e.node)));
    if (!happinessList.pageInfo.hasNextPage) return rows;
    after = happinessList.pageInfo.endCursor ?? null;
  }
}

const SitePublicity = graphql(`
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
`);

/** A town's 公示 as the release froze it, every page of it (the API answers one page per request). */
async function loadTownPublicity(town: string, releaseId: string): Promise<PublicityNotice[]> {
  const rows: PublicityNotice[] = [];
  let after: string | null = null;
  for (;;) {
    const variables: SitePublicityQueryVariables = { t: town, r: releaseId, first: LISTING_PAGE_SIZE, after };
    const { publicity } = await listingSlot(() => publicQuery(SitePublicity, variables));
    rows.push(
      ...publicity.edges.map(({ node: { proposedAmount, ...n } }) => ({
        ...n,
        proposedFen: proposedAmount === null ? null : toFen(proposedAmount),
      })),
    );
    if (!publicity.pageInfo.hasNextPage) return rows;
    after = publicity.pageInfo.endCursor ?? null;
  }
}

/**
 * Villages whose 幸福清单 can have rows: those with households of a listed program in the year
 * (listed programs are never suppressed; a suppressed cell is asked for all the same).
 */
export function villagesWithListing(site: { programByCode: Map<string, Program> }, villageYear: Aggregate[]): string[] {
  const codes = villageYear
    .filter((a) => site.programByCode.get(a.programCode)?.disclosure === 'LISTED' && (a.suppressed || (a.households ?? 0) > 0))
    .map((a) => a.regionCode);
  return [...new Set(codes)].sort();
}

/** Elder care of a county or town, spread into SiteCountyYear. */
graphql(`
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
`);

const SiteElderFacilities = graphql(`
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
`);

/** A county's facilities, every page. */
async function loadElderFacilities(county: string, releaseId: string): Promise<ElderFacility[]> {
  const facilities: ElderFacility[] = [];
  let after: string | null = null;
  for (;;) {
    const { elderFacilities }: SiteElderFacilitiesQuery = await publicQuery(SiteElderFacilities, { c: county, r: releaseId, after });
    facilities.push(...elderFacilities.edges.map((e) => e.node));
    if (!elderFacilities.pageInfo.hasNextPage) return facilities;
    after = elderFacilities.pageInfo.endCursor ?? null;
  }
}

/** Every figure of a county for one released year: county, town and village rollups, applications and elder care. */
const SiteCountyYear = graphql(`
  query SiteCountyYear($c: String!, $y: Int!, $r: ID!) {
    elderCare(regionCode: $c, year: $y, releaseId: $r) {
      ...SiteElderCare
    }
    elderCareTowns(countyCode: $c, year: $y, releaseId: $r) {
      ...SiteElderCare
    }
    countyYear: countyAggregates(countyCode: $c, year: $y, level: COUNTY, periodKind: YEAR, releaseId: $r) {
      ...SiteAggregate
    }
    countyMonth: countyAggregates(countyCode: $c, year: $y, level: COUNTY, periodKind: MONTH, releaseId: $r) {
      ...SiteAggregate
    }
    townYear: countyAggregates(countyCode: $c, year: $y, level: TOWN, periodKind: YEAR, releaseId: $r) {
      ...SiteAggregate
    }
    townMonth: countyAggregates(countyCode: $c, year: $y, level: TOWN, periodKind: MONTH, releaseId: $r) {
      ...SiteAggregate
    }
    villageYear: countyAggregates(countyCode: $c, year: $y, level: VILLAGE, periodKind: YEAR, releaseId: $r) {
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
`);

async function loadYear(county: County, year: number, releaseId: string): Promise<YearFigures> {
  const data = await publicQuery(SiteCountyYear, { c: county.code, y: year, r: releaseId });
  return {
    elderCare: data.elderCare ?? null,
    elderCareTowns: data.elderCareTowns,
    countyYear: data.countyYear.map(aggregate),
    countyMonth: data.countyMonth.map(aggregate),
    townYear: data.townYear.map(aggregate),
    townMonth: data.townMonth.map(aggregate),
    villageYear: data.villageYear.map(aggregate),
    applications: data.applications,
    assistance: data.assistance.map(({ amount, ...a }) => ({ ...a, amountFen: amount === null ? null : toFen(amount) })),
    channels: data.channels,
    decisionTimes: data.decisionTimes,
    referrals: data.referrals.map(({ amount, ...r }) => ({ ...r, amountFen: amount === null ? null : toFen(amount) })),
    coverage: data.coverage.map(({ amount, amountPerCapita, amountPerBeneficiary, ...c }) => ({
      ...c,
      amountFen: amount === null ? null : toFen(amount),
      perCapitaFen: amountPerCapita === null ? null : toFen(amountPerCapita),
      perBeneficiaryFen: amountPerBeneficiary === null ? null : toFen(amountPerBeneficiary),
    })),
  };
}

/**
 * What a snapshot reads. The site reads everything; the downloads (/data/) are made of the
 * aggregates, standards, re-reviews and elder care alone — no download holds a 幸福清单 row or a
 * 公示 — so a snapshot for the downloads only (`listings: false`) leaves those two out and its
 * /data/ files are byte for byte the built site's (tests/support/public-downloads.ts; checked
 * against a real build in tests/site/journalist.test.ts).
 */
export interface LoadOptions {
  /** Read every village's 幸福清单 and every town's 公示 (the pages need them; the downloads do not). */
  listings: boolean;
}

async function loadCountyRelease(
  county: County,
  releaseId: string,
  months: string[],
  programByCode: Map<string, Program>,
  options: LoadOptions,
): Promise<CountyRelease> {
  const years = [...new Set(months.map((m) => Number(m.slice(0, 4))))].sort((a, b) => a - b);
  const latestMonth = months[months.length - 1]!;
  const figures = new Map(await Promise.all(years.map(async (y) => [y, await loadYear(county, y, releaseId)] as const)));
  const latestYear = years[years.length - 1]!;
  const villages = options.listings ? villagesWithListing({ programByCode }, figures.get(latestYear)!.villageYear) : [];
  const listing = (await Promise.all(villages.map((v) => loadVillageListing(v, latestMonth, releaseId)))).flat();
  const elderFacilities = await loadElderFacilities(county.code, releaseId);
  const towns = options.listings ? county.towns : [];
  const notices = await Promise.all(towns.map((t) => loadTownPublicity(t.code, releaseId)));
  const publicity = new Map(towns.map((t, i) => [t.code, notices[i]!]));
  return { county, months, years, latestYear, latestMonth, figures, listing, elderFacilities, publicity };
}

/** A snapshot of the public API (not memoised: `loadSite` is the build's one snapshot). */
export async function loadSnapshot(options: LoadOptions): Promise<Site> {
  const global = await publicQuery(SiteGlobal, {});
  const programs = global.programs.map((p, order) => ({ ...p, order }));
  const programByCode = new Map(programs.map((p) => [p.code, p]));
  const counties = await Promise.all(
    global.counties.map((c) => {
      const city = c.parent?.name === '市辖区' || c.parent?.name === '县' ? '' : (c.parent?.name ?? '');
      return loadCounty(c.code, c.name, city, c.parent?.parent?.name ?? '');
    }),
  );
  const countyByCode = new Map(counties.map((c) => [c.code, c]));
  const releases = global.releases;
  const indexes = await Promise.all(releases.map((r) => loadReleaseIndex(r.id)));
  const changes = new Map(releases.map((r, i) => [r.id, indexes[i]!.changes]));
  const releasedMonths = new Map(releases.map((r, i) => [r.id, indexes[i]!.months]));
  // every release keeps its copy for ever: built here, or kept from an earlier build (prebuilt);
  // the latest is always loaded for the plain URLs
  const built = releases.filter((r, i) => i === 0 || !PREBUILT_RELEASES.has(r.id));
  const countiesOf = async (release: Release): Promise<Map<string, CountyRelease>> => {
    const byCounty = new Map<string, string[]>();
    for (const m of releasedMonths.get(release.id) ?? []) byCounty.set(m.countyCode, [...(byCounty.get(m.countyCode) ?? []), m.month]);
    const loaded = await Promise.all(
      [...byCounty].flatMap(([code, months]) => {
        const county = countyByCode.get(code);
        return county ? [loadCountyRelease(county, release.id, [...months].sort(), programByCode, options)] : [];
      }),
    );
    return new Map(loaded.map((c) => [c.county.code, c]));
  };
  const builtCounties = await Promise.all(built.map(countiesOf));
  const editions: Edition[] = built.flatMap((release, i) =>
    PREBUILT_RELEASES.has(release.id) ? [] : [{ prefix: `/releases/${release.id}`, release, latest: i === 0, counties: builtCounties[i]! }],
  );
  // The plain URLs: the latest release (the same snapshot as its /releases/{id}/ copy), or none.
  editions.unshift({ prefix: '', release: built[0] ?? null, latest: true, counties: builtCounties[0] ?? new Map<string, CountyRelease>() });
  return {
    releases,
    latest: releases[0] ?? null,
    programs,
    programByCode,
    counties,
    countyByCode,
    editions,
    changes,
    releasedMonths,
    builtReleases: new Set(releases.map((r) => r.id)),
  };
}

let site: Promise<Site> | undefined;

/** The snapshot of this build (loaded on first use). */
export function loadSite(): Promise<Site> {
  site ??= loadSnapshot({ listings: true });
  return site;
}

/** Astro's rest parameter for an edition: undefined for the plain URLs. */
export function editionParam(edition: Edition): string | undefined {
  return edition.prefix ? edition.prefix.slice(1) : undefined;
}

export function editionOf(site: Site, rel: string | undefined): Edition {
  const edition = site.editions.find((e) => editionParam(e) === rel);
  if (!edition) throw new Error(`No edition ${rel}`);
  return edition;
}
