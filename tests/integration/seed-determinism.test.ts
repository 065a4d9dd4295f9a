import { DomainError } from '@xingfu/domain';
import { ledgerChecksumAt, seedDatabase } from '@xingfu/seed';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * The generator is deterministic: the same preset, seed and scale loaded into two databases
 * give the same ledger checksum (every row, every column); another seed gives another ledger.
 * A small scale keeps this fast; the generator and loader are the same at every scale.
 */
const SCALE = 0.05;
const dbs: TestDatabase[] = [];

beforeAll(async () => {
  for (let i = 0; i < 3; i++) dbs.push(await createTestDatabase());
}, 120_000);

afterAll(async () => {
  for (const db of dbs) await db.drop();
});

it('same seed → identical ledger; another seed → another ledger', async () => {
  const [a, b, c] = dbs as [TestDatabase, TestDatabase, TestDatabase];
  // b loads with PostgreSQL's per-row foreign-key triggers on: the same rows either way
  for (const [db, seed, referenceTriggers] of [
    [a, 7, false],
    [b, 7, true],
    [c, 8, false],
  ] as const) {
    await seedDatabase({ databaseUrl: db.url, preset: 'jiyang-2023', seed, scale: SCALE, referenceTriggers });
  }
  const [sumA, sumB, sumC] = await Promise.all([a, b, c].map((db) => ledgerChecksumAt(db.url, '370115')));
  expect(sumA!.tables.payment!.rows).toBeGreaterThan(1000);
  expect(sumA!.tables.household!.rows).toBeGreaterThan(100);
  expect(sumB!.checksum).toBe(sumA!.checksum);
  expect(sumC!.checksum).not.toBe(sumA!.checksum);
}, 180_000);

it('refuses a county that has data, unless --replace; replacing gives the same ledger again', async () => {
  const db = dbs[0]!;
  const before = await ledgerChecksumAt(db.url, '370115');
  await expect(seedDatabase({ databaseUrl: db.url, preset: 'jiyang-2023', seed: 7, scale: SCALE })).rejects.toThrow(DomainError);
  await expect(seedDatabase({ databaseUrl: db.url, preset: 'jiyang-2023', seed: 7, scale: SCALE })).rejects.toThrow(/--replace/);
  const report = await seedDatabase({ databaseUrl: db.url, preset: 'jiyang-2023', seed: 7, scale: SCALE, replace: true });
  expect(report.deletedRows).toBeGreaterThan(0);
  const after = await ledgerChecksumAt(db.url, '370115');
  // new ids (after the deleted ones), same content: the row counts match table by table
  for (const [table, { rows }] of Object.entries(before.tables)) expect(after.tables[table]!.rows, table).toBe(rows);
}, 180_000);
