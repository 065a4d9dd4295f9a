import type { ExportFormat, ReportKind } from '@xingfu/domain';
import { Field, ID, InputType } from 'type-graphql';
import { ExportFormatEnum, ReportKindEnum } from '../common/enums.js';
import { MonthScalar } from '../scalars/month.scalar.js';

@InputType('ExportReportInput')
export class ExportReportInput {
  @Field(() => ReportKindEnum)
  report!: ReportKind;

  @Field(() => ExportFormatEnum, { nullable: true, description: 'XLSX by default.' })
  format?: ExportFormat | null;

  @Field(() => String, { nullable: true, description: 'Your region by default (monthly changes, ledger extract, worklist).' })
  regionCode?: string | null;

  @Field(() => MonthScalar, { nullable: true, description: 'Monthly changes and ledger extract: the month.' })
  month?: string | null;

  @Field(() => String, { nullable: true, description: 'Monthly changes and ledger extract: one program only.' })
  programCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'Payroll list: the batch.' })
  batchId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Re-review worklist: the campaign.' })
  campaignId?: string | null;
}
