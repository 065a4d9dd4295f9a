import {
  DomainError,
  PayrollBatch,
  approvePayroll,
  discardPayroll,
  generatePayroll,
  markPayrollPaid,
  recordCorrection,
  exitEnrollment,
  type ExitReason,
  type Household,
  type Program,
} from '@xingfu/domain';
import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { actorOf, scopedRegion } from '../auth/require-actor.js';
import { PageArgs, pageWindow, toPage, type Page } from '../common/connection.js';
import { idOf } from '../common/ids.js';
import { change } from '../common/change.js';
import type { RequestContext } from '../context/context.type.js';
import { enrollmentIdPage, paymentPage, payrollBatches, paymentRow, type EnrollmentRow, type PaymentRow } from './payroll.read-model.js';
import { Selection } from '../context/selection.js';
import { HouseholdType } from '../household/household.types.js';
import { ProgramType } from '../program/program.types.js';
import { fenOf, MoneyScalar } from '../scalars/money.scalar.js';
import { MonthScalar } from '../scalars/month.scalar.js';
import { EnrollmentConnection, EnrollmentType, PaymentConnection, PaymentType, PayrollBatchType } from './payroll.types.js';
import { ExitReasonEnum } from '../common/enums.js';

@InputType('GeneratePayrollInput')
export class GeneratePayrollInput {
  @Field(() => String)
  countyCode!: string;

  @Field(() => String)
  programCode!: string;

  @Field(() => MonthScalar)
  month!: string;
}

@InputType('PayrollBatchInput')
export class PayrollBatchInput {
  @Field(() => ID)
  batchId!: string;
}

@ObjectType('PayrollBatchPayload')
export class PayrollBatchPayload {
  @Field(() => PayrollBatchType, { nullable: true })
  batch!: PayrollBatch | null;
}

@InputType('CorrectionInput', { description: 'A back pay (补发) or recovery (追回) for one enrollment’s month.' })
export class CorrectionInput {
  @Field(() => ID)
  enrollmentId!: string;

  @Field(() => MonthScalar)
  month!: string;

  @Field(() => MoneyScalar, { description: 'A positive amount in yuan.' })
  amount!: bigint;

  @Field(() => String)
  note!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Back pay that takes the month above the most the enrollment could be entitled to (standard × covered members) is refused unless this says why.',
  })
  aboveEntitlementReason?: string | null;
}

@ObjectType('CorrectionPayload')
export class CorrectionPayload {
  @Field(() => PaymentType)
  payment!: PaymentRow;
}

@InputType('EndEnrollmentInput')
export class EndEnrollmentInput {
  @Field(() => ID)
  enrollmentId!: string;

  @Field(() => MonthScalar, { description: 'The last month paid.' })
  lastMonth!: string;

  @Field(() => ExitReasonEnum)
  reason!: ExitReason;
}

@ObjectType('EndEnrollmentPayload')
export class EndEnrollmentPayload {
  @Field(() => EnrollmentType)
  enrollment!: EnrollmentRow;
}

/** An enrollment as the API shows it (EnrollmentRow, with its program), read after a change or for a page. */
export async function enrollmentRow(ctx: RequestContext, id: number): Promise<EnrollmentRow> {
  const row = await ctx.loaders.enrollmentById.load(id);
  if (!row) throw new DomainError('NOT_FOUND', `Enrollment ${id} is missing.`);
  return row;
}

@ArgsType()
export class EnrollmentsArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  regionCode?: string | null;

  @Field(() => String, { nullable: true })
  programCode?: string | null;

  @Field(() => MonthScalar, { nullable: true, description: 'Only enrollments paid in this month.' })
  activeIn?: string | null;
}

@ArgsType()
export class PaymentsArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  regionCode?: string | null;

  @Field(() => String, { nullable: true })
  programCode?: string | null;

  @Field(() => MonthScalar, { nullable: true })
  month?: string | null;
}

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
      { region, programCode: args.programCode ?? null, month: args.month ?? null },
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

  @Mutation(() => PayrollBatchPayload, { description: 'Discards a draft batch so it can be generated again.' })
  async discardPayroll(
    @Arg('input', () => PayrollBatchInput) input: PayrollBatchInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PayrollBatchPayload> {
    const actor = actorOf(ctx);
    await change(ctx, (em) => discardPayroll(em, actor, idOf(input.batchId)));
    return { batch: null };
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
  @FieldResolver(() => ProgramType)
  async program(@Root() payment: PaymentRow, @Ctx() ctx: RequestContext): Promise<Program> {
    // read with the row whenever this field is asked for (the payment column map)
    const program = payment.program ? await ctx.loaders.programByCode.load(payment.program.code) : null;
    if (!program) throw new DomainError('NOT_FOUND', 'Program missing.');
    return program;
  }
}
