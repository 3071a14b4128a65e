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

/** A webhook's fields as the configuration of the `webhook` kind of integration. */
const endpoint = ({ url, secret, format, ...rest }: WebhookInput) => ({
  ...rest,
  config: { url, secret, format },
});

@Resolver(() => WebhookType)
export class WebhookResolver {
  @Query(() => WebhookType, { description: 'One of the organization’s webhooks (owners and admins).' })
  async webhook(@Arg('id', () => ID) id: string, @Ctx() { principal, loaders }: FlagsContext) {
    const admin = requireAdmin(principal);
    const webhook = (await loaders.integrationsByOrganization.load(admin.organizationId)).find(
      (w) => w.id === id && w.kind === 'webhook',
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
    const admin = requireAdmin(principal);
    // A webhook is named by whoever adds it; an integration may take its provider's name.
    if (!input.name?.trim()) throw DomainError.validation({ name: ['is required'] });
    const { webhook, secret } = await webhooks.create(admin, 'webhook', endpoint(input));
    return Object.assign(new CreatedWebhookType(), { webhook: toWebhookType(webhook), secret });
  }

  @Mutation(() => WebhookType, { description: 'Changes a webhook; omitted fields stay.' })
  async updateWebhook(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => WebhookInput) input: WebhookInput,
    @Ctx() { principal, webhooks }: FlagsContext,
  ) {
    return toWebhookType(await webhooks.update(requireAdmin(principal), 'webhook', id, endpoint(input)));
  }

  @Mutation(() => WebhookType, { description: 'Deletes a webhook and its deliveries.' })
  async deleteWebhook(@Arg('id', () => ID) id: string, @Ctx() { principal, webhooks }: FlagsContext) {
    return toWebhookType(await webhooks.delete(requireAdmin(principal), 'webhook', id));
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
    const all = await loaders.integrationsByOrganization.load(organization.id);
    return paginate(all.filter((w) => w.kind === 'webhook').map(toWebhookType), page);
  }
}
