import { GraphQLString } from 'graphql';
import { PUBLISHED_REVIEW_STATISTICS, type Published, type PublishedCampaignCounts } from '@xingfu/domain';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../common/connection.js';
import { AreaTypeEnum } from '../common/enums.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { DateScalar, MonthScalar } from '../scalars/month.scalar.js';
import { ListedFigure, NotACount, SuppressedFigure } from './public-figure.js';

export enum PeriodKind {
  MONTH = 'month',
  QUARTER = 'quarter',
  YEAR = 'year',
}
registerEnumType(PeriodKind, { name: 'PeriodKind', description: 'Month ("2021-03"), quarter ("2021-Q1") or year ("2021").' });

@ObjectType('ReleasedMonth', { description: 'A county month a release publishes.' })
export class ReleasedMonthType {
  @Field(() => String) countyCode!: string;
  @Field(() => MonthScalar) month!: string;
}

@ObjectType('ReleaseChange', { description: 'A county month a release adds, or corrects relative to the previous release.' })
export class ReleaseChangeType {
  @Field(() => String) countyCode!: string;
  @Field(() => String) programCode!: string;
  @Field(() => MonthScalar) month!: string;
  @Field(() => String, { description: 'added or corrected' }) change!: string;
  @SuppressedFigure(() => MoneyScalar, 'null when new, or when the cell is suppressed') amountBefore!: Published<string> | null;
  @SuppressedFigure(() => MoneyScalar, 'null when the cell is suppressed') amountAfter!: Published<string> | null;
  @SuppressedFigure(() => Int, 'null when new, or when the cell is suppressed') householdsBefore!: Published<number> | null;
  @SuppressedFigure(() => Int, 'null when the cell is suppressed') householdsAfter!: Published<number> | null;
}

@ObjectType('Release', { description: 'A disclosure release: what was public as of a date. Corrections come as new releases.' })
export class ReleaseType {
  @Field(() => ID) id!: string;
  @Field(() => DateScalar) asOf!: string;
  @Field(() => String) note!: string;
}

@ObjectType('PublicPopulation', {
  description: '户籍人口 of a county or town: an official statistic (or sample figures, 示例数据), with its source and date.',
})
export class PopulationType {
  @NotACount(() => Int, 'The year the figure is for (the nearest loaded to the data year: the same, else earlier, else later).')
  year!: number;
  @NotACount(() => Int, '户籍人口: registered residents, everyone (a public statistic).') population!: number;
  @Field(() => DateScalar) asOf!: string;
  @Field(() => String) source!: string;
  @Field(() => Boolean, { description: 'true: sample figures (示例数据), not an official statistic.' }) sample!: boolean;
}

@ObjectType('Aggregate', {
  description:
    'Households, persons, person-months (人次) and amount of a program in a region and period. Suppressed cells (small counts of programs counted only) have suppressed = true and null figures.',
})
export class AggregateType {
  @Field(() => String) regionCode!: string;
  @Field(() => String) programCode!: string;
  @Field(() => PeriodKind) periodKind!: PeriodKind;
  @Field(() => String) period!: string;
  @Field(() => Boolean) suppressed!: boolean;
  @SuppressedFigure() households!: Published<number> | null;
  @SuppressedFigure(() => Int, 'Persons covered at some time in the period.') persons!: Published<number> | null;
  @SuppressedFigure(() => Int, '人次: covered members summed over monthly payments, plus one per one-off payment.')
  personMonths!: Published<number> | null;
  @SuppressedFigure(() => MoneyScalar, 'Every ledger row: regular payments, back pay (补发), recovery (追回), one-off aid.')
  amount!: Published<string> | null;
}

@ObjectType('ListedAmount')
export class ListedAmountType {
  @Field(() => String) programCode!: string;
  @Field(() => String) programName!: string;
  @ListedFigure(() => MoneyScalar, 'This month.') amount!: string;
  @ListedFigure(() => MoneyScalar, 'From January to this month, released months only.') yearToDate!: string;
}

