export * from './template.js';
export * from './test-platform.js';
