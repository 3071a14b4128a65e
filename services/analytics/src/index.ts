export { createServer, type AnalyticsOptions } from './server.js';
export { buildAnalyticsSchema } from './schema.js';
