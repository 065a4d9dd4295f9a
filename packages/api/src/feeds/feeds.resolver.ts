import { assertCan, assertRegionInScope, FEED_DEPARTMENTS, loadFeed, type FeedDelivery } from '@xingfu/domain';
import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { actorOf } from '../auth/require-actor.js';
import { change } from '../common/change.js';
import { pageWindow, toPage, type Page } from '../common/connection.js';
import type { RequestContext } from '../context/context.type.js';
import { FeedDeliveriesArgs, LoadFeedInput } from './feeds.inputs.js';
import { feedDeliveryPage } from './feeds.read-model.js';
import { FeedDeliveryConnection, FeedDeliveryType, FeedLoadReportType } from './feeds.types.js';

export function deliveryOf(delivery: FeedDelivery): FeedDeliveryType {
  return {
    id: delivery.id,
    countyCode: delivery.county.code,
    kind: delivery.kind,
    department: FEED_DEPARTMENTS[delivery.kind],
    deliveredOn: delivery.deliveredOn,
    fileName: delivery.fileName,
    rowCount: delivery.rowCount,
    loadedAt: delivery.loadedAt,
  };
}

@Resolver(() => FeedDeliveryType)
export class FeedResolver {
  @Query(() => FeedDeliveryConnection, { description: 'Department deliveries loaded for a county, oldest first.' })
  async feedDeliveries(
    @Args(() => FeedDeliveriesArgs) args: FeedDeliveriesArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<FeedDeliveryType>> {
    const actor = actorOf(ctx);
    assertCan(actor, 'loadFeed');
    assertRegionInScope(actor, args.countyCode, 'county');
    const { limit, afterId } = pageWindow(args);
    const { rows, total } = await feedDeliveryPage(ctx.em, args.countyCode, args.kind, { limit, afterId });
    return toPage(rows.map(deliveryOf), limit, total);
  }

  @Mutation(() => FeedLoadReportType, {
    description: 'Loads a department file for a county: every row checked; a file with any bad row loads nothing (see problems).',
  })
  async loadFeed(@Arg('input', () => LoadFeedInput) input: LoadFeedInput, @Ctx() ctx: RequestContext): Promise<FeedLoadReportType> {
    const actor = actorOf(ctx);
    const report = await change(ctx, (em) =>
      loadFeed(em, actor, {
        countyCode: input.countyCode,
        kind: input.kind,
        deliveredOn: input.deliveredOn,
        fileName: input.fileName,
        content: Buffer.from(input.contentBase64, 'base64'),
      }),
    );
    return {
      delivery: report.delivery ? deliveryOf(report.delivery) : null,
      loaded: report.delivery != null,
      rowsRead: report.rowsRead,
      rowsLoaded: report.rowsLoaded,
      problems: report.problems,
    };
  }
}
