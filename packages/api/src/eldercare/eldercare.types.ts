import type { FacilityKind, HazardCategory, HazardState, HomeServiceKind, ModificationState } from '@xingfu/domain';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from '../common/connection.js';
import { FacilityKindEnum, HazardCategoryEnum, HazardStateEnum, HomeServiceKindEnum, ModificationStateEnum } from '../common/enums.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { DateScalar, MonthScalar } from '../scalars/month.scalar.js';

@ObjectType('CaregiversByLevel', {
  description: 'Certified caregivers (养老护理员) by level: 五级/初级 LEVEL5 … 一级/高级技师 LEVEL1.',
  simpleResolvers: true,
})
export class CaregiversByLevelType {
  @Field(() => Int) level5!: number;
  @Field(() => Int) level4!: number;
  @Field(() => Int) level3!: number;
  @Field(() => Int) level2!: number;
  @Field(() => Int) level1!: number;
}

@ObjectType('FacilityCapacity', { description: 'The capacity of a facility as recorded on a date.' })
export class FacilityCapacityType {
  @Field(() => ID) id!: number;
  @Field(() => DateScalar) recordedOn!: string;
  @Field(() => Int) beds!: number;
  @Field(() => Int) occupiedBeds!: number;
  @Field(() => Int) staff!: number;
}

@ObjectType('FacilityHazardCounts', {
  description: 'Hazards a facility’s inspections found, open in the ledger, and open past their deadline.',
  simpleResolvers: true,
})
export class FacilityHazardCountsType {
  @Field(() => Int) found!: number;
  @Field(() => Int) open!: number;
  @Field(() => Int) overdue!: number;
}

@ObjectType('FacilityActivity', { description: 'A 幸福院’s, day-care centre’s or canteen’s month.', simpleResolvers: true })
export class FacilityActivityType {
  @Field(() => MonthScalar) month!: string;
  @Field(() => Int) peopleServed!: number;
  @Field(() => Int) meals!: number;
}

@ObjectType('ElderFacility', { description: 'An elder-care facility, addressed at village level.' })
export class ElderFacilityType {
  @Field(() => ID) id!: number;
  @Field(() => FacilityKindEnum) kind!: FacilityKind;
  @Field(() => String) name!: string;
  @Field(() => String) operator!: string;
  @Field(() => String) address!: string;
  @Field(() => Int, { nullable: true, description: 'Floor area in m².' }) floorAreaM2?: number | null;
  @Field(() => MoneyScalar, { nullable: true, name: 'investment', description: 'Investment in building it.' }) investmentFen?:
    number | null;
  @Field(() => DateScalar) openedOn!: string;
  @Field(() => DateScalar, { nullable: true }) closedOn?: string | null;
  @Field(() => Int, { nullable: true, description: '1 to 5 stars (养老机构等级评定).' }) starRating?: number | null;
  @Field(() => DateScalar, { nullable: true }) starRatedOn?: string | null;
}

@ObjectType('ChecklistItem', { simpleResolvers: true })
export class ChecklistItemType {
  @Field(() => HazardCategoryEnum) category!: HazardCategory;
  @Field(() => Boolean) passed!: boolean;
  @Field(() => String) note!: string;
}

@ObjectType('ElderInspection', { description: 'A safety inspection of a facility by a (joint) team.' })
export class ElderInspectionType {
  @Field(() => ID) id!: number;
  @Field(() => DateScalar) inspectedOn!: string;
  @Field(() => String) team!: string;
  @Field(() => Boolean) jointWithFireBrigade!: boolean;
  @Field(() => [ChecklistItemType]) checklist!: ChecklistItemType[];
}

@ObjectType('HazardFollowUp', { description: 'A follow-up visit (回头看).', simpleResolvers: true })
export class HazardFollowUpType {
  @Field(() => ID) id!: number;
  @Field(() => DateScalar) visitedOn!: string;
  @Field(() => Boolean) rectified!: boolean;
  @Field(() => String) note!: string;
}

@ObjectType('ElderHazard', { description: 'A hazard an inspection found: fixed on the spot or in the rectification ledger (整改台账).' })
export class ElderHazardType {
  @Field(() => ID) id!: number;
  @Field(() => HazardCategoryEnum) category!: HazardCategory;
  @Field(() => String) description!: string;
  @Field(() => DateScalar) foundOn!: string;
  @Field(() => HazardStateEnum) state!: HazardState;
  @Field(() => DateScalar, { nullable: true, description: 'The rectification deadline of a ledger entry.' }) deadline?: string | null;
  @Field(() => String, { nullable: true, description: 'Who answers for the rectification.' }) responsible?: string | null;
  @Field(() => DateScalar, { nullable: true }) closedOn?: string | null;
}

@ObjectType('HomeService', { description: 'Services of one kind a person received at home in a month.' })
export class HomeServiceType {
  @Field(() => ID) id!: number;
  @Field(() => MonthScalar) month!: string;
  @Field(() => HomeServiceKindEnum) kind!: HomeServiceKind;
  @Field(() => Int) times!: number;
}

@ObjectType('HomeModification', { description: 'An age-friendly home modification (适老化改造) of a household.' })
export class HomeModificationType {
  @Field(() => ID) id!: number;
  @Field(() => Int) year!: number;
  @Field(() => String) items!: string;
  @Field(() => ModificationStateEnum) state!: ModificationState;
  @Field(() => MoneyScalar, { name: 'cost' }) costFen!: number;
  @Field(() => DateScalar, { nullable: true }) completedOn?: string | null;
}

@ObjectType('HomeServiceKindCoverage', { simpleResolvers: true })
export class HomeServiceKindCoverageType {
  @Field(() => HomeServiceKindEnum) kind!: HomeServiceKind;
  @Field(() => Int) persons!: number;
  @Field(() => Int) times!: number;
}

@ObjectType('HomeServiceCoverage', {
  description: 'Persons served at home in a year against the county’s eligible population.',
  simpleResolvers: true,
})
export class HomeServiceCoverageType {
  @Field(() => Int) year!: number;
  @Field(() => Int, { nullable: true, description: 'The eligible population the county set for the year; null when none was set.' })
  eligiblePersons!: number | null;
  @Field(() => Int) personsServed!: number;
  @Field(() => Float, { nullable: true, description: 'personsServed / eligiblePersons in percent, two decimals; null without a target.' })
  coveragePercent!: number | null;
  @Field(() => [HomeServiceKindCoverageType]) byKind!: HomeServiceKindCoverageType[];
}

@ObjectType('HomeModificationProgress', { description: 'A year’s 适老化改造 of a county against its target.', simpleResolvers: true })
export class HomeModificationProgressType {
  @Field(() => Int) year!: number;
  @Field(() => Int, { nullable: true }) target!: number | null;
  @Field(() => Int) planned!: number;
  @Field(() => Int) inProgress!: number;
  @Field(() => Int) completed!: number;
  @Field(() => Int) cancelled!: number;
  @Field(() => MoneyScalar) completedCost!: number;
}

@ObjectType('ElderCareTarget', { simpleResolvers: true })
export class ElderCareTargetType {
  @Field(() => String) countyCode!: string;
  @Field(() => Int) year!: number;
  @Field(() => Int) eligiblePersons!: number;
  @Field(() => Int) modificationTarget!: number;
}

export const ElderFacilityConnection = Connection('ElderFacility', ElderFacilityType);
export const ElderHazardConnection = Connection('ElderHazard', ElderHazardType);
export const HomeServiceConnection = Connection('HomeService', HomeServiceType);
export const HomeModificationConnection = Connection('HomeModification', HomeModificationType);
