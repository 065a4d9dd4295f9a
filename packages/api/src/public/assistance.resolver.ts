import {
  publishApplicationCounts,
  publishAssistanceCounts,
  publishChannelCounts,
  publishDecisionTimes,
  type Published,
} from '@xingfu/domain';
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { regionCodeOf } from '../common/args.js';
import type { RequestContext } from '../context/context.type.js';
import { channelRows, decisionTimeRows, referralRows } from './assistance.read-model.js';
import { DecisionTimeType, ProgramChannelsType, ReferralFigureType } from './assistance.types.js';
import { applicationRows, releaseIdOf } from './public.read-model.js';

/**
 * Data-driven assistance in public, the process figures (docs/cross-checks.md, "Public figures"):
 * channels and 秒批, days to decision, 社会大救助 referrals of a county and year, read from the
 * release tables they are frozen into and published through the one suppression policy.
 */
@Resolver()
export class PublicAssistanceResolver {
  @Query(() => [ProgramChannelsType], {
    description: 'Applications of a county in a year by program and channel, with the share approved by 秒批.',
  })
  async applicationChannels(
    @Arg('countyCode', () => String) countyCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('releaseId', () => ID, { nullable: true }) releaseId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ProgramChannelsType[]> {
    const county = regionCodeOf(countyCode, [6]);
    const id = await releaseIdOf(ctx.em, releaseId);
    if (!id) return [];
    const [rows, statistics] = await Promise.all([channelRows(ctx.em, id, county, year), applicationRows(ctx.em, id, county, year)]);
    // a program's applications are the county's `received`: published as the application statistics publish it
    const counts = publishApplicationCounts(
      statistics.map((r) => ({
        regionCode: r.region_code,
        programCode: r.program_code,
        policy: r.disclosure,
        received: r.received,
        approved: r.approved,
        rejected: r.rejected,
      })),
    );
    const received = new Map<string, Published<number> | null>(
      statistics.flatMap((r, i) => (r.region_code === county ? [[r.program_code, counts[i]!.received] as const] : [])),
    );
    const published = publishChannelCounts(
      rows.map((r) => ({
        programCode: r.program_code,
        channel: r.channel,
        policy: r.disclosure,
        applications: r.applications,
        instant: r.instant,
      })),
      received,
    );
    return published.map((p) => ({ ...p, year }));
  }

  @Query(() => [DecisionTimeType], {
    description: 'Median days from application to decision of a county in a year, by program, approved and rejected apart.',
  })
  async decisionTimes(
    @Arg('countyCode', () => String) countyCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('releaseId', () => ID, { nullable: true }) releaseId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<DecisionTimeType[]> {
    const county = regionCodeOf(countyCode, [6]);
    const id = await releaseIdOf(ctx.em, releaseId);
    if (!id) return [];
    const rows = await decisionTimeRows(ctx.em, id, county, year);
    const medians = publishDecisionTimes(rows.map((r) => ({ policy: r.disclosure, cases: r.cases, medianDays: Number(r.median_days) })));
    return rows.map((r, i) => ({ programCode: r.program_code, decision: r.decision, year, medianDays: medians[i]! }));
  }

  @Query(() => [ReferralFigureType], {
    description: '社会大救助 referrals of a county in a year by department and outcome, with the amounts granted.',
  })
  async referralFigures(
    @Arg('countyCode', () => String) countyCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('releaseId', () => ID, { nullable: true }) releaseId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ReferralFigureType[]> {
    const county = regionCodeOf(countyCode, [6]);
    const id = await releaseIdOf(ctx.em, releaseId);
    if (!id) return [];
    const rows = await referralRows(ctx.em, id, county, year);
    // a referral concerns a household: counted, like every figure of data-driven assistance
    const published = publishAssistanceCounts(rows.map((r) => ({ policy: 'counted', cases: r.cases, amountFen: Number(r.amount_fen) })));
    return rows.map((r, i) => ({
      department: r.department,
      outcome: r.outcome,
      year,
      cases: published[i]!.cases,
      amount: published[i]!.amountFen,
    }));
  }
}
