import { Migration } from '@mikro-orm/migrations';

/**
 * The program catalog of DOMAIN.md. Disclosure: minors' and medical programs are never listed;
 * the disability subsidies reveal health details, so they are counted only.
 */
const PROGRAMS: [
  code: string,
  name: string,
  category: string,
  frequency: string,
  unit: string,
  rule: string,
  disclosure: string,
  minors: boolean,
  description: string,
][] = [
  [
    'dibao_urban',
    '城市低保',
    'dibao',
    'monthly',
    'household',
    'gap',
    'listed',
    false,
    '城市最低生活保障：家庭人均收入低于当地城市低保标准的差额补助',
  ],
  [
    'dibao_rural',
    '农村低保',
    'dibao',
    'monthly',
    'household',
    'gap',
    'listed',
    false,
    '农村最低生活保障：家庭人均收入低于当地农村低保标准的差额补助',
  ],
  [
    'tekun_centralized',
    '特困供养（集中）',
    'tekun',
    'monthly',
    'person',
    'standard',
    'listed',
    false,
    '无劳动能力、无生活来源、无法定赡养抚养扶养义务人的特困人员，在敬老院集中供养',
  ],
  ['tekun_dispersed', '特困供养（分散）', 'tekun', 'monthly', 'person', 'standard', 'listed', false, '特困人员分散供养'],
  ['dibao_edge', '低保边缘家庭救助', 'edge', 'one_off', 'household', 'case', 'counted', false, '低保边缘家庭的专项救助'],
  [
    'expenditure_hardship',
    '支出型困难家庭救助',
    'edge',
    'one_off',
    'household',
    'case',
    'counted',
    false,
    '刚性支出过大导致基本生活出现严重困难的家庭',
  ],
  ['emergency_aid', '急难救助', 'temporary', 'one_off', 'household', 'case', 'counted', false, '遭遇急难的对象'],
  [
    'temporary_relief',
    '临时救助',
    'temporary',
    'one_off',
    'household',
    'case',
    'listed',
    false,
    '因火灾、交通事故、突发重大疾病等导致基本生活暂时困难的一次性救助',
  ],
  ['medical_relief', '医疗救助', 'medical', 'one_off', 'person', 'case', 'counted', false, '医疗费用个人负担部分的救助'],
  [
    'disability_living',
    '困难残疾人生活补贴',
    'disability',
    'monthly',
    'person',
    'standard',
    'counted',
    false,
    '低保家庭等困难残疾人的生活补贴',
  ],
  [
    'disability_care',
    '重度残疾人护理补贴',
    'disability',
    'monthly',
    'person',
    'standard',
    'counted',
    false,
    '一级、二级重度残疾人的护理补贴',
  ],
  ['senior_allowance', '尊老金', 'senior', 'monthly', 'person', 'tiered', 'listed', false, '按年龄段（80、90、100周岁以上）发放的高龄津贴'],
  ['orphan_allowance', '孤儿基本生活费', 'children', 'monthly', 'person', 'standard', 'counted', true, '孤儿基本生活保障'],
  [
    'unattended_child_allowance',
    '事实无人抚养儿童基本生活费',
    'children',
    'monthly',
    'person',
    'standard',
    'counted',
    true,
    '事实无人抚养儿童基本生活保障',
  ],
  ['children_in_distress', '困境儿童救助', 'children', 'one_off', 'person', 'case', 'counted', true, '困境儿童分类保障'],
  [
    'funeral_waiver',
    '殡葬惠民（基本殡葬费减免）',
    'funeral',
    'one_off',
    'person',
    'case',
    'counted',
    false,
    '辖区居民基本殡葬服务费用减免',
  ],
  ['eco_burial', '生态安葬奖补', 'funeral', 'one_off', 'person', 'case', 'counted', false, '选择生态安葬方式的奖补'],
  ['charity_aid', '慈善救助', 'charity', 'one_off', 'household', 'case', 'counted', false, '慈善资金的救助'],
  ['student_aid', '助学救助', 'charity', 'one_off', 'person', 'case', 'counted', true, '困难家庭学生助学'],
];

/** Pairs that exclude each other for the same person (either direction). */
const EXCLUSIONS: [string, string][] = [
  ['dibao_urban', 'dibao_rural'],
  ['dibao_urban', 'tekun_centralized'],
  ['dibao_urban', 'tekun_dispersed'],
  ['dibao_rural', 'tekun_centralized'],
  ['dibao_rural', 'tekun_dispersed'],
  ['tekun_centralized', 'tekun_dispersed'],
  ['orphan_allowance', 'unattended_child_allowance'],
];

export class ProgramCatalogMigration extends Migration {
  override name = '0003-program-catalog';

  override up(): void {
    const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
    const rows = PROGRAMS.map(
      ([code, name, category, frequency, unit, rule, disclosure, minors, description], i) =>
        `(${quote(code)}, ${quote(name)}, ${quote(category)}, ${quote(frequency)}, ${quote(unit)}, ${quote(rule)}, ${quote(disclosure)}, ${minors}, ${quote(description)}, ${i + 1})`,
    );
    this.addSql(
      `insert into program (code, name, category, frequency, unit, amount_rule, disclosure, minors_only, description, sort_order) values ${rows.join(',\n')}`,
    );
    const pairs = EXCLUSIONS.flatMap(([a, b]) => [`(${quote(a)}, ${quote(b)})`, `(${quote(b)}, ${quote(a)})`]);
    this.addSql(`insert into program_exclusion (program_code, excluded_program_code) values ${pairs.join(', ')}`);
  }

  override down(): void {
    this.addSql('delete from program_exclusion');
    this.addSql('delete from program');
  }
}
