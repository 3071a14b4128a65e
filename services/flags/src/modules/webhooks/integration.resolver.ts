import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DomainError, PageArgs, paginate } from '@vexil/platform';
import type { FlagsContext } from '../../context.js';
import { requireAdmin } from '../access.js';
import { OrganizationRef } from '../organizations/organization.type.js';
import {
  CreatedIntegrationType,
  IntegrationConnection,
  IntegrationInput,
  IntegrationType,
  toIntegrationType,
} from './integration.types.js';
import { toWebhookDeliveryType, WebhookDeliveryConnection, WebhookDeliveryType } from './webhook.types.js';

const endpoint = ({ config, ...rest }: IntegrationInput) => ({ ...rest, config: config ?? {} });

@Resolver(() => IntegrationType)
export class IntegrationResolver {
  @Query(() => IntegrationType, {
    description: 'One of the organization’s integrations, of any provider (owners and admins).',
  })
  async integration(
    @Arg('id', () => ID, { description: 'The integration.' }) id: string,
    @Ctx() { principal, loaders }: FlagsContext,
  ) {
    const admin = requireAdmin(principal);
    const found = (await loaders.integrationsByOrganization.load(admin.organizationId)).find(
      (w) => w.id === id,
    );
    if (!found) throw new DomainError('NOT_FOUND', 'integration not found');
    return toIntegrationType(found);
  }

  @Mutation(() => CreatedIntegrationType, {
    description: 'Sends the organization’s events to a provider (owners and admins; plans with webhooks).',
  })
  async createIntegration(
    @Arg('provider', () => String, {
      description: '`webhook`, `slack`, `teams`, `datadog` or `pagerduty`.',
    })
    provider: string,
    @Arg('input', () => IntegrationInput, { description: 'Its name, configuration and events.' })
    input: IntegrationInput,
    @Ctx() { principal, webhooks }: FlagsContext,
  ) {
    const { webhook, secret } = await webhooks.create(requireAdmin(principal), provider, endpoint(input));
    return Object.assign(new CreatedIntegrationType(), { integration: toIntegrationType(webhook), secret });
  }

  @Mutation(() => IntegrationType, {
    description: 'Changes an integration; omitted fields and configuration fields stay.',
  })
  async updateIntegration(
    @Arg('id', () => ID, { description: 'The integration.' }) id: string,
    @Arg('input', () => IntegrationInput, { description: 'Its name, configuration and events.' })
    input: IntegrationInput,
    @Ctx() { principal, webhooks }: FlagsContext,
  ) {
    return toIntegrationType(
      await webhooks.update(requireAdmin(principal), 'integration', id, endpoint(input)),
    );
  }

  @Mutation(() => IntegrationType, { description: 'Deletes an integration and its deliveries.' })
  async deleteIntegration(
    @Arg('id', () => ID, { description: 'The integration.' }) id: string,
    @Ctx() { principal, webhooks }: FlagsContext,
  ) {
    return toIntegrationType(await webhooks.delete(requireAdmin(principal), 'integration', id));
  }

  @Mutation(() => WebhookDeliveryType, {
    description:
      'Sends a test notification now and answers its delivery after the first attempt (retried like any).',
  })
  async testIntegration(
    @Arg('id', () => ID, { description: 'The integration.' }) id: string,
    @Ctx() { principal, webhooks }: FlagsContext,
  ) {
    return toWebhookDeliveryType(await webhooks.test(requireAdmin(principal), id));
  }

  @FieldResolver(() => WebhookDeliveryConnection, { description: 'Deliveries, newest first.' })
  async deliveries(
    @Root() integration: IntegrationType,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { loaders }: FlagsContext,
  ) {
    return paginate(
      (await loaders.deliveriesByWebhook.load(integration.id)).map(toWebhookDeliveryType),
      page,
    );
  }
}

@Resolver(() => OrganizationRef)
export class OrganizationIntegrationsResolver {
  @FieldResolver(() => IntegrationConnection, {
    description: 'The organization’s integrations of every provider, webhooks included, oldest first.',
  })
  async integrations(
    @Root() organization: OrganizationRef,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { principal, loaders }: FlagsContext,
  ) {
    requireAdmin(principal);
    return paginate(
      (await loaders.integrationsByOrganization.load(organization.id)).map(toIntegrationType),
      page,
    );
  }
}
