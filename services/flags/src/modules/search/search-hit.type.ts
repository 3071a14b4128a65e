import { Field, Float, ID, ObjectType } from 'type-graphql';

/** Something of an organization that matched a search. */
@ObjectType({ description: 'A flag, segment, project or environment that matched a search.' })
export class SearchHit {
  @Field(() => String, { description: '`flag`, `segment`, `project` or `environment`.' })
  kind!: string;

  @Field(() => ID, { description: 'Its id.' })
  id!: string;

  @Field(() => String, { description: 'Its key (a project’s slug).' })
  key!: string;

  @Field(() => String, { description: 'Its name.' })
  name!: string;

  @Field(() => ID, { description: 'The project it belongs to (a project: itself).' })
  projectId!: string;

  @Field(() => Float, { description: 'How well it matched; hits come best first.' })
  rank!: number;
}
