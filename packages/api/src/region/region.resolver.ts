import { DomainError, Region, normalizeRegionCode } from '@xingfu/domain';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { counties } from './region.read-model.js';
import type { RequestContext } from '../context/context.type.js';
import { RegionType } from './region.types.js';

/** Regions are public knowledge: this resolver is part of both schemas. */
@Resolver(() => RegionType)
export class RegionResolver {
  @Query(() => RegionType, { nullable: true, description: 'A region by code (natural or 12-digit form); null when unknown.' })
  async region(@Arg('code', () => String) code: string, @Ctx() ctx: RequestContext): Promise<Region | null> {
    const normalized = normalizeRegionCode(code);
    if (!normalized) throw DomainError.invalidRegionCode(code);
    return ctx.loaders.regionByCode.load(normalized);
  }

  @Query(() => [RegionType], { description: 'Every county the platform holds, by code.' })
  async counties(@Ctx() ctx: RequestContext): Promise<Region[]> {
    return counties(ctx.em);
  }

  @FieldResolver(() => RegionType, { nullable: true, description: 'The region one level up; null for a province.' })
  async parent(@Root() region: Region, @Ctx() ctx: RequestContext): Promise<Region | null> {
    return region.parent ? ctx.loaders.regionByCode.load(region.parent.code) : null;
  }

  @FieldResolver(() => [RegionType], { description: 'The regions one level down, by code.' })
  async children(@Root() region: Region, @Ctx() ctx: RequestContext): Promise<Region[]> {
    return ctx.loaders.regionsByParent.load(region.code);
  }
}
