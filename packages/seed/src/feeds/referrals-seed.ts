import type pg from 'pg';
import { ADDRESS_PREFIX, SYNTHETIC_MARK } from '../generate/population.js';

/** Who the generated referrals name as referring and recording them. */
export const REFERRER = `${SYNTHETIC_MARK}/referrals`;

/**
 * 社会大救助 referrals of a county's demo ledger (示例数据; docs/cross-checks.md, "Demo data"),
 * generated from its whole ledger (every year loaded) after each load, replacing those of an
 * earlier load. Applications are referred one to three days after they were made, picked by a
 * hash of the seed and the application id (the same seed on the same ledger gives the same
 * referrals):
 * - 临时救助 and 急难救助: 30 % — to 医保 (six in ten), 教育, 人社, 住建;
 * - 低保: 8 % — to 人社 (employment, half), 医保, 教育;
 * - 特困: 5 % — to 医保 and 住建;
 * - 困难残疾人生活补贴 and 重度残疾护理补贴: 10 % — to 残联.
 * The department answers within 5 to 20 days — three in four granted (医保 800–20 000 元, 教育
 * 1 000–5 000 元, 住建 15 000–35 000 元 for 危房改造, 残联 500–3 000 元 for assistive devices, 人社 a
 * job placement without money), the others refused with a reason — except for referrals made in
 * the last 20 days of the ledger, not answered yet.
 */
export async function seedReferrals(client: pg.ClientBase, options: { countyCode: string; seed: number }): Promise<number> {
  const { countyCode, seed } = options;
  await client.query(`delete from referral where county_code = $1 and referred_by = $2`, [countyCode, REFERRER]);
  const result = await client.query(
    `with ledger as (
       select (max(month) + interval '1 month' - interval '1 day')::date as last_day from payroll_batch where county_code = $1
     ),
     picked as (
       select a.id, a.household_id, a.village_code, a.applied_on, a.program_code,
              abs(hashtext($2 || ':referral:' || a.id)) % 1000 as h1,
              abs(hashtext($2 || ':department:' || a.id)) % 100 as h2,
              abs(hashtext($2 || ':outcome:' || a.id)) % 100 as h3,
              abs(hashtext($2 || ':amount:' || a.id)) % 10000 as h4
       from application a join household h on h.id = a.household_id and starts_with(h.address, $3)
       where a.county_code = $1
     ),
     referred as (
       select p.*, (p.applied_on + (p.h4 % 3 + 1))::date as referred_on,
              case
                when p.program_code in ('temporary_relief', 'emergency_aid') and p.h1 < 300 then
                  case when p.h2 < 60 then 'medical_insurance' when p.h2 < 75 then 'education' when p.h2 < 90 then 'human_resources' else 'housing' end
                when p.program_code in ('dibao_urban', 'dibao_rural') and p.h1 < 80 then
                  case when p.h2 < 50 then 'human_resources' when p.h2 < 80 then 'medical_insurance' else 'education' end
                when p.program_code in ('tekun_centralized', 'tekun_dispersed') and p.h1 < 50 then
                  case when p.h2 < 70 then 'medical_insurance' else 'housing' end
                when p.program_code in ('disability_living', 'disability_care') and p.h1 < 100 then 'disability_federation'
              end as department
       from picked p
     ),
     answered as (
       select r.*, (r.referred_on + (r.h4 % 16 + 5))::date as decided_on,
              case when r.referred_on + 20 > l.last_day then null when r.h3 < 75 then 'granted' else 'refused' end as outcome
       from referred r cross join ledger l
       where r.department is not null and r.referred_on <= l.last_day
     )
     insert into referral (household_id, application_id, county_code, village_code, department, request, referred_on, referred_by,
                           outcome, amount_fen, outcome_note, decided_on, recorded_by)
     select household_id, id, $1, village_code, department::referral_department,
            case department
              when 'medical_insurance' then '住院医疗费用个人负担较重，申请医疗救助'
              when 'education' then '子女就学困难，申请教育资助'
              when 'human_resources' then '家庭劳动力失业，申请就业援助'
              when 'housing' then '住房困难，申请农村危房改造'
              else '申请辅具适配和康复救助'
            end,
            referred_on, $4::varchar, outcome::referral_outcome,
            case when outcome = 'granted' then
              case department
                when 'medical_insurance' then (800 + h4 * 19200 / 10000) * 100
                when 'education' then (1000 + h4 * 4000 / 10000) * 100
                when 'housing' then (15000 + h4 * 20000 / 10000) * 100
                when 'disability_federation' then (500 + h4 * 2500 / 10000) * 100
              end
            end::bigint,
            case outcome when 'refused' then '经审核不符合本部门救助条件' when 'granted' then '已办结' end,
            case when outcome is not null then decided_on end,
            case when outcome is not null then $4::varchar end
     from answered`,
    [countyCode, String(seed), ADDRESS_PREFIX, REFERRER],
  );
  return result.rowCount ?? 0;
}
