import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan, inScope, type Actor } from '../access/actor.js';
import { today } from '../access/clock.js';
import { submitApplication } from '../application/application.service.js';
import type { Application, ApplicationChannel } from '../application/application.entity.js';
import { DomainError } from '../errors/domain-error.js';
import { instantSeniorAllowance } from '../fast-track/senior-allowance.service.js';
import { firstDayOfMonth, monthOfDate } from '../period/month.js';

/**
 * 政策找人 (docs/cross-checks.md): people the registry and the feeds show eligible who have not
 * applied. Each kind names the program it leads to.
 */
export const OUTREACH_KINDS = ['senior', 'severe_disability', 'unattended_child', 'low_income'] as const;
export type OutreachKind = (typeof OUTREACH_KINDS)[number];

export interface OutreachCandidate {
  personId: number;
  householdId: number;
  villageCode: string;
  programCode: string;
  reason: string;
}

/**
 * Current, living members of households in the region (not dead by the ledger nor by the death
 * feed), with the lateral joins a kind needs.
 */
const members = (joins = '') => `
  from household h
  join household_member m on m.household_id = h.id and m.end_date is null
  join person p on p.id = m.person_id and p.deceased_on is null
  ${joins}
  where h.village_code like :region
    and not exists (select 1 from feed_record r join feed_delivery fd on fd.id = r.delivery_id
                    where fd.kind = 'death' and fd.county_code = h.county_code and r.id_number = p.id_number)`;

/** No active enrollment in, and no application under way for, one of `programs` covering the person. */
const notCovered = (programs: string) => `
    and not exists (select 1 from enrollment e where e.status = 'active' and e.program_code in (${programs})
                    and (e.person_id = p.id or (e.person_id is null and e.household_id = h.id)))
    and not exists (select 1 from application a where a.status not in ('approved', 'rejected') and a.program_code in (${programs})
                    and (a.person_id = p.id or (a.person_id is null and a.household_id = h.id)))`;

/** The rows of the latest delivery of a feed to the household's county. */
const latestFeed = (kind: string) => `(select distinct on (kind) id from feed_delivery
    where county_code = h.county_code and kind = '${kind}' and delivered_on <= :today::date order by kind, delivered_on desc)`;

const DIBAO_OF_AREA = `case h.area_type when 'urban' then 'dibao_urban' else 'dibao_rural' end`;

const CANDIDATE_SQL: Record<OutreachKind, string> = {
  senior: `select p.id, h.id, h.village_code, 'senior_allowance',
      extract(year from age(:today::date, p.birth_date))::int || ' 周岁，未领取尊老金'
    ${members()}
    and p.birth_date <= (:today::date - interval '80 years')::date
    ${notCovered(`'senior_allowance'`)}`,
  severe_disability: `select p.id, h.id, h.village_code, 'disability_care',
      '残疾等级 ' || lv.level || ' 级，未领取重度残疾人护理补贴'
    ${members(`cross join lateral (select coalesce(
        (select min(r.level) from feed_record r where r.delivery_id in ${latestFeed('disability')} and r.id_number = p.id_number),
        p.disability_level) as level) lv`)}
    and lv.level in (1, 2)
    ${notCovered(`'disability_care'`)}`,
  unattended_child: `select p.id, h.id, h.village_code, 'unattended_child_allowance',
      '未满 18 周岁，父母死亡或服刑，未领取事实无人抚养儿童基本生活费'
    ${members()}
    and m.relation = 'child' and p.birth_date > (:today::date - interval '18 years')::date
    and exists (select 1 from household_member pm where pm.household_id = h.id and pm.relation in ('head', 'spouse'))
    and not exists (
      select 1 from household_member pm join person pp on pp.id = pm.person_id
      where pm.household_id = h.id and pm.relation in ('head', 'spouse')
        and pp.deceased_on is null
        and not exists (select 1 from feed_record r join feed_delivery fd on fd.id = r.delivery_id
                        where fd.kind = 'death' and fd.county_code = h.county_code and r.id_number = pp.id_number)
        and not exists (select 1 from feed_record r where r.delivery_id in ${latestFeed('incarceration')} and r.id_number = pp.id_number))
    ${notCovered(`'unattended_child_allowance', 'orphan_allowance'`)}`,
  low_income: `select p.id, h.id, h.village_code, ${DIBAO_OF_AREA},
      '最近核对的人均收入 ' || (li.fen / 100) || ' 元，低于低保标准 ' || (st.amount_fen / 100) || ' 元'
    ${members(`cross join lateral (select a.per_capita_income_fen as fen from application a
                       where a.household_id = h.id and a.per_capita_income_fen is not null and a.status <> 'applied'
                       order by a.id desc limit 1) li
      cross join lateral (select s.amount_fen from standard s
                       where s.program_code = ${DIBAO_OF_AREA} and s.county_code = h.county_code and s.area_type = h.area_type
                         and s.tier = '' and s.effective_month <= :month::date
                       order by s.effective_month desc limit 1) st`)}
    and m.relation = 'head' and li.fen < st.amount_fen
    ${notCovered(`'dibao_urban', 'dibao_rural', 'tekun_centralized', 'tekun_dispersed'`)}`,
};

