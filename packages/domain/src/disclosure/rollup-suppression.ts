import type { EntityManager } from '@mikro-orm/postgresql';
import type { Line } from './linear-suppression.js';
import { decideCounts } from './public-counts.js';

interface Cell {
  region_code: string;
  region_level: 'county' | 'town' | 'village';
  program_code: string;
  period: string;
  households: number;
}

/**
 * Suppresses small cells of the programs that are counted only, in the month and year rollups a
 * cut has just computed (the scratch table `cut_aggregate`, before they are written to the
 * release), with the lines that link them: a region's months sum to its year, and in each month
 * (and the year) the children of a county or town sum to it. Quarters follow their months: a
 * quarter holding a suppressed month is suppressed. Shared rows the release holds from an earlier
 * one were decided when they were computed.
 */
export async function applySuppression(em: EntityManager): Promise<number> {
  const cells = await em.execute<Cell[]>(
    `select a.region_code, a.region_level, a.program_code, a.period, a.households
     from cut_aggregate a join program p on p.code = a.program_code and p.disclosure = 'counted'
     where a.period_kind in ('month', 'year')
     order by a.program_code, a.region_code, a.period`,
  );
  const index = new Map(cells.map((c, i) => [`${c.program_code}|${c.region_code}|${c.period}`, i]));
  const lines: Line[] = [];
  const childrenOf = new Map<string, string[]>();
  const monthsOf = new Map<string, number[]>();
  const periodsOf = new Map<string, string[]>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const [i, c] of cells.entries()) {
    push(periodsOf, `${c.program_code}|${c.region_code}`, c.period);
    if (c.period.length === 7) push(monthsOf, `${c.program_code}|${c.region_code}|${c.period.slice(0, 4)}`, i);
    if (c.region_level !== 'county' && c.period.length === 4) {
      const parent = c.region_code.slice(0, c.region_level === 'village' ? 9 : 6);
      push(childrenOf, `${c.program_code}|${parent}`, c.region_code);
    }
  }
  for (const [key, months] of monthsOf) {
    const total = index.get(key);
    if (total !== undefined) lines.push({ cells: months, total });
  }
  for (const [key, children] of childrenOf) {
    const [program, parent] = key.split('|') as [string, string];
    for (const period of periodsOf.get(key) ?? []) {
      const total = index.get(`${program}|${parent}|${period}`)!;
      const members = children.map((child) => index.get(`${program}|${child}|${period}`)).filter((i): i is number => i !== undefined);
      lines.push({ cells: members, total });
    }
  }
  // the one policy (public-counts.ts): these cells are all of programs counted only
  const decisions = decideCounts(
    cells.map((c) => ({ policy: 'counted', count: c.households })),
    lines,
  );
  const hidden = cells.filter((_, i) => decisions[i]!.suppressed);
  if (hidden.length === 0) return 0;
  // a quarter holding a suppressed month is suppressed too
  const quarters = new Map<string, { region_code: string; program_code: string; period_kind: string; period: string }>();
  for (const c of hidden) {
    if (c.period.length !== 7) continue;
    const period = `${c.period.slice(0, 4)}-Q${Math.ceil(Number(c.period.slice(5, 7)) / 3)}`;
    quarters.set(`${c.region_code}|${c.program_code}|${period}`, {
      region_code: c.region_code,
      program_code: c.program_code,
      period_kind: 'quarter',
      period,
    });
  }
  const keys = [
    ...hidden.map((c) => ({
      region_code: c.region_code,
      program_code: c.program_code,
      period_kind: c.period.length === 7 ? 'month' : 'year',
      period: c.period,
    })),
    ...quarters.values(),
  ];
  await em.execute(
    `update cut_aggregate a set suppressed = true
     from jsonb_to_recordset(?::jsonb) as s(region_code text, program_code text, period_kind text, period text)
     where a.region_code = s.region_code and a.program_code = s.program_code
       and a.period_kind = s.period_kind and a.period = s.period`,
    [JSON.stringify(keys)],
  );
  return hidden.length;
}
