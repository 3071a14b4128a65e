export { readGatewayConfig, type GatewayConfig } from './config.js';
export { startPlatform, type Platform } from './platform.js';
export { createGatewayServer, type GatewayServer } from './server.js';
