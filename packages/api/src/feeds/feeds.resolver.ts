import {
  assertCan,
  assertRegionInScope,
  checkFeedReport,
  DomainError,
  FEED_DEPARTMENTS,
  loadFeed,
  type FeedDelivery,
} from '@xingfu/domain';
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { actorOf } from '../auth/require-actor.js';
import { fileOfPieces } from '../common/base64-file.js';
import { change } from '../common/change.js';
import { pageWindow, toPage, type Page } from '../common/connection.js';
import type { RequestContext } from '../context/context.type.js';
import { idOf } from '../common/ids.js';
import { CheckFeedReportInput, FeedDeliveriesArgs, LoadFeedInput } from './feeds.inputs.js';
import { feedDeliveryPage, feedReportOf } from './feeds.read-model.js';
import { CheckFeedReportPayload, FeedDeliveryConnection, FeedDeliveryType, FeedLoadReportType, FeedReportType } from './feeds.types.js';

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
    if ((input.contentBase64 == null) === (input.contentPieces == null)) {
      throw new DomainError('INVALID_FEED_FILE', 'Give the file once: contentBase64 (up to 10,000 characters) or contentPieces.');
    }
    const content = fileOfPieces(
      input.contentPieces ?? [input.contentBase64!],
      () => new DomainError('INVALID_FEED_FILE', 'The file is not base64: send it base64-encoded, in pieces of at most 10,000 characters.'),
    );
    const report = await change(ctx, (em) =>
      loadFeed(em, actor, {
        countyCode: input.countyCode,
        kind: input.kind,
        deliveredOn: input.deliveredOn,
        fileName: input.fileName,
        content,
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

  @Query(() => FeedReportType, {
    description: 'Instant 核对: what each department feed says about the members of an application’s household.',
  })
  async feedReport(@Arg('applicationId', () => ID) applicationId: string, @Ctx() ctx: RequestContext): Promise<FeedReportType> {
    const report = await feedReportOf(ctx.em, actorOf(ctx), idOf(applicationId));
    return {
      members: report.members.map(({ pensionMonthlyFen, housingFundMonthlyFen, ...m }) => ({
        ...m,
        pensionMonthly: pensionMonthlyFen,
        housingFundMonthly: housingFundMonthlyFen,
      })),
      ownsVehicle: report.ownsVehicle,
      extraHousing: report.extraHousing,
    };
  }

  @Mutation(() => CheckFeedReportPayload, {
    description:
      'Confirms the instant 核对 report, or overrides its vehicle / housing facts with a reason; verification then passes them to the calculator.',
  })
  async checkFeedReport(
    @Arg('input', () => CheckFeedReportInput) input: CheckFeedReportInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CheckFeedReportPayload> {
    const actor = actorOf(ctx);
    const check = await change(ctx, (em) =>
      checkFeedReport(em, actor, {
        applicationId: idOf(input.applicationId),
        confirm: input.confirm,
        overrideReason: input.overrideReason ?? null,
        ownsVehicle: input.ownsVehicle ?? null,
        extraHousing: input.extraHousing ?? null,
      }),
    );
    return {
      check: {
        confirmed: check.confirmed,
        ownsVehicle: check.ownsVehicle,
        extraHousing: check.extraHousing,
        overrideReason: check.overrideReason ?? null,
        checkedAt: check.checkedAt,
      },
    };
  }
}
