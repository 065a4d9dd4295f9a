import {
  DomainError,
  assertCan,
  formatFen,
  notFound,
  recordExport,
  reportFile,
  type ExportFormat,
  type ReportColumn,
  type ReportTable,
} from '@xingfu/domain';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { actorOf, scopedRegion } from '../auth/require-actor.js';
import { change } from '../common/change.js';
import { idOf } from '../common/ids.js';
import type { RequestContext } from '../context/context.type.js';
import { MonthScalar } from '../scalars/month.scalar.js';
import { ExportReportInput } from './report.inputs.js';
import { batchCounty, ledgerExtract, monthlyChanges, payrollList, reviewWorklist, type MonthlyChangeRow } from './report.read-model.js';
import { ExportReportPayload, MonthlyChangeType } from './report.types.js';

const cols = (pairs: [string, string][]): ReportColumn[] => pairs.map(([key, header]) => ({ key, header }));
const yuan = (fen: number | null) => (fen == null ? null : formatFen(fen));
/** Bank accounts are not recorded in the ledger: the payroll list leaves these columns for the bureau to fill. */
const BANK_PLACEHOLDER = '';

function monthRequired(month: string | null | undefined, report: string): string {
  if (!month) throw new DomainError('INVALID_INPUT', `The ${report} report is of a month: give month (YYYY-MM).`, { field: 'month' });
  return month;
}

