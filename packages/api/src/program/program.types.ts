import type { AmountRule, AreaType, BeneficiaryUnit, DisclosurePolicy, PaymentFrequency } from '@xingfu/domain';
import { Field, ID, ObjectType } from 'type-graphql';
import { AmountRuleEnum, AreaTypeEnum, BeneficiaryUnitEnum, DisclosurePolicyEnum, PaymentFrequencyEnum } from '../common/enums.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { MonthScalar } from '../scalars/month.scalar.js';

@ObjectType('Program', { description: 'A program of the catalog (低保, 特困, 临时救助, …).', simpleResolvers: true })
export class ProgramType {
  @Field(() => ID)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  category!: string;

  @Field(() => PaymentFrequencyEnum)
  frequency!: PaymentFrequency;

  @Field(() => BeneficiaryUnitEnum)
  unit!: BeneficiaryUnit;

  @Field(() => AmountRuleEnum)
  amountRule!: AmountRule;

  @Field(() => DisclosurePolicyEnum)
  disclosure!: DisclosurePolicy;

  @Field(() => Boolean, { description: 'For minors only: never listed per person.' })
  minorsOnly!: boolean;

  @Field(() => String)
  description!: string;
}

@ObjectType('Standard', { description: 'A monthly amount per person in force from a month on.' })
export class StandardType {
  @Field(() => ID)
  id!: number;

  @Field(() => AreaTypeEnum)
  areaType!: AreaType;

  @Field(() => String, { description: 'Tier of a tiered program (e.g. 80, 90, 100 for 尊老金); empty otherwise.' })
  tier!: string;

  @Field(() => MonthScalar)
  effectiveMonth!: string;

  @Field(() => MoneyScalar, { name: 'amount', description: 'Yuan per person per month.' })
  amountFen!: number;
}
