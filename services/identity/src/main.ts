import { runServiceMain } from '@vexil/platform';
import { createServer } from './server.js';

await runServiceMain({ name: 'identity', portVariable: 'IDENTITY_PORT', defaultPort: 4001, createServer });
