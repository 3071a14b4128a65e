import { buildAnalyticsSchema, createServer as createAnalytics } from '@vexil/analytics';
import { buildBillingSchema, createServer as createBilling } from '@vexil/billing';
import { buildFlagsSchema, createServer as createFlags } from '@vexil/flags';
import { buildIdentitySchema, createServer as createIdentity } from '@vexil/identity';
import type { FederatedSchema, PlatformConfig, RunningService, ServiceDeps } from '@vexil/platform';

/** One subgraph of the graph: how to build its schema, how to run it, where it runs by default. */
export interface SubgraphDefinition {
  name: string;
  buildSchema: () => Promise<FederatedSchema>;
  createServer: (options: ServiceDeps & { config: PlatformConfig }) => Promise<RunningService>;
  /** Port and URL variable when run as its own process (docker-compose, `npm run start:<name>`). */
  defaultPort: number;
  urlVariable: string;
}

/** The four subgraphs, in the order the single-process platform starts them. */
export const subgraphs: SubgraphDefinition[] = [
  {
    name: 'identity',
    buildSchema: buildIdentitySchema,
    createServer: createIdentity,
    defaultPort: 4001,
    urlVariable: 'IDENTITY_URL',
  },
  {
    name: 'flags',
    buildSchema: buildFlagsSchema,
    createServer: createFlags,
    defaultPort: 4002,
    urlVariable: 'FLAGS_URL',
  },
  {
    name: 'billing',
    buildSchema: buildBillingSchema,
    createServer: createBilling,
    defaultPort: 4003,
    urlVariable: 'BILLING_URL',
  },
  {
    name: 'analytics',
    buildSchema: buildAnalyticsSchema,
    createServer: createAnalytics,
    defaultPort: 4004,
    urlVariable: 'ANALYTICS_URL',
  },
];
