import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus registry. In single-process mode every service records here and the gateway
 * serves it at `/metrics`; a service running alone serves its own.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

/**
 * SQL statements executed, per service and origin (`request`: serving a request; `background`:
 * relays, consumers, schedulers). Nested reads are asserted to be bounded with the request count.
 */
export const sqlStatements = new Counter({
  name: 'vexil_sql_statements_total',
  help: 'SQL statements executed, by service and origin',
  labelNames: ['service', 'origin'] as const,
  registers: [metricsRegistry],
});

/** Latency of HTTP requests served, by component (gateway, a subgraph) and route kind. */
export const requestDuration = new Histogram({
  name: 'vexil_http_request_duration_seconds',
  help: 'HTTP request latency in seconds',
  labelNames: ['service', 'route', 'status'] as const,
  buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry],
});

/**
 * Subscription payloads: `serialized` once per event and group of identical subscriptions, `sent` once
 * per subscriber. Fan-out is cheap when the first stays far below the second.
 */
export const subscriptionPayloads = new Counter({
  name: 'vexil_subscription_payloads_total',
  help: 'Subscription payloads serialized (per event and group) and sent (per subscriber)',
  labelNames: ['stage'] as const,
  registers: [metricsRegistry],
});

/** graphql-ws connections the gateway closed itself: `slow` consumers, `revoked` credentials. */
export const deadEvents = new Counter({
  name: 'vexil_dead_events_total',
  help: 'Events a service set aside after its reaction kept failing (see its dead_events table)',
  labelNames: ['service'] as const,
  registers: [metricsRegistry],
});

export const subscriptionRetries = new Counter({
  name: 'vexil_subscription_retries_total',
  help: 'Subscription payloads loaded again because a subgraph or the database was briefly unreachable',
  registers: [metricsRegistry],
});

export const subscriptionDisconnects = new Counter({
  name: 'vexil_subscription_disconnects_total',
  help: 'graphql-ws connections closed by the gateway, by reason',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});
