import type { CrossCheckStatus, HitOutcome } from '@xingfu/domain';
import { IsOptional, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { MonthScalar } from '../scalars/month.scalar.js';
import { CrossCheckStatusEnum, HitOutcomeEnum } from './cross-check.types.js';

@InputType('RunCrossCheckInput')
export class RunCrossCheckInput {
  @Field(() => String) countyCode!: string;
  @Field(() => MonthScalar, { description: 'The month checked: enrollments active in it, standards in force in it.' }) month!: string;
}

@InputType('DecideCrossCheckHitInput')
export class DecideCrossCheckHitInput {
  @Field(() => ID) hitId!: string;
  @Field(() => HitOutcomeEnum) outcome!: HitOutcome;
  @Field(() => String) @MaxLength(2000) reason!: string;
  @Field(() => MonthScalar, {
    nullable: true,
    description: 'STOP / ADJUST: the first month not paid, or paid at the new amount. A death stops pay from the month after it.',
  })
  fromMonth?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'STOP: take back what was paid from fromMonth on (追回).' })
  recover?: boolean | null;
  @Field(() => MoneyScalar, { nullable: true, description: 'ADJUST: the re-assessed monthly per-capita income.' })
  @IsOptional()
  perCapitaIncome?: bigint | null;
  @Field(() => Int, { nullable: true, description: 'ADJUST: members covered from fromMonth.' }) @IsOptional() @Min(1) coveredMembers?:
    number | null;
}

@ArgsType()
export class CrossCheckHitsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'County, town or village; defaults to your region.' }) regionCode?: string | null;
  @Field(() => CrossCheckStatusEnum, { nullable: true }) status?: CrossCheckStatus | null;
  @Field(() => String, { nullable: true }) ruleCode?: string | null;
}
