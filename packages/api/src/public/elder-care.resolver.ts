import {
  HAZARD_CATEGORIES,
  publishElderServiceCounts,
  publishInstitutionFigures,
  publishOccupancy,
  type EntityManager,
  type FacilityKind,
  type HazardCategory,
  type PublishedOccupancy,
} from '@xingfu/domain';
import type DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { pageWindow } from '../common/connection.js';
import { FacilityKindEnum } from '../common/enums.js';
import { regionCodeOf, yearOf } from '../common/args.js';
import type { RequestContext } from '../context/context.type.js';
import {
  facilityCounty,
  facilityInspectionLoader,
  facilityRows,
  inspectionRows,
  serviceRows,
  type FacilityRow,
  type InspectionRow,
  type ServiceRow,
} from './elder-care.read-model.js';
import {
  PublicElderCareType,
  PublicElderFacilityConnection,
  PublicElderFacilityType,
  PublicHazardFiguresType,
  PublicInspectionQuarterType,
  PublicInspectionType,
} from './elder-care.types.js';
import { releaseIdOf } from './public.read-model.js';

const sum = (values: (number | null)[]) => values.reduce<number>((total, v) => total + (v ?? 0), 0);

/** Hazard figures of one category over inspection rows (all of that category). */
function hazardFigures(category: HazardCategory, rows: InspectionRow[]): PublicHazardFiguresType {
  return {
    category,
    ...publishInstitutionFigures({
      failedChecks: rows.filter((r) => r.passed === false).length,
      found: sum(rows.map((r) => r.hazards_found)),
      fixedOnSpot: sum(rows.map((r) => r.fixed_on_spot)),
      rectified: sum(rows.map((r) => r.rectified)),
      stillOpen: sum(rows.map((r) => r.still_open)),
      overdue: sum(rows.map((r) => r.overdue)),
    }),
  };
}

function byCategory(rows: InspectionRow[]): PublicHazardFiguresType[] {
  return HAZARD_CATEGORIES.map((category) =>
    hazardFigures(
      category,
      rows.filter((r) => r.category === category),
    ),
  );
}

/** A county's facilities with their occupancy decided at once (county, towns, open facilities; closed ones alone). */
function decideOccupancy(facilities: FacilityRow[], countyCode: string): Map<string, PublishedOccupancy> {
  const open = facilities.filter((f) => f.closed_on === null && f.beds !== null);
  const towns = [...new Set(open.map((f) => f.town_code))];
  const cells = [
    { key: countyCode, town: null, beds: sum(open.map((f) => f.beds)), occupiedBeds: sum(open.map((f) => f.occupied_beds)) },
    ...towns.map((town) => {
      const of = open.filter((f) => f.town_code === town);
      return { key: town, town: null, beds: sum(of.map((f) => f.beds)), occupiedBeds: sum(of.map((f) => f.occupied_beds)) };
    }),
    ...facilities
      .filter((f) => f.beds !== null)
      .map((f) => ({
        key: `${f.town_code}#${f.facility_id}`,
        town: f.closed_on === null ? f.town_code : null,
        beds: f.beds ?? 0,
        occupiedBeds: f.occupied_beds ?? 0,
      })),
  ];
  const decided = publishOccupancy(cells);
  return new Map(cells.map((c, i) => [c.key, decided[i]!]));
}

const NO_OCCUPANCY: PublishedOccupancy = { occupiedBeds: null, occupancy: null };

function facilityNode(
  f: FacilityRow,
  occupancy: Map<string, PublishedOccupancy>,
  releaseId: string,
): PublicElderFacilityType & { releaseId: string } {
  const occupied = occupancy.get(`${f.town_code}#${f.facility_id}`) ?? NO_OCCUPANCY;
  const capacity = publishInstitutionFigures({ beds: f.beds ?? 0, certifiedCaregivers: f.certified_caregivers ?? 0 });
  return {
    releaseId,
    facilityId: f.facility_id,
    id: String(f.facility_id),
    name: f.name,
    kind: f.kind,
    operator: f.operator,
    countyCode: f.county_code,
    townCode: f.town_code,
    villageCode: f.village_code,
    openedOn: f.opened_on,
    closedOn: f.closed_on,
    starRating: f.star_rating,
    starRatedOn: f.star_rated_on,
    capacityRecordedOn: f.capacity_recorded_on,
    // no capacity record: nothing to show (null), not zero
    beds: f.beds === null ? null : capacity.beds,
    certifiedCaregivers: f.certified_caregivers === null ? null : capacity.certifiedCaregivers,
    ...occupied,
  };
}

