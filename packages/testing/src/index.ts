export * from './template.js';
export * from './test-platform.js';
export * from './subscription-feed.js';
export * from './sse-reader.js';
export * from './http-receiver.js';
export * from './postgres-cluster.js';
export * from './clients.js';
export * from './shared-platform.js';
