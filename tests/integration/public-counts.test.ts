import { buildPublicSchema } from '@xingfu/api';
import {
  addDays,
  createReviewCampaign,
  cutRelease,
  publishApplicationCounts,
  publishCampaignCounts,
  PUBLISHED_REVIEW_STATISTICS,
  today,
  type ApplicationCounts,
  type EntityManager,
} from '@xingfu/domain';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN, buildLedger } from '../support/ledger-fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Issue 15: applicationStatistics published counts of 1–10 of programs counted only (every
 * aggregate suppresses them). One suppression policy for every public count: every number of the
 * public schema declares whether it goes through it, and over real data no count of 1 to 10 of a
 * program counted only is ever published.
 */

// ---- the schema walk -------------------------------------------------------------------------

/** The duck-typed corner of graphql-js the walk needs (the schema comes from the packages' own instance). */
interface WalkType {
  name: string;
  ofType?: WalkType;
  getFields?: () => Record<string, { name: string; type: WalkType; extensions?: Record<string, unknown> }>;
  getTypes?: () => WalkType[];
  getInterfaces?: () => WalkType[];
  parseValue?: unknown;
}
interface WalkSchema {
  getQueryType(): WalkType | null | undefined;
  getType?(name: string): WalkType | null | undefined;
}

/** Scalars that cannot hold a figure. Every other scalar (Int, Float, Money, …) must say what it is. */
const NOT_NUMBERS = new Set(['String', 'ID', 'Boolean', 'Date', 'Month', 'DateTimeISO']);
/** The only numbers that count nobody. */
const NOT_A_COUNT = [
  'ApplicationStatistics.year',
  'PublicStandard.amount',
  'AssistanceFigure.year',
  'ProgramChannels.year',
  'DecisionTime.year',
  'ReferralFigure.year',
  // elder care: a star rating (1 to 5) and the county's targets for a year (planning figures it sets, not people counted)
  'PublicStarRatingCount.stars',
  'PublicElderFacility.starRating',
  'PublicHomeServices.eligiblePersons',
  'PublicHomeModifications.target',
  'PublicPopulation.year',
  'PublicPopulation.population',
];
/** Types of the 幸福清单 and 公示 rows (listed programs only), and the root field each is served by. */
const LISTED_TYPES = new Map([
  ['ListedHousehold', 'happinessList'],
  ['ListedAmount', 'happinessList'],
  ['PublicityNotice', 'publicity'],
]);

interface FigureField {
  field: string;
  kind: unknown;
  nullable: boolean;
  /** The root fields it is reached from. */
  roots: Set<string>;
}

/** Every number reachable from Query, with the kind its field declares and the root fields it is reached from. */
function publicNumbers(schema: WalkSchema): FigureField[] {
  const found = new Map<string, FigureField>();
  const named = (type: WalkType): { type: WalkType; nullable: boolean } => {
    let t = type;
    const nullable = t.constructor.name !== 'GraphQLNonNull';
    while (t.ofType) t = t.ofType;
    return { type: t, nullable };
  };
  const visit = (type: WalkType, root: string, seen: Set<string>) => {
    if (seen.has(type.name) || !type.getFields) return;
    seen.add(type.name);
    for (const field of Object.values(type.getFields())) {
      const { type: target, nullable } = named(field.type);
      if (target.getFields) visit(target, root, seen);
      for (const member of target.getTypes?.() ?? []) visit(member, root, seen);
      const isScalar = !target.getFields && !target.getTypes && 'parseValue' in target && !('getValues' in target);
      if (!isScalar || NOT_NUMBERS.has(target.name)) continue;
      const key = `${type.name}.${field.name}`;
      const entry = found.get(key) ?? { field: key, kind: field.extensions?.['publicFigure'], nullable, roots: new Set<string>() };
      entry.roots.add(root);
      found.set(key, entry);
    }
  };
  const query = schema.getQueryType();
  if (!query?.getFields) return [];
  for (const field of Object.values(query.getFields())) {
    const { type } = named(field.type);
    if (type.getFields) visit(type, field.name, new Set());
  }
  return [...found.values()];
}

