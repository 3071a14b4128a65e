import { connectionType } from '@vexil/platform';
import { Field, ID, ObjectType } from 'type-graphql';
import type { ApiKey } from './api-key.entity.js';

/** An API key as lists show it: never the key itself. */
@ObjectType('ApiKey', { description: 'An API key of an environment; the key itself is shown only once.' })
export class ApiKeyType {
  @Field(() => ID, { description: 'Stable identifier (what key routes take).' })
  id!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => String, { description: '`server` (`sk_`) or `client` (`pk_`, evaluation only).' })
  type!: string;

  @Field(() => String, {
    description:
      'How the key is written: `vexil` (`sk_`/`pk_`), `featureflags` (`ff_live_`) or `phaseflag` (`sdk-<env>-`).',
  })
  format!: string;

  @Field(() => String, { description: 'The first 12 characters of the key, to recognise it.' })
  keyPrefix!: string;

  @Field(() => [String], { description: 'Permissions of a server key; empty means the default set.' })
  scopes!: string[];

  @Field(() => ID, { description: 'The environment the key belongs to.' })
  environmentId!: string;

  @Field(() => ID, { description: 'The project of that environment.' })
  projectId!: string;

  @Field(() => Date, { description: 'When the key was created.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the key was last used (to the minute).' })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked.' })
  revokedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key expires, if ever.' })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'For a rotated key: when it stops working.' })
  graceExpiresAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'The key this one replaced by rotation.' })
  rotatedFromId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The user who created the key.' })
  createdBy!: string | null;
}

/** A page of API keys. */
export const ApiKeyConnection = connectionType('ApiKey', ApiKeyType);

/** The GraphQL view of an API key entity; the hash never leaves the entity. */
export function toApiKeyType(key: ApiKey): ApiKeyType {
  return Object.assign(new ApiKeyType(), {
    id: key.id,
    name: key.name,
    type: key.type,
    format: key.format,
    keyPrefix: key.keyPrefix,
    scopes: key.scopes,
    environmentId: key.environmentId,
    projectId: key.projectId,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
    expiresAt: key.expiresAt,
    graceExpiresAt: key.graceExpiresAt,
    rotatedFromId: key.rotatedFromId,
    createdBy: key.createdBy,
  });
}

/** A new key with its secret. */
@ObjectType({ description: 'A new API key and the key itself, shown this once.' })
export class CreatedApiKey {
  @Field(() => ApiKeyType, { description: 'The key as lists will show it.' })
  apiKey!: ApiKeyType;

  @Field(() => String, { description: 'The full key; store it now, it cannot be shown again.' })
  key!: string;
}

/** A client key and a server key of one environment, issued together. */
@ObjectType({
  description:
    'A client (`pk_`) and a server (`sk_`) key of one environment, issued together (Flagify’s key pair); the keys are shown only here.',
})
export class ApiKeyPair {
  @Field(() => CreatedApiKey, { description: 'The client key: evaluation only, safe in browsers.' })
  publishable!: CreatedApiKey;

  @Field(() => CreatedApiKey, { description: 'The server key.' })
  secret!: CreatedApiKey;
}

/** The GraphQL view of a key pair just issued. */
export function toApiKeyPair(pair: {
  publishable: { apiKey: ApiKey; key: string };
  secret: { apiKey: ApiKey; key: string };
}): ApiKeyPair {
  const created = ({ apiKey, key }: { apiKey: ApiKey; key: string }) =>
    Object.assign(new CreatedApiKey(), { apiKey: toApiKeyType(apiKey), key });
  return Object.assign(new ApiKeyPair(), {
    publishable: created(pair.publishable),
    secret: created(pair.secret),
  });
}

/** The outcome of a rotation. */
@ObjectType({ description: 'The replacement key, shown once, and the old key in its grace period.' })
export class RotatedApiKey {
  @Field(() => ApiKeyType, { description: 'The new key as lists will show it.' })
  apiKey!: ApiKeyType;

  @Field(() => String, { description: 'The full new key; store it now.' })
  key!: string;

  @Field(() => ApiKeyType, { description: 'The old key, valid until `graceExpiresAt`.' })
  oldApiKey!: ApiKeyType;

  @Field(() => Date, { description: 'When the old key stops working.' })
  graceExpiresAt!: Date;

  @Field(() => String, { description: 'A sentence saying how long the old key keeps working.' })
  message!: string;
}

/** What the gateway needs to act as a key. */
@ObjectType({ description: 'Gateway only: who a presented API key acts as.' })
export class ApiKeyPrincipalType {
  @Field(() => ID, { description: 'The key’s id.' })
  id!: string;

  @Field(() => String, { description: '`server` or `client`.' })
  type!: string;

  @Field(() => ID, { description: 'The organization of the key.' })
  organizationId!: string;

  @Field(() => ID, { description: 'The project of the key’s environment.' })
  projectId!: string;

  @Field(() => ID, { description: 'The key’s environment.' })
  environmentId!: string;

  @Field(() => String, { description: 'The environment’s key (`production`).' })
  environmentKey!: string;

  @Field(() => [String], { description: 'The key’s scopes.' })
  scopes!: string[];

  @Field(() => Date, { nullable: true, description: 'When the key stops working (expiry or grace end).' })
  validUntil!: Date | null;
}
