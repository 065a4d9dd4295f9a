/**
 * The cross-check rules (docs/cross-checks.md). Each rule is versioned and dated: the table
 * cross_check_rule lists every version with the date it applies from, and a run applies, per
 * rule, the latest version in force for the month it checks. A version's query is set-based over
 * the county's active enrollments (`covered`: every person an enrollment covers) and the latest
 * feed deliveries up to the run's date (`delivery`; deaths: every delivery up to it), and answers
 * rows of (enrollment_id, household_id, person_id, village_code, evidence, evidence_key,
 * evidence_date). Evidence is words and dates only: never an ID number.
 */

/** The rules a run applies, in order. */
export const CROSS_CHECK_RULES = [
  'deceased_paid',
  'disability_lowered',
  'income_above_line',
  'vehicle_or_property',
  'excluded_pair',
  'duplicate_county',
] as const;
export type CrossCheckRuleCode = (typeof CROSS_CHECK_RULES)[number];

/** The parameters of the shared part: county, month, county, as-of date. */
export const RULE_BASE_SQL = `
  active as (
    select e.id, e.household_id, e.person_id, e.program_code, e.village_code, e.county_code, e.covered_members,
           e.area_type, e.tier, e.start_month, p.category
    from enrollment e join program p on p.code = e.program_code
    where e.county_code = ? and e.status = 'active' and e.start_month <= ?::date
  ),
  covered as (
    select a.*, a.person_id as covered_id from active a where a.person_id is not null
    union all
    select a.*, m.person_id as covered_id
    from active a join household_member m on m.household_id = a.household_id and m.end_date is null
    where a.person_id is null
  ),
  delivery as (
    select distinct on (kind) id, kind from feed_delivery
    where county_code = ? and delivered_on <= ?::date
    order by kind, delivered_on desc
  )`;

const yuan = (fen: string) => `((${fen}) / 100)::text || '.' || lpad(((${fen}) % 100)::text, 2, '0')`;

