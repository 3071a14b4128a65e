import { createLogger, withGeneratedSecrets } from '@vexil/platform';
import { readGatewayConfig } from './config.js';
import { startPlatform } from './platform.js';

// `npm start`: the whole platform in one process (or only the gateway, when subgraph URLs are set).
try {
  const platform = await startPlatform(await withGeneratedSecrets(readGatewayConfig()));
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    platform.log.info('shutting down');
    await platform.dispose();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  createLogger('error').error('failed to start', { error });
  process.exit(1);
}
