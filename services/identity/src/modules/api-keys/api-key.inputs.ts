import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';

/** An environment named by id, or by key in its project. */
@ArgsType()
export class EnvironmentRefArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'The environment (or give `projectId` and `environmentKey`).',
  })
  environmentId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The project of the environment named by key; with `environmentId`, another is not found.',
  })
  projectId?: string | null;

  @Field(() => String, { nullable: true, description: 'The environment by key, in `projectId`.' })
  environmentKey?: string | null;
}

/** A new API key. */
@InputType({ description: 'A new API key for an environment.' })
export class CreateApiKeyInput {
  @Field(() => ID, { description: 'The environment the key works in.' })
  environmentId!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: '`server` (default) or `client`.' })
  type?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'How the key is written: `vexil` (default: `sk_`/`pk_`), `featureflags` (`ff_live_`) or `phaseflag` (`sdk-<env>-`); the last two are server keys. Any key works in every dialect.',
  })
  format?: string | null;

  @Field(() => Int, { nullable: true, description: 'Days until the key expires; never if omitted.' })
  expiresInDays?: number | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Permissions of a server key (default: flag:read/write/toggle).',
  })
  scopes?: string[] | null;
}

/** A rotation. */
@InputType({ description: 'A key to replace, and how long the old one keeps working.' })
export class RotateApiKeyInput {
  @Field(() => ID, { description: 'The key to rotate.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Name of the new key; the old name if omitted.' })
  name?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Minutes the old key keeps working (default 1440, at most 43200).',
  })
  graceMinutes?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The grace period in hours, for clients that count in hours.',
  })
  gracePeriodHours?: number | null;
}
