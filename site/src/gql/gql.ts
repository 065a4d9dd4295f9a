/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment SiteAggregate on Aggregate {\n    regionCode\n    programCode\n    period\n    suppressed\n    households\n    persons\n    personMonths\n    amount\n  }\n": typeof types.SiteAggregateFragmentDoc,
    "\n  query SiteGlobal {\n    releases {\n      id\n      asOf\n      note\n    }\n    programs {\n      code\n      name\n      category\n      description\n      disclosure\n      unit\n      frequency\n      minorsOnly\n      amountRule\n    }\n    counties {\n      code\n      name\n      parent {\n        name\n        parent {\n          name\n        }\n      }\n    }\n  }\n": typeof types.SiteGlobalDocument,
    "\n  query SiteCounty($c: String!) {\n    region(code: $c) {\n      children {\n        code\n        name\n        children {\n          code\n          name\n        }\n      }\n    }\n    standards(countyCode: $c) {\n      programCode\n      programName\n      areaType\n      tier\n      effectiveMonth\n      amount\n    }\n    reviewCampaigns(countyCode: $c) {\n      id\n      name\n      periodStart\n      periodEnd\n      reviewedHouseholds\n      cancelledHouseholds\n      cancelledPersons\n      adjustedHouseholds\n      adjustedPersons\n      newlyApprovedHouseholds\n      newlyApprovedPersons\n    }\n  }\n": typeof types.SiteCountyDocument,
    "\n  query SiteRelease($r: ID!) {\n    releasedMonths(releaseId: $r) {\n      countyCode\n      month\n    }\n    releaseChanges(releaseId: $r) {\n      countyCode\n      programCode\n      month\n      change\n      amountBefore\n      amountAfter\n      householdsBefore\n      householdsAfter\n    }\n  }\n": typeof types.SiteReleaseDocument,
    "\n  query SiteVillageList($v: String!, $m: Month!, $r: ID!, $first: Int!, $after: String) {\n    happinessList(villageCode: $v, month: $m, releaseId: $r, first: $first, after: $after) {\n      edges {\n        node {\n          publicId\n          maskedName\n          villageCode\n          coveredMembers\n          total\n          totalYearToDate\n          programs {\n            programCode\n            programName\n            amount\n            yearToDate\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.SiteVillageListDocument,
    "\n  query SiteCountyYear($c: String!, $y: Int!, $r: ID!) {\n    countyYear: countyAggregates(countyCode: $c, year: $y, level: COUNTY, periodKind: YEAR, releaseId: $r) {\n      ...SiteAggregate\n    }\n    countyMonth: countyAggregates(countyCode: $c, year: $y, level: COUNTY, periodKind: MONTH, releaseId: $r) {\n      ...SiteAggregate\n    }\n    townYear: countyAggregates(countyCode: $c, year: $y, level: TOWN, periodKind: YEAR, releaseId: $r) {\n      ...SiteAggregate\n    }\n    townMonth: countyAggregates(countyCode: $c, year: $y, level: TOWN, periodKind: MONTH, releaseId: $r) {\n      ...SiteAggregate\n    }\n    villageYear: countyAggregates(countyCode: $c, year: $y, level: VILLAGE, periodKind: YEAR, releaseId: $r) {\n      ...SiteAggregate\n    }\n    applications: applicationStatistics(regionCode: $c, year: $y, releaseId: $r) {\n      programCode\n      received\n      approved\n      rejected\n    }\n    coverage(countyCode: $c, year: $y, releaseId: $r) {\n      regionCode\n      programCode\n      suppressed\n      persons\n      amount\n      coveragePercent\n      amountPerCapita\n      amountPerBeneficiary\n      population {\n        year\n        population\n        asOf\n        source\n        sample\n      }\n    }\n  }\n": typeof types.SiteCountyYearDocument,
    "\n        query TestLayoutVillage($v: String!) {\n          region(code: $v) {\n            parent {\n              code\n            }\n          }\n          releasedMonths {\n            month\n          }\n        }\n      ": typeof types.TestLayoutVillageDocument,
    "\n        query TestVillage($v: String!) {\n          region(code: $v) {\n            name\n            parent {\n              code\n              name\n            }\n          }\n          releasedMonths {\n            month\n          }\n        }\n      ": typeof types.TestVillageDocument,
    "\n      query TestJournalistMonths($c: String!) {\n        releasedMonths(countyCode: $c) {\n          month\n        }\n      }\n    ": typeof types.TestJournalistMonthsDocument,
    "\n  query TestVillageList($v: String!, $m: Month!, $r: ID, $after: String) {\n    happinessList(villageCode: $v, month: $m, releaseId: $r, first: 50, after: $after) {\n      edges {\n        node {\n          publicId\n          maskedName\n          villageCode\n          coveredMembers\n          total\n          totalYearToDate\n          programs {\n            programCode\n            programName\n            amount\n            yearToDate\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.TestVillageListDocument,
    "\n  query TestChildAggregates($r: String!, $y: Int!, $k: PeriodKind!) {\n    childAggregates(regionCode: $r, year: $y, periodKind: $k) {\n      ...TestAggregate\n    }\n  }\n": typeof types.TestChildAggregatesDocument,
    "\n      query TestCounty($c: String!) {\n        releasedMonths(countyCode: $c) {\n          month\n        }\n        region(code: $c) {\n          children {\n            code\n            name\n            children {\n              code\n              name\n            }\n          }\n        }\n      }\n    ": typeof types.TestCountyDocument,
    "\n          query TestCountyYear($c: String!, $y: Int!) {\n            county: aggregates(regionCode: $c, year: $y, periodKind: YEAR) {\n              ...TestAggregate\n            }\n            towns: childAggregates(regionCode: $c, year: $y, periodKind: MONTH) {\n              ...TestAggregate\n            }\n          }\n        ": typeof types.TestCountyYearDocument,
    "\n        query TestProgramMonths($c: String!, $y: Int!, $p: String!, $r: ID) {\n          aggregates(regionCode: $c, year: $y, periodKind: MONTH, programCode: $p, releaseId: $r) {\n            ...TestAggregate\n          }\n        }\n      ": typeof types.TestProgramMonthsDocument,
    "\n            query TestCountyAggregates($c: String!, $y: Int!, $l: RegionLevel!, $k: PeriodKind!) {\n              countyAggregates(countyCode: $c, year: $y, level: $l, periodKind: $k) {\n                ...TestAggregate\n              }\n            }\n          ": typeof types.TestCountyAggregatesDocument,
    "\n          query TestReleasedMonths($c: String!, $r: ID!) {\n            releasedMonths(countyCode: $c, releaseId: $r) {\n              month\n            }\n          }\n        ": typeof types.TestReleasedMonthsDocument,
    "\n          query TestVillageHouseholds($c: String!, $r: ID!, $y: Int!) {\n            countyAggregates(countyCode: $c, year: $y, level: VILLAGE, periodKind: YEAR, releaseId: $r) {\n              regionCode\n              programCode\n              households\n            }\n          }\n        ": typeof types.TestVillageHouseholdsDocument,
    "\n  fragment TestAggregate on Aggregate {\n    regionCode\n    programCode\n    period\n    suppressed\n    households\n    persons\n    personMonths\n    amount\n  }\n": typeof types.TestAggregateFragmentDoc,
};
const documents: Documents = {
    "\n  fragment SiteAggregate on Aggregate {\n    regionCode\n    programCode\n    period\n    suppressed\n    households\n    persons\n    personMonths\n    amount\n  }\n": types.SiteAggregateFragmentDoc,
    "\n  query SiteGlobal {\n    releases {\n      id\n      asOf\n      note\n    }\n    programs {\n      code\n      name\n      category\n      description\n      disclosure\n      unit\n      frequency\n      minorsOnly\n      amountRule\n    }\n    counties {\n      code\n      name\n      parent {\n        name\n        parent {\n          name\n        }\n      }\n    }\n  }\n": types.SiteGlobalDocument,
    "\n  query SiteCounty($c: String!) {\n    region(code: $c) {\n      children {\n        code\n        name\n        children {\n          code\n          name\n        }\n      }\n    }\n    standards(countyCode: $c) {\n      programCode\n      programName\n      areaType\n      tier\n      effectiveMonth\n      amount\n    }\n    reviewCampaigns(countyCode: $c) {\n      id\n      name\n      periodStart\n      periodEnd\n      reviewedHouseholds\n      cancelledHouseholds\n      cancelledPersons\n      adjustedHouseholds\n      adjustedPersons\n      newlyApprovedHouseholds\n      newlyApprovedPersons\n    }\n  }\n": types.SiteCountyDocument,
    "\n  query SiteRelease($r: ID!) {\n    releasedMonths(releaseId: $r) {\n      countyCode\n      month\n    }\n    releaseChanges(releaseId: $r) {\n      countyCode\n      programCode\n      month\n      change\n      amountBefore\n      amountAfter\n      householdsBefore\n      householdsAfter\n    }\n  }\n": types.SiteReleaseDocument,
    "\n  query SiteVillageList($v: String!, $m: Month!, $r: ID!, $first: Int!, $after: String) {\n    happinessList(villageCode: $v, month: $m, releaseId: $r, first: $first, after: $after) {\n      edges {\n        node {\n          publicId\n          maskedName\n          villageCode\n          coveredMembers\n          total\n          totalYearToDate\n          programs {\n            programCode\n            programName\n            amount\n            yearToDate\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.SiteVillageListDocument,
    "\n  query SiteCountyYear($c: String!, $y: Int!, $r: ID!) {\n    countyYear: countyAggregates(countyCode: $c, year: $y, level: COUNTY, periodKind: YEAR, releaseId: $r) {\n      ...SiteAggregate\n    }\n    countyMonth: countyAggregates(countyCode: $c, year: $y, level: COUNTY, periodKind: MONTH, releaseId: $r) {\n      ...SiteAggregate\n    }\n    townYear: countyAggregates(countyCode: $c, year: $y, level: TOWN, periodKind: YEAR, releaseId: $r) {\n      ...SiteAggregate\n    }\n    townMonth: countyAggregates(countyCode: $c, year: $y, level: TOWN, periodKind: MONTH, releaseId: $r) {\n      ...SiteAggregate\n    }\n    villageYear: countyAggregates(countyCode: $c, year: $y, level: VILLAGE, periodKind: YEAR, releaseId: $r) {\n      ...SiteAggregate\n    }\n    applications: applicationStatistics(regionCode: $c, year: $y, releaseId: $r) {\n      programCode\n      received\n      approved\n      rejected\n    }\n    coverage(countyCode: $c, year: $y, releaseId: $r) {\n      regionCode\n      programCode\n      suppressed\n      persons\n      amount\n      coveragePercent\n      amountPerCapita\n      amountPerBeneficiary\n      population {\n        year\n        population\n        asOf\n        source\n        sample\n      }\n    }\n  }\n": types.SiteCountyYearDocument,
    "\n        query TestLayoutVillage($v: String!) {\n          region(code: $v) {\n            parent {\n              code\n            }\n          }\n          releasedMonths {\n            month\n          }\n        }\n      ": types.TestLayoutVillageDocument,
    "\n        query TestVillage($v: String!) {\n          region(code: $v) {\n            name\n            parent {\n              code\n              name\n            }\n          }\n          releasedMonths {\n            month\n          }\n        }\n      ": types.TestVillageDocument,
    "\n      query TestJournalistMonths($c: String!) {\n        releasedMonths(countyCode: $c) {\n          month\n        }\n      }\n    ": types.TestJournalistMonthsDocument,
    "\n  query TestVillageList($v: String!, $m: Month!, $r: ID, $after: String) {\n    happinessList(villageCode: $v, month: $m, releaseId: $r, first: 50, after: $after) {\n      edges {\n        node {\n          publicId\n          maskedName\n          villageCode\n          coveredMembers\n          total\n          totalYearToDate\n          programs {\n            programCode\n            programName\n            amount\n            yearToDate\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.TestVillageListDocument,
    "\n  query TestChildAggregates($r: String!, $y: Int!, $k: PeriodKind!) {\n    childAggregates(regionCode: $r, year: $y, periodKind: $k) {\n      ...TestAggregate\n    }\n  }\n": types.TestChildAggregatesDocument,
    "\n      query TestCounty($c: String!) {\n        releasedMonths(countyCode: $c) {\n          month\n        }\n        region(code: $c) {\n          children {\n            code\n            name\n            children {\n              code\n              name\n            }\n          }\n        }\n      }\n    ": types.TestCountyDocument,
    "\n          query TestCountyYear($c: String!, $y: Int!) {\n            county: aggregates(regionCode: $c, year: $y, periodKind: YEAR) {\n              ...TestAggregate\n            }\n            towns: childAggregates(regionCode: $c, year: $y, periodKind: MONTH) {\n              ...TestAggregate\n            }\n          }\n        ": types.TestCountyYearDocument,
    "\n        query TestProgramMonths($c: String!, $y: Int!, $p: String!, $r: ID) {\n          aggregates(regionCode: $c, year: $y, periodKind: MONTH, programCode: $p, releaseId: $r) {\n            ...TestAggregate\n          }\n        }\n      ": types.TestProgramMonthsDocument,
    "\n            query TestCountyAggregates($c: String!, $y: Int!, $l: RegionLevel!, $k: PeriodKind!) {\n              countyAggregates(countyCode: $c, year: $y, level: $l, periodKind: $k) {\n                ...TestAggregate\n              }\n            }\n          ": types.TestCountyAggregatesDocument,
    "\n          query TestReleasedMonths($c: String!, $r: ID!) {\n            releasedMonths(countyCode: $c, releaseId: $r) {\n              month\n            }\n          }\n        ": types.TestReleasedMonthsDocument,
    "\n          query TestVillageHouseholds($c: String!, $r: ID!, $y: Int!) {\n            countyAggregates(countyCode: $c, year: $y, level: VILLAGE, periodKind: YEAR, releaseId: $r) {\n              regionCode\n              programCode\n              households\n            }\n          }\n        ": types.TestVillageHouseholdsDocument,
    "\n  fragment TestAggregate on Aggregate {\n    regionCode\n    programCode\n    period\n    suppressed\n    households\n    persons\n    personMonths\n    amount\n  }\n": types.TestAggregateFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SiteAggregate on Aggregate {\n    regionCode\n    programCode\n    period\n    suppressed\n    households\n    persons\n    personMonths\n    amount\n  }\n"): typeof import('./graphql.js').SiteAggregateFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SiteGlobal {\n    releases {\n      id\n      asOf\n      note\n    }\n    programs {\n      code\n      name\n      category\n      description\n      disclosure\n      unit\n      frequency\n      minorsOnly\n      amountRule\n    }\n    counties {\n      code\n      name\n      parent {\n        name\n        parent {\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').SiteGlobalDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SiteCounty($c: String!) {\n    region(code: $c) {\n      children {\n        code\n        name\n        children {\n          code\n          name\n        }\n      }\n    }\n    standards(countyCode: $c) {\n      programCode\n      programName\n      areaType\n      tier\n      effectiveMonth\n      amount\n    }\n    reviewCampaigns(countyCode: $c) {\n      id\n      name\n      periodStart\n      periodEnd\n      reviewedHouseholds\n      cancelledHouseholds\n      cancelledPersons\n      adjustedHouseholds\n      adjustedPersons\n      newlyApprovedHouseholds\n      newlyApprovedPersons\n    }\n  }\n"): typeof import('./graphql.js').SiteCountyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SiteRelease($r: ID!) {\n    releasedMonths(releaseId: $r) {\n      countyCode\n      month\n    }\n    releaseChanges(releaseId: $r) {\n      countyCode\n      programCode\n      month\n      change\n      amountBefore\n      amountAfter\n      householdsBefore\n      householdsAfter\n    }\n  }\n"): typeof import('./graphql.js').SiteReleaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SiteVillageList($v: String!, $m: Month!, $r: ID!, $first: Int!, $after: String) {\n    happinessList(villageCode: $v, month: $m, releaseId: $r, first: $first, after: $after) {\n      edges {\n        node {\n          publicId\n          maskedName\n          villageCode\n          coveredMembers\n          total\n          totalYearToDate\n          programs {\n            programCode\n            programName\n            amount\n            yearToDate\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.js').SiteVillageListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SiteCountyYear($c: String!, $y: Int!, $r: ID!) {\n    countyYear: countyAggregates(countyCode: $c, year: $y, level: COUNTY, periodKind: YEAR, releaseId: $r) {\n      ...SiteAggregate\n    }\n    countyMonth: countyAggregates(countyCode: $c, year: $y, level: COUNTY, periodKind: MONTH, releaseId: $r) {\n      ...SiteAggregate\n    }\n    townYear: countyAggregates(countyCode: $c, year: $y, level: TOWN, periodKind: YEAR, releaseId: $r) {\n      ...SiteAggregate\n    }\n    townMonth: countyAggregates(countyCode: $c, year: $y, level: TOWN, periodKind: MONTH, releaseId: $r) {\n      ...SiteAggregate\n    }\n    villageYear: countyAggregates(countyCode: $c, year: $y, level: VILLAGE, periodKind: YEAR, releaseId: $r) {\n      ...SiteAggregate\n    }\n    applications: applicationStatistics(regionCode: $c, year: $y, releaseId: $r) {\n      programCode\n      received\n      approved\n      rejected\n    }\n    coverage(countyCode: $c, year: $y, releaseId: $r) {\n      regionCode\n      programCode\n      suppressed\n      persons\n      amount\n      coveragePercent\n      amountPerCapita\n      amountPerBeneficiary\n      population {\n        year\n        population\n        asOf\n        source\n        sample\n      }\n    }\n  }\n"): typeof import('./graphql.js').SiteCountyYearDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query TestLayoutVillage($v: String!) {\n          region(code: $v) {\n            parent {\n              code\n            }\n          }\n          releasedMonths {\n            month\n          }\n        }\n      "): typeof import('./graphql.js').TestLayoutVillageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query TestVillage($v: String!) {\n          region(code: $v) {\n            name\n            parent {\n              code\n              name\n            }\n          }\n          releasedMonths {\n            month\n          }\n        }\n      "): typeof import('./graphql.js').TestVillageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query TestJournalistMonths($c: String!) {\n        releasedMonths(countyCode: $c) {\n          month\n        }\n      }\n    "): typeof import('./graphql.js').TestJournalistMonthsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TestVillageList($v: String!, $m: Month!, $r: ID, $after: String) {\n    happinessList(villageCode: $v, month: $m, releaseId: $r, first: 50, after: $after) {\n      edges {\n        node {\n          publicId\n          maskedName\n          villageCode\n          coveredMembers\n          total\n          totalYearToDate\n          programs {\n            programCode\n            programName\n            amount\n            yearToDate\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.js').TestVillageListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TestChildAggregates($r: String!, $y: Int!, $k: PeriodKind!) {\n    childAggregates(regionCode: $r, year: $y, periodKind: $k) {\n      ...TestAggregate\n    }\n  }\n"): typeof import('./graphql.js').TestChildAggregatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query TestCounty($c: String!) {\n        releasedMonths(countyCode: $c) {\n          month\n        }\n        region(code: $c) {\n          children {\n            code\n            name\n            children {\n              code\n              name\n            }\n          }\n        }\n      }\n    "): typeof import('./graphql.js').TestCountyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n          query TestCountyYear($c: String!, $y: Int!) {\n            county: aggregates(regionCode: $c, year: $y, periodKind: YEAR) {\n              ...TestAggregate\n            }\n            towns: childAggregates(regionCode: $c, year: $y, periodKind: MONTH) {\n              ...TestAggregate\n            }\n          }\n        "): typeof import('./graphql.js').TestCountyYearDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query TestProgramMonths($c: String!, $y: Int!, $p: String!, $r: ID) {\n          aggregates(regionCode: $c, year: $y, periodKind: MONTH, programCode: $p, releaseId: $r) {\n            ...TestAggregate\n          }\n        }\n      "): typeof import('./graphql.js').TestProgramMonthsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n            query TestCountyAggregates($c: String!, $y: Int!, $l: RegionLevel!, $k: PeriodKind!) {\n              countyAggregates(countyCode: $c, year: $y, level: $l, periodKind: $k) {\n                ...TestAggregate\n              }\n            }\n          "): typeof import('./graphql.js').TestCountyAggregatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n          query TestReleasedMonths($c: String!, $r: ID!) {\n            releasedMonths(countyCode: $c, releaseId: $r) {\n              month\n            }\n          }\n        "): typeof import('./graphql.js').TestReleasedMonthsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n          query TestVillageHouseholds($c: String!, $r: ID!, $y: Int!) {\n            countyAggregates(countyCode: $c, year: $y, level: VILLAGE, periodKind: YEAR, releaseId: $r) {\n              regionCode\n              programCode\n              households\n            }\n          }\n        "): typeof import('./graphql.js').TestVillageHouseholdsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TestAggregate on Aggregate {\n    regionCode\n    programCode\n    period\n    suppressed\n    households\n    persons\n    personMonths\n    amount\n  }\n"): typeof import('./graphql.js').TestAggregateFragmentDoc;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
