import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The analytics subgraph’s share of `Flag` (owned by flags): its audit log, activity and staleness. */
@Directive('@key(fields: "id")')
@ObjectType('Flag', {
  description: 'A feature flag: key, type and typed variations; configured per environment.',
})
export class FlagRef {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  // Activity is counted per environment and flag key (what SDKs report); the flags subgraph supplies it.
  @Directive('@external')
  @Field(() => String, { description: 'Key, unique within the project; what SDKs ask for.' })
  key!: string;

  @Directive('@external')
  @Field(() => Date, { description: 'When the flag was created.' })
  createdAt!: Date;

  @Directive('@external')
  @Field(() => Date, { nullable: true, description: 'When the flag is meant to be removed.' })
  expiresAt!: Date | null;
}
