import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DomainError, PageArgs, paginate } from '@vexil/platform';
import type { FlagsContext } from '../../context.js';
import { requireAdmin } from '../access.js';
import { OrganizationRef } from '../organizations/organization.type.js';
import {
  CreatedWebhookType,
  toWebhookDeliveryType,
  toWebhookType,
  WebhookConnection,
  WebhookDeliveryConnection,
  WebhookInput,
  WebhookType,
} from './webhook.types.js';

@Resolver(() => WebhookType)
export class WebhookResolver {
  @Query(() => WebhookType, { description: 'One of the organization’s webhooks (owners and admins).' })
  async webhook(@Arg('id', () => ID) id: string, @Ctx() { principal, loaders }: FlagsContext) {
    const admin = requireAdmin(principal);
    const webhook = (await loaders.webhooksByOrganization.load(admin.organizationId)).find(
      (w) => w.id === id,
    );
    if (!webhook) throw new DomainError('NOT_FOUND', 'webhook not found');
    return toWebhookType(webhook);
  }

  @Mutation(() => CreatedWebhookType, {
    description: 'Adds a webhook (owners and admins); the secret is shown only here.',
  })
  async createWebhook(
    @Arg('input', () => WebhookInput) input: WebhookInput,
    @Ctx() { principal, webhooks }: FlagsContext,
  ) {
    const { webhook, secret } = await webhooks.create(requireAdmin(principal), input);
    return Object.assign(new CreatedWebhookType(), { webhook: toWebhookType(webhook), secret });
  }

  @Mutation(() => WebhookType, { description: 'Changes a webhook; omitted fields stay.' })
  async updateWebhook(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => WebhookInput) input: WebhookInput,
    @Ctx() { principal, webhooks }: FlagsContext,
  ) {
    return toWebhookType(await webhooks.update(requireAdmin(principal), id, input));
  }

  @Mutation(() => WebhookType, { description: 'Deletes a webhook and its deliveries.' })
  async deleteWebhook(@Arg('id', () => ID) id: string, @Ctx() { principal, webhooks }: FlagsContext) {
    return toWebhookType(await webhooks.delete(requireAdmin(principal), id));
  }

  @FieldResolver(() => WebhookDeliveryConnection, { description: 'Deliveries, newest first.' })
  async deliveries(
    @Root() webhook: WebhookType,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { loaders }: FlagsContext,
  ) {
    return paginate((await loaders.deliveriesByWebhook.load(webhook.id)).map(toWebhookDeliveryType), page);
  }
}

@Resolver(() => OrganizationRef)
export class OrganizationWebhooksResolver {
  @FieldResolver(() => WebhookConnection, {
    description: 'The organization’s webhooks, oldest first (owners and admins).',
  })
  async webhooks(
    @Root() organization: OrganizationRef,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { principal, loaders }: FlagsContext,
  ) {
    requireAdmin(principal);
    return paginate((await loaders.webhooksByOrganization.load(organization.id)).map(toWebhookType), page);
  }
}
