export * from './config/config.js';
export * from './config/node-flags.js';
export * from './context/context.type.js';
export * from './context/loaders.js';
export * from './http/api-server.js';
export * from './logging/logger.js';
export * from './schema/build-schemas.js';
export * from './auth/tokens.js';
