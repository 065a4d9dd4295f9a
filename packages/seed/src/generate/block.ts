import type { RowBuffer } from '../load/tables.js';
import { BlockState } from './block-state.js';
import { generateCases } from './cases.js';
import { generateChildrenAllowances } from './children.js';
import type { LedgerContext } from './context.js';
import { generateDibao } from './dibao.js';
import { generateDisability } from './disability.js';
import { writeEnrollments, writePayments, writeRegistry } from './payroll-rows.js';
import type { BlockQuota } from './quotas.js';
import { generateSenior } from './senior.js';
import { generateSplits } from './splits.js';
import { generateTekun } from './tekun.js';

/**
 * One block of the population: registry, cases, enrollments and payments, calibrated on its own.
 * The programs are generated in a fixed order over one shared `BlockState` (later programs draw on
 * the households earlier ones made: disability subsidies in 低保 households, 护理补贴 for dispersed
 * 特困 persons, funeral aid for the year's deaths), then the enrollments, the twelve payrolls and
 * the registry are written.
 */
export class BlockGenerator {
  private readonly state: BlockState;

  constructor(ctx: LedgerContext, quota: BlockQuota) {
    this.state = new BlockState(ctx, quota);
  }

  /**
   * The block's rows, in parts: a part is handed out between two steps once it holds `partBytes`
   * of COPY text (the rest at the end). The rows are the same whatever the parts; only a load with
   * the foreign-key triggers off may take them in parts, since a part can hold rows that
   * reference rows of a later part (applications come before their households, for one).
   */
  *generate(partBytes = Infinity): Generator<RowBuffer> {
    const s = this.state;
    const steps = [
      () => generateDibao(s),
      () => generateTekun(s),
      () => generateDisability(s),
      () => generateChildrenAllowances(s),
      () => generateSenior(s),
      () => generateCases(s),
      () => generateSplits(s),
      () => writeEnrollments(s),
      ...Array.from({ length: 12 }, (_, m) => () => writePayments(s, m)),
      () => writeRegistry(s),
    ];
    for (const step of steps) {
      step();
      if (s.rows.byteLength >= partBytes) yield s.takeRows();
    }
    if (s.rows.byteLength > 0) yield s.takeRows();
  }
}