@ObjectType('ListedHousehold', {
  description: 'One row of the 幸福清单: everything a household received this month, the head’s name masked.',
})
export class ListedHouseholdType {
  @Field(() => String, { description: 'Random and stable; derived from nothing personal.' }) publicId!: string;
  @Field(() => String, { description: 'The head of household’s name, masked (张*明).' }) maskedName!: string;
  @Field(() => String) villageCode!: string;
  @ListedFigure() coveredMembers!: number;
  @Field(() => [ListedAmountType], { description: 'The listed programs the household received this month (a handful at most).' })
  programs!: ListedAmountType[];
  @ListedFigure(() => MoneyScalar) total!: string;
  @ListedFigure(() => MoneyScalar) totalYearToDate!: string;
}

@ObjectType('ListedHouseholdEdge', { simpleResolvers: true })
export class ListedHouseholdEdge {
  @Field(() => String) cursor!: string;
  @Field(() => ListedHouseholdType) node!: ListedHouseholdType;
}

@ObjectType('ListedHouseholdConnection', {
  simpleResolvers: true,
  description: 'One page of a village’s 幸福清单, by public id: follow pageInfo.endCursor for the next page.',
})
export class ListedHouseholdConnection {
  @Field(() => [ListedHouseholdEdge]) edges!: ListedHouseholdEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType('PublicityNotice', {
  description:
    'An application under 公示 on the release’s as-of date (listed programs only): the head of household’s name masked as in the 幸福清单, the household size, the program, the amount proposed and the notice period. Gone from the next release once the notice has closed.',
})
export class PublicityNoticeType {
  @Field(() => String) villageCode!: string;
  @Field(() => String, { description: 'The head of household’s name, masked (张*明).' }) maskedName!: string;
  @ListedFigure(() => Int, 'Persons the application covers.') householdSize!: number;
  @Field(() => String) programCode!: string;
  @Field(() => String) programName!: string;
  @ListedFigure(() => MoneyScalar, 'The monthly (or one-off) amount proposed; null when not yet assessed.', { nullable: true })
  proposedAmount!: string | null;
  @Field(() => DateScalar) publicityStart!: string;
  @Field(() => DateScalar, { description: 'The first day after the notice: objections are heard until the day before.' })
  publicityEnd!: string;
}

@ObjectType('PublicityNoticeEdge', { simpleResolvers: true })
export class PublicityNoticeEdge {
  @Field(() => String) cursor!: string;
  @Field(() => PublicityNoticeType) node!: PublicityNoticeType;
}

@ObjectType('PublicityNoticeConnection', {
  simpleResolvers: true,
  description: 'One page of a town’s 公示: follow pageInfo.endCursor for the next page.',
})
export class PublicityNoticeConnection {
  @Field(() => [PublicityNoticeEdge]) edges!: PublicityNoticeEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType('PublicStandard', { description: 'A standard in force from a month on.' })
export class PublicStandardType {
  @Field(() => String) programCode!: string;
  @Field(() => String) programName!: string;
  @Field(() => AreaTypeEnum) areaType!: string;
  @Field(() => String) tier!: string;
  @Field(() => MonthScalar) effectiveMonth!: string;
  @NotACount(() => MoneyScalar, 'Yuan per person per month.') amount!: string;
}

@ObjectType('PublicReviewCampaign', {
  description:
    'A re-review campaign (复核) and its results. A campaign that reviewed a program counted only has its figures of 1 to 10 households suppressed (null), with their persons.',
})
export class PublicReviewCampaignType extends (class {} as new () => PublishedCampaignCounts) {
  @Field(() => ID) id!: number;
  @Field(() => String) name!: string;
  @Field(() => DateScalar) periodStart!: string;
  @Field(() => DateScalar) periodEnd!: string;
}
// its figures: every published statistic of review-statistics.ts, suppressed by the policy
for (const name of PUBLISHED_REVIEW_STATISTICS) SuppressedFigure()(PublicReviewCampaignType.prototype, name);

@ObjectType('PublicReviewTown', {
  description:
    'The results of a re-review campaign (复核) in one town of its county; the towns of a campaign sum to it. Suppressed like the campaign’s, decided together with it.',
})
export class PublicReviewTownType extends (class {} as new () => PublishedCampaignCounts) {
  @Field(() => ID, { description: 'The campaign (PublicReviewCampaign.id).' }) campaignId!: number;
  @Field(() => String) townCode!: string;
}
for (const name of PUBLISHED_REVIEW_STATISTICS) SuppressedFigure()(PublicReviewTownType.prototype, name);

@ObjectType('ApplicationStatistics', {
  description:
    'Applications received, approved and rejected in a year. For programs counted only, numbers of 1 to 10 are suppressed (null), and others with them so that none can be worked out from the county total or from received.',
})
export class ApplicationStatisticsType {
  @Field(() => String) regionCode!: string;
  @Field(() => String) programCode!: string;
  @NotACount() year!: number;
  @SuppressedFigure() received!: Published<number> | null;
  @SuppressedFigure() approved!: Published<number> | null;
  @SuppressedFigure() rejected!: Published<number> | null;
}

@ObjectType('AssistanceFigure', {
  description:
    'A figure of data-driven assistance of a county and year (docs/cross-checks.md, "Public figures"): CROSS_CHECK_HIT — hits found by rule (code) and outcome (open, stopped, adjusted, dismissed), with the amount recovered; OUTREACH — applications made from 政策找人 by program, applied or enrolled; FAST_TRACK — 秒批 approvals (instant) and 先行救助 grants (advance, with the amount paid first) by program. Numbers of 1 to 10 are suppressed (null).',
})
export class AssistanceFigureType {
  @Field(() => String, { description: 'cross_check_hit, outreach or fast_track.' }) figure!: string;
  @Field(() => String, { description: 'The rule (hits) or the program.' }) code!: string;
  @Field(() => String, {
    description: 'Hits: open, stopped, adjusted, dismissed; outreach: applied, enrolled; fast_track: instant, advance.',
  })
  outcome!: string;
  @NotACount() year!: number;
  @SuppressedFigure() cases!: Published<number> | null;
  @SuppressedFigure(() => MoneyScalar, 'Recovered (hits) or paid first (先行救助); null with the cases.') amount!: Published<number> | null;
}

@ObjectType('Coverage', {
  description:
    'Coverage (保障率) and per-capita amounts of a program in a county or town and year: the persons covered (保障人数) and the amount of the year, divided by the region’s 户籍人口 (as the release froze it). Suppressed with the year’s cell: every figure derived from the persons or the amount is null when they are.',
})
export class CoverageType {
  @Field(() => String) regionCode!: string;
  @Field(() => String) programCode!: string;
  @Field(() => String, { description: 'The year, "2023".' }) period!: string;
  @Field(() => Boolean) suppressed!: boolean;
  @SuppressedFigure(() => Int, '保障人数: persons covered at some time in the year.') persons!: Published<number> | null;
  @SuppressedFigure(() => MoneyScalar, 'Every ledger row of the year.') amount!: Published<string> | null;
  @SuppressedFigure(
    () => GraphQLString,
    '保障率: persons / 户籍人口, in percent with two decimals ("2.41"); null when suppressed or no population is loaded.',
  )
  coveragePercent!: Published<string> | null;
  @SuppressedFigure(() => MoneyScalar, '人均: amount / 户籍人口, yuan per resident for the year.')
  amountPerCapita!: Published<string> | null;
  @SuppressedFigure(() => MoneyScalar, 'amount / persons covered, yuan per beneficiary for the year.')
  amountPerBeneficiary!: Published<string> | null;
  @Field(() => PopulationType, { nullable: true, description: 'The 户籍人口 divided by; null when none is loaded for the region.' })
  population!: PopulationType | null;
}
