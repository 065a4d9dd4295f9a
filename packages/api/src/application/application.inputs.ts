import type { Application, ApplicationChannel, ApplicationStatus, IncomeKind, Objection } from '@xingfu/domain';
import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import type { EnrollmentRow, PaymentRow } from '../payroll/payroll.read-model.js';
import { ApplicationChannelEnum, ApplicationStatusEnum } from '../common/enums.js';
import { EnrollmentType, PaymentType } from '../payroll/payroll.types.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { DateScalar, MonthScalar } from '../scalars/month.scalar.js';
import { ApplicationType, ObjectionType } from './application.types.js';

@InputType('SubmitApplicationInput')
export class SubmitApplicationInput {
  @Field(() => ID)
  householdId!: string;

  @Field(() => String)
  programCode!: string;

  @Field(() => ID, { nullable: true, description: 'For programs paid per person: the member concerned.' })
  personId?: string | null;

  @Field(() => ApplicationChannelEnum)
  channel!: ApplicationChannel;

  @Field(() => DateScalar, { nullable: true })
  appliedOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;
}

@InputType('ApplicationStepInput')
export class ApplicationStepInput {
  @Field(() => ID)
  applicationId!: string;
}

@InputType('IncomeItemInput')
export class IncomeItemInput {
  @Field(() => String, { description: 'wage, business, pension, transfer, property, informal or other.' })
  kind!: IncomeKind;

  @Field(() => MoneyScalar, { description: 'Monthly amount in yuan.' })
  monthly!: bigint;

  @Field(() => String, { nullable: true, description: 'For informal income: the labour coefficient (劳动力系数), e.g. "0.6".' })
  laborCoefficient?: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Part of this income exempted (收入豁免, 就业成本抵扣).' })
  exempt?: bigint | null;

  @Field(() => ID, { nullable: true })
  personId?: string | null;
}

@InputType('VerifyApplicationInput')
export class VerifyApplicationInput {
  @Field(() => ID)
  applicationId!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Overrides the household size derived from its current members; needs overrideReason.',
  })
  householdSize?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Overrides the covered members derived from the household (all members; one for programs paid per person); needs overrideReason.',
  })
  coveredMembers?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why householdSize or coveredMembers differ from what the household says (audited).',
  })
  overrideReason?: string | null;

  @Field(() => Boolean, { nullable: true, description: '单人保: one severely disabled or ill member covered alone.' })
  singlePerson?: boolean | null;

  @Field(() => [IncomeItemInput], { description: 'Income items of the members, at most 100.' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  incomes!: IncomeItemInput[];

  @Field(() => MoneyScalar, { nullable: true, description: 'Monthly medical and education rigid expenses deducted.' })
  rigidExpenses?: bigint | null;

  @Field(() => MoneyScalar, { nullable: true })
  financialAssets?: bigint | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'For per-case programs: the amount proposed.' })
  requestedAmount?: bigint | null;
}

@InputType('InvestigateApplicationInput')
export class InvestigateApplicationInput {
  @Field(() => ID)
  applicationId!: string;

  @Field(() => String)
  @MaxLength(5000)
  notes!: string;
}

@InputType('PublicizeApplicationInput')
export class PublicizeApplicationInput {
  @Field(() => ID)
  applicationId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The day the notice was posted (defaults to today).' })
  startDate?: string | null;
}

@InputType('RecordObjectionInput')
export class RecordObjectionInput {
  @Field(() => ID)
  applicationId!: string;

  @Field(() => String)
  @MaxLength(5000)
  content!: string;

  @Field(() => DateScalar, { nullable: true })
  raisedOn?: string | null;
}

@InputType('ResolveObjectionInput')
export class ResolveObjectionInput {
  @Field(() => ID)
  objectionId!: string;

  @Field(() => Boolean)
  upheld!: boolean;

  @Field(() => String)
  @MaxLength(5000)
  resolution!: string;
}

@InputType('ApproveApplicationInput')
export class ApproveApplicationInput {
  @Field(() => ID)
  applicationId!: string;

  @Field(() => MonthScalar, { nullable: true, description: 'First month paid (monthly programs); defaults to this month.' })
  startMonth?: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'For per-case programs: the amount granted.' })
  amount?: bigint | null;
}

@InputType('RejectApplicationInput')
export class RejectApplicationInput {
  @Field(() => ID)
  applicationId!: string;

  @Field(() => String)
  @MaxLength(2000)
  reason!: string;
}

@ObjectType('ApplicationPayload')
export class ApplicationPayload {
  @Field(() => ApplicationType)
  application!: Application;
}

@ObjectType('ApproveApplicationPayload')
export class ApproveApplicationPayload {
  @Field(() => ApplicationType)
  application!: Application;

  @Field(() => EnrollmentType, { nullable: true, description: 'For monthly programs.' })
  enrollment!: EnrollmentRow | null;

  @Field(() => PaymentType, { nullable: true, description: 'For per-case programs: the one-off payment.' })
  payment!: PaymentRow | null;
}

@ObjectType('ObjectionPayload')
export class ObjectionPayload {
  @Field(() => ObjectionType)
  objection!: Objection;
}

@ArgsType()
export class ApplicationsArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  regionCode?: string | null;

  @Field(() => ApplicationStatusEnum, { nullable: true })
  status?: ApplicationStatus | null;

  @Field(() => String, { nullable: true })
  programCode?: string | null;
}
