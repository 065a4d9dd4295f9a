import {
  assertCan,
  decideCrossCheckHit,
  DomainError,
  runCrossCheck,
  today,
  type CrossCheckHit,
  type CrossCheckRun,
  type Household,
} from '@xingfu/domain';
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf, scopedRegion } from '../auth/require-actor.js';
import { change } from '../common/change.js';
import { pageWindow, toPage, type Page } from '../common/connection.js';
import { idOf } from '../common/ids.js';
import type { RequestContext } from '../context/context.type.js';
import { HouseholdType } from '../household/household.types.js';
import type { EnrollmentRow } from '../payroll/payroll.read-model.js';
import { enrollmentRow } from '../payroll/payroll.read-model.js';
import { EnrollmentType } from '../payroll/payroll.types.js';
import { fenOf } from '../scalars/money.scalar.js';
import { CrossCheckHitsArgs, DecideCrossCheckHitInput, RunCrossCheckInput } from './cross-check.inputs.js';
import { crossCheckHitPage } from './cross-check.read-model.js';
import { CrossCheckHitConnection, CrossCheckHitPayload, CrossCheckHitType, CrossCheckRunType } from './cross-check.types.js';

export function runOf(run: CrossCheckRun): CrossCheckRunType {
  return {
    id: run.id,
    countyCode: run.county.code,
    month: run.month.slice(0, 7),
    rules: run.rules,
    hitCount: run.hitCount,
    newHitCount: run.newHitCount,
    startedAt: run.startedAt,
  };
}

export function hitOf(hit: CrossCheckHit): CrossCheckHitType {
  return {
    id: hit.id,
    ruleCode: hit.ruleCode,
    ruleVersion: hit.ruleVersion,
    villageCode: hit.villageCode,
    evidence: hit.evidence,
    evidenceDate: hit.evidenceDate ?? null,
    foundOn: hit.foundOn,
    dueOn: hit.dueOn,
    overdue: hit.status === 'open' && hit.dueOn < today(),
    status: hit.status,
    stopMonth: hit.stopMonth ? hit.stopMonth.slice(0, 7) : null,
    recovered: hit.recoveredFen,
    backPaid: hit.backPaidFen,
    outcomeReason: hit.outcomeReason ?? null,
    decidedOn: hit.decidedOn ?? null,
    enrollmentId: hit.enrollment.id,
    householdId: hit.household.id,
    personId: hit.person.id,
    newEnrollmentId: hit.newEnrollment?.id ?? null,
  };
}

@Resolver(() => CrossCheckHitType)
export class CrossCheckResolver {
  @Query(() => CrossCheckHitConnection, { description: 'Cross-check hits in a region, oldest first (filter by status or rule).' })
  async crossCheckHits(
    @Args(() => CrossCheckHitsArgs) args: CrossCheckHitsArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<CrossCheckHitType>> {
    const actor = actorOf(ctx);
    assertCan(actor, 'readCrossChecks');
    const region = scopedRegion(actor, args.regionCode);
    const { limit, afterId } = pageWindow(args);
    const { rows, total } = await crossCheckHitPage(ctx.em, region, { status: args.status, ruleCode: args.ruleCode }, { limit, afterId });
    return toPage(rows.map(hitOf), limit, total);
  }

  @FieldResolver(() => HouseholdType)
  async household(@Root() hit: CrossCheckHitType, @Ctx() ctx: RequestContext): Promise<Household> {
    const household = await ctx.loaders.householdById.load(hit.householdId);
    if (!household) throw new DomainError('NOT_FOUND', 'Household missing.');
    return household;
  }

  @FieldResolver(() => EnrollmentType, { description: 'The enrollment the hit concerns.' })
  async enrollment(@Root() hit: CrossCheckHitType, @Ctx() ctx: RequestContext): Promise<EnrollmentRow> {
    return enrollmentRow(ctx, hit.enrollmentId);
  }

  @FieldResolver(() => EnrollmentType, { nullable: true, description: 'After ADJUST: the enrollment from stopMonth.' })
  async newEnrollment(@Root() hit: CrossCheckHitType, @Ctx() ctx: RequestContext): Promise<EnrollmentRow | null> {
    return hit.newEnrollmentId ? enrollmentRow(ctx, hit.newEnrollmentId) : null;
  }

  @Mutation(() => CrossCheckRunType, {
    description: 'Runs every cross-check rule in force over a county’s enrollments for a month; raises each finding once.',
  })
  async runCrossCheck(
    @Arg('input', () => RunCrossCheckInput) input: RunCrossCheckInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CrossCheckRunType> {
    const actor = actorOf(ctx);
    return runOf(await change(ctx, (em) => runCrossCheck(em, actor, { countyCode: input.countyCode, month: input.month })));
  }

  @Mutation(() => CrossCheckHitPayload, {
    description: 'Works a hit to its outcome: stop (with recovery), adjust, or dismiss with a reason.',
  })
  async decideCrossCheckHit(
    @Arg('input', () => DecideCrossCheckHitInput) input: DecideCrossCheckHitInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CrossCheckHitPayload> {
    const actor = actorOf(ctx);
    const hit = await change(ctx, (em) =>
      decideCrossCheckHit(em, actor, {
        hitId: idOf(input.hitId),
        outcome: input.outcome,
        reason: input.reason,
        fromMonth: input.fromMonth ?? null,
        recover: input.recover ?? false,
        perCapitaIncomeFen: fenOf(input.perCapitaIncome),
        coveredMembers: input.coveredMembers ?? null,
      }),
    );
    return { hit: hitOf(hit) };
  }
}
