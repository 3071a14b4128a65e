import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The analytics subgraph’s share of `Flag` (owned by flags): its audit log. */
@Directive('@key(fields: "id")')
@ObjectType('Flag', {
  description: 'A feature flag: key, type and typed variations; configured per environment.',
})
export class FlagRef {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;
}
