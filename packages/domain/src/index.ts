export * from './database/database.js';
export * from './database/database-url.js';
export * from './database/embedded-database.js';
export * from './database/orm-config.js';
export * from './database/port.js';
export * from './errors/domain-error.js';
export * from './region/china-division.js';
export * from './region/region-file.js';
export * from './region/region-import.js';
export * from './region/region-level.js';
export * from './region/region-row.js';
export * from './region/region.entity.js';
/** The ORM types the API works with, re-exported so every package uses the same instance. */
export { EntityManager, MikroORM } from '@mikro-orm/postgresql';
