import type { FacilityKind, HazardCategory, Published } from '@xingfu/domain';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { FacilityKindEnum, HazardCategoryEnum } from '../common/enums.js';
import { PageInfo } from '../common/connection.js';
import { DateScalar } from '../scalars/month.scalar.js';
import { NotACount, SuppressedFigure } from './public-figure.js';

/**
 * Elder care in public (docs/eldercare.md, "In public"): what a release froze of a county's
 * facilities, inspections, home services and 适老化改造. Every number goes through the one
 * suppression policy: institutions, beds, caregivers and hazards are published (they count
 * nobody receiving anything); occupied beds, persons served and households modified are counted
 * like people (1 to 10 suppressed, null).
 */

type Figure = Published<number> | null;

@ObjectType('PublicHazardFigures', {
  description:
    'Hazards of one checklist category: found, fixed on the spot, rectified at a follow-up, still open and overdue on the release’s date.',
  simpleResolvers: true,
})
export class PublicHazardFiguresType {
  @Field(() => HazardCategoryEnum) category!: HazardCategory;
  @SuppressedFigure(() => Int, 'Inspections whose checklist failed this category.') failedChecks!: Figure;
  @SuppressedFigure() found!: Figure;
  @SuppressedFigure(() => Int, '当场整改.') fixedOnSpot!: Figure;
  @SuppressedFigure(() => Int, 'Closed by a follow-up visit (回头看) by the release’s date.') rectified!: Figure;
  @SuppressedFigure(() => Int, 'Still in the rectification ledger (整改台账) on the release’s date.') stillOpen!: Figure;
  @SuppressedFigure(() => Int, 'Still open after their deadline on the release’s date.') overdue!: Figure;
}

@ObjectType('PublicInspectionQuarter', {
  description: 'Safety inspections of a quarter and the hazards they found.',
  simpleResolvers: true,
})
export class PublicInspectionQuarterType {
  @Field(() => String, { description: '"2023-Q2".' }) quarter!: string;
  @SuppressedFigure() inspections!: Figure;
  @SuppressedFigure(() => Int, 'Made jointly with the fire brigade (消防).') jointInspections!: Figure;
  @SuppressedFigure() facilitiesInspected!: Figure;
  @Field(() => [PublicHazardFiguresType], { description: 'One line per checklist category.' }) hazards!: PublicHazardFiguresType[];
}

@ObjectType('PublicFacilityKindFigures', {
  description: 'Open facilities of one kind, their beds and certified caregivers.',
  simpleResolvers: true,
})
export class PublicFacilityKindFiguresType {
  @Field(() => FacilityKindEnum) kind!: FacilityKind;
  @SuppressedFigure() facilities!: Figure;
  @SuppressedFigure() beds!: Figure;
  @SuppressedFigure(() => Int, 'Certified caregivers (养老护理员), every level.') certifiedCaregivers!: Figure;
}

@ObjectType('PublicStarRatingCount', {
  description: 'Open facilities rated with a number of stars (养老机构等级评定).',
  simpleResolvers: true,
})
export class PublicStarRatingCountType {
  @NotACount(() => Int, '1 to 5.') stars!: number;
  @SuppressedFigure() facilities!: Figure;
}

@ObjectType('PublicHomeServices', { description: 'Home services (居家养老服务) of a year.', simpleResolvers: true })
export class PublicHomeServicesType {
  @SuppressedFigure(() => Int, 'Persons who received any home service in the year’s months that are over.') personsServed!: Figure;
  @NotACount(() => Int, 'The population eligible for home services the county set for the year (a planning figure; counties only).', true)
  eligiblePersons!: number | null;
  @SuppressedFigure(() => Float, 'Persons served ÷ eligible population, in percent (counties only).') coverage!: Figure;
}

@ObjectType('PublicHomeModifications', {
  description: '适老化改造 projects of a year, by state, against the county’s target.',
  simpleResolvers: true,
})
export class PublicHomeModificationsType {
  @SuppressedFigure() planned!: Figure;
  @SuppressedFigure() inProgress!: Figure;
  @SuppressedFigure() completed!: Figure;
  @NotACount(() => Int, 'Homes to modify in the year, as the county set it (counties only).', true) target!: number | null;
}

