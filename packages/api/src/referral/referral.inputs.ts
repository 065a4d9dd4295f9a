import type { ReferralDepartment, ReferralOutcome } from '@xingfu/domain';
import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { ReferralDepartmentEnum, ReferralOutcomeEnum } from './referral.types.js';

@InputType('ReferCaseInput')
export class ReferCaseInput {
  @Field(() => ID) householdId!: string;
  @Field(() => ID, { nullable: true, description: 'The application the referral comes from, if any.' }) applicationId?: string | null;
  @Field(() => ReferralDepartmentEnum) department!: ReferralDepartment;
  @Field(() => String, { description: 'What the household asks of the department.' }) @MaxLength(2000) request!: string;
}

@InputType('RecordReferralOutcomeInput')
export class RecordReferralOutcomeInput {
  @Field(() => ID) referralId!: string;
  @Field(() => ReferralOutcomeEnum) outcome!: ReferralOutcome;
  @Field(() => MoneyScalar, { nullable: true, description: 'What the department granted.' }) @IsOptional() amount?: bigint | null;
  @Field(() => String, { nullable: true, description: 'Required for a refusal.' }) @MaxLength(2000) note?: string | null;
}
