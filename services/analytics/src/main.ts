import { runServiceMain } from '@vexil/platform';
import { createServer } from './server.js';

await runServiceMain({ name: 'analytics', portVariable: 'ANALYTICS_PORT', defaultPort: 4004, createServer });
