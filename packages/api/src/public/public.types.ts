import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AreaTypeEnum } from '../common/enums.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { DateScalar, MonthScalar } from '../scalars/month.scalar.js';

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
  @Field(() => MoneyScalar, { nullable: true, description: 'null when new, or when the cell is suppressed' }) amountBefore!: string | null;
  @Field(() => MoneyScalar, { nullable: true, description: 'null when the cell is suppressed' }) amountAfter!: string | null;
  @Field(() => Int, { nullable: true }) householdsBefore!: number | null;
  @Field(() => Int, { nullable: true }) householdsAfter!: number | null;
}

@ObjectType('Release', { description: 'A disclosure release: what was public as of a date. Corrections come as new releases.' })
export class ReleaseType {
  @Field(() => ID) id!: string;
  @Field(() => DateScalar) asOf!: string;
  @Field(() => String) note!: string;
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
  @Field(() => Int, { nullable: true }) households!: number | null;
  @Field(() => Int, { nullable: true, description: 'Persons covered at some time in the period.' }) persons!: number | null;
  @Field(() => Int, { nullable: true, description: '人次: covered members summed over monthly payments, plus one per one-off payment.' })
  personMonths!: number | null;
  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'Every ledger row: regular payments, back pay (补发), recovery (追回), one-off aid.',
  })
  amount!: string | null;
}

@ObjectType('ListedAmount')
export class ListedAmountType {
  @Field(() => String) programCode!: string;
  @Field(() => String) programName!: string;
  @Field(() => MoneyScalar, { description: 'This month.' }) amount!: string;
  @Field(() => MoneyScalar, { description: 'From January to this month, released months only.' }) yearToDate!: string;
}

@ObjectType('ListedHousehold', {
  description: 'One row of the 幸福清单: everything a household received this month, the head’s name masked.',
})
export class ListedHouseholdType {
  @Field(() => String, { description: 'Random and stable; derived from nothing personal.' }) publicId!: string;
  @Field(() => String, { description: 'The head of household’s name, masked (张*明).' }) maskedName!: string;
  @Field(() => String) villageCode!: string;
  @Field(() => Int) coveredMembers!: number;
  @Field(() => [ListedAmountType]) programs!: ListedAmountType[];
  @Field(() => MoneyScalar) total!: string;
  @Field(() => MoneyScalar) totalYearToDate!: string;
}

@ObjectType('PublicStandard', { description: 'A standard in force from a month on.' })
export class PublicStandardType {
  @Field(() => String) programCode!: string;
  @Field(() => String) programName!: string;
  @Field(() => AreaTypeEnum) areaType!: string;
  @Field(() => String) tier!: string;
  @Field(() => MonthScalar) effectiveMonth!: string;
  @Field(() => MoneyScalar, { description: 'Yuan per person per month.' }) amount!: string;
}

@ObjectType('PublicReviewCampaign', { description: 'A re-review campaign (复核) and its results.' })
export class PublicReviewCampaignType {
  @Field(() => ID) id!: number;
  @Field(() => String) name!: string;
  @Field(() => DateScalar) periodStart!: string;
  @Field(() => DateScalar) periodEnd!: string;
  @Field(() => Int) reviewedHouseholds!: number;
  @Field(() => Int) cancelledHouseholds!: number;
  @Field(() => Int) cancelledPersons!: number;
  @Field(() => Int) adjustedHouseholds!: number;
  @Field(() => Int) adjustedPersons!: number;
  @Field(() => Int) newlyApprovedHouseholds!: number;
  @Field(() => Int) newlyApprovedPersons!: number;
}

@ObjectType('ApplicationStatistics', { description: 'Applications received, approved and rejected in a year.' })
export class ApplicationStatisticsType {
  @Field(() => String) regionCode!: string;
  @Field(() => String) programCode!: string;
  @Field(() => Int) year!: number;
  @Field(() => Int) received!: number;
  @Field(() => Int) approved!: number;
  @Field(() => Int) rejected!: number;
}
