import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { PrimaryKeyProp } from '@mikro-orm/core';

export const PAYMENT_FREQUENCIES = ['monthly', 'one_off'] as const;
export type PaymentFrequency = (typeof PAYMENT_FREQUENCIES)[number];
/** listed: per household in the 幸福清单; counted: in aggregates only; hidden: not published. */
export const DISCLOSURE_POLICIES = ['listed', 'counted', 'hidden'] as const;
export type DisclosurePolicy = (typeof DISCLOSURE_POLICIES)[number];
export const BENEFICIARY_UNITS = ['household', 'person'] as const;
export type BeneficiaryUnit = (typeof BENEFICIARY_UNITS)[number];
/** gap: (standard − per-capita income) × covered; standard: standard × covered; tiered: the tier's standard; case: per case. */
export const AMOUNT_RULES = ['gap', 'standard', 'tiered', 'case'] as const;
export type AmountRule = (typeof AMOUNT_RULES)[number];

/** A program of the catalog (低保, 特困, 临时救助, …); reference data seeded by migration. */
@Entity({ tableName: 'program' })
export class Program {
  [PrimaryKeyProp]?: 'code';

  @PrimaryKey({ type: 'string' })
  code!: string;

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'string' })
  category!: string;

  @Enum({ items: [...PAYMENT_FREQUENCIES], nativeEnumName: 'payment_frequency' })
  frequency!: PaymentFrequency;

  @Enum({ items: [...BENEFICIARY_UNITS], nativeEnumName: 'beneficiary_unit' })
  unit!: BeneficiaryUnit;

  @Enum({ items: [...AMOUNT_RULES], nativeEnumName: 'amount_rule' })
  amountRule!: AmountRule;

  @Enum({ items: [...DISCLOSURE_POLICIES], nativeEnumName: 'disclosure_policy' })
  disclosure!: DisclosurePolicy;

  @Property({ type: 'boolean' })
  minorsOnly!: boolean;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'smallint' })
  sortOrder!: number;
}
