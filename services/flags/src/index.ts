export { createServer, type FlagsOptions } from './server.js';
export { buildFlagsSchema } from './schema.js';
