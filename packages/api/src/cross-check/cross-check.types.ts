import { CROSS_CHECK_STATUSES, HIT_OUTCOMES, type CrossCheckStatus } from '@xingfu/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from '../common/connection.js';
import { registerStringEnum } from '../common/string-enum.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { DateScalar, MonthScalar } from '../scalars/month.scalar.js';

export const CrossCheckStatusEnum = registerStringEnum(
  CROSS_CHECK_STATUSES,
  'CrossCheckStatus',
  'OPEN until worked; STOPPED (pay stopped from a month, with recovery), ADJUSTED, or DISMISSED with a reason.',
);
export const HitOutcomeEnum = registerStringEnum(HIT_OUTCOMES, 'HitOutcome', 'STOP pay from a month (with recovery), ADJUST, or DISMISS.');

@ObjectType('CrossCheckRuleResult', { description: 'A rule a run applied: its version, hits found and hits newly raised.' })
export class CrossCheckRuleResultType {
  @Field(() => String) code!: string;
  @Field(() => Int) version!: number;
  @Field(() => Int) found!: number;
  @Field(() => Int) added!: number;
}

@ObjectType('CrossCheckRun', { description: 'A cross-check run of a county for a month.' })
export class CrossCheckRunType {
  @Field(() => ID) id!: number;
  @Field(() => String) countyCode!: string;
  @Field(() => MonthScalar) month!: string;
  @Field(() => [CrossCheckRuleResultType]) rules!: CrossCheckRuleResultType[];
  @Field(() => Int, { description: 'Hits the rules found (raised by this run or an earlier one).' }) hitCount!: number;
  @Field(() => Int, { description: 'Hits this run raised.' }) newHitCount!: number;
  @Field(() => Date) startedAt!: Date;
}

@ObjectType('CrossCheckHit', {
  description: 'What a rule found about a person an enrollment covers, worked to an outcome by its due date.',
})
export class CrossCheckHitType {
  @Field(() => ID) id!: number;
  @Field(() => String) ruleCode!: string;
  @Field(() => Int) ruleVersion!: number;
  @Field(() => String) villageCode!: string;
  @Field(() => String, { description: 'What the feed or the ledger says.' }) evidence!: string;
  @Field(() => DateScalar, { nullable: true }) evidenceDate!: string | null;
  @Field(() => DateScalar) foundOn!: string;
  @Field(() => DateScalar) dueOn!: string;
  @Field(() => Boolean, { description: 'Open past its due date.' }) overdue!: boolean;
  @Field(() => CrossCheckStatusEnum) status!: CrossCheckStatus;
  @Field(() => MonthScalar, { nullable: true, description: 'The first month stopped or paid at the new amount.' })
  stopMonth!: string | null;
  @Field(() => MoneyScalar, { description: 'Taken back by recovery entries when the hit was worked.' }) recovered!: number;
  @Field(() => MoneyScalar, {
    description: 'Paid back (补发) when an adjustment raised the amount of months already paid.',
  })
  backPaid!: number;
  @Field(() => String, { nullable: true }) outcomeReason!: string | null;
  @Field(() => DateScalar, { nullable: true }) decidedOn!: string | null;
  enrollmentId!: number;
  householdId!: number;
  personId!: number;
  newEnrollmentId!: number | null;
}

export const CrossCheckHitConnection = Connection('CrossCheckHit', CrossCheckHitType);

@ObjectType('CrossCheckHitPayload')
export class CrossCheckHitPayload {
  @Field(() => CrossCheckHitType) hit!: CrossCheckHitType;
}
