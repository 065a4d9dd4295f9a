import type { FacilityKind, HazardCategory, HazardState, HomeServiceKind, ModificationState } from '@xingfu/domain';
import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import { FacilityKindEnum, HazardCategoryEnum, HazardStateEnum, HomeServiceKindEnum, ModificationStateEnum } from '../common/enums.js';
import { EnrollmentType } from '../payroll/payroll.types.js';
import type { EnrollmentRow } from '../payroll/payroll.read-model.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { DateScalar, MonthScalar } from '../scalars/month.scalar.js';
import {
  ElderCareTargetType,
  ElderFacilityType,
  ElderHazardType,
  ElderInspectionType,
  FacilityActivityType,
  FacilityCapacityType,
  HomeModificationType,
  HomeServiceType,
} from './eldercare.types.js';
import { HAZARD_CATEGORIES, MAX_HAZARDS_PER_INSPECTION } from '@xingfu/domain';

@ArgsType()
export class ElderFacilitiesArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'County, town or village; defaults to your region.' }) regionCode?: string | null;
  @Field(() => FacilityKindEnum, { nullable: true }) kind?: FacilityKind | null;
  @Field(() => Boolean, { nullable: true, description: 'true: open facilities only; false: closed ones only.' }) open?: boolean | null;
}

@ArgsType()
export class ElderHazardsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'County, town or village; defaults to your region.' }) regionCode?: string | null;
  @Field(() => HazardStateEnum, { nullable: true }) state?: HazardState | null;
  @Field(() => HazardCategoryEnum, { nullable: true }) category?: HazardCategory | null;
}

@ArgsType()
export class OverdueHazardsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'County, town or village; defaults to your region.' }) regionCode?: string | null;
}

@ArgsType()
export class HomeServicesArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'County, town or village; defaults to your region.' }) regionCode?: string | null;
  @Field(() => MonthScalar, { nullable: true }) month?: string | null;
  @Field(() => HomeServiceKindEnum, { nullable: true }) kind?: HomeServiceKind | null;
}

@ArgsType()
export class HomeModificationsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'County, town or village; defaults to your region.' }) regionCode?: string | null;
  @Field(() => Int, { nullable: true }) year?: number | null;
  @Field(() => ModificationStateEnum, { nullable: true }) state?: ModificationState | null;
}

@InputType('RegisterFacilityInput')
export class RegisterFacilityInput {
  @Field(() => FacilityKindEnum) kind!: FacilityKind;
  @Field(() => String) @MaxLength(100) name!: string;
  @Field(() => String) @MaxLength(100) operator!: string;
  @Field(() => String, { description: 'The village (村/社区, 12 digits) of its address.' }) villageCode!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) address?: string | null;
  @Field(() => Int, { nullable: true, description: 'Floor area in m².' }) floorAreaM2?: number | null;
  @Field(() => MoneyScalar, { nullable: true }) investment?: bigint | null;
  @Field(() => DateScalar) openedOn!: string;
}

@InputType('CloseFacilityInput')
export class CloseFacilityInput {
  @Field(() => ID) facilityId!: string;
  @Field(() => DateScalar) closedOn!: string;
}

@InputType('RateFacilityInput')
export class RateFacilityInput {
  @Field(() => ID) facilityId!: string;
  @Field(() => Int, { description: '1 to 5.' }) stars!: number;
  @Field(() => DateScalar) ratedOn!: string;
}

@InputType('CaregiversByLevelInput')
export class CaregiversByLevelInput {
  @Field(() => Int, { nullable: true, description: 'Default 0.' }) level5?: number | null;
  @Field(() => Int, { nullable: true, description: 'Default 0.' }) level4?: number | null;
  @Field(() => Int, { nullable: true, description: 'Default 0.' }) level3?: number | null;
  @Field(() => Int, { nullable: true, description: 'Default 0.' }) level2?: number | null;
  @Field(() => Int, { nullable: true, description: 'Default 0.' }) level1?: number | null;
}

@InputType('RecordFacilityCapacityInput')
export class RecordFacilityCapacityInput {
  @Field(() => ID) facilityId!: string;
  @Field(() => DateScalar) recordedOn!: string;
  @Field(() => Int) beds!: number;
  @Field(() => Int) occupiedBeds!: number;
  @Field(() => Int) staff!: number;
  @Field(() => CaregiversByLevelInput) @ValidateNested() caregivers!: CaregiversByLevelInput;
}

@InputType('HousePersonInput', { description: '特困 集中供养: the institution housing the person of an enrollment.' })
export class HousePersonInput {
  @Field(() => ID) enrollmentId!: string;
  @Field(() => ID, { nullable: true, description: 'null: the person no longer lives in an institution.' }) facilityId?: string | null;
}

@InputType('ChecklistItemInput')
export class ChecklistItemInput {
  @Field(() => HazardCategoryEnum) category!: HazardCategory;
  @Field(() => Boolean) passed!: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(500) note?: string | null;
}

