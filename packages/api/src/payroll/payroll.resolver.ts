import {
  DomainError,
  PayrollBatch,
  approvePayroll,
  discardPayroll,
  generatePayroll,
  markPayrollPaid,
  recordCorrection,
  exitEnrollment,
  type Household,
  type Program,
} from '@xingfu/domain';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf, scopedRegion } from '../auth/require-actor.js';
import { pageWindow, toPage, type Page } from '../common/connection.js';
import { idOf, optionalIdOf } from '../common/ids.js';
import { change } from '../common/change.js';
import type { RequestContext } from '../context/context.type.js';
import {
  enrollmentIdPage,
  enrollmentRow,
  paymentPage,
  payrollBatches,
  paymentRow,
  type EnrollmentRow,
  type PaymentRow,
} from './payroll.read-model.js';
import { Selection } from '../context/selection.js';
import { HouseholdType } from '../household/household.types.js';
import { ProgramType } from '../program/program.types.js';
import { fenOf } from '../scalars/money.scalar.js';
import { MonthScalar } from '../scalars/month.scalar.js';
import { EnrollmentConnection, EnrollmentType, PaymentConnection, PaymentType, PayrollBatchType } from './payroll.types.js';
import {
  GeneratePayrollInput,
  PayrollBatchInput,
  PayrollBatchPayload,
  CorrectionInput,
  CorrectionPayload,
  DiscardPayrollPayload,
  EndEnrollmentInput,
  EndEnrollmentPayload,
  EnrollmentsArgs,
  PaymentsArgs,
} from './payroll.inputs.js';

