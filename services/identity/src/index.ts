export { createServer, type IdentityOptions } from './server.js';
export { buildIdentitySchema } from './schema.js';