@ObjectType('PublicElderCare', {
  description:
    'Elder care of a county or town as a release froze it: its open facilities as of the release’s date, and the home services, modifications and inspections of a year.',
})
export class PublicElderCareType {
  @Field(() => String) regionCode!: string;
  @SuppressedFigure(() => Int, 'Open facilities, every kind.') facilities!: Figure;
  @SuppressedFigure() beds!: Figure;
  @SuppressedFigure(() => Int, 'Residents: 1 to 10 suppressed.') occupiedBeds!: Figure;
  @SuppressedFigure(() => Float, 'Occupied beds ÷ beds, in percent; null with the occupied beds.') occupancy!: Figure;
  @SuppressedFigure() certifiedCaregivers!: Figure;
  @Field(() => [PublicFacilityKindFiguresType], { description: 'One line per kind with open facilities.' })
  byKind!: PublicFacilityKindFiguresType[];
  @Field(() => [PublicStarRatingCountType], { description: 'One line per star, 1 to 5.' }) starRatings!: PublicStarRatingCountType[];
  @Field(() => PublicHomeServicesType) homeServices!: PublicHomeServicesType;
  @Field(() => PublicHomeModificationsType) modifications!: PublicHomeModificationsType;
  @Field(() => [PublicInspectionQuarterType], { description: 'The year’s quarters (all four).' })
  inspectionQuarters!: PublicInspectionQuarterType[];
  @Field(() => [PublicHazardFiguresType], { description: 'The year’s hazards by category.' }) hazards!: PublicHazardFiguresType[];
}

@ObjectType('PublicInspection', {
  description: 'A safety inspection of a facility: its date and its checklist, category by category.',
  simpleResolvers: true,
})
export class PublicInspectionType {
  @Field(() => DateScalar) inspectedOn!: string;
  @Field(() => Boolean) jointWithFireBrigade!: boolean;
  @Field(() => [PublicHazardFiguresType]) categories!: PublicHazardFiguresType[];
}

@ObjectType('PublicElderFacility', {
  description: 'An elder-care facility as a release froze it: an institution, named; never its residents, managers or address.',
})
export class PublicElderFacilityType {
  /** The facility's row id (internal to the read model). */
  facilityId!: number;
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => FacilityKindEnum) kind!: FacilityKind;
  @Field(() => String) operator!: string;
  @Field(() => String) countyCode!: string;
  @Field(() => String) townCode!: string;
  @Field(() => String) villageCode!: string;
  @Field(() => DateScalar) openedOn!: string;
  @Field(() => DateScalar, { nullable: true }) closedOn!: string | null;
  @NotACount(() => Int, '1 to 5 stars (养老机构等级评定), null when not rated.', true)
  starRating!: number | null;
  @Field(() => DateScalar, { nullable: true }) starRatedOn!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'The date of the capacity record shown; null when none.' })
  capacityRecordedOn!: string | null;
  @SuppressedFigure() beds!: Figure;
  @SuppressedFigure(() => Int, 'Residents: 1 to 10 suppressed.') occupiedBeds!: Figure;
  @SuppressedFigure(() => Float) occupancy!: Figure;
  @SuppressedFigure() certifiedCaregivers!: Figure;
}

@ObjectType('PublicElderFacilityEdge', { simpleResolvers: true })
export class PublicElderFacilityEdge {
  @Field(() => String) cursor!: string;
  @Field(() => PublicElderFacilityType) node!: PublicElderFacilityType;
}

@ObjectType('PublicElderFacilityConnection', {
  simpleResolvers: true,
  description: 'One page of a region’s facilities, by id: follow pageInfo.endCursor for the next page.',
})
export class PublicElderFacilityConnection {
  @Field(() => [PublicElderFacilityEdge]) edges!: PublicElderFacilityEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
