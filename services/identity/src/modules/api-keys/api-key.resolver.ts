import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs, paginate } from '@vexil/platform';
import type { IdentityContext } from '../../context.js';
import { CreateApiKeyInput, RotateApiKeyInput } from './api-key.inputs.js';
import {
  ApiKeyConnection,
  ApiKeyPrincipalType,
  ApiKeyType,
  CreatedApiKey,
  RotatedApiKey,
  toApiKeyType,
} from './api-key.type.js';

@Resolver(() => ApiKeyType)
export class ApiKeyResolver {
  @Query(() => ApiKeyConnection, {
    description: 'The API keys of an environment of your organization, newest first.',
  })
  async apiKeys(
    @Arg('environmentId', () => ID, { description: 'An environment of your organization.' })
    environmentId: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { apiKeys, principal }: IdentityContext,
  ) {
    return paginate((await apiKeys.list(principal, environmentId)).map(toApiKeyType), page);
  }

  @Mutation(() => CreatedApiKey, {
    description: 'Creates an API key (owner or admin); the key is shown only here.',
  })
  async createApiKey(
    @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput,
    @Ctx() { apiKeys, principal }: IdentityContext,
  ): Promise<CreatedApiKey> {
    const { apiKey, key } = await apiKeys.create(principal, input);
    return Object.assign(new CreatedApiKey(), { apiKey: toApiKeyType(apiKey), key });
  }

  @Mutation(() => RotatedApiKey, {
    description: 'Replaces a key; the old one keeps working for the grace period (default 24 hours).',
  })
  async rotateApiKey(
    @Arg('input', () => RotateApiKeyInput) input: RotateApiKeyInput,
    @Ctx() { apiKeys, principal }: IdentityContext,
  ): Promise<RotatedApiKey> {
    const rotated = await apiKeys.rotate(principal, input);
    return Object.assign(new RotatedApiKey(), {
      apiKey: toApiKeyType(rotated.apiKey),
      key: rotated.key,
      oldApiKey: toApiKeyType(rotated.old),
      graceExpiresAt: rotated.graceExpiresAt,
      message: `Old key will remain valid for ${rotated.graceMinutes} minutes`,
    });
  }

  @Mutation(() => CreatedApiKey, {
    description:
      "For products with one key per environment (FeatureFlags' regenerate-key): revokes the environment's keys of a format at once and issues a new server key in it; the key is shown only here.",
  })
  async regenerateApiKey(
    @Arg('environmentId', () => ID, { description: 'An environment of your organization.' })
    environmentId: string,
    @Arg('format', () => String, { description: '`featureflags`, `phaseflag` or `vexil`.' }) format: string,
    @Ctx() { apiKeys, principal }: IdentityContext,
  ): Promise<CreatedApiKey> {
    const { apiKey, key } = await apiKeys.regenerate(principal, environmentId, format);
    return Object.assign(new CreatedApiKey(), { apiKey: toApiKeyType(apiKey), key });
  }

  @Mutation(() => ApiKeyType, { description: 'Revokes a key at once (owner or admin).' })
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() { apiKeys, principal }: IdentityContext) {
    return toApiKeyType(await apiKeys.revoke(principal, id));
  }

  @Query(() => ApiKeyPrincipalType, {
    nullable: true,
    description: 'Gateway only: who a presented API key acts as, or null if it does not work.',
  })
  async _apiKeyPrincipal(
    @Arg('key', () => String) key: string,
    @Ctx() { apiKeys, principal }: IdentityContext,
  ): Promise<ApiKeyPrincipalType | null> {
    const resolved = await apiKeys.resolve(principal, key);
    if (!resolved) return null;
    const { key: apiKey, validUntil } = resolved;
    return Object.assign(new ApiKeyPrincipalType(), {
      id: apiKey.id,
      type: apiKey.type,
      organizationId: apiKey.organizationId,
      projectId: apiKey.projectId,
      environmentId: apiKey.environmentId,
      environmentKey: apiKey.environmentKey,
      scopes: apiKey.scopes,
      validUntil,
    });
  }
}
