import { cutCountyRelease } from '@xingfu/domain';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { actorOf } from '../auth/require-actor.js';
import { change } from '../common/change.js';
import type { RequestContext } from '../context/context.type.js';
import { CutReleaseInput } from './release.inputs.js';
import { CountyCutKind, CutReleasePayload } from './release.types.js';

@Resolver()
export class ReleaseResolver {
  @Mutation(() => CutReleasePayload, {
    description:
      '发布 (county administrators): cuts a disclosure release of the caller’s county — its months whose payroll is approved, recomputed where the ledger changed since its last release; every other county carried as it was. Refused with NOTHING_TO_RELEASE when nothing changed (a repeated request leaves one release). The CLI `xingfu release` cuts every county.',
  })
  async cutRelease(@Arg('input', () => CutReleaseInput) input: CutReleaseInput, @Ctx() ctx: RequestContext): Promise<CutReleasePayload> {
    const summary = await change(ctx, (em) => cutCountyRelease(em, actorOf(ctx), { note: input.note }));
    return { ...summary, counties: summary.counties.map((c) => ({ ...c, how: c.how as CountyCutKind })) };
  }
}
