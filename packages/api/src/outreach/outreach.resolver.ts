import { applyForCandidate, DomainError, type Household } from '@xingfu/domain';
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf, scopedRegion } from '../auth/require-actor.js';
import { change } from '../common/change.js';
import { pageWindow, toPage, type Page } from '../common/connection.js';
import { idOf } from '../common/ids.js';
import type { RequestContext } from '../context/context.type.js';
import type { PersonRow } from '../household/household.read-model.js';
import { HouseholdType, PersonType } from '../household/household.types.js';
import { ApplyForCandidateInput, OutreachCandidatesArgs } from './outreach.inputs.js';
import { outreachCandidatePage } from './outreach.read-model.js';
import { ApplyForCandidatePayload, OutreachCandidateConnection, OutreachCandidateType } from './outreach.types.js';

@Resolver(() => OutreachCandidateType)
export class OutreachResolver {
  @Query(() => OutreachCandidateConnection, { description: '政策找人: the worklist of a region, one kind at a time, by person.' })
  async outreachCandidates(
    @Args(() => OutreachCandidatesArgs) args: OutreachCandidatesArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<OutreachCandidateType>> {
    const actor = actorOf(ctx);
    const region = scopedRegion(actor, args.regionCode);
    const { limit, afterId } = pageWindow(args);
    const { rows, total } = await outreachCandidatePage(ctx.em, actor, region, args.kind, { limit, afterId });
    const nodes = rows.map((r) => ({
      id: r.personId,
      kind: args.kind,
      programCode: r.programCode,
      reason: r.reason,
      villageCode: r.villageCode,
      householdId: r.householdId,
    }));
    return toPage(nodes, limit, total);
  }

  @FieldResolver(() => PersonType)
  async person(@Root() candidate: OutreachCandidateType, @Ctx() ctx: RequestContext): Promise<PersonRow> {
    const person = await ctx.loaders.personById.load(candidate.id);
    if (!person) throw new DomainError('NOT_FOUND', 'Person missing.');
    return person;
  }

  @FieldResolver(() => HouseholdType)
  async household(@Root() candidate: OutreachCandidateType, @Ctx() ctx: RequestContext): Promise<Household> {
    const household = await ctx.loaders.householdById.load(candidate.householdId);
    if (!household) throw new DomainError('NOT_FOUND', 'Household missing.');
    return household;
  }

  @Mutation(() => ApplyForCandidatePayload, {
    description: '政策找人, one action: the candidate becomes an application for the program the list names (a senior’s approved at once).',
  })
  async applyForCandidate(
    @Arg('input', () => ApplyForCandidateInput) input: ApplyForCandidateInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ApplyForCandidatePayload> {
    const actor = actorOf(ctx);
    const application = await change(ctx, (em) =>
      applyForCandidate(em, actor, { kind: input.kind, personId: idOf(input.personId), channel: input.channel }),
    );
    return { application };
  }
}
