import { Standard, type AreaType } from '@xingfu/domain';
import { Field, InputType, ObjectType } from 'type-graphql';
import { AreaTypeEnum } from '../common/enums.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { MonthScalar } from '../scalars/month.scalar.js';
import { StandardType } from './program.types.js';

@InputType('SetStandardInput')
export class SetStandardInput {
  @Field(() => String)
  programCode!: string;

  @Field(() => String)
  countyCode!: string;

  @Field(() => AreaTypeEnum)
  areaType!: AreaType;

  @Field(() => String, { nullable: true })
  tier?: string | null;

  @Field(() => MonthScalar)
  effectiveMonth!: string;

  @Field(() => MoneyScalar, { description: 'Yuan per person per month.' })
  amount!: bigint;
}

@ObjectType('SetStandardPayload')
export class SetStandardPayload {
  @Field(() => StandardType)
  standard!: Standard;
}