function candidateQuery(
  kind: OutreachKind,
  values: { region: string; today: string; month: string },
  extra: string,
  extraParams: unknown[],
) {
  const params: unknown[] = [];
  const body = CANDIDATE_SQL[kind].replace(/:(region|today|month)\b/g, (_, name: 'region' | 'today' | 'month') => {
    params.push(name === 'region' ? `${values.region}%` : values[name]);
    return '?';
  });
  return {
    sql: `select c.*, count(*) over ()::int as total from (${body}) c(person_id, household_id, village_code, program_code, reason) ${extra}`,
    params: [...params, ...extraParams],
  };
}

/**
 * A page of the 政策找人 worklist of a region: candidates of one kind, by person id after
 * `afterPersonId`, with the count of all candidates of the kind in the region.
 */
export async function outreachCandidates(
  em: EntityManager,
  actor: Actor,
  input: { regionCode: string; kind: OutreachKind; afterPersonId: number; limit: number },
): Promise<{ rows: OutreachCandidate[]; total: number }> {
  assertCan(actor, 'submitApplication');
  if (!inScope(actor, input.regionCode)) {
    throw new DomainError('OUT_OF_SCOPE', `Region ${input.regionCode} is outside your region (${actor.regionCode}).`);
  }
  if (!OUTREACH_KINDS.includes(input.kind)) throw new DomainError('INVALID_INPUT', `No outreach list is called ${input.kind}.`);
  const day = today();
  const { sql, params } = candidateQuery(
    input.kind,
    { region: input.regionCode, today: day, month: firstDayOfMonth(monthOfDate(day)) },
    'order by c.person_id',
    [],
  );
  const all = await em.execute<(Record<string, unknown> & { total: number })[]>(sql, params);
  const total = all[0]?.total ?? 0;
  const rows = all
    .map((r) => ({
      personId: Number(r['person_id']),
      householdId: Number(r['household_id']),
      villageCode: String(r['village_code']),
      programCode: String(r['program_code']),
      reason: String(r['reason']),
    }))
    .filter((r) => r.personId > input.afterPersonId)
    .slice(0, input.limit + 1);
  return { rows, total };
}

/**
 * One action from the worklist: the candidate (checked again, in the actor's region) becomes an
 * application for the program the list names, marked as found by 政策找人; a senior's is approved
 * at once (尊老金 秒批).
 */
export async function applyForCandidate(
  em: EntityManager,
  actor: Actor,
  input: { kind: OutreachKind; personId: number; channel: ApplicationChannel },
): Promise<Application> {
  assertCan(actor, 'submitApplication');
  const day = today();
  const { sql, params } = candidateQuery(
    input.kind,
    { region: actor.regionCode, today: day, month: firstDayOfMonth(monthOfDate(day)) },
    'where c.person_id = ?',
    [input.personId],
  );
  const [candidate] = await em.execute<Record<string, unknown>[]>(sql, params);
  if (!candidate) {
    throw new DomainError(
      'NOT_ELIGIBLE',
      `Person ${input.personId} is not on the ${input.kind} list of your region (anymore): they may be covered or applying already.`,
    );
  }
  const householdId = Number(candidate['household_id']);
  const programCode = String(candidate['program_code']);
  const application =
    programCode === 'senior_allowance'
      ? (await instantSeniorAllowance(em, actor, { householdId, personId: input.personId, channel: input.channel })).application
      : await submitApplication(em, actor, {
          householdId,
          programCode,
          personId: programCode.startsWith('dibao') ? null : input.personId,
          channel: input.channel,
          reason: `政策找人：${String(candidate['reason'])}`,
        });
  application.outreach = true;
  await em.flush();
  return application;
}
