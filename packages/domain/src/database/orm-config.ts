import 'reflect-metadata';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { migrationsList } from '../migrations/index.js';
import { ApplicationEvent } from '../application/application-event.entity.js';
import { ApplicationIncome } from '../application/application-income.entity.js';
import { Application } from '../application/application.entity.js';
import { Objection } from '../application/objection.entity.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { ElderFacility, FacilityCapacity } from '../eldercare/facility.entity.js';
import { ElderCareTarget, FacilityActivity, HomeModification, HomeService } from '../eldercare/home-care.entity.js';
import { ElderHazard, ElderInspection, HazardFollowUp } from '../eldercare/inspection.entity.js';
import { CrossCheckHit } from '../cross-check/cross-check-hit.entity.js';
import { CrossCheckRun } from '../cross-check/cross-check-run.entity.js';
import { Enrollment } from '../enrollment/enrollment.entity.js';
import { FeedCheck } from '../feeds/feed-check.entity.js';
import { Referral } from '../referral/referral.entity.js';
import { FeedDelivery } from '../feeds/feed-delivery.entity.js';
import { HouseholdMember } from '../household/household-member.entity.js';
import { Household } from '../household/household.entity.js';
import { Person } from '../household/person.entity.js';
import { Payment } from '../payroll/payment.entity.js';
import { PayrollBatch } from '../payroll/payroll-batch.entity.js';
import { Program } from '../program/program.entity.js';
import { Standard } from '../program/standard.entity.js';
import { Region } from '../region/region.entity.js';
import { ReviewCampaign } from '../review/review-campaign.entity.js';
import { ReviewTask } from '../review/review-task.entity.js';

export const entities = [
  Region,
  Program,
  Standard,
  Household,
  Person,
  HouseholdMember,
  Application,
  ApplicationIncome,
  ApplicationEvent,
  Objection,
  Enrollment,
  PayrollBatch,
  Payment,
  ReviewCampaign,
  ReviewTask,
  ElderFacility,
  FacilityCapacity,
  ElderInspection,
  ElderHazard,
  HazardFollowUp,
  HomeService,
  HomeModification,
  ElderCareTarget,
  FacilityActivity,
  AuditEntry,
  FeedDelivery,
  FeedCheck,
  Referral,
  CrossCheckRun,
  CrossCheckHit,
];

export interface OrmConfigOptions {
  /** postgres://user:password@host:port/database */
  clientUrl: string;
  debug?: boolean;
  poolMax?: number;
  /** Called with every SQL statement the ORM runs (query counting in tests and benchmarks). */
  onQuery?: (message: string) => void;
}

export function createOrmConfig(options: OrmConfigOptions): Options {
  return defineConfig({
    clientUrl: options.clientUrl,
    entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    debug: options.onQuery ? ['query'] : (options.debug ?? false),
    ...(options.onQuery ? { logger: options.onQuery, colors: false } : {}),
    pool: { min: 0, max: options.poolMax ?? 10 },
    migrations: {
      migrationsList,
      tableName: 'schema_migration',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      snapshotOnMigrate: false,
      silent: true,
    },
    allowGlobalContext: false,
  });
}
