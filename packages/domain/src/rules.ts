/**
 * The domain's pure rules — typed errors, ID numbers, money, months, name masking, eligibility —
 * without the ORM or the database: what a worker thread or a small script can import cheaply
 * (`@xingfu/domain/rules`; the package's main entry exports them too).
 */
export * from './disclosure/mask-name.js';
export * from './eligibility/eligibility.js';
export * from './enrollment/exit-reason.js';
export * from './errors/domain-error.js';
export * from './money/money.js';
export * from './payroll/monthly-amount.js';
export * from './period/month.js';
export * from './person/id-number.js';
