import type { AmountRule, AreaType, EnrollmentStatus, ExitReason, PaymentKind, PayrollStatus } from '@xingfu/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from '../common/connection.js';
import { AmountRuleEnum, AreaTypeEnum, EnrollmentStatusEnum, ExitReasonEnum, PaymentKindEnum, PayrollStatusEnum } from '../common/enums.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { MonthScalar } from '../scalars/month.scalar.js';
import { ProgramType } from '../program/program.types.js';

/** Resolved from EnrollmentRow (payroll.read-model.ts): the enrollment with its program. */
@ObjectType('Enrollment', { description: 'A household or person in a monthly program, from a month on.', simpleResolvers: true })
export class EnrollmentType {
  @Field(() => ID)
  id!: number;

  @Field(() => AreaTypeEnum)
  areaType!: AreaType;

  @Field(() => AmountRuleEnum)
  amountRule!: AmountRule;

  @Field(() => String)
  tier!: string;

  @Field(() => Int)
  coveredMembers!: number;

  @Field(() => MoneyScalar, { name: 'perCapitaIncome', simple: false, description: 'Assessed monthly per-capita income (gap programs).' })
  perCapitaIncomeFen!: number;

  @Field(() => MoneyScalar, {
    name: 'fixedAmount',
    simple: false,
    nullable: true,
    description: 'A fixed monthly amount (渐退) overriding the rule.',
  })
  fixedAmountFen?: number | null;

  @Field(() => MonthScalar)
  startMonth!: string;

  @Field(() => MonthScalar, { nullable: true, description: 'Last month paid.' })
  endMonth?: string | null;

  @Field(() => EnrollmentStatusEnum)
  status!: EnrollmentStatus;

  @Field(() => ExitReasonEnum, { nullable: true })
  exitReason?: ExitReason | null;

  @Field(() => ProgramType)
  program!: ProgramType;
}

/** Resolved from PaymentRow (payroll.read-model.ts): amounts under their field names. */
@ObjectType('Payment', { description: 'One row of the payment ledger.', simpleResolvers: true })
export class PaymentType {
  @Field(() => ID)
  id!: number;

  @Field(() => MonthScalar, { description: 'The month the payment concerns.' })
  month!: string;

  @Field(() => PaymentKindEnum)
  kind!: PaymentKind;

  @Field(() => MoneyScalar)
  amount!: number;

  @Field(() => Int)
  coveredMembers!: number;

  @Field(() => MoneyScalar, { nullable: true, description: 'The standard in force, for regular payments.' })
  standard?: number | null;

  @Field(() => String)
  note!: string;

  @Field(() => String)
  villageCode!: string;
}

@ObjectType('PayrollBatch', { description: 'A county’s monthly payroll of one program.' })
export class PayrollBatchType {
  @Field(() => ID)
  id!: number;

  @Field(() => MonthScalar)
  month!: string;

  @Field(() => PayrollStatusEnum)
  status!: PayrollStatus;

  @Field(() => Int)
  paymentCount!: number;

  @Field(() => MoneyScalar, { name: 'total' })
  totalFen!: string;

  @Field(() => Date)
  generatedAt!: Date;

  @Field(() => Date, { nullable: true })
  approvedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  paidAt?: Date | null;
}

export const PaymentConnection = Connection('Payment', PaymentType);

export const EnrollmentConnection = Connection('Enrollment', EnrollmentType);
