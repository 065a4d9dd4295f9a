import { instantSeniorAllowance } from '@xingfu/domain';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { actorOf } from '../auth/require-actor.js';
import { change } from '../common/change.js';
import { idOf } from '../common/ids.js';
import type { RequestContext } from '../context/context.type.js';
import { enrollmentRow } from '../payroll/payroll.read-model.js';
import { ApplySeniorAllowanceInput, ApplySeniorAllowancePayload } from './fast-track.inputs.js';

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
}
