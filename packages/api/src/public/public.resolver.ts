import {
  DomainError,
  RegionLevel,
  decideStored,
  coverageFigures,
  formatFen,
  publishApplicationCounts,
  publishAssistanceCounts,
  publishCampaignCounts,
  publishCampaignTownCounts,
  publishFigures,
  type DisclosurePolicy,
} from '@xingfu/domain';
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { regionCodeOf } from '../common/args.js';
import type { RequestContext } from '../context/context.type.js';
import { ProgramType } from '../program/program.types.js';
import { MonthScalar } from '../scalars/month.scalar.js';
import {
  AggregateType,
  ApplicationStatisticsType,
  AssistanceFigureType,
  CoverageType,
  ListedHouseholdConnection,
  PublicityNoticeConnection,
  PeriodKind,
  PublicReviewCampaignType,
  PublicReviewTownType,
  PublicStandardType,
  ReleaseChangeType,
  ReleasedMonthType,
  ReleaseType,
} from './public.types.js';
import { LISTING_DEFAULT_PAGE_SIZE, LISTING_MAX_PAGE_SIZE, readListingPage, readPublicityPage } from './listing.read-model.js';
import {
  aggregateRows,
  applicationRows,
  assistanceFigureRows,
  coverageRows,
  releaseChangeRows,
  releaseIdOf,
  releaseProgramRows,
  releaseRows,
  releasedMonthRows,
  reviewCampaignRows,
  reviewTownRows,
  standardRows,
} from './public.read-model.js';

const money = (fen: string | number | bigint) => formatFen(BigInt(fen));

/**
 * The public schema: releases, aggregates, standards, re-review results and the 幸福清单. Every
 * figure — and the program catalog that names and decides them — is read from what a release
 * froze when it was cut (the latest unless one is named); nothing here reads the ledger
 * (tests/integration/release-closed-world.test.ts).
 */
@Resolver()
export class PublicResolver {
  private async releaseId(ctx: RequestContext, releaseId: string | null | undefined): Promise<string | null> {
    return releaseIdOf(ctx.em, releaseId);
  }

  @Query(() => [ReleaseType], { description: 'Every release, newest first.' })
  async releases(@Ctx() ctx: RequestContext): Promise<ReleaseType[]> {
    const rows = await releaseRows(ctx.em);
    return rows.map((r) => ({ id: r.id, asOf: r.as_of, note: r.note }));
  }

  @Query(() => ReleaseType, { nullable: true, description: 'A release by id, or the latest.' })
  async release(@Arg('id', () => ID, { nullable: true }) id: string | null, @Ctx() ctx: RequestContext): Promise<ReleaseType | null> {
    const releaseId = await this.releaseId(ctx, id);
    if (!releaseId) return null;
    const rows = await releaseRows(ctx.em, releaseId);
    return rows[0] ? { id: rows[0].id, asOf: rows[0].as_of, note: rows[0].note } : null;
  }

  @Query(() => [ReleasedMonthType], { description: 'The county months a release publishes.' })
  async releasedMonths(
    @Arg('countyCode', () => String, { nullable: true }) countyCode: string | null,
    @Arg('releaseId', () => ID, { nullable: true }) releaseId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ReleasedMonthType[]> {
    const id = await this.releaseId(ctx, releaseId);
    if (!id) return [];
    const rows = await releasedMonthRows(ctx.em, id, countyCode);
    return rows.map((r) => ({ countyCode: r.county_code, month: r.month }));
  }

  @Query(() => [ReleaseChangeType], { description: 'What a release added or corrected (its changelog).' })
  async releaseChanges(
    @Arg('releaseId', () => ID, { nullable: true }) releaseId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ReleaseChangeType[]> {
    const id = await this.releaseId(ctx, releaseId);
    if (!id) return [];
    const rows = await releaseChangeRows(ctx.em, id);
    // the release stored a suppressed side as nulls; the policy checks each side once more
    const side = (policy: DisclosurePolicy, households: number | null, amountFen: string | null) =>
      publishFigures(decideStored({ policy, count: households ?? 0, suppressed: households === null || amountFen === null }), {
        households: households ?? 0,
        amount: money(amountFen ?? 0),
      });
    return rows.map((r) => {
      const before = side(r.disclosure, r.households_before, r.amount_before_fen);
      const after = side(r.disclosure, r.households_after, r.amount_after_fen);
      return {
        countyCode: r.county_code,
        programCode: r.program_code,
        month: r.month,
        change: r.change,
        amountBefore: before.amount,
        amountAfter: after.amount,
        householdsBefore: before.households,
        householdsAfter: after.households,
      };
    });
  }

  @Query(() => [ProgramType], {
    description: 'The program catalog with each program’s disclosure policy, as the release (the latest unless named) froze it.',
  })
  async programs(
    @Arg('releaseId', () => ID, { nullable: true }) releaseId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ProgramType[]> {
    const id = await this.releaseId(ctx, releaseId);
    if (!id) return [];
    const rows = await releaseProgramRows(ctx.em, id);
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      category: r.category,
      frequency: r.frequency,
      unit: r.unit,
      amountRule: r.amount_rule,
      disclosure: r.disclosure,
      minorsOnly: r.minors_only,
      description: r.description,
    }));
  }

