import { seedDatabase } from '@xingfu/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { cutTestRelease } from '../support/release-figures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * The demo counties publish plausible figures of channels and 秒批, days to decision and 社会大救助
 * referrals (docs/cross-checks.md, "Public figures"): each preset loaded (at 5 %), one release
 * cut, its public figures read through the public API.
 */
let db: TestDatabase;
let api: TestApi;
let release = '';
const PRESETS = [
  ['binhai-2021', '320922', 2021],
  ['jiyang-2023', '370115', 2023],
  ['qihe-2023', '371425', 2023],
  ['zhangqiu-2022', '370114', 2022],
] as const;

interface Figures {
  applicationChannels: {
    programCode: string;
    applications: number | null;
    instant: number | null;
    instantPercent: number | null;
    channels: { channel: string; applications: number | null; percent: number | null }[];
  }[];
  decisionTimes: { programCode: string; decision: string; medianDays: number | null }[];
  referralFigures: { department: string; outcome: string; cases: number | null; amount: string | null }[];
}
const FIGURES = `query ($c: String!, $y: Int!, $r: ID) {
  applicationChannels(countyCode: $c, year: $y, releaseId: $r) { programCode applications instant instantPercent channels { channel applications percent } }
  decisionTimes(countyCode: $c, year: $y, releaseId: $r) { programCode decision medianDays }
  referralFigures(countyCode: $c, year: $y, releaseId: $r) { department outcome cases amount }
}`;
const figures = new Map<string, Figures>();

beforeAll(async () => {
  db = await createTestDatabase();
  for (const [preset] of PRESETS) await seedDatabase({ databaseUrl: db.url, preset, scale: 0.05 });
  release = await cutTestRelease(db);
  api = await startTestApi(db.orm);
  for (const [, county, year] of PRESETS) {
    const answer = await api.query<Figures>('/public/graphql', FIGURES, { variables: { c: county, y: year, r: release } });
    expect(answer.errors).toBeUndefined();
    figures.set(county, answer.data!);
  }
}, 600_000);

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe.each(PRESETS)('%s', (_preset, county) => {
  it('publishes applications by channel; 尊老金 made in the app by 秒批, decided the same day; 低保 after weeks', () => {
    const f = figures.get(county)!;
    const dibao = f.applicationChannels.find((p) => p.programCode === 'dibao_rural')!;
    expect(dibao.channels.map((c) => c.channel)).toContain('grid_worker');
    expect(dibao.instant).toBe(0);
    const senior = f.applicationChannels.find((p) => p.programCode === 'senior_allowance');
    if (senior) {
      expect(senior.instantPercent).toBeGreaterThan(85);
      expect(senior.channels.find((c) => c.channel === 'app')!.applications).toBe(senior.instant);
      expect(f.decisionTimes.find((d) => d.programCode === 'senior_allowance' && d.decision === 'approved')!.medianDays).toBe(0);
    }
    const days = f.decisionTimes.find((d) => d.programCode === 'dibao_rural' && d.decision === 'approved')!.medianDays!;
    expect(days).toBeGreaterThan(14);
    expect(days).toBeLessThan(40);
  });

  it('publishes 社会大救助 referrals', () => {
    expect(figures.get(county)!.referralFigures.length).toBeGreaterThan(0);
  });
});

it('滨海县 2021: 秒批 is about nine in ten 尊老金 applications (92 % in the app from April); referrals to 医保 mostly granted, with amounts', () => {
  const f = figures.get('320922')!;
  const senior = f.applicationChannels.find((p) => p.programCode === 'senior_allowance')!;
  expect(senior.instantPercent).toBeGreaterThan(85);
  expect(senior.instantPercent).toBeLessThan(95);
  const medical = (outcome: string) => f.referralFigures.find((r) => r.department === 'medical_insurance' && r.outcome === outcome)!;
  expect(medical('granted').cases).toBeGreaterThan(medical('refused').cases!);
  expect(Number(medical('granted').amount) / medical('granted').cases!).toBeGreaterThan(800);
  expect(Number(medical('granted').amount) / medical('granted').cases!).toBeLessThan(20_000);
});
