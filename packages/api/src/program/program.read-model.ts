import { Program, Standard, type EntityManager } from '@xingfu/domain';

/** The read model of programs and standards. */
export function programCatalog(em: EntityManager): Promise<Program[]> {
  return em.find(Program, {}, { orderBy: { sortOrder: 'asc' } });
}

/** Standards of a county (of a program), history included, newest first. */
export function standardsOf(em: EntityManager, countyCode: string, programCode: string | null): Promise<Standard[]> {
  return em.find(
    Standard,
    { county: countyCode, ...(programCode ? { program: programCode } : {}) },
    { orderBy: { program: 'asc', areaType: 'asc', tier: 'asc', effectiveMonth: 'desc' } },
  );
}
