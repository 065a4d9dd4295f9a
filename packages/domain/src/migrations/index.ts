import type { MigrationObject } from '@mikro-orm/core';
import { RegionsMigration } from './0001-regions.migration.js';

/** Migrations in the order they apply. Hand-written SQL; the application never syncs the schema. */
export const migrationsList: MigrationObject[] = [{ name: '0001-regions', class: RegionsMigration }];
