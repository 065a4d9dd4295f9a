import type { AreaType, Household, MemberRelation, Person } from '@xingfu/domain';
import { ArrayMinSize, IsOptional, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import { AreaTypeEnum, MemberRelationEnum } from '../common/enums.js';
import { DateScalar } from '../scalars/month.scalar.js';
import type { MemberRow } from './household.read-model.js';
import { HouseholdMemberType, HouseholdType, PersonType } from './household.types.js';

@InputType('NewMemberInput')
export class NewMemberInput {
  @Field(() => String, { description: '18-character resident ID number; validated with its check character.' })
  idNumber!: string;

  @Field(() => String)
  @Length(1, 40)
  name!: string;

  @Field(() => MemberRelationEnum)
  relation!: MemberRelation;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(20)
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(20)
  disabilityCategory?: string | null;

  @Field(() => Int, { nullable: true })
  disabilityLevel?: number | null;
}

@InputType('RegisterHouseholdInput')
export class RegisterHouseholdInput {
  @Field(() => String, { description: '12-digit code of the village (村/社区) of residence.' })
  @Matches(/^\d{12}$/, { message: 'villageCode is a 12-digit village code' })
  villageCode!: string;

  @Field(() => AreaTypeEnum)
  areaType!: AreaType;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  address?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(20)
  phone?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the members joined (defaults to today).' })
  startDate?: string | null;

  @Field(() => [NewMemberInput], { description: 'The members, 1 to 20, one of them the head.' })
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  members!: NewMemberInput[];
}

@ObjectType('RegisterHouseholdPayload')
export class RegisterHouseholdPayload {
  @Field(() => HouseholdType)
  household!: Household;
}

@InputType('RecordDeathInput')
export class RecordDeathInput {
  @Field(() => ID)
  personId!: number;

  @Field(() => DateScalar)
  deceasedOn!: string;
}

@ObjectType('RecordDeathPayload')
export class RecordDeathPayload {
  @Field(() => PersonType)
  person!: Person;
}

@ArgsType()
export class HouseholdsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'County, town or village code; defaults to your region.' })
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Only households with an active enrollment in this program.' })
  programCode?: string | null;
}

@InputType('AddHouseholdMemberInput')
export class AddHouseholdMemberInput extends NewMemberInput {
  @Field(() => ID)
  householdId!: string;

  @Field(() => DateScalar, { nullable: true })
  startDate?: string | null;
}

@InputType('EndHouseholdMembershipInput')
export class EndHouseholdMembershipInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => DateScalar)
  endDate!: string;
}

@ObjectType('HouseholdMemberPayload')
export class HouseholdMemberPayload {
  @Field(() => HouseholdMemberType)
  member!: MemberRow;
}