/** What is wrong with the public numbers of a schema (nothing, for ours). */
function bypasses(schema: WalkSchema): string[] {
  return publicNumbers(schema).flatMap((f) => {
    const type = f.field.split('.')[0]!;
    if (f.kind === 'suppressed') return f.nullable ? [] : [`${f.field} goes through the policy but cannot be null (suppressed)`];
    if (f.kind === 'listed') {
      return LISTED_TYPES.has(type) && [...f.roots].every((r) => r === LISTED_TYPES.get(type))
        ? []
        : [`${f.field} is declared a 幸福清单 figure outside the 幸福清单`];
    }
    if (f.kind === 'not-a-count') return NOT_A_COUNT.includes(f.field) ? [] : [`${f.field} claims to count nobody: review it`];
    return [`${f.field} is a number that does not declare itself (SuppressedFigure, ListedFigure or NotACount)`];
  });
}

describe('the public schema', () => {
  it('has no number reachable from Query that bypasses the suppression policy', async () => {
    const schema = (await buildPublicSchema()) as unknown as WalkSchema;
    const numbers = publicNumbers(schema);
    // the walk sees the counts it must: aggregates, changelog, applications, campaigns, the 幸福清单
    expect(numbers.map((n) => n.field)).toEqual(
      expect.arrayContaining([
        'Aggregate.households',
        'Aggregate.persons',
        'Aggregate.personMonths',
        'Aggregate.amount',
        'ReleaseChange.householdsAfter',
        'ApplicationStatistics.received',
        'ApplicationStatistics.approved',
        'ApplicationStatistics.rejected',
        'PublicReviewCampaign.cancelledPersons',
        'ListedHousehold.coveredMembers',
        'PublicElderCare.occupiedBeds',
        'PublicElderFacility.occupiedBeds',
        'PublicHomeServices.personsServed',
        'PublicHomeModifications.completed',
        'PublicHazardFigures.overdue',
        'ProgramChannels.applications',
        'ChannelApplications.applications',
        'DecisionTime.medianDays',
        'ReferralFigure.cases',
      ]),
    );
    expect(bypasses(schema)).toEqual([]);
  });

  it('fails a schema whose count does not go through the policy (the check itself)', () => {
    const bad = buildSchema(`
      type Query { stats: [Stats!]! list: [ListedHousehold!]! }
      type Stats { programCode: String! received: Int! year: Int! share: Float }
      type ListedHousehold { coveredMembers: Int! }
    `) as unknown as WalkSchema;
    expect(bypasses(bad)).toEqual([
      'Stats.received is a number that does not declare itself (SuppressedFigure, ListedFigure or NotACount)',
      'Stats.year is a number that does not declare itself (SuppressedFigure, ListedFigure or NotACount)',
      'Stats.share is a number that does not declare itself (SuppressedFigure, ListedFigure or NotACount)',
      'ListedHousehold.coveredMembers is a number that does not declare itself (SuppressedFigure, ListedFigure or NotACount)',
    ]);
    const field = bad.getType!('Stats')!.getFields!();
    field['received']!.extensions = { publicFigure: 'not-a-count' };
    field['year']!.extensions = { publicFigure: 'suppressed' };
    expect(bypasses(bad).slice(0, 2)).toEqual([
      'Stats.received claims to count nobody: review it',
      'Stats.year goes through the policy but cannot be null (suppressed)',
    ]);
  });
});

// ---- the policy --------------------------------------------------------------------------------

