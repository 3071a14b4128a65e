export { readGatewayConfig, type GatewayConfig } from './config.js';
export { startPlatform, type Platform } from './platform.js';
export { createGatewayServer, type GatewayServer } from './server.js';
export { dialects } from './rest/dialects.js';
export type { Dialect, RestRequest, RestRoute, EvaluationRoute } from './rest/rest-route.js';
