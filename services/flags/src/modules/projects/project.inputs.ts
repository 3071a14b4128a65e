import { Field, InputType } from 'type-graphql';

/** A new project. */
@InputType({ description: 'A new project.' })
export class CreateProjectInput {
  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Unique within the organization; derived from the name if omitted.',
  })
  slug?: string | null;
}

/** Changes to a project; omitted fields stay as they are. */
@InputType({ description: 'Changes to a project; omitted fields stay.' })
export class UpdateProjectInput {
  @Field(() => String, { nullable: true, description: 'Display name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Unique within the organization.' })
  slug?: string | null;
}