describe('the policy for application statistics', () => {
  const row = (
    regionCode: string,
    received: number,
    approved: number,
    rejected: number,
    policy: ApplicationCounts['policy'] = 'counted',
  ) => ({
    regionCode,
    programCode: 'orphan_allowance',
    policy,
    received,
    approved,
    rejected,
  });

  it('suppresses 1 to 10, and a second number of every published sum that would give one away', () => {
    const [county, town1, town2] = publishApplicationCounts([
      row('370115', 30, 25, 5),
      row('370115104', 3, 3, 0),
      row('370115005', 27, 22, 5),
    ]);
    // primary: 3 received, 3 approved, 5 rejected (twice)
    expect(town1).toEqual({ received: null, approved: null, rejected: 0 });
    // received: the towns sum to the county, so the other town's 27 goes too; approved likewise
    expect(town2!.received).toBeNull();
    expect(town2!.approved).toBeNull();
    expect(town2!.rejected).toBeNull();
    // the county's approved + rejected ≤ received: rejected (5) is hidden, so one more of the line is
    expect(county!.rejected).toBeNull();
    expect([county!.received, county!.approved].filter((n) => n === null)).toHaveLength(1);
  });

  it('publishes listed programs as they are, and nothing of a hidden one', () => {
    expect(publishApplicationCounts([row('370115', 3, 2, 1, 'listed')])).toEqual([{ received: 3, approved: 2, rejected: 1 }]);
    expect(publishApplicationCounts([row('370115', 300, 200, 100, 'hidden')])).toEqual([
      { received: null, approved: null, rejected: null },
    ]);
  });

  it('decides campaign figures on households, persons with them', () => {
    const figures = publishCampaignCounts({
      policy: 'counted',
      reviewedHouseholds: 120,
      cancelledHouseholds: 4,
      cancelledPersons: 11,
      adjustedHouseholds: 0,
      adjustedPersons: 0,
      newlyApprovedHouseholds: 12,
      newlyApprovedPersons: 30,
    });
    expect(figures).toEqual({
      reviewedHouseholds: 120,
      cancelledHouseholds: null,
      cancelledPersons: null,
      adjustedHouseholds: 0,
      adjustedPersons: 0,
      newlyApprovedHouseholds: 12,
      newlyApprovedPersons: 30,
    });
  });
});

// ---- over real data ----------------------------------------------------------------------------

let db: TestDatabase;
let api: TestApi;
const asOf = addDays(today(), 40);
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);

async function pub<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const answer = await api.query<T>('/public/graphql', query, { variables });
  if (answer.errors?.length || !answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data;
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  // 24 households: 8 in 重度残疾护理补贴 (counted only), so every count of it is small
  await buildLedger(db.orm);
  const period = { periodStart: addDays(today(), -60), periodEnd: addDays(today(), 30) };
  await run((em) =>
    createReviewCampaign(em, ADMIN, { countyCode: '370115', name: '残疾人护理补贴复核', ...period, programCodes: ['disability_care'] }),
  );
  await run((em) => createReviewCampaign(em, ADMIN, { countyCode: '370115', name: '低保复核', ...period, programCodes: ['dibao_rural'] }));
  await run((em) => cutRelease(em, { createdBy: 'test', note: '计数', asOf }));
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const COUNT_FIELDS = ['households', 'persons', 'personMonths', 'received', 'approved', 'rejected', 'householdsBefore', 'householdsAfter'];

/** Every object of an answer (depth first). */
function* objects(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const item of value) yield* objects(item);
  else if (value && typeof value === 'object') {
    yield value as Record<string, unknown>;
    for (const item of Object.values(value)) yield* objects(item);
  }
}