/** The figures of a county or town (`region`) from its county's rows. */
function regionFigures(
  region: string,
  year: number,
  facilities: FacilityRow[],
  inspections: InspectionRow[],
  services: ServiceRow[],
): PublicElderCareType {
  const county = region.slice(0, 6);
  const inRegion = (code: string) => code.startsWith(region);
  const open = facilities.filter((f) => f.closed_on === null && inRegion(f.town_code));
  const occupancy = decideOccupancy(facilities, county).get(region) ?? NO_OCCUPANCY;
  const kinds = [...new Set(open.map((f) => f.kind))] as FacilityKind[];
  const serviceFigures = publishElderServiceCounts(
    services.map((s) => ({
      regionCode: s.region_code,
      personsServed: s.persons_served,
      modificationsPlanned: s.modifications_planned,
      modificationsInProgress: s.modifications_in_progress,
      modificationsCompleted: s.modifications_completed,
      eligiblePersons: s.eligible_persons,
    })),
  );
  const at = services.findIndex((s) => s.region_code === region);
  const row = services[at];
  const published =
    serviceFigures[at] ??
    publishElderServiceCounts([
      {
        regionCode: region,
        personsServed: 0,
        modificationsPlanned: 0,
        modificationsInProgress: 0,
        modificationsCompleted: 0,
        eligiblePersons: null,
      },
    ])[0]!;
  const regional = inspections.filter((i) => inRegion(i.town_code));
  const quarters = [1, 2, 3, 4].map((q): PublicInspectionQuarterType => {
    const quarter = `${year}-Q${q}`;
    const rows = regional.filter((i) => i.quarter === quarter);
    const visits = new Map(rows.map((r) => [r.inspection_id, r]));
    return {
      quarter,
      ...publishInstitutionFigures({
        inspections: visits.size,
        jointInspections: [...visits.values()].filter((r) => r.joint_with_fire_brigade).length,
        facilitiesInspected: new Set(rows.map((r) => r.facility_id)).size,
      }),
      hazards: byCategory(rows),
    };
  });
  return {
    regionCode: region,
    ...publishInstitutionFigures({
      facilities: open.length,
      beds: sum(open.map((f) => f.beds)),
      certifiedCaregivers: sum(open.map((f) => f.certified_caregivers)),
    }),
    ...occupancy,
    byKind: kinds.map((kind) => {
      const of = open.filter((f) => f.kind === kind);
      return {
        kind,
        ...publishInstitutionFigures({
          facilities: of.length,
          beds: sum(of.map((f) => f.beds)),
          certifiedCaregivers: sum(of.map((f) => f.certified_caregivers)),
        }),
      };
    }),
    starRatings: [1, 2, 3, 4, 5].map((stars) => ({
      stars,
      ...publishInstitutionFigures({ facilities: open.filter((f) => f.star_rating === stars).length }),
    })),
    homeServices: {
      personsServed: published.personsServed,
      eligiblePersons: row?.eligible_persons ?? null,
      coverage: published.coverage,
    },
    modifications: {
      planned: published.modificationsPlanned,
      inProgress: published.modificationsInProgress,
      completed: published.modificationsCompleted,
      target: row?.modification_target ?? null,
    },
    inspectionQuarters: quarters,
    hazards: byCategory(regional),
  };
}

const inspectionLoaders = new WeakMap<EntityManager, Map<string, DataLoader<number, InspectionRow[]>>>();

function inspectionsOf(em: EntityManager, releaseId: string): DataLoader<number, InspectionRow[]> {
  let byRelease = inspectionLoaders.get(em);
  if (!byRelease) inspectionLoaders.set(em, (byRelease = new Map<string, DataLoader<number, InspectionRow[]>>()));
  let loader = byRelease.get(releaseId);
  if (!loader) byRelease.set(releaseId, (loader = facilityInspectionLoader(em, releaseId)));
  return loader;
}

/**
 * Elder care in public (docs/eldercare.md, "In public"): county and town figures, facility pages
 * and their inspection records, all read from what a release froze (the latest unless named).
 */
