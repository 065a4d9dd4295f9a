import type { Application, ApplicationChannel } from '@xingfu/domain';
import { MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ApplicationChannelEnum } from '../common/enums.js';
import { ApplicationType } from '../application/application.types.js';
import type { EnrollmentRow } from '../payroll/payroll.read-model.js';
import { EnrollmentType } from '../payroll/payroll.types.js';
import { DateScalar } from '../scalars/month.scalar.js';
import { MoneyScalar } from '../scalars/money.scalar.js';

@InputType('ApplySeniorAllowanceInput')
export class ApplySeniorAllowanceInput {
  @Field(() => ID) householdId!: string;
  @Field(() => ID, { description: 'The member applied for: 80 or older by the ID number.' }) personId!: string;
  @Field(() => ApplicationChannelEnum) channel!: ApplicationChannel;
  @Field(() => DateScalar, { nullable: true, description: 'Defaults to today.' }) appliedOn?: string | null;
}

@ObjectType('ApplySeniorAllowancePayload')
export class ApplySeniorAllowancePayload {
  @Field(() => ApplicationType, { description: 'Approved in this request (instant: true).' }) application!: Application;
  @Field(() => EnrollmentType, { description: 'Paid from this month at the age tier’s standard.' }) enrollment!: EnrollmentRow;
}

@InputType('GrantAdvanceAidInput')
export class GrantAdvanceAidInput {
  @Field(() => ID) householdId!: string;
  @Field(() => String, { nullable: true, description: 'temporary_relief (临时救助, the default) or emergency_aid (急难救助).' })
  programCode?: string | null;
  @Field(() => MoneyScalar, { description: 'Paid at once; at most the county ceiling (advanceAidCeiling).' }) amount!: bigint;
  @Field(() => String, { description: 'What happened (火灾, 突发重大疾病, …).' })
  @MaxLength(2000)
  reason!: string;
  @Field(() => ApplicationChannelEnum) channel!: ApplicationChannel;
}

@ObjectType('GrantAdvanceAidPayload')
export class GrantAdvanceAidPayload {
  @Field(() => ApplicationType, { description: 'Status APPLIED, advance: true: reviewed afterwards through the normal steps.' })
  application!: Application;
  @Field(() => MoneyScalar, { description: 'Paid in this request (a one-off ledger entry).' }) paid!: number;
}

@InputType('SetAdvanceAidCeilingInput')
export class SetAdvanceAidCeilingInput {
  @Field(() => String) countyCode!: string;
  @Field(() => MoneyScalar) ceiling!: bigint;
}
