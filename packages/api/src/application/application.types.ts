import type { ApplicationChannel, ApplicationStatus } from '@xingfu/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from '../common/connection.js';
import { ApplicationChannelEnum, ApplicationStatusEnum } from '../common/enums.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { DateScalar } from '../scalars/month.scalar.js';

@ObjectType('Application', { description: 'An application through 申请 → 受理 → 核对 → 入户调查 → 公示 → 审批/驳回.' })
export class ApplicationType {
  @Field(() => ID)
  id!: number;

  @Field(() => ApplicationChannelEnum)
  channel!: ApplicationChannel;

  @Field(() => ApplicationStatusEnum)
  status!: ApplicationStatus;

  @Field(() => DateScalar)
  appliedOn!: string;

  @Field(() => Boolean, { description: '秒批: approved in the request that submitted it (eligibility from the ID number, no 公示).' })
  instant!: boolean;

  @Field(() => Boolean, { description: '政策找人: made from an outreach candidate.' })
  outreach!: boolean;

  @Field(() => Boolean, {
    description: '先行救助: per-case aid paid when submitted (within the county ceiling), reviewed afterwards; rejected, it is recovered.',
  })
  advance!: boolean;

  @Field(() => String)
  reason!: string;

  @Field(() => Int, { nullable: true })
  householdSize?: number | null;

  @Field(() => Int, { nullable: true })
  coveredMembers?: number | null;

  @Field(() => Boolean)
  singlePerson!: boolean;

  @Field(() => MoneyScalar, { name: 'rigidExpenses', nullable: true })
  rigidExpensesFen?: number | null;

  @Field(() => MoneyScalar, { name: 'financialAssets', nullable: true })
  financialAssetsFen?: number | null;

  @Field(() => MoneyScalar, {
    name: 'countedIncome',
    nullable: true,
    description: 'Monthly household income counted, after coefficients and exemptions.',
  })
  countedIncomeFen?: number | null;

  @Field(() => MoneyScalar, { name: 'perCapitaIncome', nullable: true })
  perCapitaIncomeFen?: number | null;

  @Field(() => MoneyScalar, {
    name: 'assessedAmount',
    nullable: true,
    description: 'Monthly amount (or the case amount) the assessment gives.',
  })
  assessedAmountFen?: number | null;

  @Field(() => String, { nullable: true })
  tier?: string | null;

  @Field(() => String, { nullable: true })
  investigationNotes?: string | null;

  @Field(() => DateScalar, { nullable: true })
  publicityStart?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Approval is possible from this date.' })
  publicityEnd?: string | null;

  @Field(() => String, { nullable: true })
  decisionReason?: string | null;

  @Field(() => DateScalar, { nullable: true })
  decidedOn?: string | null;
}

@ObjectType('ApplicationEvent')
export class ApplicationEventType {
  @Field(() => ApplicationStatusEnum, { nullable: true })
  fromStatus?: ApplicationStatus | null;

  @Field(() => ApplicationStatusEnum)
  toStatus!: ApplicationStatus;

  @Field(() => String)
  actor!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => String)
  note!: string;
}

@ObjectType('ApplicationIncome')
export class ApplicationIncomeType {
  @Field(() => String)
  kind!: string;

  @Field(() => MoneyScalar, { name: 'monthly' })
  monthlyFen!: number;

  @Field(() => String, { nullable: true, description: '劳动力系数, a decimal between 0 and 1.' })
  laborCoefficient?: string | null;

  @Field(() => MoneyScalar, { name: 'exempt' })
  exemptFen!: number;
}

@ObjectType('Objection')
export class ObjectionType {
  @Field(() => ID)
  id!: number;

  @Field(() => DateScalar)
  raisedOn!: string;

  @Field(() => String)
  content!: string;

  @Field(() => Boolean, { nullable: true, description: 'null while open.' })
  upheld?: boolean | null;

  @Field(() => String, { nullable: true })
  resolution?: string | null;
}

export const ApplicationConnection = Connection('Application', ApplicationType);
