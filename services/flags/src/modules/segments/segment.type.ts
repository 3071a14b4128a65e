import { connectionType } from '@vexil/platform';
import { Field, ID, ObjectType } from 'type-graphql';
import { ConditionType } from '../flag-configs/targeting.types.js';
import type { Segment } from './segment.entity.js';

/** A reusable audience of a project. */
@ObjectType('Segment', { description: 'A reusable audience: conditions, plus keys always in or out.' })
export class SegmentType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => String, { description: 'Key, unique within the project; rules refer to it.' })
  key!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => String, { description: 'What the audience is.' })
  description!: string;

  @Field(() => String, { description: '`all` or `any` of the conditions.' })
  match!: string;

  @Field(() => [ConditionType], { description: 'Conditions on context attributes.' })
  conditions!: ConditionType[];

  @Field(() => [String], { description: 'Context keys always in the segment.' })
  included!: string[];

  @Field(() => [String], { description: 'Context keys never in the segment (wins over included).' })
  excluded!: string[];

  @Field(() => Date, { description: 'When the segment was created.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the segment last changed.' })
  updatedAt!: Date;
}

/** A page of segments. */
export const SegmentConnection = connectionType('Segment', SegmentType);

/** The GraphQL view of a segment entity. */
export function toSegmentType(segment: Segment): SegmentType {
  return Object.assign(new SegmentType(), {
    id: segment.id,
    key: segment.key,
    name: segment.name,
    description: segment.description,
    match: segment.match,
    conditions: segment.conditions,
    included: segment.included,
    excluded: segment.excluded,
    createdAt: segment.createdAt,
    updatedAt: segment.updatedAt,
  });
}
