import { startService, type PlatformConfig, type RunningService, type ServiceDeps } from '@vexil/platform';
import { createIdentityContext } from './context.js';
import { Migration0001Initial } from './migrations/migration-0001-initial.js';
import { RefreshToken } from './modules/auth/refresh-token.entity.js';
import { Membership } from './modules/organizations/membership.entity.js';
import { Organization } from './modules/organizations/organization.entity.js';
import { User } from './modules/users/user.entity.js';
import { buildIdentitySchema } from './schema.js';

/** Options of the identity subgraph: the host's dependencies, the shared config, and a clock for tests. */
export interface IdentityOptions extends ServiceDeps {
  config: PlatformConfig;
  now?: () => Date;
}

/** Starts the identity subgraph: users, organizations, memberships, sessions. */
export function createServer(options: IdentityOptions): Promise<RunningService> {
  const settings = {
    jwtSecret: options.config.jwtSecret,
    accessTokenTtlMinutes: options.config.accessTokenTtlMinutes,
    refreshTokenTtlHours: options.config.refreshTokenTtlHours,
    provisioningTimeoutMs: 5000,
    now: options.now ?? (() => new Date()),
  };
  return startService(options, {
    name: 'identity',
    entities: [User, Organization, Membership, RefreshToken],
    migrations: [Migration0001Initial],
    schema: buildIdentitySchema,
    context: (base, em, runtime) => createIdentityContext(base, em, runtime, settings),
  });
}