/** Each rule's version 1: extra common table expressions (after RULE_BASE_SQL) and the select. */
export const RULE_SQL: Record<CrossCheckRuleCode, Record<number, { ctes?: string; select: string }>> = {
  deceased_paid: {
    1: {
      ctes: `deaths as (
        select r.id_number, min(r.event_date) as died_on
        from feed_record r join feed_delivery fd on fd.id = r.delivery_id
        where fd.kind = 'death' and fd.county_code = :county and fd.delivered_on <= :asOf::date
        group by r.id_number
      )`,
      select: `select c.id as enrollment_id, c.household_id, c.covered_id as person_id, c.village_code,
          '死亡日期 ' || to_char(d.died_on, 'YYYY-MM-DD') as evidence, 'died:' || to_char(d.died_on, 'YYYY-MM-DD') as evidence_key,
          d.died_on as evidence_date
        from covered c join person p on p.id = c.covered_id and p.deceased_on is null
        join deaths d on d.id_number = p.id_number`,
    },
  },
  disability_lowered: {
    1: {
      ctes: `levels as (
        select r.id_number, min(r.level) as level
        from feed_record r join delivery d on d.id = r.delivery_id and d.kind = 'disability'
        group by r.id_number
      )`,
      select: `select c.id as enrollment_id, c.household_id, c.covered_id as person_id, c.village_code,
          '残联等级 ' || l.level || ' 级（台账 ' || coalesce(p.disability_level::text, '无') || ' 级）' as evidence,
          'level:' || l.level as evidence_key, null::date as evidence_date
        from covered c join person p on p.id = c.covered_id
        join levels l on l.id_number = p.id_number
        where c.category = 'disability' and c.person_id is not null
          and (l.level > p.disability_level or (c.program_code = 'disability_care' and l.level > 2))`,
    },
  },
  income_above_line: {
    1: {
      ctes: `incomes as (
        select r.id_number, sum(r.amount_fen) as fen
        from feed_record r join delivery d on d.id = r.delivery_id and d.kind = 'pension'
        group by r.id_number
      ),
      hh as (
        select c.id, c.household_id, c.village_code, c.county_code, c.program_code, c.area_type, c.tier,
               count(*) as members, sum(i.fen) as total,
               (array_agg(c.covered_id order by i.fen desc nulls last, c.covered_id))[1] as earner
        from covered c join person p on p.id = c.covered_id
        left join incomes i on i.id_number = p.id_number
        where c.category = 'dibao' and c.person_id is null
        group by c.id, c.household_id, c.village_code, c.county_code, c.program_code, c.area_type, c.tier
        having sum(i.fen) > 0
      )`,
      select: `select hh.id as enrollment_id, hh.household_id, hh.earner as person_id, hh.village_code,
          '人社养老金/工资 月合计 ' || ${yuan('hh.total')} || ' 元，' || hh.members || ' 人，标准 ' || ${yuan('s.amount_fen')} || ' 元' as evidence,
          'income:' || hh.total as evidence_key, null::date as evidence_date
        from hh join lateral (
          select st.amount_fen from standard st
          where st.program_code = hh.program_code and st.county_code = hh.county_code and st.area_type = hh.area_type
            and st.tier = hh.tier and st.effective_month <= :month::date
          order by st.effective_month desc limit 1
        ) s on true
        where hh.total > s.amount_fen * hh.members`,
    },
  },
  vehicle_or_property: {
    1: {
      select: `select c.id as enrollment_id, c.household_id, c.covered_id as person_id, c.village_code,
          '机动车 ' || min(r.reference) as evidence, 'vehicle:' || min(r.reference) as evidence_key, null::date as evidence_date
        from covered c join person p on p.id = c.covered_id
        join feed_record r on r.id_number = p.id_number
        join delivery d on d.id = r.delivery_id and d.kind = 'vehicle'
        where c.category in ('dibao', 'tekun')
        group by c.id, c.household_id, c.covered_id, c.village_code
        union all
        select c.id, c.household_id, (array_agg(c.covered_id order by c.covered_id))[1], c.village_code,
          '住房 ' || count(*) || ' 套', 'property:' || count(*), null::date
        from covered c join person p on p.id = c.covered_id
        join feed_record r on r.id_number = p.id_number
        join delivery d on d.id = r.delivery_id and d.kind = 'real_estate'
        where c.category in ('dibao', 'tekun')
        group by c.id, c.household_id, c.village_code
        having count(*) >= 2`,
    },
  },
  excluded_pair: {
    1: {
      // every active enrollment's covered persons, whatever the county; the join with covered below
      // keeps those of the county's (set-based: filtering by covered here made a lookup per person)
      ctes: `others as (
        select e.id, e.program_code, e.person_id as covered_id from enrollment e
        where e.status = 'active' and e.person_id is not null
        union all
        select e.id, e.program_code, m.person_id from enrollment e
        join household_member m on m.household_id = e.household_id and m.end_date is null
        where e.status = 'active' and e.person_id is null
      )`,
      select: `select c.id as enrollment_id, c.household_id, c.covered_id as person_id, c.village_code,
          '同时享受互斥项目 ' || pr.name as evidence, 'pair:' || o.id as evidence_key, null::date as evidence_date
        from covered c join others o on o.covered_id = c.covered_id and o.id < c.id
        join program_exclusion x on x.program_code = c.program_code and x.excluded_program_code = o.program_code
        join program pr on pr.code = o.program_code`,
    },
  },
  duplicate_county: {
    1: {
      select: `select a.id as enrollment_id, a.household_id, m.person_id, a.village_code,
          '已迁出仍计入本户，现于' || rg.name || '享受' || pr.name as evidence,
          'county:' || o.county_code || ':' || o.id as evidence_key, m.end_date as evidence_date
        from active a
        join household_member m on m.household_id = a.household_id and m.end_date is not null and m.end_date >= a.start_month
        join person p on p.id = m.person_id and p.deceased_on is null
        join household_member nm on nm.person_id = m.person_id and nm.end_date is null
        join enrollment o on o.household_id = nm.household_id and o.person_id is null and o.status = 'active'
          and o.county_code <> a.county_code
        join program op on op.code = o.program_code and op.category = a.category
        join region rg on rg.code = o.county_code
        join program pr on pr.code = o.program_code
        where a.person_id is null and a.category in ('dibao', 'tekun')
          and a.covered_members > (select count(*) from household_member cm where cm.household_id = a.household_id and cm.end_date is null)`,
    },
  },
};

/**
 * The statement of one rule version: its found rows, distinct per enrollment × person × evidence.
 * Named parameters (:county, :month, :asOf) become positional ones in order.
 */
export function ruleQuery(code: CrossCheckRuleCode, version: number, values: { county: string; month: string; asOf: string }) {
  const rule = RULE_SQL[code][version];
  if (!rule) throw new Error(`No version ${version} of cross-check rule ${code}.`);
  const text = `with ${RULE_BASE_SQL}${rule.ctes ? `, ${rule.ctes}` : ''},
    found as (
      select distinct on (enrollment_id, person_id, evidence_key) * from (${rule.select}) f
      order by enrollment_id, person_id, evidence_key
    )`;
  const params: unknown[] = [values.county, values.month, values.county, values.asOf];
  const sql = text.replace(/:(county|month|asOf)\b/g, (_, name: 'county' | 'month' | 'asOf') => {
    params.push(values[name]);
    return '?';
  });
  return { sql, params };
}
