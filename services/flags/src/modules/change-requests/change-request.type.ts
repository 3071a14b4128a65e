import { connectionType } from '@vexil/platform';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { ChangeRequest } from './change-request.entity.js';

/** A proposed configuration change awaiting review. */
@ObjectType('ChangeRequest', {
  description: 'A proposed configuration change in an environment that requires approval.',
})
export class ChangeRequestType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => ID, { description: 'The flag.' })
  flagId!: string;

  @Field(() => ID, { description: 'The environment.' })
  environmentId!: string;

  @Field(() => GraphQLJSON, { description: 'The configuration fields the request changes.' })
  patch!: unknown;

  @Field(() => Int, { description: 'The configuration version the change was written against.' })
  baseVersion!: number;

  @Field(() => String, { nullable: true, description: 'Why the change is wanted.' })
  note!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The requester’s own label for the change, e.g. FeatureSignals’ `change_type`.',
  })
  changeType!: string | null;

  @Field(() => String, { description: '`pending`, `rejected` or `applied`.' })
  status!: string;

  @Field(() => String, { description: 'Who asked, as `user:<id>` or `apiKey:<id>`.' })
  requestedBy!: string;

  @Field(() => String, { nullable: true, description: 'Who reviewed.' })
  reviewedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'The reviewer’s note.' })
  reviewNote!: string | null;

  @Field(() => Int, { nullable: true, description: 'The configuration version the approval produced.' })
  appliedVersion!: number | null;

  @Field(() => Date, { description: 'When the request was made.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the request last changed (made or reviewed).' })
  updatedAt!: Date;
}

/** A page of change requests. */
export const ChangeRequestConnection = connectionType('ChangeRequest', ChangeRequestType);

/** The GraphQL view of a change request. */
export function toChangeRequestType(request: ChangeRequest): ChangeRequestType {
  return Object.assign(new ChangeRequestType(), {
    id: request.id,
    flagId: request.flagId,
    environmentId: request.environmentId,
    patch: request.patch,
    baseVersion: request.baseVersion,
    note: request.note,
    changeType: request.changeType,
    status: request.status,
    requestedBy: `${request.requestedBy.type}:${request.requestedBy.id}`,
    reviewedBy: request.reviewedBy ? `${request.reviewedBy.type}:${request.reviewedBy.id}` : null,
    reviewNote: request.reviewNote,
    appliedVersion: request.appliedVersion,
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
  });
}