  @Query(() => [AggregateType], { description: 'Figures of a region (county, town or village) for a year, by program and period.' })
  async aggregates(
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('periodKind', () => PeriodKind, { defaultValue: PeriodKind.MONTH }) periodKind: PeriodKind,
    @Arg('programCode', () => String, { nullable: true }) programCode: string | null,
    @Arg('releaseId', () => ID, { nullable: true }) releaseId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AggregateType[]> {
    const region = regionCodeOf(regionCode, [6, 9, 12]);
    return this.readAggregates(ctx, releaseId, `a.region_code = ?`, [region], year, periodKind, programCode);
  }

  @Query(() => [AggregateType], { description: 'Figures of the towns of a county, or the villages of a town, for a year.' })
  async childAggregates(
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('periodKind', () => PeriodKind, { defaultValue: PeriodKind.YEAR }) periodKind: PeriodKind,
    @Arg('programCode', () => String, { nullable: true }) programCode: string | null,
    @Arg('releaseId', () => ID, { nullable: true }) releaseId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AggregateType[]> {
    const region = regionCodeOf(regionCode, [6, 9]);
    const level = region.length === 6 ? 'town' : 'village';
    return this.readAggregates(
      ctx,
      releaseId,
      `a.region_level = '${level}' and a.region_code like ?`,
      [`${region}%`],
      year,
      periodKind,
      programCode,
    );
  }

  @Query(() => [AggregateType], {
    description:
      'Figures of every region of a county at one level (the county itself, its towns or its villages) for a year, in one answer: what the static site reads instead of one childAggregates per town.',
  })
  async countyAggregates(
    @Arg('countyCode', () => String) countyCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('level', () => RegionLevel, { description: 'COUNTY, TOWN or VILLAGE.' }) level: RegionLevel,
    @Arg('periodKind', () => PeriodKind, { defaultValue: PeriodKind.YEAR }) periodKind: PeriodKind,
    @Arg('programCode', () => String, { nullable: true }) programCode: string | null,
    @Arg('releaseId', () => ID, { nullable: true }) releaseId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AggregateType[]> {
    const county = regionCodeOf(countyCode, [6]);
    if (![RegionLevel.COUNTY, RegionLevel.TOWN, RegionLevel.VILLAGE].includes(level)) {
      throw new DomainError('INVALID_REGION_LEVEL', `Aggregates exist for counties, towns and villages, not for the level ${level}.`);
    }
    return this.readAggregates(
      ctx,
      releaseId,
      `a.region_level = '${level}' and a.region_code like ?`,
      [`${county}%`],
      year,
      periodKind,
      programCode,
    );
  }

  private async readAggregates(
    ctx: RequestContext,
    releaseId: string | null,
    regionFilter: string,
    regionParams: string[],
    year: number,
    periodKind: PeriodKind,
    programCode: string | null,
  ): Promise<AggregateType[]> {
    const id = await this.releaseId(ctx, releaseId);
    if (!id) return [];
    const rows = await aggregateRows(ctx.em, { releaseId: id, regionFilter, regionParams, periodKind, year, programCode });
    return rows.map((r) => {
      // suppression was decided when the release was cut (rollup-suppression.ts); checked again here
      const verdict = decideStored({ policy: r.disclosure, count: r.households, suppressed: r.suppressed });
      return {
        regionCode: r.region_code,
        programCode: r.program_code,
        periodKind,
        period: r.period,
        suppressed: verdict.suppressed,
        ...publishFigures(verdict, {
          households: r.households,
          persons: r.persons,
          personMonths: r.person_months,
          amount: money(r.amount_fen),
        }),
      };
    });
  }

  @Query(() => [PublicStandardType], {
    description: 'Standards of a county, history included, as the release (the latest unless named) froze them.',
  })
  async standards(
    @Arg('countyCode', () => String) countyCode: string,
    @Arg('releaseId', () => ID, { nullable: true }) releaseId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PublicStandardType[]> {
    const county = regionCodeOf(countyCode, [6]);
    const id = await this.releaseId(ctx, releaseId);
    if (!id) return [];
    const rows = await standardRows(ctx.em, id, county);
    return rows.map((r) => ({
      programCode: r.program_code,
      programName: r.name,
      areaType: r.area_type,
      tier: r.tier,
      effectiveMonth: r.month,
      amount: money(r.amount_fen),
    }));
  }

  @Query(() => [PublicReviewCampaignType], {
    description: 'Re-review campaigns of a county and their results, as the release (the latest unless named) froze them.',
  })
  async reviewCampaigns(
    @Arg('countyCode', () => String) countyCode: string,
    @Arg('releaseId', () => ID, { nullable: true }) releaseId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PublicReviewCampaignType[]> {
    const county = regionCodeOf(countyCode, [6]);
    const id = await this.releaseId(ctx, releaseId);
    if (!id) return [];
    const campaigns = await reviewCampaignRows(ctx.em, id, county);
    // a campaign's figures count the households of every program it reviewed: the strictest policy
    // (frozen with them) applies
    return campaigns.map(({ id, name, period_start, period_end, disclosure, ...figures }) => ({
      id,
      name,
      periodStart: period_start,
      periodEnd: period_end,
      ...publishCampaignCounts({ policy: disclosure, ...figures }),
    }));
  }

  @Query(() => [PublicReviewTownType], {
    description: 'The results of a county’s re-review campaigns per town, as the release (the latest unless named) froze them.',
  })
  async reviewCampaignTowns(
    @Arg('countyCode', () => String) countyCode: string,
    @Arg('releaseId', () => ID, { nullable: true }) releaseId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PublicReviewTownType[]> {
    const county = regionCodeOf(countyCode, [6]);
    const id = await this.releaseId(ctx, releaseId);
    if (!id) return [];
    const rows = await reviewTownRows(ctx.em, id, county);
    const byCampaign = new Map<number, typeof rows>();
    for (const r of rows) byCampaign.set(r.campaign_id, [...(byCampaign.get(r.campaign_id) ?? []), r]);
    // each campaign decided at once, its towns with its own figures (the towns sum to them)
    return [...byCampaign.values()].flatMap((campaign) => {
      const [own, ...towns] = campaign.map(({ campaign_id: _id, town_code: _town, disclosure, ...figures }) => ({
        policy: disclosure,
        ...figures,
      }));
      const published = publishCampaignTownCounts(own!, towns);
      return campaign.slice(1).map((r, i) => ({ campaignId: r.campaign_id, townCode: r.town_code!, ...published[i]! }));
    });
  }

  @Query(() => [CoverageType], {
    description:
      'Coverage rates (保障率) and per-capita amounts of a county and its towns in a year, per program, from the year rollups and the 户籍人口 the release froze.',
  })
  async coverage(
    @Arg('countyCode', () => String) countyCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('releaseId', () => ID, { nullable: true }) releaseId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CoverageType[]> {
    const county = regionCodeOf(countyCode, [6]);
    const id = await this.releaseId(ctx, releaseId);
    if (!id) return [];
    const rows = await coverageRows(ctx.em, id, county, year);
    return rows.map((r) => {
      // the year's cell, decided when the release was cut; its derived figures go with it
      const verdict = decideStored({ policy: r.disclosure, count: r.households, suppressed: r.suppressed });
      const derived = coverageFigures(r.persons, BigInt(r.amount_fen), r.population);
      const published = publishFigures(verdict, {
        persons: r.persons,
        amount: money(r.amount_fen),
        coveragePercent: derived.coveragePercent ?? '',
        amountPerCapita: derived.amountPerCapita ?? '',
        amountPerBeneficiary: derived.amountPerBeneficiary ?? '',
      });
      return {
        regionCode: r.region_code,
        programCode: r.program_code,
        period: String(year),
        suppressed: verdict.suppressed,
        persons: published.persons,
        amount: published.amount,
        coveragePercent: published.coveragePercent || null,
        amountPerCapita: published.amountPerCapita || null,
        amountPerBeneficiary: published.amountPerBeneficiary || null,
        population:
          r.population === null
            ? null
            : {
                year: r.population_year!,
                population: r.population,
                asOf: r.population_as_of!,
                source: r.population_source!,
                sample: r.population_sample!,
              },
      };
    });
  }

  @Query(() => [ApplicationStatisticsType], { description: 'Applications received, approved and rejected, for a county or town and year.' })
  async applicationStatistics(
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('releaseId', () => ID, { nullable: true }) releaseId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ApplicationStatisticsType[]> {
    const region = regionCodeOf(regionCode, [6, 9]);
    const id = await this.releaseId(ctx, releaseId);
    if (!id) return [];
    // the whole county (county and towns) is decided at once, whichever region is asked for
    const rows = await applicationRows(ctx.em, id, region.slice(0, 6), year);
    const published = publishApplicationCounts(
      rows.map((r) => ({
        regionCode: r.region_code,
        programCode: r.program_code,
        policy: r.disclosure,
        received: r.received,
        approved: r.approved,
        rejected: r.rejected,
      })),
    );
    return rows.flatMap((r, i) =>
      r.region_code === region ? [{ regionCode: r.region_code, programCode: r.program_code, year: r.year, ...published[i]! }] : [],
    );
  }

  @Query(() => [AssistanceFigureType], {
    description: 'Data-driven assistance of a county in a year: cross-check hits and outcomes by rule, 政策找人, 秒批 and 先行救助.',
  })
  async assistanceFigures(
    @Arg('countyCode', () => String) countyCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('releaseId', () => ID, { nullable: true }) releaseId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AssistanceFigureType[]> {
    const county = regionCodeOf(countyCode, [6]);
    const id = await this.releaseId(ctx, releaseId);
    if (!id) return [];
    const rows = await assistanceFigureRows(ctx.em, id, county, year);
    const published = publishAssistanceCounts(rows.map((r) => ({ policy: r.disclosure, cases: r.cases, amountFen: Number(r.amount_fen) })));
    return rows.map((r, i) => ({
      figure: r.figure,
      code: r.code,
      outcome: r.outcome,
      year,
      cases: published[i]!.cases,
      amount: published[i]!.amountFen,
    }));
  }

  @Query(() => ListedHouseholdConnection, {
    description:
      'The 幸福清单 of a village, one page at a time (by public id): one row per assisted household of the month a release lists for the village’s county — its latest released month. Per village and paged only; there is no county-wide or bulk form (docs/disclosure.md).',
  })
  async happinessList(
    @Arg('villageCode', () => String) villageCode: string,
    @Arg('month', () => MonthScalar, { description: 'The latest released month of the county in the release.' }) month: string,
    @Arg('releaseId', () => ID, { nullable: true }) releaseId: string | null,
    @Arg('first', () => Int, {
      nullable: true,
      description: `Page size, 1 to ${LISTING_MAX_PAGE_SIZE} (default ${LISTING_DEFAULT_PAGE_SIZE}).`,
    })
    first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ListedHouseholdConnection> {
    const village = regionCodeOf(villageCode, [12]);
    const id = await this.releaseId(ctx, releaseId);
    if (!id) throw new DomainError('NOT_FOUND', 'Nothing is published yet: no release has been cut.');
    return readListingPage(ctx.em, { releaseId: id, village, month, first, after });
  }

  @Query(() => PublicityNoticeConnection, {
    description:
      'The 公示 of a town, one page at a time: the applications of listed programs under public notice on the release’s as-of date, as the release froze them. Per town and paged only.',
  })
  async publicity(
    @Arg('townCode', () => String) townCode: string,
    @Arg('releaseId', () => ID, { nullable: true }) releaseId: string | null,
    @Arg('first', () => Int, {
      nullable: true,
      description: `Page size, 1 to ${LISTING_MAX_PAGE_SIZE} (default ${LISTING_DEFAULT_PAGE_SIZE}).`,
    })
    first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PublicityNoticeConnection> {
    const town = regionCodeOf(townCode, [9]);
    const id = await this.releaseId(ctx, releaseId);
    if (!id) throw new DomainError('NOT_FOUND', 'Nothing is published yet: no release has been cut.');
    return readPublicityPage(ctx.em, { releaseId: id, town, first, after });
  }
}
