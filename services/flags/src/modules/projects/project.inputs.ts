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
