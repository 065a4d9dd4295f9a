/**
 * The hand-written SQL of the ceiling and of the raw GROUP BY: one statement each, answering the
 * same JSON as Xingfu's API (same fields, order, enum spelling and money format).
 */

/** Money as the API writes it: yuan with two decimals ("1250.01", "-3.20"), from fen. */
const yuan = (fen: string) =>
  `(case when ${fen} < 0 then '-' else '' end || (abs(${fen})::bigint / 100)::text || '.' || lpad((abs(${fen})::bigint % 100)::text, 2, '0'))`;

/**
 * The nested read in one statement: a page of households of a region ($1 code prefix, $2 page size)
 * with current members and persons, enrollments (newest first) with program and last 12 payments.
 * Returns the whole GraphQL response body as text.
 */
export const NESTED_READ_SQL = `
select json_build_object('data', json_build_object('households', json_build_object('edges', coalesce(json_agg(
  json_build_object('node', json_build_object(
    'publicId', h.public_id,
    'members', (
      select coalesce(json_agg(json_build_object(
               'relation', upper(m.relation::text),
               'person', json_build_object('name', p.name, 'idNumber', p.id_number)) order by m.id), '[]')
      from household_member m join person p on p.id = m.person_id
      where m.household_id = h.id and m.end_date is null),
    'enrollments', (
      select coalesce(json_agg(json_build_object(
               'status', upper(e.status::text),
               'program', json_build_object('name', pr.name),
               'payments', (
                 select coalesce(json_agg(json_build_object(
                          'month', to_char(pay.month, 'YYYY-MM'),
                          'amount', ${yuan('pay.amount_fen')},
                          'kind', upper(pay.kind::text)) order by pay.month desc, pay.id desc), '[]')
                 from (select month, id, amount_fen, kind from payment
                       where household_id = e.household_id and enrollment_id = e.id
                       order by month desc, id desc limit 12) pay)) order by e.start_month desc, e.id desc), '[]')
      from enrollment e join program pr on pr.code = e.program_code
      where e.household_id = h.id)))
  order by h.id), '[]'))))::text as body
from (select id, public_id from household where village_code like $1 || '%' order by id limit $2) h`;

/**
 * What a user would write instead of reading the published rollups: a GROUP BY over the ledger for
 * a county-year by program × month, with the rollup's definitions (households, persons as the sum
 * of each beneficiary's largest covered count, person-months, amount), programs not hidden.
 * $1 county code, $2 first day of the year.
 */
export const RAW_AGGREGATE_SQL = `
select json_build_object('data', json_build_object('aggregates', coalesce(json_agg(json_build_object(
         'programCode', program_code, 'period', period, 'households', households, 'persons', persons,
         'personMonths', person_months, 'amount', ${yuan('amount_fen')}) order by sort_order, period), '[]')))::text as body
from (
  select program_code, sort_order, period, count(distinct household_id)::int as households, sum(max_covered)::int as persons,
         sum(person_months)::int as person_months, sum(amount_fen) as amount_fen
  from (
    select p.program_code, pr.sort_order, to_char(p.month, 'YYYY-MM') as period, p.household_id,
           coalesce('p' || p.person_id, 'h' || p.household_id) as beneficiary, max(p.covered_members) as max_covered,
           sum(case when p.kind = 'regular' then p.covered_members when p.kind = 'one_off' then 1 else 0 end) as person_months,
           sum(p.amount_fen) as amount_fen
    from payment p join program pr on pr.code = p.program_code and pr.disclosure <> 'hidden'
    where p.county_code = $1 and p.month >= $2::date and p.month < $2::date + interval '1 year'
    group by 1, 2, 3, 4, 5
  ) beneficiaries
  group by program_code, sort_order, period
) figures`;
