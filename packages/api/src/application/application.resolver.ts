import {
  Application,
  DomainError,
  acceptApplication,
  approveApplication,
  getApplication,
  investigateApplication,
  publicizeApplication,
  recordObjection,
  rejectApplication,
  resolveObjection,
  submitApplication,
  verifyApplication,
  type ApplicationEvent,
  type ApplicationIncome,
  type Household,
  type Objection,
  type Program,
} from '@xingfu/domain';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf, scopedRegion } from '../auth/require-actor.js';
import { pageWindow, toPage, type Page } from '../common/connection.js';
import { idOf, optionalIdOf } from '../common/ids.js';
import { change } from '../common/change.js';
import { applicationPage } from './application.read-model.js';
import type { RequestContext } from '../context/context.type.js';
import { paymentRow } from '../payroll/payroll.read-model.js';
import { enrollmentRow } from '../payroll/payroll.read-model.js';
import { HouseholdType } from '../household/household.types.js';
import { ProgramType } from '../program/program.types.js';
import { fenOf } from '../scalars/money.scalar.js';
import {
  ApplicationPayload,
  ApplicationsArgs,
  ApplicationStepInput,
  ApproveApplicationInput,
  ApproveApplicationPayload,
  InvestigateApplicationInput,
  ObjectionPayload,
  PublicizeApplicationInput,
  RecordObjectionInput,
  RejectApplicationInput,
  ResolveObjectionInput,
  SubmitApplicationInput,
  VerifyApplicationInput,
} from './application.inputs.js';
import { ApplicationConnection, ApplicationEventType, ApplicationIncomeType, ApplicationType, ObjectionType } from './application.types.js';

const COEFFICIENT = /^(0(\.\d{1,4})?|1(\.0{1,4})?)$/;

@Resolver(() => ApplicationType)
export class ApplicationResolver {
  @Query(() => ApplicationConnection, { description: 'Applications in a region (yours by default), by id.' })
  async applications(@Args(() => ApplicationsArgs) args: ApplicationsArgs, @Ctx() ctx: RequestContext): Promise<Page<Application>> {
    const region = scopedRegion(actorOf(ctx), args.regionCode);
    const { limit, afterId } = pageWindow(args);
    const { rows, total } = await applicationPage(
      ctx.em,
      { region, status: args.status ?? null, programCode: args.programCode ?? null },
      { limit, afterId },
    );
    return toPage(rows, limit, total);
  }

