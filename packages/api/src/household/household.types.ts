import type { AreaType, MemberRelation, Sex } from '@xingfu/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from '../common/connection.js';
import { AreaTypeEnum, MemberRelationEnum, SexEnum } from '../common/enums.js';
import { DateScalar } from '../scalars/month.scalar.js';

@ObjectType('Person', { description: 'A registered person (internal only: carries personal data).', simpleResolvers: true })
export class PersonType {
  @Field(() => ID)
  id!: number;

  @Field(() => String, { description: '18-character resident ID number (GB 11643).' })
  idNumber!: string;

  @Field(() => String)
  name!: string;

  @Field(() => SexEnum)
  sex!: Sex;

  @Field(() => DateScalar)
  birthDate!: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  disabilityCategory?: string | null;

  @Field(() => Int, { nullable: true, description: '1 (most severe) to 4.' })
  disabilityLevel?: number | null;

  @Field(() => DateScalar, { nullable: true })
  deceasedOn?: string | null;
}

/** Resolved from MemberRow (household.read-model.ts): the membership with its person. */
@ObjectType('HouseholdMember', { simpleResolvers: true })
export class HouseholdMemberType {
  @Field(() => ID)
  id!: number;

  @Field(() => MemberRelationEnum)
  relation!: MemberRelation;

  @Field(() => DateScalar)
  startDate!: string;

  @Field(() => DateScalar, { nullable: true })
  endDate?: string | null;

  @Field(() => PersonType)
  person!: PersonType;
}

@ObjectType('Household', { simpleResolvers: true })
export class HouseholdType {
  @Field(() => ID)
  id!: number;

  @Field(() => String, { description: 'The random id the public 幸福清单 shows.' })
  publicId!: string;

  @Field(() => AreaTypeEnum)
  areaType!: AreaType;

  @Field(() => String)
  address!: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;
}

export const HouseholdConnection = Connection('Household', HouseholdType);
