import {
  DomainError,
  assertCan,
  closeFacility,
  facilityInScope,
  housePerson,
  notFound,
  planHomeModification,
  rateFacility,
  recordCapacity,
  recordFacilityActivity,
  recordHazardFollowUp,
  recordHomeService,
  recordInspection,
  registerFacility,
  setElderCareTarget,
  updateHomeModification,
  isOverdue,
  today,
  type ElderFacility,
  type ElderHazard,
  type ElderInspection,
  type FacilityCapacity,
  type Household,
  type HomeModification,
  type HomeService,
  type Region,
} from '@xingfu/domain';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { elderCareActorOf, scopedRegion } from '../auth/require-actor.js';
import { change } from '../common/change.js';
import { pageWindow, toPage, type Page } from '../common/connection.js';
import { idOf } from '../common/ids.js';
import { yearOf } from '../common/args.js';
import type { RequestContext } from '../context/context.type.js';
import type { PersonRow } from '../context/loaders.js';
import { HouseholdType, PersonType } from '../household/household.types.js';
import { enrollmentRow } from '../payroll/payroll.read-model.js';
import { RegionType } from '../region/region.types.js';
import { fenOf } from '../scalars/money.scalar.js';
import {
  CloseFacilityInput,
  ElderCareTargetPayload,
  ElderFacilitiesArgs,
  ElderFacilityPayload,
  ElderHazardPayload,
  ElderHazardsArgs,
  ElderInspectionPayload,
  FacilityActivityPayload,
  FacilityCapacityPayload,
  HomeModificationPayload,
  HomeModificationsArgs,
  HomeServicePayload,
  HomeServicesArgs,
  HousePersonInput,
  HousePersonPayload,
  OverdueHazardsArgs,
  PlanHomeModificationInput,
  RateFacilityInput,
  RecordFacilityActivityInput,
  RecordFacilityCapacityInput,
  RecordHazardFollowUpInput,
  RecordHomeServiceInput,
  RecordInspectionInput,
  RegisterFacilityInput,
  SetElderCareTargetInput,
  UpdateHomeModificationInput,
} from './eldercare.inputs.js';
import {
  elderCareScope,
  facilityById,
  facilityPage,
  hazardPage,
  homeModificationPage,
  homeServiceCoverage,
  homeServicePage,
  inspectionById,
  modificationProgress,
  type ActivityRow,
  type CapacityRow,
  type FacilityHazardCounts,
  type FollowUpRow,
  type HazardRow,
  type InspectionRow,
} from './eldercare.read-model.js';
import {
  CaregiversByLevelType,
  ElderFacilityConnection,
  ElderFacilityType,
  ElderHazardConnection,
  ElderHazardType,
  ElderInspectionType,
  FacilityActivityType,
  FacilityCapacityType,
  FacilityHazardCountsType,
  HazardFollowUpType,
  HomeModificationConnection,
  HomeModificationProgressType,
  HomeModificationType,
  HomeServiceConnection,
  HomeServiceCoverageType,
  HomeServiceType,
} from './eldercare.types.js';

type CapacityRoot = CapacityRow | FacilityCapacity;
type InspectionRoot = InspectionRow | ElderInspection;
type HazardRoot = HazardRow | ElderHazard;

const facilityIdOf = (root: { facilityId: number } | { facility: { id: number } }): number =>
  'facilityId' in root ? root.facilityId : root.facility.id;

/** A county the caller may read figures of: its own, or the county of its town or village. */
function readableCounty(ctx: RequestContext, countyCode: string): void {
  const actor = elderCareActorOf(ctx);
  assertCan(actor, 'readElderCare');
  if (actor.role === 'facility_manager') throw new DomainError('FORBIDDEN', 'A facility manager reads its own facility only.');
  if (!/^\d{6}$/.test(countyCode)) throw DomainError.invalidRegionCode(countyCode);
  if (!actor.regionCode.startsWith(countyCode)) scopedRegion(actor, countyCode);
}

