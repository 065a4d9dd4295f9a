import type { DomainErrorCode } from './domain-error.js';

/**
 * What each refusal means, in Chinese, for the staff who read it: one sentence per code, without
 * the record's values (the English `message` names those). The API sends it as
 * `extensions.messageZh`; the type makes a new code fail to compile until it has its sentence.
 */
export const DOMAIN_ERROR_MESSAGES_ZH = {
  INVALID_INPUT: '输入有误，请检查后重新提交。',
  INVALID_REGION_CODE: '行政区划代码格式不对：应为 2、4、6、9 或 12 位数字。',
  UNKNOWN_REGION: '没有这个行政区划代码，请核对代码或先导入该县的区划。',
  NOT_FOUND: '在您的辖区内找不到这条记录。',
  DATABASE_UNREACHABLE: '暂时无法连接数据库，请稍后重试。',
  PORT_IN_USE: '端口已被占用，请换一个端口。',
  REGION_SOURCE_UNAVAILABLE: '无法读取行政区划数据来源。',
  INVALID_ID_NUMBER: '公民身份号码不正确（位数、出生日期或校验码有误）。',
  INVALID_NAME: '姓名不符合要求，请按身份证上的姓名填写。',
  INVALID_AMOUNT: '金额不正确：请填写以元为单位、最多两位小数的非负金额。',
  INVALID_MONTH: '月份不正确：请按 YYYY-MM 填写（如 2026-03）。',
  UNAUTHENTICATED: '未登录或登录已失效，请重新登录。',
  FORBIDDEN: '您的角色无权办理这项业务。',
  OUT_OF_SCOPE: '这条记录不在您的辖区内。',
  DUPLICATE_ID_NUMBER: '这个公民身份号码已经登记过。',
  TRANSITION_NOT_ALLOWED: '当前状态下不能办理这一步，请按流程顺序办理。',
  NOT_ELIGIBLE: '不符合该项目的条件。',
  OBJECTION_UPHELD: '公示期间的异议已被认定成立，不能审批。',
  OBJECTION_OPEN: '公示期间还有未处理的异议，请先处理异议。',
  PUBLICITY_NOT_OVER: '公示期尚未结束，不能审批。',
  STANDARD_MISSING: '该月没有生效的保障标准，请县级管理员先设定标准。',
  PROGRAM_EXCLUSION: '该项目与家庭已享受的其他项目不能同时享受，请先终止那一项。',
  ALREADY_ENROLLED: '该家庭（或人员）已纳入这个项目。',
  PAYROLL_EXISTS: '这个月的发放名册已经生成。',
  PAYROLL_FROZEN: '发放名册已审核冻结，请通过补发或追回更正。',
  INVALID_DATE: '日期不正确：请按 YYYY-MM-DD 填写，且不能晚于今天。',
  CONFLICT: '记录刚被他人修改，请刷新后重试。',
  RECOVERY_EXCEEDS_NET: '追回金额不能超过该月实际发放的净额。',
  MONTH_NOT_ENTITLED: '该月不在保障期内，不能更正。',
  ABOVE_ENTITLEMENT: '补发后超过该月应享受的最高金额，请说明原因。',
  HOUSEHOLD_TOO_LARGE: '家庭成员人数超过上限。',
  NOT_A_MEMBER: '此人不是该家庭的现有成员。',
  CAMPAIGN_EXISTS: '这一时段的复核工作已经建立。',
  IDEMPOTENCY_KEY_REUSED: '这个幂等键已用于另一项请求，请换一个新的键。',
  IDEMPOTENCY_KEY_IN_USE: '同一幂等键的请求正在处理，请稍后重试。',
  INVALID_IDEMPOTENCY_KEY: '幂等键格式不正确。',
  INVALID_ID: '编号不正确：应为本系统给出的正整数编号。',
  INVALID_CURSOR: '分页游标不正确，请使用上一页返回的 endCursor。',
  INVALID_PAGE_SIZE: '每页条数超出允许范围。',
  INVALID_CHARACTERS: '输入含有不允许的字符（如控制字符或不可见字符）。',
  OPERATION_NOT_SUPPORTED: '这个接口不支持该类操作。',
  STRING_TOO_LONG: '文字过长，请缩短后重试。',
  TEXT_REQUIRED: '请填写说明或理由。',
  PERSON_REQUIRED: '按人发放的项目须指明具体人员。',
  INVALID_MEMBER_COUNT: '家庭人数或保障人数不正确：保障人数应在 1 到家庭人数之间。',
  WRONG_PROGRAM_KIND: '这项操作不适用于该类项目。',
  TIER_REQUIRED: '分档项目须指明档次。',
  INVALID_COEFFICIENT: '劳动力系数不正确：应为 0 到 1 之间的小数。',
  OVERRIDE_REASON_REQUIRED: '家庭人数或保障人数与家庭成员登记不一致，请说明原因。',
  REVIEW_DECIDED: '这项复核已经作出决定，本次未作任何改动。',
  INVALID_STAR_RATING: '星级评定应为 1 到 5 星。',
  INVALID_COUNT: '数量不正确：应为在允许范围内的整数。',
  OCCUPANCY_ABOVE_BEDS: '入住床位数不能超过机构床位数。',
  FACILITY_CLOSED: '该养老机构已停业，不能在停业日期之后登记。',
  WRONG_FACILITY_KIND: '这项操作不适用于该类养老机构。',
  INVALID_FEED_FILE: '部门数据文件无法读取或缺少必填列，请重新导出为 XLSX 或 CSV。',
  FEED_DELIVERED: '这一批部门数据已经导入过。',
  HIT_DECIDED: '这条比对疑点已经处理过。',
  BELOW_AGE_TIER: '未满 80 周岁，不符合高龄津贴（尊老金）秒批条件。',
  INVALID_IMPORT_FILE: '导入文件不是可识别的台账模板（.xlsx），请从模板开始填写。',
} as const satisfies Record<DomainErrorCode, string>;

/** The Chinese sentence of a refusal's code. */
export function chineseMessageOf(code: DomainErrorCode): string {
  return DOMAIN_ERROR_MESSAGES_ZH[code];
}
