import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan, assertRegionInScope, type Actor } from '../access/actor.js';
import { auditedCreate } from '../audit/audit.js';
import { lockKey } from '../database/transaction.js';
import { DomainError } from '../errors/domain-error.js';
import { parseYuan } from '../money/money.js';
import { parseIdNumber } from '../person/id-number.js';
import { assertPastDate, parseDate } from '../period/date.js';
import { Region } from '../region/region.entity.js';
import { FeedDelivery } from './feed-delivery.entity.js';
import { readFeedFile } from './feed-file.js';
import { FEED_COLUMNS, FEED_DEPARTMENTS, ID_NUMBER_HEADERS, type FeedColumn, type FeedKind, type FeedTarget } from './feed-kind.js';

export interface LoadFeedInput {
  countyCode: string;
  kind: FeedKind;
  /** 'YYYY-MM-DD': the date the department delivered the file. */
  deliveredOn: string;
  fileName: string;
  content: Buffer;
}

/** A row the load refused: its row number in the file (the header is row 1), the column and why. */
export interface FeedProblem {
  row: number;
  column: string;
  problem: string;
}

/** The row-level load report. A file with any problem loads nothing (`delivery` is null). */
export interface FeedLoadReport {
  delivery: FeedDelivery | null;
  rowsRead: number;
  rowsLoaded: number;
  problems: FeedProblem[];
}

/** At most this many problems are reported (the count of rows read is always given). */
export const MAX_REPORTED_PROBLEMS = 1000;

interface FeedRow {
  row_number: number;
  id_number: string;
  event_date: string | null;
  level: number | null;
  category: string | null;
  amount_fen: string | null;
  reference: string | null;
}