@Resolver(() => PayrollBatchType)
export class PayrollResolver {
  @Query(() => [PayrollBatchType], { description: 'Payroll batches of a county, newest month first.' })
  async payrollBatches(
    @Arg('countyCode', () => String) countyCode: string,
    @Arg('month', () => MonthScalar, { nullable: true }) month: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PayrollBatch[]> {
    scopedRegion(actorOf(ctx), countyCode);
    return payrollBatches(ctx.em, countyCode, month);
  }

  @Query(() => PaymentConnection, { description: 'Ledger rows in a region, by id.' })
  async payments(@Args(() => PaymentsArgs) args: PaymentsArgs, @Ctx() ctx: RequestContext): Promise<Page<PaymentRow>> {
    const region = scopedRegion(actorOf(ctx), args.regionCode);
    const { limit, afterId } = pageWindow(args);
    const { rows, total } = await paymentPage(
      ctx.em,
      {
        region,
        programCode: args.programCode ?? null,
        month: args.month ?? null,
        fromMonth: args.fromMonth ?? null,
        toMonth: args.toMonth ?? null,
        householdId: optionalIdOf(args.householdId),
        enrollmentId: optionalIdOf(args.enrollmentId),
      },
      { limit, afterId },
    );
    return toPage(rows, limit, total);
  }

  @FieldResolver(() => ProgramType)
  async program(@Root() batch: PayrollBatch, @Ctx() ctx: RequestContext): Promise<Program> {
    const program = await ctx.loaders.programByCode.load(batch.program.code);
    if (!program) throw new DomainError('NOT_FOUND', 'Program missing.');
    return program;
  }

  @FieldResolver(() => String)
  countyCode(@Root() batch: PayrollBatch): string {
    return batch.county.code;
  }

  @Mutation(() => PayrollBatchPayload, { description: 'Generates a county’s monthly batch from active enrollments; once per month.' })
  async generatePayroll(
    @Arg('input', () => GeneratePayrollInput) input: GeneratePayrollInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PayrollBatchPayload> {
    const actor = actorOf(ctx);
    return { batch: await change(ctx, (em) => generatePayroll(em, actor, input)) };
  }

  @Mutation(() => PayrollBatchPayload, { description: 'Approves (freezes) a draft batch.' })
  async approvePayroll(
    @Arg('input', () => PayrollBatchInput) input: PayrollBatchInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PayrollBatchPayload> {
    const actor = actorOf(ctx);
    return { batch: await change(ctx, (em) => approvePayroll(em, actor, idOf(input.batchId))) };
  }

  @Mutation(() => PayrollBatchPayload, { description: 'Marks an approved batch paid.' })
  async markPayrollPaid(
    @Arg('input', () => PayrollBatchInput) input: PayrollBatchInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PayrollBatchPayload> {
    const actor = actorOf(ctx);
    return { batch: await change(ctx, (em) => markPayrollPaid(em, actor, idOf(input.batchId))) };
  }

  @Mutation(() => DiscardPayrollPayload, { description: 'Discards a draft batch so it can be generated again.' })
  async discardPayroll(
    @Arg('input', () => PayrollBatchInput) input: PayrollBatchInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DiscardPayrollPayload> {
    const actor = actorOf(ctx);
    return change(ctx, (em) => discardPayroll(em, actor, idOf(input.batchId)));
  }

  @Mutation(() => CorrectionPayload, { description: '补发: back pay for an enrollment’s month.' })
  async recordBackPay(@Arg('input', () => CorrectionInput) input: CorrectionInput, @Ctx() ctx: RequestContext): Promise<CorrectionPayload> {
    return this.correct('back_pay', input, ctx);
  }

  @Mutation(() => CorrectionPayload, { description: '追回: recovery of an overpayment (stored negative).' })
  async recordRecovery(
    @Arg('input', () => CorrectionInput) input: CorrectionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CorrectionPayload> {
    return this.correct('recovery', input, ctx);
  }

  private async correct(kind: 'back_pay' | 'recovery', input: CorrectionInput, ctx: RequestContext): Promise<CorrectionPayload> {
    const actor = actorOf(ctx);
    const payment = await change(ctx, (em) =>
      recordCorrection(em, actor, kind, {
        enrollmentId: idOf(input.enrollmentId),
        month: input.month,
        amountFen: fenOf(input.amount),
        note: input.note,
        aboveEntitlementReason: input.aboveEntitlementReason ?? null,
      }),
    );
    return { payment: paymentRow(payment) };
  }
}

@Resolver(() => EnrollmentType)
export class EnrollmentResolver {
  @Query(() => EnrollmentConnection, { description: 'Enrollments in a region (yours by default), by id.' })
  async enrollments(@Args(() => EnrollmentsArgs) args: EnrollmentsArgs, @Ctx() ctx: RequestContext): Promise<Page<EnrollmentRow>> {
    const region = scopedRegion(actorOf(ctx), args.regionCode);
    const { limit, afterId } = pageWindow(args);
    const { ids, total } = await enrollmentIdPage(
      ctx.em,
      { region, programCode: args.programCode ?? null, activeIn: args.activeIn ?? null },
      { limit, afterId },
    );
    const rows = await Promise.all(ids.map((id) => enrollmentRow(ctx, id)));
    return toPage(rows, limit, total);
  }

  @Mutation(() => EndEnrollmentPayload, { description: 'Ends an enrollment after its last paid month (death, moving away, …).' })
  async endEnrollment(
    @Arg('input', () => EndEnrollmentInput) input: EndEnrollmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<EndEnrollmentPayload> {
    const actor = actorOf(ctx);
    const enrollment = await change(ctx, (em) =>
      exitEnrollment(em, actor, { enrollmentId: idOf(input.enrollmentId), lastMonth: input.lastMonth, reason: input.reason }),
    );
    return { enrollment: await enrollmentRow(ctx, enrollment.id) };
  }

  @FieldResolver(() => HouseholdType)
  async household(@Root() enrollment: EnrollmentRow, @Ctx() ctx: RequestContext): Promise<Household> {
    const household = await ctx.loaders.householdById.load(enrollment.household.id);
    if (!household) throw new DomainError('NOT_FOUND', 'Household missing.');
    return household;
  }

  @FieldResolver(() => [PaymentType], { description: 'The 12 most recent ledger rows, newest first.' })
  payments(@Root() enrollment: EnrollmentRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<PaymentRow[]> {
    return ctx.loaders.recentPaymentsByEnrollment(Selection.of(info)).load(enrollment.id);
  }
}

@Resolver(() => PaymentType)
export class PaymentResolver {
  @FieldResolver(() => EnrollmentType, { nullable: true, description: 'The enrollment paid; null for a one-off payment.' })
  async enrollment(@Root() payment: PaymentRow, @Ctx() ctx: RequestContext): Promise<EnrollmentRow | null> {
    return payment.enrollmentId == null ? null : enrollmentRow(ctx, payment.enrollmentId);
  }

  @FieldResolver(() => HouseholdType, { description: 'The household paid.' })
  async household(@Root() payment: PaymentRow, @Ctx() ctx: RequestContext): Promise<Household> {
    // read with the row whenever this field is asked for (the payment column map)
    const household = payment.householdId == null ? null : await ctx.loaders.householdById.load(payment.householdId);
    if (!household) throw new DomainError('NOT_FOUND', 'Household missing.');
    return household;
  }

  @FieldResolver(() => ProgramType)
  async program(@Root() payment: PaymentRow, @Ctx() ctx: RequestContext): Promise<Program> {
    // read with the row whenever this field is asked for (the payment column map)
    const program = payment.program ? await ctx.loaders.programByCode.load(payment.program.code) : null;
    if (!program) throw new DomainError('NOT_FOUND', 'Program missing.');
    return program;
  }
}
