import { advanceAidCeilingFen, grantAdvanceAid, instantSeniorAllowance, setAdvanceAidCeiling } from '@xingfu/domain';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { actorOf } from '../auth/require-actor.js';
import { change } from '../common/change.js';
import { idOf } from '../common/ids.js';
import type { RequestContext } from '../context/context.type.js';
import { enrollmentRow } from '../payroll/payroll.read-model.js';
import { MoneyScalar, fenOf } from '../scalars/money.scalar.js';
import {
  ApplySeniorAllowanceInput,
  ApplySeniorAllowancePayload,
  GrantAdvanceAidInput,
  GrantAdvanceAidPayload,
  SetAdvanceAidCeilingInput,
} from './fast-track.inputs.js';

@Resolver()
export class FastTrackResolver {
  @Mutation(() => ApplySeniorAllowancePayload, {
    description:
      '尊老金 秒批: an application whose eligibility follows from the ID number (age tier 80 / 90 / 100) is approved in the same request, with no 公示. Below 80: BELOW_AGE_TIER.',
  })
  async applySeniorAllowance(
    @Arg('input', () => ApplySeniorAllowanceInput) input: ApplySeniorAllowanceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ApplySeniorAllowancePayload> {
    const actor = actorOf(ctx);
    const result = await change(ctx, (em) =>
      instantSeniorAllowance(em, actor, {
        householdId: idOf(input.householdId),
        personId: idOf(input.personId),
        channel: input.channel,
        ...(input.appliedOn ? { appliedOn: input.appliedOn } : {}),
      }),
    );
    return { application: result.application, enrollment: await enrollmentRow(ctx, result.enrollment.id) };
  }

  @Mutation(() => GrantAdvanceAidPayload, {
    description:
      '临时救助 先行救助: a town grants per-case aid first, within the county ceiling, paid in this request; the application (advance: true) is then reviewed through the normal steps — approved at the amount paid, or rejected, which recovers it. Above the ceiling: ADVANCE_ABOVE_CEILING; another under review for the household: ADVANCE_UNDER_WAY.',
  })
  async grantAdvanceAid(
    @Arg('input', () => GrantAdvanceAidInput) input: GrantAdvanceAidInput,
    @Ctx() ctx: RequestContext,
  ): Promise<GrantAdvanceAidPayload> {
    const actor = actorOf(ctx);
    const result = await change(ctx, (em) =>
      grantAdvanceAid(em, actor, {
        householdId: idOf(input.householdId),
        ...(input.programCode ? { programCode: input.programCode } : {}),
        amountFen: fenOf(input.amount),
        reason: input.reason,
        channel: input.channel,
      }),
    );
    return { application: result.application, paid: result.payment.amountFen };
  }

  @Mutation(() => MoneyScalar, { description: 'A county administrator sets the most its towns may grant first (先行救助); audited.' })
  async setAdvanceAidCeiling(
    @Arg('input', () => SetAdvanceAidCeilingInput) input: SetAdvanceAidCeilingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<number> {
    const actor = actorOf(ctx);
    return change(ctx, (em) => setAdvanceAidCeiling(em, actor, { countyCode: input.countyCode, ceilingFen: fenOf(input.ceiling) }));
  }

  @Query(() => MoneyScalar, { description: 'The most the towns of a county may grant first (先行救助): its setting, else 1,000.00.' })
  async advanceAidCeiling(@Arg('countyCode', () => String) countyCode: string, @Ctx() ctx: RequestContext): Promise<number> {
    actorOf(ctx);
    return advanceAidCeilingFen(ctx.em, countyCode);
  }
}