@InputType('HazardInput')
export class HazardInput {
  @Field(() => HazardCategoryEnum) category!: HazardCategory;
  @Field(() => String) @MaxLength(500) description!: string;
  @Field(() => Boolean, { description: '当场整改: fixed while the team was there.' }) fixedOnSpot!: boolean;
  @Field(() => DateScalar, { nullable: true, description: 'For the ledger: the rectification deadline.' }) deadline?: string | null;
  @Field(() => String, { nullable: true, description: 'For the ledger: who answers for it.' })
  @IsOptional()
  @MaxLength(100)
  responsible?: string | null;
}

@InputType('RecordInspectionInput')
export class RecordInspectionInput {
  @Field(() => ID) facilityId!: string;
  @Field(() => DateScalar) inspectedOn!: string;
  @Field(() => String) @MaxLength(200) team!: string;
  @Field(() => Boolean, { nullable: true, description: 'Default false.' }) jointWithFireBrigade?: boolean | null;
  @Field(() => [ChecklistItemInput]) @ArrayMaxSize(HAZARD_CATEGORIES.length) @ValidateNested() checklist!: ChecklistItemInput[];
  @Field(() => [HazardInput]) @ArrayMaxSize(MAX_HAZARDS_PER_INSPECTION) @ValidateNested() hazards!: HazardInput[];
}

@InputType('RecordHazardFollowUpInput')
export class RecordHazardFollowUpInput {
  @Field(() => ID) hazardId!: string;
  @Field(() => DateScalar) visitedOn!: string;
  @Field(() => Boolean) rectified!: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(500) note?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'When not rectified: a new deadline.' }) newDeadline?: string | null;
}

@InputType('RecordHomeServiceInput')
export class RecordHomeServiceInput {
  @Field(() => ID) personId!: string;
  @Field(() => MonthScalar) month!: string;
  @Field(() => HomeServiceKindEnum) kind!: HomeServiceKind;
  @Field(() => Int) times!: number;
}

@InputType('SetElderCareTargetInput')
export class SetElderCareTargetInput {
  @Field(() => String) countyCode!: string;
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: 'The population eligible for home services (the coverage rate’s denominator).' })
  eligiblePersons!: number;
  @Field(() => Int, { description: 'Homes to modify (适老化改造) in the year.' }) modificationTarget!: number;
}

@InputType('PlanHomeModificationInput')
export class PlanHomeModificationInput {
  @Field(() => ID) householdId!: string;
  @Field(() => Int) year!: number;
  @Field(() => String) @MaxLength(500) items!: string;
  @Field(() => MoneyScalar) cost!: bigint;
}

@InputType('UpdateHomeModificationInput')
export class UpdateHomeModificationInput {
  @Field(() => ID) modificationId!: string;
  @Field(() => ModificationStateEnum) state!: ModificationState;
  @Field(() => MoneyScalar, { nullable: true, description: 'The final cost.' }) cost?: bigint | null;
  @Field(() => DateScalar, { nullable: true, description: 'For COMPLETED.' }) completedOn?: string | null;
}

@InputType('RecordFacilityActivityInput')
export class RecordFacilityActivityInput {
  @Field(() => ID) facilityId!: string;
  @Field(() => MonthScalar) month!: string;
  @Field(() => Int) peopleServed!: number;
  @Field(() => Int) meals!: number;
}

@ObjectType('ElderFacilityPayload')
export class ElderFacilityPayload {
  @Field(() => ElderFacilityType) facility!: ElderFacilityType;
}

@ObjectType('FacilityCapacityPayload')
export class FacilityCapacityPayload {
  @Field(() => FacilityCapacityType) capacity!: FacilityCapacityType;
}

@ObjectType('HousePersonPayload')
export class HousePersonPayload {
  @Field(() => EnrollmentType) enrollment!: EnrollmentRow;
}

@ObjectType('ElderInspectionPayload')
export class ElderInspectionPayload {
  @Field(() => ElderInspectionType) inspection!: ElderInspectionType;
}

@ObjectType('ElderHazardPayload')
export class ElderHazardPayload {
  @Field(() => ElderHazardType) hazard!: ElderHazardType;
}

@ObjectType('HomeServicePayload')
export class HomeServicePayload {
  @Field(() => HomeServiceType) service!: HomeServiceType;
}

@ObjectType('ElderCareTargetPayload')
export class ElderCareTargetPayload {
  @Field(() => ElderCareTargetType) target!: ElderCareTargetType;
}

@ObjectType('HomeModificationPayload')
export class HomeModificationPayload {
  @Field(() => HomeModificationType) modification!: HomeModificationType;
}

@ObjectType('FacilityActivityPayload')
export class FacilityActivityPayload {
  @Field(() => FacilityActivityType) activity!: FacilityActivityType;
}