@Resolver(() => PublicElderFacilityType)
export class PublicElderCareResolver {
  @Query(() => PublicElderCareType, {
    nullable: true,
    description:
      'Elder care of a county or town: open facilities as of the release’s date (by kind, beds, occupancy, caregivers, star ratings), and the home services, 适老化改造 and safety inspections of a year. Null when the release publishes no month of the county.',
  })
  async elderCare(
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('releaseId', () => ID, { nullable: true }) releaseId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PublicElderCareType | null> {
    const region = regionCodeOf(regionCode, [6, 9]);
    const answers = await this.figures(ctx, releaseId, region.slice(0, 6), yearOf(year), [region]);
    return answers[0] ?? null;
  }

  @Query(() => [PublicElderCareType], {
    description: 'Elder care of every town of a county with a facility or a home service: the figures of elderCare, town by town.',
  })
  async elderCareTowns(
    @Arg('countyCode', () => String) countyCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('releaseId', () => ID, { nullable: true }) releaseId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PublicElderCareType[]> {
    const county = regionCodeOf(countyCode, [6]);
    return this.figures(ctx, releaseId, county, yearOf(year), null);
  }

  private async figures(
    ctx: RequestContext,
    releaseId: string | null,
    county: string,
    year: number,
    regions: string[] | null,
  ): Promise<PublicElderCareType[]> {
    const id = await releaseIdOf(ctx.em, releaseId);
    if (!id) return [];
    const [facilities, inspections, services] = await Promise.all([
      facilityRows(ctx.em, id, county),
      inspectionRows(ctx.em, id, county, year),
      serviceRows(ctx.em, id, county, year),
    ]);
    if (facilities.length === 0 && services.length === 0) return [];
    const towns = [
      ...new Set([...facilities.map((f) => f.town_code), ...services.map((s) => s.region_code).filter((c) => c.length === 9)]),
    ].sort();
    return (regions ?? towns).map((region) => regionFigures(region, year, facilities, inspections, services));
  }

  @Query(() => PublicElderFacilityConnection, {
    description:
      'Facilities of a county, town or village as a release froze them (closed ones too, with closedOn), one page at a time by id.',
  })
  async elderFacilities(
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('kind', () => FacilityKindEnum, { nullable: true }) kind: FacilityKind | null,
    @Arg('releaseId', () => ID, { nullable: true }) releaseId: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PublicElderFacilityConnection> {
    const region = regionCodeOf(regionCode, [6, 9, 12]);
    const window = pageWindow({ first, after });
    const id = await releaseIdOf(ctx.em, releaseId);
    if (!id) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
    const facilities = await facilityRows(ctx.em, id, region.slice(0, 6));
    const occupancy = decideOccupancy(facilities, region.slice(0, 6));
    const matching = facilities.filter(
      (f) => f.village_code.startsWith(region) && (!kind || f.kind === kind) && f.facility_id > window.afterId,
    );
    const page = matching.slice(0, window.limit).map((f) => facilityNode(f, occupancy, id));
    const cursor = (n: { facilityId: number }) => Buffer.from(`id:${n.facilityId}`).toString('base64url');
    return {
      edges: page.map((node) => ({ cursor: cursor(node), node })),
      pageInfo: { hasNextPage: matching.length > window.limit, endCursor: page.length > 0 ? cursor(page.at(-1)!) : null },
    };
  }

  @Query(() => PublicElderFacilityType, {
    nullable: true,
    description: 'A facility as a release froze it; null when the release holds none of that id.',
  })
  async elderFacility(
    @Arg('id', () => ID) facilityId: string,
    @Arg('releaseId', () => ID, { nullable: true }) releaseId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PublicElderFacilityType | null> {
    const key = /^[1-9]\d{0,9}$/.test(facilityId) ? Number(facilityId) : NaN;
    const id = await releaseIdOf(ctx.em, releaseId);
    if (!id || !(key <= 2_147_483_647)) return null;
    const county = await facilityCounty(ctx.em, id, key);
    if (!county) return null;
    const facilities = await facilityRows(ctx.em, id, county);
    const facility = facilities.find((f) => f.facility_id === key)!;
    return facilityNode(facility, decideOccupancy(facilities, county), id);
  }

  @FieldResolver(() => [PublicInspectionType], {
    description:
      'The facility’s inspection record: its 20 most recent inspections by the release’s date, newest first, category by category.',
  })
  async inspections(
    @Root() facility: PublicElderFacilityType & { releaseId: string },
    @Ctx() ctx: RequestContext,
  ): Promise<PublicInspectionType[]> {
    const rows = await inspectionsOf(ctx.em, facility.releaseId).load(facility.facilityId);
    const visits = new Map<number, InspectionRow[]>();
    for (const row of rows) visits.set(row.inspection_id, [...(visits.get(row.inspection_id) ?? []), row]);
    return [...visits.values()].map((categories) => ({
      inspectedOn: categories[0]!.inspected_on,
      jointWithFireBrigade: categories[0]!.joint_with_fire_brigade,
      categories: categories.map((r) => hazardFigures(r.category, [r])),
    }));
  }
}
