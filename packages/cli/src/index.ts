export { generatedSdl, SCHEMA_FILES } from './commands/schema.command.js';
export { WORKSPACE_ROOT, fromRoot } from './runtime/paths.js';
export { buildSite, markSiteBuilt, siteIsCurrent } from './runtime/site-build.js';
