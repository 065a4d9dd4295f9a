import { REFERRAL_DEPARTMENTS, REFERRAL_OUTCOMES, type ReferralDepartment, type ReferralOutcome } from '@xingfu/domain';
import { Field, ID, ObjectType } from 'type-graphql';
import { registerStringEnum } from '../common/string-enum.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { DateScalar } from '../scalars/month.scalar.js';

export const ReferralDepartmentEnum = registerStringEnum(
  REFERRAL_DEPARTMENTS,
  'ReferralDepartment',
  '社会大救助 departments: MEDICAL_INSURANCE 医保, EDUCATION 教育, HUMAN_RESOURCES 人社, HOUSING 住建, DISABILITY_FEDERATION 残联.',
);
export const ReferralOutcomeEnum = registerStringEnum(
  REFERRAL_OUTCOMES,
  'ReferralOutcome',
  'The department granted or refused what was asked.',
);

@ObjectType('Referral', { description: 'A case referred to a department (社会大救助), with what was asked and the department’s outcome.' })
export class ReferralType {
  @Field(() => ID) id!: number;
  @Field(() => ReferralDepartmentEnum) department!: ReferralDepartment;
  @Field(() => String) request!: string;
  @Field(() => DateScalar) referredOn!: string;
  @Field(() => ReferralOutcomeEnum, { nullable: true, description: 'Null while the department has not answered.' })
  outcome!: ReferralOutcome | null;
  @Field(() => MoneyScalar, { nullable: true }) amount!: number | null;
  @Field(() => String, { nullable: true }) outcomeNote!: string | null;
  @Field(() => DateScalar, { nullable: true }) decidedOn!: string | null;
}

@ObjectType('ReferralPayload')
export class ReferralPayload {
  @Field(() => ReferralType) referral!: ReferralType;
}
