import {
  DomainError,
  Household,
  HouseholdMember,
  Person,
  addHouseholdMember,
  endHouseholdMembership,
  getHousehold,
  parseIdNumber,
  recordDeath,
  registerHousehold,
  type Application,
  type Region,
} from '@xingfu/domain';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf, scopedRegion } from '../auth/require-actor.js';
import { pageWindow, selects, toPage, type Page } from '../common/connection.js';
import { idOf } from '../common/ids.js';
import { change } from '../common/change.js';
import type { RequestContext } from '../context/context.type.js';
import type { EnrollmentRow } from '../payroll/payroll.read-model.js';
import { householdPage, personByIdNumber, type HouseholdRow, type MemberRow } from './household.read-model.js';
import { Selection } from '../context/selection.js';
import { RegionType } from '../region/region.types.js';
import { ApplicationType } from '../application/application.types.js';
import { EnrollmentType } from '../payroll/payroll.types.js';
import {
  AddHouseholdMemberInput,
  EndHouseholdMembershipInput,
  HouseholdMemberPayload,
  HouseholdsArgs,
  RecordDeathInput,
  RecordDeathPayload,
  RegisterHouseholdInput,
  RegisterHouseholdPayload,
} from './household.inputs.js';
import { HouseholdConnection, HouseholdMemberType, HouseholdType, PersonType } from './household.types.js';

@Resolver(() => HouseholdType)
export class HouseholdResolver {
  @Query(() => HouseholdConnection, { description: 'Households in a region (yours by default), by id.' })
  async households(
    @Args(() => HouseholdsArgs) args: HouseholdsArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<HouseholdRow>> {
    const actor = actorOf(ctx);
    const region = scopedRegion(actor, args.regionCode);
    const { limit, afterId } = pageWindow(args);
    const { rows, total } = await householdPage(
      ctx.em,
      { region, programCode: args.programCode ?? null },
      { limit, afterId },
      selects(info, 'totalCount'),
    );
    return toPage(rows, limit, total);
  }

  @Query(() => HouseholdType)
  async household(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Household> {
    return getHousehold(ctx.em, actorOf(ctx), idOf(id));
  }

  @Query(() => PersonType, {
    nullable: true,
    description:
      'A person by ID number when their region (that of their latest membership) lies in yours; null otherwise, whether or not the number is registered elsewhere.',
  })
  async personByIdNumber(@Arg('idNumber', () => String) idNumber: string, @Ctx() ctx: RequestContext): Promise<Person | null> {
    const actor = actorOf(ctx);
    return personByIdNumber(ctx.em, parseIdNumber(idNumber).idNumber, actor.regionCode);
  }

  @FieldResolver(() => RegionType)
  async village(@Root() household: Household | HouseholdRow, @Ctx() ctx: RequestContext): Promise<Region> {
    const village = await ctx.loaders.regionByCode.load(household.village.code);
    if (!village) throw new DomainError('NOT_FOUND', 'The village of this household is missing.');
    return village;
  }

  // The list fields of nested pages return the loader's promise as it is (no async wrapper: one
  // promise and one microtask less per household and enrollment of a page).
  @FieldResolver(() => [HouseholdMemberType], { description: 'Current members.' })
  members(@Root() household: Household | HouseholdRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<MemberRow[]> {
    return ctx.loaders.currentMembersByHousehold(Selection.of(info)).load(household.id);
  }

  @FieldResolver(() => [EnrollmentType], { description: 'Enrollments, newest first.' })
  enrollments(
    @Root() household: Household | HouseholdRow,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<EnrollmentRow[]> {
    return ctx.loaders.enrollmentsByHousehold(Selection.of(info)).load(household.id);
  }

  @FieldResolver(() => [ApplicationType])
  async applications(@Root() household: Household | HouseholdRow, @Ctx() ctx: RequestContext): Promise<Application[]> {
    return ctx.loaders.applicationsByHousehold.load(household.id);
  }

  @Mutation(() => RegisterHouseholdPayload, { description: 'Registers a household with its members (ID numbers validated, unique).' })
  async registerHousehold(
    @Arg('input', () => RegisterHouseholdInput) input: RegisterHouseholdInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RegisterHouseholdPayload> {
    const actor = actorOf(ctx);
    const household = await change(ctx, (em) =>
      registerHousehold(em, actor, {
        villageCode: input.villageCode,
        areaType: input.areaType,
        address: input.address ?? '',
        phone: input.phone ?? null,
        ...(input.startDate ? { startDate: input.startDate } : {}),
        members: input.members,
      }),
    );
    return { household };
  }

  @Mutation(() => HouseholdMemberPayload, { description: 'A person joins a household (birth, marriage, moving in).' })
  async addHouseholdMember(
    @Arg('input', () => AddHouseholdMemberInput) input: AddHouseholdMemberInput,
    @Ctx() ctx: RequestContext,
  ): Promise<HouseholdMemberPayload> {
    const actor = actorOf(ctx);
    const { householdId, startDate, ...member } = input;
    const membership = await change(ctx, (em) =>
      addHouseholdMember(em, actor, { ...member, householdId: idOf(householdId), ...(startDate ? { startDate } : {}) }),
    );
    return { member: await memberRow(ctx, membership) };
  }

  @Mutation(() => HouseholdMemberPayload, { description: 'A member leaves the household on a date.' })
  async endHouseholdMembership(
    @Arg('input', () => EndHouseholdMembershipInput) input: EndHouseholdMembershipInput,
    @Ctx() ctx: RequestContext,
  ): Promise<HouseholdMemberPayload> {
    const actor = actorOf(ctx);
    const membership = await change(ctx, (em) => endHouseholdMembership(em, actor, idOf(input.memberId), input.endDate));
    return { member: await memberRow(ctx, membership) };
  }

  @Mutation(() => RecordDeathPayload, { description: 'Records a death; the membership ends that day.' })
  async recordDeath(
    @Arg('input', () => RecordDeathInput) input: RecordDeathInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordDeathPayload> {
    const actor = actorOf(ctx);
    const person = await change(ctx, (em) => recordDeath(em, actor, idOf(input.personId), input.deceasedOn));
    return { person };
  }
}

/** A membership as the API shows it: with its person, read by key (MemberRow, as the members loader reads it). */
async function memberRow(ctx: RequestContext, member: HouseholdMember): Promise<MemberRow> {
  const person = await ctx.loaders.personById.load(member.person.id);
  if (!person) throw new DomainError('NOT_FOUND', 'The person of this membership is missing.');
  return {
    id: member.id,
    relation: member.relation,
    startDate: member.startDate,
    endDate: member.endDate ?? null,
    household: { id: member.household.id },
    person,
  };
}
