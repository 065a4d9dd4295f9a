import {
  DomainError,
  ReviewCampaign,
  notFound,
  REVIEW_STATISTIC_NAMES,
  ReviewTask,
  createReviewCampaign,
  decideReview,
  recordReviewVisit,
  scheduleReviewVisit,
  type Household,
  type ReviewOutcome,
  type ReviewStatistics,
} from '@xingfu/domain';
import { ArrayMaxSize, IsOptional, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { actorOf, scopedRegion } from '../auth/require-actor.js';
import { Connection, PageArgs, pageWindow, toPage, type Page } from '../common/connection.js';
import { ReviewOutcomeEnum } from '../common/enums.js';
import { idOf } from '../common/ids.js';
import { change } from '../common/change.js';
import { reviewCampaignById, reviewCampaignsOf, reviewTaskPage } from './review.read-model.js';
import type { RequestContext } from '../context/context.type.js';
import type { EnrollmentRow } from '../payroll/payroll.read-model.js';
import { HouseholdType } from '../household/household.types.js';
import { enrollmentRow } from '../payroll/payroll.resolver.js';
import { EnrollmentType } from '../payroll/payroll.types.js';
import { fenOf, MoneyScalar } from '../scalars/money.scalar.js';
import { DateScalar } from '../scalars/month.scalar.js';

@ObjectType('ReviewStatistics', { description: 'The figures bureaus publish for a re-review campaign.' })
export class ReviewStatisticsType extends (class {} as new () => ReviewStatistics) {}
// its fields: every statistic of review-statistics.ts
for (const name of REVIEW_STATISTIC_NAMES) Field(() => Int)(ReviewStatisticsType.prototype, name);

@ObjectType('ReviewForm', { description: 'The family review form of the home visit.' })
export class ReviewFormType {
  @Field(() => Int) members!: number;
  @Field(() => String) health!: string;
  @Field(() => MoneyScalar, { name: 'monthlyIncome' }) monthlyIncomeFen!: number;
  @Field(() => String) housing!: string;
  @Field(() => String) employment!: string;
}

@ObjectType('ReviewTask')
export class ReviewTaskType {
  @Field(() => ID) id!: number;
  @Field(() => Date, { nullable: true }) appointmentAt?: Date | null;
  @Field(() => DateScalar, { nullable: true }) visitedOn?: string | null;
  @Field(() => ReviewFormType, { nullable: true }) form?: ReviewFormType | null;
  @Field(() => String, { nullable: true }) neighbourCheck?: string | null;
  @Field(() => String, { nullable: true }) committeeCheck?: string | null;
  @Field(() => ReviewOutcomeEnum, { nullable: true }) outcome?: ReviewOutcome | null;
  @Field(() => String, { nullable: true }) outcomeReason?: string | null;
  @Field(() => DateScalar, { nullable: true }) decidedOn?: string | null;
}

@ObjectType('ReviewCampaign', { description: 'A re-review campaign (复核) of a county.' })
export class ReviewCampaignType {
  @Field(() => ID) id!: number;
  @Field(() => String) name!: string;
  @Field(() => DateScalar) periodStart!: string;
  @Field(() => DateScalar) periodEnd!: string;
}

const ReviewTaskConnection = Connection('ReviewTask', ReviewTaskType);

@InputType('CreateReviewCampaignInput')
export class CreateReviewCampaignInput {
  @Field(() => String) countyCode!: string;
  @Field(() => String) @MaxLength(100) name!: string;
  @Field(() => DateScalar) periodStart!: string;
  @Field(() => DateScalar) periodEnd!: string;
  @Field(() => [String], { nullable: true, description: 'Programs reviewed; defaults to 城市低保 and 农村低保.' })
  @ArrayMaxSize(30)
  programCodes?: string[] | null;
}

@InputType('ScheduleReviewVisitInput')
export class ScheduleReviewVisitInput {
  @Field(() => ID) taskId!: string;
  @Field(() => Date) appointmentAt!: Date;
}

@InputType('ReviewFormInput')
export class ReviewFormInput {
  @Field(() => Int) @Min(1) members!: number;
  @Field(() => String) @MaxLength(2000) health!: string;
  @Field(() => MoneyScalar) monthlyIncome!: bigint;
  @Field(() => String) @MaxLength(2000) housing!: string;
  @Field(() => String) @MaxLength(2000) employment!: string;
}

@InputType('RecordReviewVisitInput')
export class RecordReviewVisitInput {
  @Field(() => ID) taskId!: string;
  @Field(() => DateScalar) visitedOn!: string;
  @Field(() => ReviewFormInput) @ValidateNested() form!: ReviewFormInput;
  @Field(() => String) @MaxLength(2000) neighbourCheck!: string;
  @Field(() => String) @MaxLength(2000) committeeCheck!: string;
}

@InputType('DecideReviewInput')
export class DecideReviewInput {
  @Field(() => ID) taskId!: string;
  @Field(() => ReviewOutcomeEnum) outcome!: ReviewOutcome;
  @Field(() => String) @MaxLength(2000) reason!: string;
  @Field(() => MoneyScalar, { nullable: true, description: 'For ADJUST: the re-assessed monthly per-capita income.' })
  @IsOptional()
  perCapitaIncome?: bigint | null;
  @Field(() => Int, { nullable: true, description: 'For ADJUST: members covered from next month.' }) coveredMembers?: number | null;
  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'For ADJUST: 渐退 — a fixed monthly amount kept while income rose above the line.',
  })
  fixedAmount?: bigint | null;
}

@ObjectType('ReviewCampaignPayload')
export class ReviewCampaignPayload {
  @Field(() => ReviewCampaignType) campaign!: ReviewCampaign;
}

@ObjectType('ReviewTaskPayload')
export class ReviewTaskPayload {
  @Field(() => ReviewTaskType) task!: ReviewTask;
}

@ArgsType()
export class ReviewTasksArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Town or village to list; defaults to your region.' })
  regionCode?: string | null;
}

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
