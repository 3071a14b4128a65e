import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The analytics subgraph’s share of `Project` (owned by flags): its activity. */
@Directive('@key(fields: "id")')
@ObjectType('Project', { description: 'A product or codebase whose flags are managed together.' })
export class ProjectRef {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;
}