@Resolver()
export class ReportResolver {
  @Query(() => [MonthlyChangeType], {
    description:
      'The monthly change report (新增 / 减少 / 调增 / 调减) per program and town of your region (or regionCode), from the payroll of the month and the month before. Counts, no personal data.',
  })
  async monthlyChanges(
    @Arg('month', () => MonthScalar) month: string,
    @Arg('regionCode', () => String, { nullable: true }) regionCode: string | null,
    @Arg('programCode', () => String, { nullable: true }) programCode: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<MonthlyChangeRow[]> {
    const region = scopedRegion(actorOf(ctx), regionCode);
    return monthlyChanges(ctx.em, { region, month, programCode });
  }

  @Mutation(() => ExportReportPayload, {
    description:
      'An internal report as an XLSX or CSV file (payroll lists, worklists and extracts carry personal data): recorded in the audit log as a read — who, which report and filters, when, how many rows.',
  })
  async exportReport(
    @Arg('input', () => ExportReportInput) input: ExportReportInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ExportReportPayload> {
    const actor = actorOf(ctx);
    assertCan(actor, 'exportReport');
    const format: ExportFormat = input.format ?? 'xlsx';
    const region = scopedRegion(actor, input.regionCode);
    const { table, filters, name } = await this.table(ctx, input, region);
    const content = await reportFile(table, format);
    await change(ctx, (em) =>
      recordExport(em, actor, { report: input.report, format, regionCode: region, filters, rows: table.rows.length }),
    );
    return {
      fileName: `${name}.${format}`,
      contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      rows: table.rows.length,
      content: content.toString('base64'),
    };
  }

  private async table(
    ctx: RequestContext,
    input: ExportReportInput,
    region: string,
  ): Promise<{ table: ReportTable; filters: Record<string, string | number | null>; name: string }> {
    const actor = actorOf(ctx);
    switch (input.report) {
      case 'monthly_changes': {
        const month = monthRequired(input.month, 'monthly changes');
        const rows = await monthlyChanges(ctx.em, { region, month, programCode: input.programCode ?? null });
        return {
          name: `月度增减-${region}-${month}`,
          filters: { regionCode: region, month, programCode: input.programCode ?? null },
          table: {
            title: `${month} 新增减少调增调减`,
            columns: cols([
              ['programCode', '项目'],
              ['townCode', '乡镇代码'],
              ['townName', '乡镇'],
              ['addedHouseholds', '新增户数'],
              ['addedPersons', '新增人数'],
              ['removedHouseholds', '减少户数'],
              ['removedPersons', '减少人数'],
              ['raisedHouseholds', '调增户数'],
              ['loweredHouseholds', '调减户数'],
              ['paidHouseholds', '保障户数'],
              ['paidPersons', '保障人数'],
              ['paid', '发放金额（元）'],
            ]),
            rows: rows.map((r) => ({ ...r, paid: yuan(r.paidFen) })),
          },
        };
      }
      case 'payroll_list': {
        if (!input.batchId) throw new DomainError('INVALID_INPUT', 'A payroll list is of a batch: give batchId.', { field: 'batchId' });
        const batchId = idOf(input.batchId);
        const batch = await batchCounty(ctx.em, batchId);
        // a county's batch: the whole list for its county's staff, a town's or village's part of it for theirs
        const within = !batch ? null : region.startsWith(batch.county) ? region : batch.county.startsWith(region) ? batch.county : null;
        if (!batch || !within) throw notFound(actor, 'payroll batch', batchId);
        const rows = await payrollList(ctx.em, { batchId, region: within });
        return {
          name: `发放名册-${batch.county}-${batch.program}-${batch.month}`,
          filters: { batchId, countyCode: batch.county, programCode: batch.program, month: batch.month },
          table: {
            title: `${batch.month} 发放名册`,
            columns: cols([
              ['villageCode', '村代码'],
              ['villageName', '村'],
              ['householdId', '户编号'],
              ['headName', '户主姓名'],
              ['headIdNumber', '户主身份证号'],
              ['programCode', '项目'],
              ['month', '月份'],
              ['coveredMembers', '保障人数'],
              ['standard', '标准（元）'],
              ['amount', '发放金额（元）'],
              ['bank', '开户银行'],
              ['account', '银行账号'],
            ]),
            rows: rows.map((r) => ({
              ...r,
              standard: yuan(r.standardFen),
              amount: yuan(r.amountFen),
              bank: BANK_PLACEHOLDER,
              account: BANK_PLACEHOLDER,
            })),
          },
        };
      }
      case 'review_worklist': {
        if (!input.campaignId)
          throw new DomainError('INVALID_INPUT', 'A worklist is of a re-review campaign: give campaignId.', { field: 'campaignId' });
        const campaignId = idOf(input.campaignId);
        const rows = await reviewWorklist(ctx.em, { campaignId, region });
        return {
          name: `复核工作清单-${region}-${campaignId}`,
          filters: { campaignId, regionCode: region },
          table: {
            title: '复核工作清单',
            columns: cols([
              ['taskId', '任务编号'],
              ['villageCode', '村代码'],
              ['villageName', '村'],
              ['householdId', '户编号'],
              ['headName', '户主姓名'],
              ['headIdNumber', '户主身份证号'],
              ['programCode', '项目'],
              ['appointmentAt', '预约入户时间'],
              ['visitedOn', '入户日期'],
              ['outcome', '复核结论'],
            ]),
            rows: rows.map((r) => ({ ...r })),
          },
        };
      }
      case 'ledger_extract': {
        const month = monthRequired(input.month, 'ledger extract');
        const rows = await ledgerExtract(ctx.em, { region, month, programCode: input.programCode ?? null });
        return {
          name: `台账摘录-${region}-${month}`,
          filters: { regionCode: region, month, programCode: input.programCode ?? null },
          table: {
            title: `${month} 台账摘录`,
            columns: cols([
              ['enrollmentId', '待遇编号'],
              ['villageCode', '村代码'],
              ['villageName', '村'],
              ['householdId', '户编号'],
              ['headName', '户主姓名'],
              ['headIdNumber', '户主身份证号'],
              ['programCode', '项目'],
              ['coveredMembers', '保障人数'],
              ['perCapitaIncome', '人均收入（元）'],
              ['fixedAmount', '固定金额（元）'],
              ['startMonth', '起始月份'],
              ['endMonth', '终止月份'],
              ['paid', '本月发放（元）'],
            ]),
            rows: rows.map((r) => ({
              ...r,
              perCapitaIncome: yuan(r.perCapitaIncomeFen),
              fixedAmount: yuan(r.fixedAmountFen),
              paid: yuan(r.paidFen),
            })),
          },
        };
      }
    }
  }
}
