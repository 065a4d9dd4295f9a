import {
  AMOUNT_RULES,
  APPLICATION_CHANNELS,
  APPLICATION_STATUSES,
  AREA_TYPES,
  BENEFICIARY_UNITS,
  DISCLOSURE_POLICIES,
  ENROLLMENT_STATUSES_SHOWN,
  EXIT_REASONS,
  FACILITY_KINDS,
  HAZARD_CATEGORIES,
  HAZARD_STATES,
  HOME_SERVICE_KINDS,
  MODIFICATION_STATES,
  EXPORT_FORMATS,
  REPORT_KINDS,
  MEMBER_RELATIONS,
  PAYMENT_FREQUENCIES,
  PAYMENT_KINDS,
  PAYROLL_STATUSES,
  REVIEW_OUTCOMES,
  ROLES,
  SEXES,
} from '@xingfu/domain';
import { registerStringEnum } from './string-enum.js';

export const AreaTypeEnum = registerStringEnum(AREA_TYPES, 'AreaType', 'Urban or rural hukou: decides which standard applies.');
export const SexEnum = registerStringEnum(SEXES, 'Sex', 'Sex, as derived from the ID number.');
export const MemberRelationEnum = registerStringEnum(MEMBER_RELATIONS, 'MemberRelation', 'Relation to the head of household.');
export const PaymentFrequencyEnum = registerStringEnum(PAYMENT_FREQUENCIES, 'PaymentFrequency', 'Monthly, or one payment per case.');
export const DisclosurePolicyEnum = registerStringEnum(
  DISCLOSURE_POLICIES,
  'DisclosurePolicy',
  'LISTED: per household in the 幸福清单; COUNTED: in aggregates only; HIDDEN: not published.',
);
export const BeneficiaryUnitEnum = registerStringEnum(BENEFICIARY_UNITS, 'BeneficiaryUnit', 'Paid to a household or to a person.');
export const AmountRuleEnum = registerStringEnum(
  AMOUNT_RULES,
  'AmountRule',
  'GAP: (standard − per-capita income) × covered members; STANDARD: standard × covered; TIERED: the tier’s standard; CASE: per case.',
);
export const ApplicationChannelEnum = registerStringEnum(APPLICATION_CHANNELS, 'ApplicationChannel', 'Where the application came in.');
export const ApplicationStatusEnum = registerStringEnum(
  APPLICATION_STATUSES,
  'ApplicationStatus',
  '申请 APPLIED → 受理 ACCEPTED → 核对 VERIFIED → 入户调查 INVESTIGATED → 公示 PUBLICIZED → 审批 APPROVED, or 驳回 REJECTED.',
);
export const EnrollmentStatusEnum = registerStringEnum(
  ENROLLMENT_STATUSES_SHOWN,
  'EnrollmentStatus',
  'ACTIVE: paid on; ENDING: ended, but its last paid month (endMonth) is this month or later; ENDED: no longer paid.',
);
export const ExitReasonEnum = registerStringEnum(EXIT_REASONS, 'ExitReason', 'Why an enrollment ended.');
export const PayrollStatusEnum = registerStringEnum(PAYROLL_STATUSES, 'PayrollStatus', 'DRAFT → APPROVED (frozen) → PAID.');
export const PaymentKindEnum = registerStringEnum(
  PAYMENT_KINDS,
  'PaymentKind',
  'REGULAR: monthly payroll; BACK_PAY: 补发; RECOVERY: 追回 (negative); ONE_OFF: per-case aid.',
);
export const ReviewOutcomeEnum = registerStringEnum(
  REVIEW_OUTCOMES,
  'ReviewOutcome',
  'Continue, adjust the amount from next month, or cancel (核销).',
);
export const RoleEnum = registerStringEnum(ROLES, 'Role', 'Staff role, bound to a region.');

// elder care (docs/eldercare.md)
export const FacilityKindEnum = registerStringEnum(
  FACILITY_KINDS,
  'FacilityKind',
  '公办敬老院 PUBLIC_HOME, 民办养老机构 PRIVATE_HOME, 公建民营 PUBLICLY_BUILT_PRIVATELY_RUN, 城乡综合养老服务中心 SERVICE_CENTRE, 农村幸福院 RURAL_HAPPINESS_HOME, 日间照料中心 DAY_CARE_CENTRE, 长者食堂 ELDER_CANTEEN, 照护中心 CARE_CENTRE.',
);
export const HazardCategoryEnum = registerStringEnum(
  HAZARD_CATEGORIES,
  'HazardCategory',
  '消防 FIRE, 用电 ELECTRICITY, 燃气 GAS, 食品 FOOD, 疏散 EVACUATION, 应急预案 EMERGENCY_PLAN.',
);
export const HazardStateEnum = registerStringEnum(
  HAZARD_STATES,
  'HazardState',
  'FIXED_ON_SPOT: 当场整改; OPEN: in the rectification ledger (整改台账); RECTIFIED: closed by a follow-up visit (回头看).',
);
export const HomeServiceKindEnum = registerStringEnum(
  HOME_SERVICE_KINDS,
  'HomeServiceKind',
  '助餐 MEAL, 助洁 CLEANING, 助浴 BATHING, 助医 MEDICAL, 助急 EMERGENCY, OTHER.',
);
export const ModificationStateEnum = registerStringEnum(
  MODIFICATION_STATES,
  'ModificationState',
  'An age-friendly home modification (适老化改造): PLANNED → IN_PROGRESS → COMPLETED, or CANCELLED.',
);
export const ReportKindEnum = registerStringEnum(
  REPORT_KINDS,
  'ReportKind',
  'MONTHLY_CHANGES: 新增/减少/调增/调减 per program and town; PAYROLL_LIST: 发放名册 of a batch; REVIEW_WORKLIST: 复核工作清单 of a campaign; LEDGER_EXTRACT: 台账摘录 of a month.',
);
export const ExportFormatEnum = registerStringEnum(
  EXPORT_FORMATS,
  'ExportFormat',
  'XLSX, or CSV (UTF-8 with a byte order mark, for Excel).',
);
