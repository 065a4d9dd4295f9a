import {
  DomainError,
  ReviewCampaign,
  notFound,
  ReviewTask,
  createReviewCampaign,
  decideReview,
  recordReviewVisit,
  scheduleReviewVisit,
  type Household,
  type ReviewStatistics,
} from '@xingfu/domain';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf, scopedRegion } from '../auth/require-actor.js';
import { Connection, pageWindow, toPage, type Page } from '../common/connection.js';
import { idOf } from '../common/ids.js';
import { change } from '../common/change.js';
import { reviewCampaignById, reviewCampaignsOf, reviewTaskPage } from './review.read-model.js';
import type { RequestContext } from '../context/context.type.js';
import type { EnrollmentRow } from '../payroll/payroll.read-model.js';
import { HouseholdType } from '../household/household.types.js';
import { enrollmentRow } from '../payroll/payroll.read-model.js';
import { EnrollmentType } from '../payroll/payroll.types.js';
import { fenOf } from '../scalars/money.scalar.js';
import { ReviewStatisticsType, ReviewTaskType, ReviewCampaignType } from './review.types.js';
import {
  CreateReviewCampaignInput,
  ScheduleReviewVisitInput,
  RecordReviewVisitInput,
  DecideReviewInput,
  ReviewCampaignPayload,
  ReviewTaskPayload,
  ReviewTasksArgs,
} from './review.inputs.js';

const ReviewTaskConnection = Connection('ReviewTask', ReviewTaskType);

@Resolver(() => ReviewCampaignType)
export class ReviewCampaignResolver {
  @Query(() => [ReviewCampaignType])
  async reviewCampaigns(@Arg('countyCode', () => String) countyCode: string, @Ctx() ctx: RequestContext): Promise<ReviewCampaign[]> {
    const actor = actorOf(ctx);
    if (!actor.regionCode.startsWith(countyCode)) scopedRegion(actor, countyCode);
    return reviewCampaignsOf(ctx.em, countyCode);
  }

  @Query(() => ReviewCampaignType)
  async reviewCampaign(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ReviewCampaign> {
    const actor = actorOf(ctx);
    const campaign = await reviewCampaignById(ctx.em, idOf(id));
    // a campaign covers a county: staff of the county and of its towns and villages see it
    if (!campaign || !actor.regionCode.startsWith(campaign.county.code)) throw notFound(actor, 'review campaign', id);
    return campaign;
  }

  @FieldResolver(() => ReviewStatisticsType)
  async statistics(@Root() campaign: ReviewCampaign, @Ctx() ctx: RequestContext): Promise<ReviewStatistics | null> {
    return ctx.loaders.reviewStatisticsByCampaign.load(campaign.id);
  }

  @FieldResolver(() => ReviewTaskConnection, { description: 'Tasks in your region, by id.' })
  async tasks(
    @Root() campaign: ReviewCampaign,
    @Args(() => ReviewTasksArgs) args: ReviewTasksArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<ReviewTask>> {
    const region = scopedRegion(actorOf(ctx), args.regionCode);
    const { limit, afterId } = pageWindow(args);
    const { rows, total } = await reviewTaskPage(ctx.em, campaign, region, { limit, afterId });
    return toPage(rows, limit, total);
  }

  @Mutation(() => ReviewCampaignPayload, { description: 'A campaign with a task per enrolled household.' })
  async createReviewCampaign(
    @Arg('input', () => CreateReviewCampaignInput) input: CreateReviewCampaignInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReviewCampaignPayload> {
    const actor = actorOf(ctx);
    const campaign = await change(ctx, (em) =>
      createReviewCampaign(em, actor, {
        countyCode: input.countyCode,
        name: input.name,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        ...(input.programCodes ? { programCodes: input.programCodes } : {}),
      }),
    );
    return { campaign };
  }
}

@Resolver(() => ReviewTaskType)
export class ReviewTaskResolver {
  @FieldResolver(() => HouseholdType)
  async household(@Root() task: ReviewTask, @Ctx() ctx: RequestContext): Promise<Household> {
    const household = await ctx.loaders.householdById.load(task.household.id);
    if (!household) throw new DomainError('NOT_FOUND', 'Household missing.');
    return household;
  }

  @FieldResolver(() => EnrollmentType, { description: 'The enrollment under review.' })
  async enrollment(@Root() task: ReviewTask, @Ctx() ctx: RequestContext): Promise<EnrollmentRow> {
    return enrollmentRow(ctx, task.enrollment.id);
  }

  @FieldResolver(() => EnrollmentType, { nullable: true, description: 'After ADJUST: the enrollment from next month.' })
  async newEnrollment(@Root() task: ReviewTask, @Ctx() ctx: RequestContext): Promise<EnrollmentRow | null> {
    return task.newEnrollment ? enrollmentRow(ctx, task.newEnrollment.id) : null;
  }

  @Mutation(() => ReviewTaskPayload, { description: 'The appointment made by phone.' })
  async scheduleReviewVisit(
    @Arg('input', () => ScheduleReviewVisitInput) input: ScheduleReviewVisitInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReviewTaskPayload> {
    const actor = actorOf(ctx);
    return { task: await change(ctx, (em) => scheduleReviewVisit(em, actor, idOf(input.taskId), input.appointmentAt)) };
  }

  @Mutation(() => ReviewTaskPayload, { description: 'The home visit: review form and neighbour / committee check.' })
  async recordReviewVisit(
    @Arg('input', () => RecordReviewVisitInput) input: RecordReviewVisitInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReviewTaskPayload> {
    const actor = actorOf(ctx);
    const task = await change(ctx, (em) =>
      recordReviewVisit(em, actor, {
        taskId: idOf(input.taskId),
        visitedOn: input.visitedOn,
        form: {
          members: input.form.members,
          health: input.form.health,
          monthlyIncomeFen: fenOf(input.form.monthlyIncome),
          housing: input.form.housing,
          employment: input.form.employment,
        },
        neighbourCheck: input.neighbourCheck,
        committeeCheck: input.committeeCheck,
      }),
    );
    return { task };
  }

  @Mutation(() => ReviewTaskPayload, { description: 'Continue, adjust (from next month) or cancel (核销).' })
  async decideReview(
    @Arg('input', () => DecideReviewInput) input: DecideReviewInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReviewTaskPayload> {
    const actor = actorOf(ctx);
    const task = await change(ctx, (em) =>
      decideReview(em, actor, {
        taskId: idOf(input.taskId),
        outcome: input.outcome,
        reason: input.reason,
        perCapitaIncomeFen: fenOf(input.perCapitaIncome),
        coveredMembers: input.coveredMembers ?? null,
        fixedAmountFen: fenOf(input.fixedAmount),
      }),
    );
    return { task };
  }
}
