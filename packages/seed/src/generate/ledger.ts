import type { Preset } from '../presets/preset.js';
import { RowBuffer, type TableName } from '../load/tables.js';
import { BlockGenerator } from './block.js';
import { stamp } from './calendar.js';
import { LedgerContext } from './context.js';
import { SYNTHETIC_MARK, type VillageInfo } from './population.js';
import { blockQuotas } from './quotas.js';

/** What the generator needs from the database, as plain data. */
export interface GeneratorInit {
  preset: Preset;
  seed: number;
  factor: number;
  singleVillage: boolean;
  villages: VillageInfo[];
  countyName: string;
  idStart: [TableName, number][];
  taken: string[];
  /** Ids of the standards rows, in the order of `expandStandards`. */
  standardIds: number[];
  scaleLabel: string;
  /**
   * Hand a block out in parts of about this many bytes of COPY text (see BlockGenerator.generate):
   * only when the load does not check references row by row. Default: whole blocks.
   */
  partBytes?: number;
}

/** A block's rows as COPY text per table (UTF-8 bytes, row count). */
export interface RowsMessage {
  type: 'rows';
  block: number;
  blocks: number;
  tables: [TableName, Uint8Array, number][];
}

export interface DoneMessage {
  type: 'done';
  batches: { id: number; count: number; total: string }[];
  counts: { households: number; persons: number; payments: number };
}

export type GeneratorMessage = RowsMessage | DoneMessage;

function message(rows: RowBuffer, block: number, blocks: number): RowsMessage {
  return {
    type: 'rows',
    block,
    blocks,
    // each table's bytes in an ArrayBuffer of their own, so a worker can hand them over without a copy
    tables: [...rows.tables].map(([table, t]) => [table, t.bytes, t.rows]),
  };
}

/**
 * The whole ledger of a load, as a sequence of row sets: payroll batches and the campaign first,
 * then block after block, then the payroll's audit trail; last, the batch totals.
 */
export function* generateLedger(init: GeneratorInit): Generator<GeneratorMessage> {
  const ctx = new LedgerContext({
    preset: init.preset,
    seed: init.seed,
    scale: init.factor,
    singleVillage: init.singleVillage,
    villages: init.villages,
    countyName: init.countyName,
    idStart: new Map(init.idStart),
    takenIdNumbers: new Set(init.taken),
  });
  const quotas = blockQuotas(init.preset, init.factor, (program) => ctx.standardFen(program, 'rural', '', 0));
  yield message(openingRows(ctx, init.standardIds), 0, quotas.length);
  for (const quota of quotas) {
    for (const part of new BlockGenerator(ctx, quota).generate(init.partBytes)) yield message(part, quota.index + 1, quotas.length);
  }
  yield message(closingRows(ctx, { seed: init.seed, scale: init.scaleLabel }), quotas.length + 1, quotas.length);
  yield {
    type: 'done',
    batches: [...ctx.batches.values()].map((b) => ({ id: b.id, count: b.count, total: b.total.toString() })),
    counts: { ...ctx.counts },
  };
}

/** Payroll batches (totals filled at the end), the re-review campaign, and their audit entries. */
function openingRows(ctx: LedgerContext, standardIds: readonly number[]): RowBuffer {
  const rows = new RowBuffer();
  const { preset, calendar } = ctx;
  for (const [i, s] of ctx.standardRows().entries()) {
    ctx.audit(rows, {
      at: stamp(`${s.effective}-01`, 9, 0),
      actor: ctx.admin,
      role: 'county_admin',
      actorRegion: ctx.countyCode,
      action: 'setStandard',
      entity: 'standard',
      entityId: standardIds[i] ?? 0,
      region: ctx.countyCode,
      after: { programCode: s.program, areaType: s.area, tier: s.tier ?? '', effectiveMonth: s.effective, amountFen: s.yuan * 100 },
    });
  }
  const monthly = [...new Set(preset.standards.map((s) => s.program))];
  for (const program of monthly) {
    for (let m = 0; m < 12; m++) {
      const id = ctx.ids.next('payroll_batch');
      ctx.batches.set(`${program}|${m}`, { id, program, month: m, count: 0, total: 0n });
      const at = ctx.batchStamps(m);
      rows.add('payroll_batch', [
        id,
        ctx.countyCode,
        program,
        calendar.monthStart(m),
        'paid',
        0,
        0,
        at.generated,
        ctx.admin,
        at.approved,
        ctx.admin,
        at.paid,
      ]);
    }
  }
  const campaign = preset.dibao.campaign;
  ctx.campaignId = ctx.ids.next('review_campaign');
  const createdAt = stamp(campaign.periodStart, 9, 30);
  rows.add('review_campaign', [
    ctx.campaignId,
    ctx.countyCode,
    campaign.name,
    campaign.periodStart,
    campaign.periodEnd,
    ctx.admin,
    createdAt,
  ]);
  ctx.audit(rows, {
    at: createdAt,
    actor: ctx.admin,
    role: 'county_admin',
    actorRegion: ctx.countyCode,
    action: 'createReviewCampaign',
    entity: 'review_campaign',
    entityId: ctx.campaignId,
    region: ctx.countyCode,
    after: { name: campaign.name, periodStart: campaign.periodStart, periodEnd: campaign.periodEnd },
  });
  return rows;
}

/** The payroll's audit trail with the batch totals, and a record of the load itself. */
function closingRows(ctx: LedgerContext, load: { seed: number; scale: string }): RowBuffer {
  const rows = new RowBuffer();
  const batches = [...ctx.batches.values()];
  for (const b of batches) {
    const at = ctx.batchStamps(b.month);
    const base = {
      actor: ctx.admin,
      role: 'county_admin' as const,
      actorRegion: ctx.countyCode,
      entity: 'payroll_batch',
      entityId: b.id,
      region: ctx.countyCode,
    };
    const totals = { programCode: b.program, month: ctx.calendar.month(b.month), paymentCount: b.count, totalFen: b.total.toString() };
    ctx.audit(rows, { ...base, at: at.generated, action: 'generatePayroll', after: { ...totals, status: 'draft' } });
    ctx.audit(rows, { ...base, at: at.approved, action: 'approvePayroll', before: { status: 'draft' }, after: { status: 'approved' } });
    ctx.audit(rows, { ...base, at: at.paid, action: 'markPayrollPaid', before: { status: 'approved' }, after: { status: 'paid' } });
  }
  ctx.audit(rows, {
    at: stamp(`${ctx.calendar.year}-12-31`, 23, 59),
    actor: ctx.admin,
    role: 'county_admin',
    actorRegion: ctx.countyCode,
    action: 'loadDemoData',
    entity: 'preset',
    entityId: ctx.preset.name,
    region: ctx.countyCode,
    after: { preset: ctx.preset.name, seed: load.seed, scale: load.scale, synthetic: SYNTHETIC_MARK },
  });
  return rows;
}