describe('over the ledger', () => {
  it('publishes no count of 1 to 10 of a program counted only, in any public answer', async () => {
    const programs = await pub<{ programs: { code: string; disclosure: string }[] }>(`{ programs { code disclosure } }`);
    const counted = new Set(programs.programs.filter((p) => p.disclosure !== 'LISTED').map((p) => p.code));
    const answers: unknown[] = [];
    const regions = ['370115', '370115104', '370115005'];
    for (const region of regions) {
      answers.push(
        await pub(`{ applicationStatistics(regionCode: "${region}", year: 2026) { regionCode programCode received approved rejected } }`),
      );
    }
    answers.push(
      await pub(`{ coverage(countyCode: "370115", year: 2026) { regionCode programCode persons amount coveragePercent amountPerCapita } }`),
    );
    answers.push(await pub(`{ releaseChanges { programCode householdsBefore householdsAfter amountAfter } }`));
    for (const level of ['COUNTY', 'TOWN', 'VILLAGE']) {
      for (const kind of ['MONTH', 'QUARTER', 'YEAR']) {
        answers.push(
          await pub(
            `{ countyAggregates(countyCode: "370115", year: 2026, level: ${level}, periodKind: ${kind}) { regionCode programCode suppressed households persons personMonths amount } }`,
          ),
        );
      }
    }
    let checked = 0;
    for (const object of objects(answers)) {
      if (typeof object['programCode'] !== 'string' || !counted.has(object['programCode'])) continue;
      // a rate or per-capita amount gives its count away (the population is public): suppressed with it
      if ('coveragePercent' in object && object['persons'] === null) {
        expect([object['coveragePercent'], object['amountPerCapita']], JSON.stringify(object)).toEqual([null, null]);
        checked++;
      }
      for (const field of COUNT_FIELDS) {
        if (!(field in object)) continue;
        const n = object[field] as number | null;
        expect(n === null || n === 0 || n > 10, `${JSON.stringify(object)} publishes ${field} = ${n}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
    // the case of the issue: 8 applications of a program counted only, all approved
    const county = await pub<{ applicationStatistics: { programCode: string; received: number | null; approved: number | null }[] }>(
      `{ applicationStatistics(regionCode: "370115", year: 2026) { programCode received approved } }`,
    );
    expect(county.applicationStatistics.find((a) => a.programCode === 'disability_care')).toEqual({
      programCode: 'disability_care',
      received: null,
      approved: null,
    });
    expect(county.applicationStatistics.find((a) => a.programCode === 'dibao_rural')?.received).toBeGreaterThan(10);
    expect(county.applicationStatistics.find((a) => a.programCode === 'temporary_relief')?.received).toBe(4); // listed: shown
  });

  it('leaves no suppressed application count the only unknown of a published sum', async () => {
    const rows = async (region: string) =>
      (
        await pub<{
          applicationStatistics: {
            regionCode: string;
            programCode: string;
            received: number | null;
            approved: number | null;
            rejected: number | null;
          }[];
        }>(`{ applicationStatistics(regionCode: "${region}", year: 2026) { regionCode programCode received approved rejected } }`)
      ).applicationStatistics;
    const county = await rows('370115');
    const towns = [...(await rows('370115104')), ...(await rows('370115005'))];
    for (const c of county) {
      for (const m of ['received', 'approved', 'rejected'] as const) {
        if (c[m] === null) continue;
        const hidden = towns.filter((t) => t.programCode === c.programCode && t[m] === null).length;
        expect(hidden === 0 || hidden >= 2, `${c.programCode} ${m}`).toBe(true);
      }
    }
    for (const r of [...county, ...towns]) {
      if (r.received === null) continue;
      expect([r.approved, r.rejected].filter((n) => n === null).length, `${r.regionCode} ${r.programCode}`).not.toBe(1);
    }
  });

  it('suppresses the figures of a re-review campaign of a program counted only, and not those of 低保', async () => {
    const { reviewCampaigns } = await pub<{ reviewCampaigns: Record<string, number | string | null>[] }>(
      `{ reviewCampaigns(countyCode: "370115") { name ${PUBLISHED_REVIEW_STATISTICS.join(' ')} } }`,
    );
    const disability = reviewCampaigns.find((c) => c.name === '残疾人护理补贴复核')!;
    expect(disability['newlyApprovedHouseholds']).toBeNull(); // 8 approved in the period
    expect(disability['newlyApprovedPersons']).toBeNull();
    expect(disability['reviewedHouseholds']).toBe(0); // zero names nobody
    for (const [field, n] of Object.entries(disability)) {
      if (field !== 'name') expect(n === null || n === 0 || (n as number) > 10, field).toBe(true);
    }
    const dibao = reviewCampaigns.find((c) => c.name === '低保复核')!;
    expect(dibao['newlyApprovedHouseholds']).toBeGreaterThan(10);
  });
});
