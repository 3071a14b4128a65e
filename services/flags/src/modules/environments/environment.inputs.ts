import { Field, InputType } from 'type-graphql';

/** A new environment, or a clone's identity. */
@InputType({ description: 'A new environment.' })
export class CreateEnvironmentInput {
  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Key unique within the project (default: from the name).',
  })
  key?: string | null;

  @Field(() => String, { nullable: true, description: 'Display colour `#RRGGBB` (default #6B7280).' })
  color?: string | null;
}

/** Changes to an environment; omitted fields stay as they are. */
@InputType({ description: 'Changes to an environment; omitted fields stay.' })
export class UpdateEnvironmentInput {
  @Field(() => String, { nullable: true, description: 'Display name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Display colour `#RRGGBB`.' })
  color?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether configuration changes need an approved change request (owners and admins).',
  })
  requiresApproval?: boolean | null;
}
