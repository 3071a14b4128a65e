import { runServiceMain } from '@vexil/platform';
import { createServer } from './server.js';

await runServiceMain({ name: 'flags', portVariable: 'FLAGS_PORT', defaultPort: 4002, createServer });
