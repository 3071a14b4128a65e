import type { EntityManager } from '@mikro-orm/postgresql';
import { PlanGuard, type ServiceRuntime, type SubgraphContext } from '@vexil/platform';
import type { IdentitySettings } from './identity-settings.js';
import { AccountService } from './modules/accounts/account.service.js';
import { ApiKeyService } from './modules/api-keys/api-key.service.js';
import { AuthService } from './modules/auth/auth.service.js';
import { LoginThrottleService } from './modules/auth/login-throttle.service.js';
import { OutboxMailTransport } from './modules/mail/mail.transport.js';
import { MemberService } from './modules/members/member.service.js';
import { createSeatLoaders } from './modules/members/seats.js';
import { MfaService } from './modules/mfa/mfa.service.js';
import { createOrganizationLoaders } from './modules/organizations/organization.loaders.js';
import { OrganizationService } from './modules/organizations/organization.service.js';
import { RoleService } from './modules/roles/role.service.js';
import { SignupService } from './modules/signup/signup.service.js';
import { createUserLoaders } from './modules/users/user.loaders.js';

/** Per-request context of the identity subgraph: the caller, a fresh unit of work, loaders, services. */
export interface IdentityContext extends SubgraphContext {
  em: EntityManager;
  runtime: ServiceRuntime;
  /** The plans in force, for the features identity gates (custom roles, MFA, IP allowlists). */
  plans: PlanGuard;
  loaders: ReturnType<typeof createUserLoaders> &
    ReturnType<typeof createOrganizationLoaders> &
    ReturnType<typeof createSeatLoaders>;
  auth: AuthService;
  signup: SignupService;
  accounts: AccountService;
  mfa: MfaService;
  organizations: OrganizationService;
  members: MemberService;
  roles: RoleService;
  apiKeys: ApiKeyService;
}

/** Builds the context of one request; loaders live exactly as long as the request. */
export function createIdentityContext(
  base: SubgraphContext,
  em: EntityManager,
  runtime: ServiceRuntime,
  settings: IdentitySettings,
): IdentityContext {
  const mail = new OutboxMailTransport(runtime.log);
  const throttle = new LoginThrottleService(em, settings.loginThrottle, runtime.now);
  const plans = new PlanGuard(settings.billing, runtime.now);
  const mfa = new MfaService(em, runtime, settings.mfaEncryptionKey, plans);
  const organizations = new OrganizationService(em, runtime, settings);
  const auth = new AuthService(em, runtime, settings, organizations, throttle, mfa);
  return {
    ...base,
    em,
    runtime,
    plans,
    loaders: { ...createUserLoaders(em), ...createOrganizationLoaders(em), ...createSeatLoaders(em) },
    auth,
    signup: new SignupService(em, runtime, mail, auth),
    accounts: new AccountService(em, runtime, settings, mail, throttle),
    mfa,
    organizations,
    members: new MemberService(em, runtime, settings, mail),
    roles: new RoleService(em, runtime, plans),
    apiKeys: new ApiKeyService(em, runtime, settings),
  };
}