@Resolver(() => ElderFacilityType)
export class ElderFacilityResolver {
  @Query(() => ElderFacilityConnection, { description: 'Elder-care facilities of your region (a facility manager: its own), by id.' })
  async elderFacilities(
    @Args(() => ElderFacilitiesArgs) args: ElderFacilitiesArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<ElderFacility>> {
    const actor = elderCareActorOf(ctx);
    assertCan(actor, 'readElderCare');
    const scope = elderCareScope(actor, scopedRegion(actor, args.regionCode));
    const { limit, afterId } = pageWindow(args);
    const { rows, total } = await facilityPage(ctx.em, scope, { kind: args.kind ?? null, open: args.open ?? null }, { limit, afterId });
    return toPage(rows, limit, total);
  }

  @Query(() => ElderFacilityType)
  async elderFacility(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ElderFacility> {
    const actor = elderCareActorOf(ctx);
    assertCan(actor, 'readElderCare');
    const facility = await facilityById(ctx.em, idOf(id));
    if (!facility || !facilityInScope(actor, facility)) throw notFound(actor, 'elder-care facility', id);
    return facility;
  }

  @FieldResolver(() => RegionType, { description: 'The village of its address.' })
  async village(@Root() facility: ElderFacility, @Ctx() ctx: RequestContext): Promise<Region> {
    const village = await ctx.loaders.regionByCode.load(facility.villageCode);
    if (!village) throw new DomainError('NOT_FOUND', 'The village of this facility is missing.');
    return village;
  }

  @FieldResolver(() => FacilityCapacityType, { nullable: true, description: 'The latest capacity record.' })
  capacity(@Root() facility: ElderFacility, @Ctx() ctx: RequestContext): Promise<CapacityRow | null> {
    return ctx.loaders.elderCare.latestCapacityByFacility.load(facility.id);
  }

  @FieldResolver(() => [FacilityCapacityType], { description: 'Capacity records, newest first (the 24 most recent).' })
  capacityRecords(@Root() facility: ElderFacility, @Ctx() ctx: RequestContext): Promise<CapacityRow[]> {
    return ctx.loaders.elderCare.capacityRecordsByFacility.load(facility.id);
  }

  @FieldResolver(() => Int, { description: '特困 persons of active 集中供养 enrollments it houses.' })
  residents(@Root() facility: ElderFacility, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.loaders.elderCare.residentsByFacility.load(facility.id);
  }

  @FieldResolver(() => FacilityHazardCountsType)
  hazardCounts(@Root() facility: ElderFacility, @Ctx() ctx: RequestContext): Promise<FacilityHazardCounts> {
    return ctx.loaders.elderCare.hazardCountsByFacility.load(facility.id);
  }

  @FieldResolver(() => [ElderHazardType], {
    description: 'Hazards open in the rectification ledger, earliest deadline first (at most 50).',
  })
  openHazards(@Root() facility: ElderFacility, @Ctx() ctx: RequestContext): Promise<HazardRow[]> {
    return ctx.loaders.elderCare.openHazardsByFacility.load(facility.id);
  }

  @FieldResolver(() => [ElderInspectionType], { description: 'Inspections, newest first (the 10 most recent).' })
  inspections(@Root() facility: ElderFacility, @Ctx() ctx: RequestContext): Promise<InspectionRow[]> {
    return ctx.loaders.elderCare.inspectionsByFacility.load(facility.id);
  }

  @FieldResolver(() => [FacilityActivityType], { description: 'Monthly activity, newest first (24 months).' })
  activity(@Root() facility: ElderFacility, @Ctx() ctx: RequestContext): Promise<ActivityRow[]> {
    return ctx.loaders.elderCare.activityByFacility.load(facility.id);
  }

  @Mutation(() => ElderFacilityPayload)
  async registerFacility(
    @Arg('input', () => RegisterFacilityInput) input: RegisterFacilityInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ElderFacilityPayload> {
    const actor = elderCareActorOf(ctx);
    const facility = await change(ctx, (em) =>
      registerFacility(em, actor, {
        kind: input.kind,
        name: input.name,
        operator: input.operator,
        villageCode: input.villageCode,
        address: input.address ?? null,
        floorAreaM2: input.floorAreaM2 ?? null,
        investmentFen: fenOf(input.investment),
        openedOn: input.openedOn,
      }),
    );
    return { facility };
  }

  @Mutation(() => ElderFacilityPayload)
  async closeFacility(
    @Arg('input', () => CloseFacilityInput) input: CloseFacilityInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ElderFacilityPayload> {
    const actor = elderCareActorOf(ctx);
    return { facility: await change(ctx, (em) => closeFacility(em, actor, idOf(input.facilityId), input.closedOn)) };
  }

  @Mutation(() => ElderFacilityPayload, { description: 'The star rating (1–5) and the date it was given.' })
  async rateFacility(
    @Arg('input', () => RateFacilityInput) input: RateFacilityInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ElderFacilityPayload> {
    const actor = elderCareActorOf(ctx);
    const facility = await change(ctx, (em) =>
      rateFacility(em, actor, { facilityId: idOf(input.facilityId), stars: input.stars, ratedOn: input.ratedOn }),
    );
    return { facility };
  }

  @Mutation(() => FacilityCapacityPayload)
  async recordFacilityCapacity(
    @Arg('input', () => RecordFacilityCapacityInput) input: RecordFacilityCapacityInput,
    @Ctx() ctx: RequestContext,
  ): Promise<FacilityCapacityPayload> {
    const actor = elderCareActorOf(ctx);
    const capacity = await change(ctx, (em) =>
      recordCapacity(em, actor, {
        facilityId: idOf(input.facilityId),
        recordedOn: input.recordedOn,
        beds: input.beds,
        occupiedBeds: input.occupiedBeds,
        staff: input.staff,
        caregivers: {
          level5: input.caregivers.level5 ?? 0,
          level4: input.caregivers.level4 ?? 0,
          level3: input.caregivers.level3 ?? 0,
          level2: input.caregivers.level2 ?? 0,
          level1: input.caregivers.level1 ?? 0,
        },
      }),
    );
    return { capacity: capacity as unknown as FacilityCapacityType };
  }

  @Mutation(() => FacilityActivityPayload)
  async recordFacilityActivity(
    @Arg('input', () => RecordFacilityActivityInput) input: RecordFacilityActivityInput,
    @Ctx() ctx: RequestContext,
  ): Promise<FacilityActivityPayload> {
    const actor = elderCareActorOf(ctx);
    const activity = await change(ctx, (em) =>
      recordFacilityActivity(em, actor, {
        facilityId: idOf(input.facilityId),
        month: input.month,
        peopleServed: input.peopleServed,
        meals: input.meals,
      }),
    );
    return { activity };
  }

  @Mutation(() => HousePersonPayload, { description: '特困 集中供养: the institution housing the person of an enrollment.' })
  async housePerson(
    @Arg('input', () => HousePersonInput) input: HousePersonInput,
    @Ctx() ctx: RequestContext,
  ): Promise<HousePersonPayload> {
    const actor = elderCareActorOf(ctx);
    const enrollment = await change(ctx, (em) =>
      housePerson(em, actor, {
        enrollmentId: idOf(input.enrollmentId),
        facilityId: input.facilityId == null ? null : idOf(input.facilityId),
      }),
    );
    return { enrollment: await enrollmentRow(ctx, enrollment.id) };
  }
}

@Resolver(() => FacilityCapacityType)
export class FacilityCapacityResolver {
  @FieldResolver(() => CaregiversByLevelType)
  caregivers(@Root() capacity: CapacityRoot): CaregiversByLevelType {
    return {
      level5: capacity.caregiversLevel5,
      level4: capacity.caregiversLevel4,
      level3: capacity.caregiversLevel3,
      level2: capacity.caregiversLevel2,
      level1: capacity.caregiversLevel1,
    };
  }

  @FieldResolver(() => Int, { description: 'Certified caregivers of every level.' })
  certifiedCaregivers(@Root() c: CapacityRoot): number {
    return c.caregiversLevel5 + c.caregiversLevel4 + c.caregiversLevel3 + c.caregiversLevel2 + c.caregiversLevel1;
  }
}

@Resolver(() => ElderInspectionType)
export class ElderInspectionResolver {
  @Query(() => ElderInspectionType)
  async elderInspection(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ElderInspection> {
    const actor = elderCareActorOf(ctx);
    assertCan(actor, 'readElderCare');
    const inspection = await inspectionById(ctx.em, idOf(id));
    if (!inspection || !facilityInScope(actor, { id: inspection.facility.id, villageCode: inspection.villageCode })) {
      throw notFound(actor, 'inspection', id);
    }
    return inspection;
  }

  @FieldResolver(() => ElderFacilityType)
  async facility(@Root() inspection: InspectionRoot, @Ctx() ctx: RequestContext): Promise<ElderFacility> {
    const facility = await ctx.loaders.elderCare.facilityById.load(facilityIdOf(inspection));
    if (!facility) throw new DomainError('NOT_FOUND', 'The facility of this inspection is missing.');
    return facility;
  }

  @FieldResolver(() => [ElderHazardType], { description: 'The hazards it found (at most 50).' })
  hazards(@Root() inspection: InspectionRoot, @Ctx() ctx: RequestContext): Promise<HazardRow[]> {
    return ctx.loaders.elderCare.hazardsByInspection.load(inspection.id);
  }

  @Mutation(() => ElderInspectionPayload, {
    description:
      'An inspection and its hazards: each fixed on the spot, or entered in the rectification ledger with a deadline and a responsible person.',
  })
  async recordInspection(
    @Arg('input', () => RecordInspectionInput) input: RecordInspectionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ElderInspectionPayload> {
    const actor = elderCareActorOf(ctx);
    const { inspection } = await change(ctx, (em) =>
      recordInspection(em, actor, {
        facilityId: idOf(input.facilityId),
        inspectedOn: input.inspectedOn,
        team: input.team,
        jointWithFireBrigade: input.jointWithFireBrigade ?? false,
        checklist: input.checklist.map((item) => ({ category: item.category, passed: item.passed, note: item.note ?? '' })),
        hazards: input.hazards.map((h) => ({
          category: h.category,
          description: h.description,
          fixedOnSpot: h.fixedOnSpot,
          deadline: h.deadline ?? null,
          responsible: h.responsible ?? null,
        })),
      }),
    );
    return { inspection };
  }
}

@Resolver(() => ElderHazardType)
export class ElderHazardResolver {
  @Query(() => ElderHazardConnection, { description: 'The hazards of your region’s facilities (the rectification ledger), by id.' })
  async elderHazards(@Args(() => ElderHazardsArgs) args: ElderHazardsArgs, @Ctx() ctx: RequestContext): Promise<Page<ElderHazard>> {
    const actor = elderCareActorOf(ctx);
    assertCan(actor, 'readElderCare');
    const scope = elderCareScope(actor, scopedRegion(actor, args.regionCode));
    const { limit, afterId } = pageWindow(args);
    const { rows, total } = await hazardPage(
      ctx.em,
      scope,
      { state: args.state ?? null, category: args.category ?? null },
      { limit, afterId },
    );
    return toPage(rows, limit, total);
  }

  @Query(() => ElderHazardConnection, { description: 'Hazards still open after their rectification deadline, in your region, by id.' })
  async overdueHazards(@Args(() => OverdueHazardsArgs) args: OverdueHazardsArgs, @Ctx() ctx: RequestContext): Promise<Page<ElderHazard>> {
    const actor = elderCareActorOf(ctx);
    assertCan(actor, 'readElderCare');
    const scope = elderCareScope(actor, scopedRegion(actor, args.regionCode));
    const { limit, afterId } = pageWindow(args);
    const { rows, total } = await hazardPage(ctx.em, scope, { overdueOnly: true }, { limit, afterId });
    return toPage(rows, limit, total);
  }

  @FieldResolver(() => Boolean, { description: 'Open after its deadline.' })
  overdue(@Root() hazard: HazardRoot): boolean {
    return isOverdue(hazard, today());
  }

  @FieldResolver(() => ElderFacilityType)
  async facility(@Root() hazard: HazardRoot, @Ctx() ctx: RequestContext): Promise<ElderFacility> {
    const facility = await ctx.loaders.elderCare.facilityById.load(facilityIdOf(hazard));
    if (!facility) throw new DomainError('NOT_FOUND', 'The facility of this hazard is missing.');
    return facility;
  }

  @FieldResolver(() => [HazardFollowUpType], { description: 'Follow-up visits (回头看), in order (the 10 most recent).' })
  followUps(@Root() hazard: HazardRoot, @Ctx() ctx: RequestContext): Promise<FollowUpRow[]> {
    return ctx.loaders.elderCare.followUpsByHazard.load(hazard.id);
  }

  @Mutation(() => ElderHazardPayload, { description: 'A follow-up visit (回头看): rectified closes the hazard, otherwise it stays open.' })
  async recordHazardFollowUp(
    @Arg('input', () => RecordHazardFollowUpInput) input: RecordHazardFollowUpInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ElderHazardPayload> {
    const actor = elderCareActorOf(ctx);
    const hazard = await change(ctx, (em) =>
      recordHazardFollowUp(em, actor, {
        hazardId: idOf(input.hazardId),
        visitedOn: input.visitedOn,
        rectified: input.rectified,
        note: input.note ?? '',
        newDeadline: input.newDeadline ?? null,
      }),
    );
    return { hazard };
  }
}

@Resolver(() => HomeServiceType)
export class HomeServiceResolver {
  @Query(() => HomeServiceConnection, { description: 'Home services recorded in your region, by id.' })
  async homeServices(@Args(() => HomeServicesArgs) args: HomeServicesArgs, @Ctx() ctx: RequestContext): Promise<Page<HomeService>> {
    const actor = elderCareActorOf(ctx);
    assertCan(actor, 'recordHomeService');
    const region = scopedRegion(actor, args.regionCode);
    const { limit, afterId } = pageWindow(args);
    const { rows, total } = await homeServicePage(
      ctx.em,
      region,
      { month: args.month ?? null, kind: args.kind ?? null },
      { limit, afterId },
    );
    return toPage(rows, limit, total);
  }

  @Query(() => HomeServiceCoverageType, { description: 'Persons served at home in a year against the county’s eligible population.' })
  async homeServiceCoverage(
    @Arg('countyCode', () => String) countyCode: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: RequestContext,
  ): Promise<HomeServiceCoverageType> {
    readableCounty(ctx, countyCode);
    const row = await homeServiceCoverage(ctx.em, countyCode, yearOf(year));
    const coveragePercent =
      row.eligiblePersons && row.eligiblePersons > 0 ? Math.round((row.personsServed * 10_000) / row.eligiblePersons) / 100 : null;
    return { year, ...row, coveragePercent };
  }

  @FieldResolver(() => PersonType)
  async person(@Root() service: HomeService, @Ctx() ctx: RequestContext): Promise<PersonRow> {
    const person = await ctx.loaders.personById.load(service.person.id);
    if (!person) throw new DomainError('NOT_FOUND', 'The person of this service is missing.');
    return person;
  }

  @Mutation(() => HomeServicePayload, {
    description: 'Services of one kind a person received at home in a month (again: replaces the times).',
  })
  async recordHomeService(
    @Arg('input', () => RecordHomeServiceInput) input: RecordHomeServiceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<HomeServicePayload> {
    const actor = elderCareActorOf(ctx);
    const service = await change(ctx, (em) =>
      recordHomeService(em, actor, { personId: idOf(input.personId), month: input.month, kind: input.kind, times: input.times }),
    );
    return { service };
  }

  @Mutation(() => ElderCareTargetPayload, {
    description: 'A county’s targets of a year: the eligible population for home services, homes to modify.',
  })
  async setElderCareTarget(
    @Arg('input', () => SetElderCareTargetInput) input: SetElderCareTargetInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ElderCareTargetPayload> {
    const actor = elderCareActorOf(ctx);
    return { target: await change(ctx, (em) => setElderCareTarget(em, actor, { ...input })) };
  }
}

@Resolver(() => HomeModificationType)
export class HomeModificationResolver {
  @Query(() => HomeModificationConnection, { description: 'Age-friendly home modifications (适老化改造) in your region, by id.' })
  async homeModifications(
    @Args(() => HomeModificationsArgs) args: HomeModificationsArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<HomeModification>> {
    const actor = elderCareActorOf(ctx);
    assertCan(actor, 'manageHomeModification');
    const region = scopedRegion(actor, args.regionCode);
    const { limit, afterId } = pageWindow(args);
    const { rows, total } = await homeModificationPage(
      ctx.em,
      region,
      { year: args.year ?? null, state: args.state ?? null },
      { limit, afterId },
    );
    return toPage(rows, limit, total);
  }

  @Query(() => HomeModificationProgressType)
  async homeModificationProgress(
    @Arg('countyCode', () => String) countyCode: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: RequestContext,
  ): Promise<HomeModificationProgressType> {
    readableCounty(ctx, countyCode);
    const row = await modificationProgress(ctx.em, countyCode, yearOf(year));
    return { year, ...row, completedCost: row.completedCostFen };
  }

  @FieldResolver(() => HouseholdType)
  async household(@Root() modification: HomeModification, @Ctx() ctx: RequestContext): Promise<Household> {
    const household = await ctx.loaders.householdById.load(modification.household.id);
    if (!household) throw new DomainError('NOT_FOUND', 'The household of this modification is missing.');
    return household;
  }

  @Mutation(() => HomeModificationPayload)
  async planHomeModification(
    @Arg('input', () => PlanHomeModificationInput) input: PlanHomeModificationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<HomeModificationPayload> {
    const actor = elderCareActorOf(ctx);
    const modification = await change(ctx, (em) =>
      planHomeModification(em, actor, {
        householdId: idOf(input.householdId),
        year: input.year,
        items: input.items,
        costFen: fenOf(input.cost),
      }),
    );
    return { modification };
  }

  @Mutation(() => HomeModificationPayload)
  async updateHomeModification(
    @Arg('input', () => UpdateHomeModificationInput) input: UpdateHomeModificationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<HomeModificationPayload> {
    const actor = elderCareActorOf(ctx);
    const modification = await change(ctx, (em) =>
      updateHomeModification(em, actor, {
        modificationId: idOf(input.modificationId),
        state: input.state,
        costFen: fenOf(input.cost),
        completedOn: input.completedOn ?? null,
      }),
    );
    return { modification };
  }
}
