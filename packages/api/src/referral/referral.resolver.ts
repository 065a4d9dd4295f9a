import { recordReferralOutcome, referCase, type Household, type Referral } from '@xingfu/domain';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { actorOf } from '../auth/require-actor.js';
import { change } from '../common/change.js';
import { idOf, optionalIdOf } from '../common/ids.js';
import type { RequestContext } from '../context/context.type.js';
import type { HouseholdRow } from '../household/household.read-model.js';
import { HouseholdType } from '../household/household.types.js';
import { fenOf } from '../scalars/money.scalar.js';
import { RecordReferralOutcomeInput, ReferCaseInput } from './referral.inputs.js';
import { ReferralPayload, ReferralType } from './referral.types.js';

export function referralOf(r: Referral): ReferralType {
  return {
    id: r.id,
    department: r.department,
    request: r.request,
    referredOn: r.referredOn,
    outcome: r.outcome ?? null,
    amount: r.amountFen ?? null,
    outcomeNote: r.outcomeNote ?? null,
    decidedOn: r.decidedOn ?? null,
  };
}

@Resolver(() => HouseholdType)
export class ReferralResolver {
  @FieldResolver(() => [ReferralType], { description: '社会大救助: every referral of the household to a department, with its outcome.' })
  async referrals(@Root() household: Household | HouseholdRow, @Ctx() ctx: RequestContext): Promise<ReferralType[]> {
    return (await ctx.loaders.referralsByHousehold.load(household.id)).map(referralOf);
  }

  @Mutation(() => ReferralPayload, { description: '社会大救助 受理转交: refers a household’s case to a department with what was asked.' })
  async referCase(@Arg('input', () => ReferCaseInput) input: ReferCaseInput, @Ctx() ctx: RequestContext): Promise<ReferralPayload> {
    const actor = actorOf(ctx);
    const referral = await change(ctx, (em) =>
      referCase(em, actor, {
        householdId: idOf(input.householdId),
        applicationId: optionalIdOf(input.applicationId),
        department: input.department,
        request: input.request,
      }),
    );
    return { referral: referralOf(referral) };
  }

  @Mutation(() => ReferralPayload, { description: 'Records the department’s outcome of a referral (once) and the amount it granted.' })
  async recordReferralOutcome(
    @Arg('input', () => RecordReferralOutcomeInput) input: RecordReferralOutcomeInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReferralPayload> {
    const actor = actorOf(ctx);
    const referral = await change(ctx, (em) =>
      recordReferralOutcome(em, actor, {
        referralId: idOf(input.referralId),
        outcome: input.outcome,
        amountFen: fenOf(input.amount),
        note: input.note ?? null,
      }),
    );
    return { referral: referralOf(referral) };
  }
}
