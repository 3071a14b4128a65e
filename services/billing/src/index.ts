export { createServer, type BillingOptions } from './server.js';
export { buildBillingSchema } from './schema.js';