const LEVELS: Record<string, number> = { 一级: 1, 二级: 2, 三级: 3, 四级: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

function parseCell(column: FeedColumn, text: string, birthDate: string): FeedRow[keyof FeedRow] {
  const target: FeedTarget = column.target;
  switch (target) {
    case 'eventDate':
      return assertPastDate(parseDate(text, column.headers[0]!), column.headers[0]!, { date: birthDate, what: 'the birth' });
    case 'level': {
      const level = LEVELS[text];
      if (!level) throw new DomainError('INVALID_INPUT', `${column.headers[0]} is 1 to 4 (or 一级 to 四级), not “${text}”.`);
      return level;
    }
    case 'amountFen': {
      const fen = parseYuan(text);
      if (fen < 0n || fen > 100_000_000n) throw new DomainError('INVALID_AMOUNT', `${column.headers[0]} is between 0 and 1,000,000 yuan.`);
      return fen.toString();
    }
    case 'category':
      if (column.values && !column.values.includes(text)) {
        throw new DomainError('INVALID_INPUT', `${column.headers[0]} is one of ${column.values.join('、')}, not “${text}”.`);
      }
      if (text.length > 40) throw new DomainError('STRING_TOO_LONG', `${column.headers[0]} is at most 40 characters.`);
      return text;
    case 'reference':
      if (text.length > 60) throw new DomainError('STRING_TOO_LONG', `${column.headers[0]} is at most 60 characters.`);
      return text;
  }
}

const FIELD: Record<FeedTarget, keyof FeedRow> = {
  eventDate: 'event_date',
  level: 'level',
  category: 'category',
  amountFen: 'amount_fen',
  reference: 'reference',
};

/**
 * Loads a department's file into a county's feed: every row is checked (a valid ID number, the
 * feed's required columns, dates, levels and amounts); a file with any bad row loads nothing and
 * the report lists each problem by row. A county has one delivery per feed and date
 * (FEED_DELIVERED otherwise). The delivery is audited (its counts, never its rows).
 */
export async function loadFeed(em: EntityManager, actor: Actor, input: LoadFeedInput): Promise<FeedLoadReport> {
  assertCan(actor, 'loadFeed');
  if (!FEED_COLUMNS[input.kind]) throw new DomainError('INVALID_INPUT', `No feed is called ${input.kind}.`);
  const county = await em.findOne(Region, { code: input.countyCode });
  if (!county || input.countyCode.length !== 6) throw DomainError.unknownRegion(input.countyCode);
  assertRegionInScope(actor, county.code, 'county');
  const deliveredOn = assertPastDate(input.deliveredOn, 'A delivery date');
  const fileName = input.fileName.trim();
  if (!fileName || fileName.length > 200) throw new DomainError('INVALID_INPUT', 'Give the file name (at most 200 characters).');

  const table = await readFeedFile(input.content);
  const idColumn = table.header.findIndex((h) => (ID_NUMBER_HEADERS as readonly string[]).includes(h));
  const columns = FEED_COLUMNS[input.kind].map((column) => ({
    column,
    index: table.header.findIndex((h) => column.headers.includes(h)),
  }));
  const missing = [
    ...(idColumn < 0 ? [ID_NUMBER_HEADERS[0]] : []),
    ...columns.filter((c) => c.column.required && c.index < 0).map((c) => c.column.headers[0]!),
  ];
  if (missing.length > 0) {
    throw new DomainError(
      'INVALID_FEED_FILE',
      `The ${FEED_DEPARTMENTS[input.kind]} file has no column ${missing.join('、')}: the header row names the columns.`,
      { missing },
    );
  }

  const problems: FeedProblem[] = [];
  const records: FeedRow[] = [];
  table.rows.forEach((cells, i) => {
    const rowNumber = i + 2;
    const record: FeedRow = {
      row_number: rowNumber,
      id_number: '',
      event_date: null,
      level: null,
      category: null,
      amount_fen: null,
      reference: null,
    };
    let birthDate = '1900-01-01';
    try {
      const id = parseIdNumber(cells[idColumn] ?? '');
      record.id_number = id.idNumber;
      birthDate = id.birthDate;
    } catch (error) {
      problems.push({ row: rowNumber, column: table.header[idColumn]!, problem: (error as Error).message });
    }
    for (const { column, index } of columns) {
      const text = index < 0 ? '' : (cells[index] ?? '').trim();
      if (!text) {
        if (column.required) problems.push({ row: rowNumber, column: column.headers[0]!, problem: `${column.headers[0]} is empty.` });
        continue;
      }
      try {
        (record as unknown as Record<string, unknown>)[FIELD[column.target]] = parseCell(column, text, birthDate);
      } catch (error) {
        problems.push({ row: rowNumber, column: column.headers[0]!, problem: (error as Error).message });
      }
    }
    records.push(record);
  });
  const rowsRead = table.rows.length;
  if (problems.length > 0) return { delivery: null, rowsRead, rowsLoaded: 0, problems: problems.slice(0, MAX_REPORTED_PROBLEMS) };

  // a racing load of the same delivery waits here, then is refused (FEED_DELIVERED)
  await lockKey(em, `feed:${county.code}:${input.kind}:${deliveredOn}`);
  if (await em.findOne(FeedDelivery, { county, kind: input.kind, deliveredOn })) {
    throw new DomainError(
      'FEED_DELIVERED',
      `The ${FEED_DEPARTMENTS[input.kind]} delivery of ${deliveredOn} is loaded for ${county.name} already: nothing was added.`,
    );
  }
  const delivery = await auditedCreate(em, actor, { action: 'loadFeed', entity: 'feed_delivery', regionCode: county.code }, () =>
    em.create(FeedDelivery, { county, kind: input.kind, deliveredOn, fileName, rowCount: rowsRead, loadedBy: actor.subject }),
  );
  const CHUNK = 5000;
  for (let start = 0; start < records.length; start += CHUNK) {
    await em.execute(
      `insert into feed_record (delivery_id, row_number, id_number, event_date, level, category, amount_fen, reference)
       select ?, r.row_number, r.id_number, r.event_date, r.level, r.category, r.amount_fen, r.reference
       from jsonb_to_recordset(?::jsonb) as r(row_number int, id_number text, event_date date, level smallint,
                                              category text, amount_fen bigint, reference text)`,
      [delivery.id, JSON.stringify(records.slice(start, start + CHUNK))],
    );
  }
  return { delivery, rowsRead, rowsLoaded: rowsRead, problems: [] };
}
