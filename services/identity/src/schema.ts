import { buildFederatedSchema, type FederatedSchema, type ReferenceResolvers } from '@vexil/platform';
import { AccountResolver } from './modules/accounts/account.resolver.js';
import { ApiKeyResolver } from './modules/api-keys/api-key.resolver.js';
import { AuthResolver } from './modules/auth/auth.resolver.js';
import { SignupResolver } from './modules/signup/signup.resolver.js';
import { MemberResolver } from './modules/members/member.resolver.js';
import { MfaResolver } from './modules/mfa/mfa.resolver.js';
import { resolveOrganizationReference } from './modules/organizations/organization.reference.js';
import { OrganizationResolver } from './modules/organizations/organization.resolver.js';
import { OrganizationSeatsResolver } from './modules/organizations/organization-seats.resolver.js';
import { RoleResolver } from './modules/roles/role.resolver.js';
import { resolveUserReference } from './modules/users/user.reference.js';
import { UserResolver } from './modules/users/user.resolver.js';
import { FeedbackResolver } from './modules/feedback/feedback.resolver.js';
import { IpAllowlistResolver } from './modules/ip-allowlist/ip-allowlist.resolver.js';
import { OnboardingResolver } from './modules/onboarding/onboarding.resolver.js';
import { PinnedItemsResolver } from './modules/pinned-items/pinned-items.resolver.js';
import { PreferencesResolver } from './modules/preferences/preferences.resolver.js';

/** The identity subgraph's schema; `npm run compose` prints its SDL to services/identity/schema.graphql. */
export function buildIdentitySchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    resolvers: [
      AuthResolver,
      SignupResolver,
      AccountResolver,
      MfaResolver,
      UserResolver,
      OrganizationResolver,
      OrganizationSeatsResolver,
      MemberResolver,
      RoleResolver,
      ApiKeyResolver,
      OnboardingResolver,
      PreferencesResolver,
      PinnedItemsResolver,
      FeedbackResolver,
      IpAllowlistResolver,
    ],
    references: {
      User: resolveUserReference,
      Organization: resolveOrganizationReference,
    } as ReferenceResolvers,
  });
}
