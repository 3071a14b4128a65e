import { Field, InputType } from 'type-graphql';
import { ConditionType } from '../flag-configs/targeting.types.js';

/** A segment's fields; on update, omitted fields stay as they are. */
@InputType({ description: 'A segment; on update, omitted fields stay as they are.' })
export class SegmentInput {
  @Field(() => String, {
    nullable: true,
    description: 'Key, unique within the project (required to create).',
  })
  key?: string | null;

  @Field(() => String, { nullable: true, description: 'Display name (default: the key).' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'What the audience is.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: '`all` (default) or `any` of the conditions.' })
  match?: string | null;

  @Field(() => [ConditionType], { nullable: true, description: 'Conditions on context attributes.' })
  conditions?: ConditionType[] | null;

  @Field(() => [String], { nullable: true, description: 'Context keys always in.' })
  included?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Context keys never in.' })
  excluded?: string[] | null;
}
