import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan, assertRegionInScope, type Actor } from '../access/actor.js';
import { lockKey } from '../database/transaction.js';
import { auditedChange, auditedCreate } from '../audit/audit.js';
import { DomainError } from '../errors/domain-error.js';
import { firstDayOfMonth, parseMonth } from '../period/month.js';
import { Region } from '../region/region.entity.js';
import { RegionLevel } from '../region/region-level.js';
import { Program } from './program.entity.js';
import { Standard, type AreaType } from './standard.entity.js';

export interface SetStandardInput {
  programCode: string;
  countyCode: string;
  areaType: AreaType;
  tier?: string;
  /** 'YYYY-MM' */
  effectiveMonth: string;
  amountFen: number;
}

export async function getProgram(em: EntityManager, code: string): Promise<Program> {
  const program = await em.findOne(Program, { code });
  if (!program) throw new DomainError('NOT_FOUND', `No program ${code}: see the programs query for the catalog.`);
  return program;
}

/**
 * Sets a standard from a month on. The history is kept: each effective month is a row; setting
 * the same month again corrects that row (audited). Approved payrolls are not affected.
 */
export async function setStandard(em: EntityManager, actor: Actor, input: SetStandardInput): Promise<Standard> {
  assertCan(actor, 'setStandard');
  const program = await getProgram(em, input.programCode);
  const county = await em.findOne(Region, { code: input.countyCode });
  if (!county) throw DomainError.unknownRegion(input.countyCode);
  if (county.level !== RegionLevel.COUNTY)
    throw new DomainError('INVALID_REGION_CODE', `${input.countyCode} is not a county: standards are set per county.`);
  assertRegionInScope(actor, county.code, 'county');
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0 || input.amountFen >= 100_000_000) {
    throw new DomainError('INVALID_AMOUNT', 'A standard is a positive monthly amount per person below 1,000,000 yuan.');
  }
  if (program.amountRule === 'case') {
    throw new DomainError('WRONG_PROGRAM_KIND', `${program.name} is paid per case and has no monthly standard.`);
  }
  const tier = input.tier ?? '';
  if (program.amountRule === 'tiered' && !tier)
    throw new DomainError('TIER_REQUIRED', `${program.name} is tiered: give the tier (e.g. 80, 90, 100).`);
  const effectiveMonth = firstDayOfMonth(parseMonth(input.effectiveMonth));
  // setting the same standard twice at once: one row, the second sets it again
  await lockKey(em, `standard:${program.code}:${county.code}:${input.areaType}:${tier}:${effectiveMonth}`);
  const existing = await em.findOne(Standard, { program, county, areaType: input.areaType, tier, effectiveMonth });
  const what = { action: 'setStandard', entity: 'standard', regionCode: county.code };
  if (existing) return auditedChange(em, actor, what, existing, (standard) => void (standard.amountFen = input.amountFen));
  return auditedCreate(em, actor, what, () =>
    em.create(Standard, { program, county, areaType: input.areaType, tier, effectiveMonth, amountFen: input.amountFen }),
  );
}

/** The standard in force for a month ('YYYY-MM-01'), or null. */
export async function standardInForce(
  em: EntityManager,
  key: { programCode: string; countyCode: string; areaType: AreaType; tier?: string; month: string },
): Promise<Standard | null> {
  return em.findOne(
    Standard,
    { program: key.programCode, county: key.countyCode, areaType: key.areaType, tier: key.tier ?? '', effectiveMonth: { $lte: key.month } },
    { orderBy: { effectiveMonth: 'desc' } },
  );
}
