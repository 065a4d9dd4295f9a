import type { Preset, StandardSpec } from '../presets/preset.js';
import { Rng, WeightedPicker } from '../random/prng.js';
import { type Cell, type RowBuffer, type TableName } from '../load/tables.js';
import { Calendar, stamp } from './calendar.js';
import { IdNumberAllocator } from './id-numbers.js';
import { SYNTHETIC_MARK, type AreaType, type VillageInfo } from './population.js';

export type Role = 'county_admin' | 'town_clerk' | 'grid_worker' | 'auditor';

/** The preset's standards with 'both' expanded into one row per area type. */
export function expandStandards(preset: Preset): (StandardSpec & { area: AreaType })[] {
  return preset.standards.flatMap((s) =>
    s.area === 'both' ? (['urban', 'rural'] as const).map((area) => ({ ...s, area })) : [{ ...s, area: s.area }],
  );
}

/** Next ids per table, starting after what the database holds. */
export class IdCounters {
  private readonly values = new Map<TableName, number>();

  constructor(start: ReadonlyMap<TableName, number>) {
    for (const [table, value] of start) this.values.set(table, value);
  }

  next(table: TableName): number {
    const value = (this.values.get(table) ?? 0) + 1;
    this.values.set(table, value);
    return value;
  }

  last(table: TableName): number {
    return this.values.get(table) ?? 0;
  }
}

export interface BatchTally {
  id: number;
  program: string;
  month: number;
  count: number;
  total: bigint;
}

export interface GeneratorOptions {
  preset: Preset;
  seed: number;
  scale: number;
  /** Restrict households to one village (the `village` scale). */
  singleVillage: boolean;
  villages: VillageInfo[];
  countyName: string;
  idStart: ReadonlyMap<TableName, number>;
  takenIdNumbers: ReadonlySet<string>;
}

/** What all blocks of one load share: the preset, the calendar, ids, batches, actors. */
export class LedgerContext {
  readonly calendar: Calendar;
  readonly ids: IdCounters;
  readonly idNumbers: IdNumberAllocator;
  readonly rng: Rng;
  readonly batches = new Map<string, BatchTally>();
  readonly villages: VillageInfo[];
  readonly villagePicker: WeightedPicker<VillageInfo>;
  readonly countyCode: string;
  campaignId = 0;
  /** Statistics for the report. */
  readonly counts = { households: 0, persons: 0, payments: 0 };
  private readonly standards: Map<string, { month: number; fen: number }[]>;

  constructor(readonly options: GeneratorOptions) {
    const { preset } = options;
    this.countyCode = preset.countyCode;
    this.calendar = new Calendar(preset.year);
    this.ids = new IdCounters(options.idStart);
    this.idNumbers = new IdNumberAllocator(preset.countyCode, options.takenIdNumbers);
    this.rng = new Rng(`xingfu-seed/${preset.name}/${options.seed}`);
    const villageRng = this.rng.fork('villages');
    this.villages = options.singleVillage ? [villageRng.pick(options.villages)] : options.villages;
    // Village sizes vary; urban communities are larger.
    this.villagePicker = new WeightedPicker(
      this.villages,
      this.villages.map((v) => (v.urban ? 1.6 : 1) * (0.4 + villageRng.float() * 1.2)),
    );
    this.standards = new Map();
    for (const spec of this.standardRows()) {
      const key = `${spec.program}|${spec.area}|${spec.tier ?? ''}`;
      const list = this.standards.get(key) ?? [];
      list.push({ month: this.calendar.indexOf(`${spec.effective}-01`), fen: spec.yuan * 100 });
      list.sort((a, b) => a.month - b.month);
      this.standards.set(key, list);
    }
  }

  get preset(): Preset {
    return this.options.preset;
  }

  standardRows(): (StandardSpec & { area: AreaType })[] {
    return expandStandards(this.preset);
  }

  /** The standard in force for a month, as the payroll's lateral join finds it. */
  standardFen(program: string, area: AreaType, tier: string, month: number): number {
    if (month >= 0 && month < 12) {
      const key = `${program}|${area}|${tier}`;
      let year = this.yearStandards.get(key);
      if (!year) {
        year = Array.from({ length: 12 }, (_, m) => this.lookupStandard(program, area, tier, m));
        this.yearStandards.set(key, year);
      }
      return year[month]!;
    }
    return this.lookupStandard(program, area, tier, month);
  }

  private readonly yearStandards = new Map<string, number[]>();
  private readonly lowest = new Map<string, number>();

  private lookupStandard(program: string, area: AreaType, tier: string, month: number): number {
    const list = this.standards.get(`${program}|${area}|${tier}`);
    // before the first standard on record (assessments of old cases), the first one stands in
    let found: number | undefined = list?.[0]?.fen;
    for (const s of list ?? []) if (s.month <= month) found = s.fen;
    if (found === undefined)
      throw new Error(`preset ${this.preset.name}: no standard of ${program}/${area}/${tier} for ${this.calendar.month(month)}`);
    return found;
  }

  /** Lowest standard of a program during the year (incomes stay below it). */
  lowestStandardFen(program: string, area: AreaType): number {
    const key = `${program}|${area}`;
    let lowest = this.lowest.get(key);
    if (lowest === undefined) {
      lowest = Infinity;
      for (let m = 0; m < 12; m++) lowest = Math.min(lowest, this.standardFen(program, area, '', m));
      this.lowest.set(key, lowest);
    }
    return lowest;
  }

  actor(role: Role, region: string): string {
    return `${SYNTHETIC_MARK}/${role}@${region}`;
  }

  get admin(): string {
    return this.actor('county_admin', this.countyCode);
  }

  pickVillage(rng: Rng): VillageInfo {
    return this.villagePicker.pick(rng);
  }

  batch(program: string, month: number): BatchTally {
    const tally = this.batches.get(`${program}|${month}`);
    if (!tally) throw new Error(`no payroll batch for ${program} in month ${month}`);
    return tally;
  }

  /** The payroll of a month is generated on the 20th, approved on the 22nd, paid on the 25th. */
  batchStamps(month: number): { generated: string; approved: string; paid: string } {
    return {
      generated: stamp(this.calendar.dateIn(month, 20), 10, 0),
      approved: stamp(this.calendar.dateIn(month, 22), 15, 30),
      paid: stamp(this.calendar.dateIn(month, 25), 9, 0),
    };
  }

  audit(
    rows: RowBuffer,
    entry: {
      at: string;
      actor: string;
      role: Role;
      actorRegion: string;
      action: string;
      entity: string;
      entityId: number | string;
      region: string;
      before?: object | null;
      after?: object | null;
    },
  ): void {
    const cells: Cell[] = [
      this.ids.next('audit_entry'),
      entry.at,
      entry.actor,
      entry.role,
      entry.actorRegion,
      entry.action,
      entry.entity,
      String(entry.entityId),
      entry.region,
      entry.before ? JSON.stringify(entry.before) : null,
      entry.after ? JSON.stringify(entry.after) : null,
    ];
    rows.add('audit_entry', cells);
  }
}
