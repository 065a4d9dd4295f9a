/**
 * The ledger tables the generator writes, in the order they are loaded (a table only refers to
 * tables before it), with the columns written by COPY. Ids are assigned by the generator (after
 * the current maximum), and every timestamp is written, so nothing depends on the clock.
 */
export const TABLE_COLUMNS = {
  household: ['id', 'public_id', 'county_code', 'village_code', 'area_type', 'address', 'phone', 'created_at', 'updated_at'],
  person: [
    'id',
    'id_number',
    'name',
    'sex',
    'birth_date',
    'phone',
    'disability_category',
    'disability_level',
    'deceased_on',
    'created_at',
    'updated_at',
  ],
  household_member: ['id', 'household_id', 'person_id', 'relation', 'start_date', 'end_date'],
  application: [
    'id',
    'household_id',
    'program_code',
    'person_id',
    'county_code',
    'village_code',
    'channel',
    'status',
    'applied_on',
    'reason',
    'household_size',
    'covered_members',
    'single_person',
    'rigid_expenses_fen',
    'financial_assets_fen',
    'counted_income_fen',
    'per_capita_income_fen',
    'assessed_amount_fen',
    'tier',
    'investigation_notes',
    'publicity_start',
    'publicity_end',
    'decision_reason',
    'decided_on',
    'created_by',
    'created_at',
    'updated_at',
    'instant',
  ],
  application_income: ['id', 'application_id', 'person_id', 'kind', 'monthly_fen', 'labor_coefficient', 'exempt_fen'],
  application_event: ['id', 'application_id', 'from_status', 'to_status', 'actor', 'at', 'note'],
  objection: ['id', 'application_id', 'raised_on', 'content', 'upheld', 'resolution', 'resolved_on', 'created_by'],
  enrollment: [
    'id',
    'program_code',
    'household_id',
    'person_id',
    'application_id',
    'county_code',
    'village_code',
    'area_type',
    'amount_rule',
    'tier',
    'covered_members',
    'per_capita_income_fen',
    'fixed_amount_fen',
    'start_month',
    'end_month',
    'status',
    'exit_reason',
    'previous_enrollment_id',
    'created_at',
    'updated_at',
  ],
  payroll_batch: [
    'id',
    'county_code',
    'program_code',
    'month',
    'status',
    'payment_count',
    'total_fen',
    'generated_at',
    'generated_by',
    'approved_at',
    'approved_by',
    'paid_at',
  ],
  payment: [
    'id',
    'batch_id',
    'enrollment_id',
    'household_id',
    'person_id',
    'program_code',
    'county_code',
    'village_code',
    'month',
    'kind',
    'amount_fen',
    'covered_members',
    'standard_fen',
    'note',
    'created_by',
    'created_at',
    'application_id',
  ],
  review_campaign: ['id', 'county_code', 'name', 'period_start', 'period_end', 'created_by', 'created_at'],
  review_task: [
    'id',
    'campaign_id',
    'enrollment_id',
    'household_id',
    'village_code',
    'appointment_at',
    'visited_on',
    'form',
    'neighbour_check',
    'committee_check',
    'outcome',
    'outcome_reason',
    'new_enrollment_id',
    'decided_on',
    'decided_by',
  ],
  audit_entry: ['id', 'at', 'actor', 'actor_role', 'actor_region', 'action', 'entity', 'entity_id', 'region_code', 'before', 'after'],
} as const;

export type TableName = keyof typeof TABLE_COLUMNS;

/** Load order: referenced tables first. */
export const LOAD_ORDER: readonly TableName[] = [
  'household',
  'person',
  'household_member',
  'application',
  'application_income',
  'application_event',
  'objection',
  'enrollment',
  'payroll_batch',
  'payment',
  'review_campaign',
  'review_task',
  'audit_entry',
];

/** Tables whose ids the generator assigns (standard rows are upserted with their own ids). */
export const ID_TABLES: readonly TableName[] = LOAD_ORDER;

export type Cell = string | number | boolean | null | undefined;

/** One value in COPY text format: \N for null, backslash escapes for the special characters. */
export function encodeCell(value: Cell): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (!/[\\\t\n\r]/.test(value)) return value;
  return value.replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n').replaceAll('\r', '\\r');
}

/** One table's rows of a block as COPY text, UTF-8, in a buffer that grows as rows are added. */
export class TableBytes {
  private buffer = Buffer.allocUnsafeSlow(64 * 1024);
  length = 0;
  rows = 0;

  push(line: string): void {
    // at most 3 bytes per UTF-16 unit, and the line end
    const room = line.length * 3 + 1;
    if (this.length + room > this.buffer.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.length + room));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(line, this.length, 'utf8');
    this.buffer[this.length++] = 0x0a;
    this.rows++;
  }

  /** The bytes written (a view: its ArrayBuffer is this table's own, never pooled, so it can be transferred). */
  get bytes(): Uint8Array {
    return new Uint8Array(this.buffer.buffer, this.buffer.byteOffset, this.length);
  }
}

/**
 * Rows of a block, encoded as COPY text per table and counted. Each row goes straight into its
 * table's bytes: no string per row outlives the call, so the collector has little to move.
 */
export class RowBuffer {
  readonly tables = new Map<TableName, TableBytes>();

  add(table: TableName, cells: readonly Cell[]): void {
    let bytes = this.tables.get(table);
    if (!bytes) {
      bytes = new TableBytes();
      this.tables.set(table, bytes);
    }
    bytes.push(cells.map(encodeCell).join('\t'));
  }

  get byteLength(): number {
    let n = 0;
    for (const bytes of this.tables.values()) n += bytes.length;
    return n;
  }
}
