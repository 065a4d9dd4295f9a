import type { MigrationObject } from '@mikro-orm/core';
import { RegionsMigration } from './0001-regions.migration.js';
import { SocialAssistanceMigration } from './0002-social-assistance.migration.js';
import { ProgramCatalogMigration } from './0003-program-catalog.migration.js';
import { DisclosureMigration } from './0004-disclosure.migration.js';
import { ExactlyOnceMigration } from './0005-exactly-once.migration.js';
import { NameNormalisationMigration } from './0006-name-normalisation.migration.js';
import { FrozenReleaseFiguresMigration } from './0007-frozen-release-figures.migration.js';
import { FrozenProgramCatalogMigration } from './0008-frozen-program-catalog.migration.js';
import { ElderCareMigration } from './0009-elder-care.migration.js';
import { DataDrivenAssistanceMigration } from './0010-data-driven-assistance.migration.js';
import { IncrementalReleasesMigration } from './0011-incremental-releases.migration.js';
import { ElderCareInPublicMigration } from './0012-elder-care-in-public.migration.js';
import { DataDrivenAssistanceRemainingMigration } from './0013-data-driven-assistance-remaining.migration.js';
import { PopulationAndPublicityMigration } from './0014-population-and-publicity.migration.js';
import { AssistanceProcessInPublicMigration } from './0015-assistance-process-in-public.migration.js';
import { SharedReleaseRowsMigration } from './0016-shared-release-rows.migration.js';

/** Migrations in the order they apply. Hand-written SQL; the application never syncs the schema. */
export const migrationsList: MigrationObject[] = [
  { name: '0001-regions', class: RegionsMigration },
  { name: '0002-social-assistance', class: SocialAssistanceMigration },
  { name: '0003-program-catalog', class: ProgramCatalogMigration },
  { name: '0004-disclosure', class: DisclosureMigration },
  { name: '0005-exactly-once', class: ExactlyOnceMigration },
  { name: '0006-name-normalisation', class: NameNormalisationMigration },
  { name: '0007-frozen-release-figures', class: FrozenReleaseFiguresMigration },
  { name: '0008-frozen-program-catalog', class: FrozenProgramCatalogMigration },
  { name: '0009-elder-care', class: ElderCareMigration },
  { name: '0010-data-driven-assistance', class: DataDrivenAssistanceMigration },
  { name: '0011-incremental-releases', class: IncrementalReleasesMigration },
  { name: '0012-elder-care-in-public', class: ElderCareInPublicMigration },
  { name: '0013-data-driven-assistance-remaining', class: DataDrivenAssistanceRemainingMigration },
  { name: '0014-population-and-publicity', class: PopulationAndPublicityMigration },
  { name: '0015-assistance-process-in-public', class: AssistanceProcessInPublicMigration },
  { name: '0016-shared-release-rows', class: SharedReleaseRowsMigration },
];
