import { runServiceMain } from '@vexil/platform';
import { createServer } from './server.js';

await runServiceMain({ name: 'billing', portVariable: 'BILLING_PORT', defaultPort: 4003, createServer });
