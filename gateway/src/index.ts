export { readGatewayConfig, type GatewayConfig } from './config.js';
export { startPlatform, type Platform } from './platform.js';
export { createGatewayServer, type GatewayServer } from './server.js';
export { dialects } from './rest/dialects.js';
export type { Dialect, RestRequest, RestRoute, EvaluationRoute, StreamRoute } from './rest/rest-route.js';
export { rowsOf, openApiPath } from './rest/openapi.js';
export { pathParameters } from './rest/request-schema.js';
export { OPENAPI_PATHS } from './server.js';
