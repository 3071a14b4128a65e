import {
  OrganizationPlan,
  withOrganizationPlans,
  startService,
  type PlatformConfig,
  type RunningService,
  type ServiceDeps,
} from '@vexil/platform';
import { createIdentityContext } from './context.js';
import type { IdentitySettings } from './identity-settings.js';
import { Migration0001Initial } from './migrations/migration-0001-initial.js';
import { Migration0002AccessControl } from './migrations/migration-0002-access-control.js';
import { Migration0003MemberPermissions } from './migrations/migration-0003-member-permissions.js';
import { Migration0004MailDelivery } from './migrations/migration-0004-mail-delivery.js';
import { Migration0005EventConsumers } from './migrations/migration-0005-event-consumers.js';
import { Migration0006ApiKeyFormats } from './migrations/migration-0006-api-key-formats.js';
import { Migration0007OrganizationPlans } from './migrations/migration-0007-organization-plans.js';
import { Migration0008WorkspacePreferences } from './migrations/migration-0008-workspace-preferences.js';
import { Migration0009SignupCodes } from './migrations/migration-0009-signup-codes.js';
import { Migration0010IpAllowlists } from './migrations/migration-0010-ip-allowlists.js';
import { IpAllowlist } from './modules/ip-allowlist/ip-allowlist.entity.js';
import { Feedback } from './modules/feedback/feedback.entity.js';
import { Onboarding } from './modules/onboarding/onboarding.entity.js';
import { PinnedItem } from './modules/pinned-items/pinned-item.entity.js';
import { UserPreferences } from './modules/preferences/user-preferences.entity.js';
import { startSmtpRelay } from './modules/mail/smtp-relay.js';
import { UserToken } from './modules/accounts/user-token.entity.js';
import { ApiKey } from './modules/api-keys/api-key.entity.js';
import { LoginThrottle } from './modules/auth/login-throttle.entity.js';
import { RefreshToken } from './modules/auth/refresh-token.entity.js';
import { environmentReactions } from './modules/environments/environment.reactions.js';
import { KnownEnvironment } from './modules/environments/environment.entity.js';
import { MailMessage } from './modules/mail/mail-message.entity.js';
import { PendingSignup } from './modules/signup/pending-signup.entity.js';
import { Invitation } from './modules/members/invitation.entity.js';
import { MemberPermission } from './modules/members/member-permission.entity.js';
import { Membership } from './modules/organizations/membership.entity.js';
import { Organization } from './modules/organizations/organization.entity.js';
import { CustomRole } from './modules/roles/custom-role.entity.js';
import { User } from './modules/users/user.entity.js';
import { buildIdentitySchema } from './schema.js';

/** Options of the identity subgraph: the host's dependencies and the shared config. */
export interface IdentityOptions extends ServiceDeps {
  config: PlatformConfig;
}

/** Starts the identity subgraph: users, organizations, members, roles, sessions, API keys, MFA. */
export function createServer(options: IdentityOptions): Promise<RunningService> {
  const { config } = options;
  const settings: IdentitySettings = {
    jwtSecret: config.jwtSecret,
    accessTokenTtlMinutes: config.accessTokenTtlMinutes,
    refreshTokenTtlHours: config.refreshTokenTtlHours,
    apiKeyPepper: config.apiKeyPepper,
    mfaEncryptionKey: config.mfaEncryptionKey,
    appUrl: config.appUrl,
    loginThrottle: config.loginThrottle,
    provisioningTimeoutMs: 5000,
    billing: config.billing,
  };
  return startService(options, {
    name: 'identity',
    entities: [
      User,
      Organization,
      Membership,
      RefreshToken,
      CustomRole,
      Invitation,
      UserToken,
      MailMessage,
      PendingSignup,
      LoginThrottle,
      KnownEnvironment,
      ApiKey,
      MemberPermission,
      OrganizationPlan,
      Onboarding,
      UserPreferences,
      PinnedItem,
      Feedback,
      IpAllowlist,
    ],
    migrations: [
      Migration0001Initial,
      Migration0002AccessControl,
      Migration0003MemberPermissions,
      Migration0004MailDelivery,
      Migration0005EventConsumers,
      Migration0006ApiKeyFormats,
      Migration0007OrganizationPlans,
      Migration0008WorkspacePreferences,
      Migration0009SignupCodes,
      Migration0010IpAllowlists,
    ],
    background: (runtime) => {
      const { url, from } = options.config.smtp;
      return url ? [startSmtpRelay(runtime, { url, from })] : [];
    },
    schema: buildIdentitySchema,
    context: (base, em, runtime) => createIdentityContext(base, em, runtime, settings),
    reactions: () => withOrganizationPlans(environmentReactions()),
  });
}
