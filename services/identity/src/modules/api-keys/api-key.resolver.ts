import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs, paginate } from '@vexil/platform';
import type { IdentityContext } from '../../context.js';
import { CreateApiKeyInput, EnvironmentRefArgs, RotateApiKeyInput } from './api-key.inputs.js';
import { DEFAULT_GRACE_MINUTES } from './api-key.service.js';
import {
  ApiKeyConnection,
  ApiKeyPair,
  ApiKeyPrincipalType,
  ApiKeyType,
  CreatedApiKey,
  RotatedApiKey,
  toApiKeyPair,
  toApiKeyType,
} from './api-key.type.js';

const PAIR_NAME = 'Name of both keys (default `Environment keys`).';

@Resolver(() => ApiKeyType)
export class ApiKeyResolver {
  @Query(() => ApiKeyConnection, {
    description: 'The API keys of an environment of your organization, newest first.',
  })
  async apiKeys(
    @Args(() => EnvironmentRefArgs) environment: EnvironmentRefArgs,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { apiKeys, principal }: IdentityContext,
  ) {
    return paginate((await apiKeys.list(principal, environment)).map(toApiKeyType), page);
  }

  @Mutation(() => ApiKeyPair, {
    description:
      'Creates a client (`pk_`) and a server (`sk_`) key of one environment at once (owner or admin); the keys are shown only here.',
  })
  async createApiKeyPair(
    @Args(() => EnvironmentRefArgs) environment: EnvironmentRefArgs,
    @Arg('name', () => String, { nullable: true, description: PAIR_NAME }) name: string | null,
    @Ctx() { apiKeys, principal }: IdentityContext,
  ): Promise<ApiKeyPair> {
    return toApiKeyPair(await apiKeys.createPair(principal, environment, name));
  }

  @Mutation(() => ApiKeyPair, {
    description:
      'A new client and server key of one environment; its other live keys keep working for the grace period, then stop.',
  })
  async rotateApiKeyPair(
    @Args(() => EnvironmentRefArgs) environment: EnvironmentRefArgs,
    @Arg('name', () => String, { nullable: true, description: PAIR_NAME }) name: string | null,
    @Arg('graceMinutes', () => Int, {
      nullable: true,
      description: 'Minutes the previous keys keep working (default 1440, at most 43200).',
    })
    graceMinutes: number | null,
    @Ctx() { apiKeys, principal }: IdentityContext,
  ): Promise<ApiKeyPair> {
    return toApiKeyPair(
      await apiKeys.createPair(principal, environment, name, {
        graceMinutes: graceMinutes ?? DEFAULT_GRACE_MINUTES,
      }),
    );
  }

  @Mutation(() => [ApiKeyType], {
    description: 'Revokes every live key of one environment at once (owner or admin); the keys revoked.',
  })
  async revokeEnvironmentApiKeys(
    @Args(() => EnvironmentRefArgs) environment: EnvironmentRefArgs,
    @Ctx() { apiKeys, principal }: IdentityContext,
  ): Promise<ApiKeyType[]> {
    return (await apiKeys.revokeAll(principal, environment)).map(toApiKeyType);
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

  @Mutation(() => ApiKeyType, {
    description:
      'Revokes a key at once (owner or admin); naming its environment too, a key of another is not found.',
  })
  async revokeApiKey(
    @Arg('id', () => ID, { description: 'The key.' }) id: string,
    @Args(() => EnvironmentRefArgs) environment: EnvironmentRefArgs,
    @Ctx() { apiKeys, principal }: IdentityContext,
  ) {
    return toApiKeyType(await apiKeys.revoke(principal, id, environment));
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