  @Query(() => ApplicationType)
  async application(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Application> {
    return getApplication(ctx.em, actorOf(ctx), idOf(id));
  }

  @FieldResolver(() => HouseholdType)
  async household(@Root() application: Application, @Ctx() ctx: RequestContext): Promise<Household> {
    const household = await ctx.loaders.householdById.load(application.household.id);
    if (!household) throw new DomainError('NOT_FOUND', 'Household missing.');
    return household;
  }

  @FieldResolver(() => ProgramType)
  async program(@Root() application: Application, @Ctx() ctx: RequestContext): Promise<Program> {
    const program = await ctx.loaders.programByCode.load(application.program.code);
    if (!program) throw new DomainError('NOT_FOUND', 'Program missing.');
    return program;
  }

  @FieldResolver(() => [ApplicationEventType], { description: 'The lifecycle: who took each step, when.' })
  async events(@Root() application: Application, @Ctx() ctx: RequestContext): Promise<ApplicationEvent[]> {
    return ctx.loaders.eventsByApplication.load(application.id);
  }

  @FieldResolver(() => [ApplicationIncomeType])
  async incomes(@Root() application: Application, @Ctx() ctx: RequestContext): Promise<ApplicationIncome[]> {
    return ctx.loaders.incomesByApplication.load(application.id);
  }

  @FieldResolver(() => [ObjectionType])
  async objections(@Root() application: Application, @Ctx() ctx: RequestContext): Promise<Objection[]> {
    return ctx.loaders.objectionsByApplication.load(application.id);
  }

  @Mutation(() => ApplicationPayload, { description: '申请: an application for a program, by a household or one of its members.' })
  async submitApplication(
    @Arg('input', () => SubmitApplicationInput) input: SubmitApplicationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ApplicationPayload> {
    const actor = actorOf(ctx);
    const application = await change(ctx, (em) =>
      submitApplication(em, actor, {
        householdId: idOf(input.householdId),
        programCode: input.programCode,
        personId: optionalIdOf(input.personId),
        channel: input.channel,
        ...(input.appliedOn ? { appliedOn: input.appliedOn } : {}),
        reason: input.reason ?? '',
      }),
    );
    return { application };
  }

  @Mutation(() => ApplicationPayload, { description: '受理' })
  async acceptApplication(
    @Arg('input', () => ApplicationStepInput) input: ApplicationStepInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ApplicationPayload> {
    const actor = actorOf(ctx);
    return { application: await change(ctx, (em) => acceptApplication(em, actor, idOf(input.applicationId))) };
  }

  @Mutation(() => ApplicationPayload, { description: '核对: records incomes and property and computes eligibility and amount.' })
  async verifyApplication(
    @Arg('input', () => VerifyApplicationInput) input: VerifyApplicationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ApplicationPayload> {
    const actor = actorOf(ctx);
    const incomes = input.incomes.map((item) => {
      if (item.laborCoefficient != null && !COEFFICIENT.test(item.laborCoefficient)) {
        throw new DomainError(
          'INVALID_COEFFICIENT',
          'A labour coefficient is a decimal between 0 and 1 with at most 4 places, e.g. "0.6".',
        );
      }
      return {
        kind: item.kind,
        monthlyFen: fenOf(item.monthly),
        ...(item.laborCoefficient != null ? { laborCoefficient: Number(item.laborCoefficient) } : {}),
        ...(item.exempt != null ? { exemptFen: fenOf(item.exempt) } : {}),
        personId: optionalIdOf(item.personId),
      };
    });
    const application = await change(ctx, (em) =>
      verifyApplication(em, actor, {
        applicationId: idOf(input.applicationId),
        householdSize: input.householdSize ?? null,
        coveredMembers: input.coveredMembers ?? null,
        overrideReason: input.overrideReason ?? null,
        singlePerson: input.singlePerson ?? false,
        incomes,
        rigidExpensesFen: fenOf(input.rigidExpenses) ?? 0,
        financialAssetsFen: fenOf(input.financialAssets) ?? 0,
        requestedAmountFen: fenOf(input.requestedAmount),
      }),
    );
    return { application };
  }

  @Mutation(() => ApplicationPayload, { description: '入户调查' })
  async investigateApplication(
    @Arg('input', () => InvestigateApplicationInput) input: InvestigateApplicationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ApplicationPayload> {
    const actor = actorOf(ctx);
    return {
      application: await change(ctx, (em) => investigateApplication(em, actor, idOf(input.applicationId), input.notes)),
    };
  }

  @Mutation(() => ApplicationPayload, { description: '公示: 7 days of public notice.' })
  async publicizeApplication(
    @Arg('input', () => PublicizeApplicationInput) input: PublicizeApplicationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ApplicationPayload> {
    const actor = actorOf(ctx);
    return {
      application: await change(ctx, (em) => publicizeApplication(em, actor, idOf(input.applicationId), input.startDate ?? undefined)),
    };
  }

  @Mutation(() => ObjectionPayload, { description: 'An objection raised during the public notice.' })
  async recordObjection(
    @Arg('input', () => RecordObjectionInput) input: RecordObjectionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ObjectionPayload> {
    const actor = actorOf(ctx);
    return {
      objection: await change(ctx, (em) =>
        recordObjection(em, actor, idOf(input.applicationId), input.content, input.raisedOn ?? undefined),
      ),
    };
  }

  @Mutation(() => ObjectionPayload, { description: 'Upholds or dismisses an objection; an upheld one stops approval.' })
  async resolveObjection(
    @Arg('input', () => ResolveObjectionInput) input: ResolveObjectionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ObjectionPayload> {
    const actor = actorOf(ctx);
    return {
      objection: await change(ctx, (em) => resolveObjection(em, actor, idOf(input.objectionId), input.upheld, input.resolution)),
    };
  }

  @Mutation(() => ApproveApplicationPayload, { description: '审批: enrolls (monthly programs) or pays the case (one-off programs).' })
  async approveApplication(
    @Arg('input', () => ApproveApplicationInput) input: ApproveApplicationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ApproveApplicationPayload> {
    const actor = actorOf(ctx);
    const approved = await change(ctx, (em) =>
      approveApplication(em, actor, {
        applicationId: idOf(input.applicationId),
        startMonth: input.startMonth ?? null,
        amountFen: fenOf(input.amount),
      }),
    );
    return {
      application: approved.application,
      enrollment: approved.enrollment ? await enrollmentRow(ctx, approved.enrollment.id) : null,
      payment: approved.payment ? paymentRow(approved.payment) : null,
    };
  }

  @Mutation(() => ApplicationPayload, { description: '驳回, with a reason.' })
  async rejectApplication(
    @Arg('input', () => RejectApplicationInput) input: RejectApplicationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ApplicationPayload> {
    const actor = actorOf(ctx);
    return { application: await change(ctx, (em) => rejectApplication(em, actor, idOf(input.applicationId), input.reason)) };
  }
}
