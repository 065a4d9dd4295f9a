import { PayrollBatch, type ExitReason } from '@xingfu/domain';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import { type EnrollmentRow, type PaymentRow } from './payroll.read-model.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { MonthScalar } from '../scalars/month.scalar.js';
import { EnrollmentType, PaymentType, PayrollBatchType } from './payroll.types.js';
import { ExitReasonEnum } from '../common/enums.js';

@InputType('GeneratePayrollInput')
export class GeneratePayrollInput {
  @Field(() => String)
  countyCode!: string;

  @Field(() => String)
  programCode!: string;

  @Field(() => MonthScalar)
  month!: string;
}

@InputType('PayrollBatchInput')
export class PayrollBatchInput {
  @Field(() => ID)
  batchId!: string;
}

@ObjectType('PayrollBatchPayload')
export class PayrollBatchPayload {
  @Field(() => PayrollBatchType)
  batch!: PayrollBatch;
}

@ObjectType('DiscardPayrollPayload', { description: 'The batch that was discarded: it no longer exists, so its key and what it was.' })
export class DiscardPayrollPayload {
  @Field(() => ID)
  batchId!: number;

  @Field(() => String)
  countyCode!: string;

  @Field(() => String)
  programCode!: string;

  @Field(() => MonthScalar)
  month!: string;

  @Field(() => Int, { description: 'Draft payments removed with the batch.' })
  paymentsRemoved!: number;
}

@InputType('CorrectionInput', { description: 'A back pay (补发) or recovery (追回) for one enrollment’s month.' })
export class CorrectionInput {
  @Field(() => ID)
  enrollmentId!: string;

  @Field(() => MonthScalar)
  month!: string;

  @Field(() => MoneyScalar, { description: 'A positive amount in yuan.' })
  amount!: bigint;

  @Field(() => String)
  note!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Back pay that takes the month above the most the enrollment could be entitled to (standard × covered members) is refused unless this says why.',
  })
  aboveEntitlementReason?: string | null;
}

@ObjectType('CorrectionPayload')
export class CorrectionPayload {
  @Field(() => PaymentType)
  payment!: PaymentRow;
}

@InputType('EndEnrollmentInput')
export class EndEnrollmentInput {
  @Field(() => ID)
  enrollmentId!: string;

  @Field(() => MonthScalar, { description: 'The last month paid.' })
  lastMonth!: string;

  @Field(() => ExitReasonEnum)
  reason!: ExitReason;
}

@ObjectType('EndEnrollmentPayload')
export class EndEnrollmentPayload {
  @Field(() => EnrollmentType)
  enrollment!: EnrollmentRow;
}

@ArgsType()
export class EnrollmentsArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  regionCode?: string | null;

  @Field(() => String, { nullable: true })
  programCode?: string | null;

  @Field(() => MonthScalar, { nullable: true, description: 'Only enrollments paid in this month.' })
  activeIn?: string | null;
}

@ArgsType()
export class PaymentsArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  regionCode?: string | null;

  @Field(() => String, { nullable: true })
  programCode?: string | null;

  @Field(() => MonthScalar, { nullable: true, description: 'Only payments concerning this month.' })
  month?: string | null;

  @Field(() => MonthScalar, { nullable: true, description: 'Only payments concerning this month or later.' })
  fromMonth?: string | null;

  @Field(() => MonthScalar, { nullable: true, description: 'Only payments concerning this month or earlier.' })
  toMonth?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only payments to this household.' })
  householdId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only payments of this enrollment.' })
  enrollmentId?: string | null;
}
