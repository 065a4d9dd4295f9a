import { DomainError, Program, Standard, setStandard, type Region } from '@xingfu/domain';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf, scopedRegion } from '../auth/require-actor.js';
import { change } from '../common/change.js';
import { programCatalog, standardsOf } from './program.read-model.js';
import type { RequestContext } from '../context/context.type.js';
import { RegionType } from '../region/region.types.js';
import { fenOf } from '../scalars/money.scalar.js';
import { ProgramType, StandardType } from './program.types.js';
import { SetStandardInput, SetStandardPayload } from './program.inputs.js';

@Resolver(() => ProgramType)
export class ProgramResolver {
  @Query(() => [ProgramType], { description: 'The program catalog.' })
  async programs(@Ctx() ctx: RequestContext): Promise<Program[]> {
    actorOf(ctx);
    return programCatalog(ctx.em);
  }

  @Query(() => [StandardType], { description: 'Standards of a county, history included, newest first.' })
  async standards(
    @Arg('countyCode', () => String) countyCode: string,
    @Arg('programCode', () => String, { nullable: true }) programCode: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Standard[]> {
    const actor = actorOf(ctx);
    // standards are county-wide: staff of a town read their county's
    if (!actor.regionCode.startsWith(countyCode)) scopedRegion(actor, countyCode);
    return standardsOf(ctx.em, countyCode, programCode);
  }

  @Mutation(() => SetStandardPayload, { description: 'Sets a standard from a month on; history is kept.' })
  async setStandard(
    @Arg('input', () => SetStandardInput) input: SetStandardInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SetStandardPayload> {
    const actor = actorOf(ctx);
    const standard = await change(ctx, (em) =>
      setStandard(em, actor, {
        programCode: input.programCode,
        countyCode: input.countyCode,
        areaType: input.areaType,
        tier: input.tier ?? '',
        effectiveMonth: input.effectiveMonth,
        amountFen: fenOf(input.amount),
      }),
    );
    return { standard };
  }
}

@Resolver(() => StandardType)
export class StandardResolver {
  @FieldResolver(() => ProgramType)
  async program(@Root() standard: Standard, @Ctx() ctx: RequestContext): Promise<Program> {
    const program = await ctx.loaders.programByCode.load(standard.program.code);
    if (!program) throw new DomainError('NOT_FOUND', 'Program missing.');
    return program;
  }

  @FieldResolver(() => RegionType)
  async county(@Root() standard: Standard, @Ctx() ctx: RequestContext): Promise<Region> {
    const county = await ctx.loaders.regionByCode.load(standard.county.code);
    if (!county) throw new DomainError('NOT_FOUND', 'County missing.');
    return county;
  }
}
