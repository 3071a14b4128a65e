import { connectionType } from '@vexil/platform';
import { GraphQLJSON } from 'graphql-scalars';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { AuditEvent } from './audit-event.entity.js';

/** A reference to a user, resolved by the identity subgraph. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('User', { description: 'A person with a Vexil account.' })
export class UserRef {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;
}

/** An entry of the audit log. */
@Directive('@key(fields: "id")')
@ObjectType('AuditEvent', { description: 'Who did what to which resource, and when.' })
export class AuditEventType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => String, { description: 'What happened, e.g. `project.created`, `flag.toggled`.' })
  action!: string;

  @Field(() => String, { description: 'user, apiKey or system.' })
  actorType!: string;

  @Field(() => String, { description: 'Id of the user or API key, or the name of the system component.' })
  actorId!: string;

  @Field(() => UserRef, { nullable: true, description: 'The user who acted, when a user did.' })
  actorUser!: UserRef | null;

  @Field(() => String, { description: 'Kind of resource changed, e.g. `project`.' })
  resourceType!: string;

  @Field(() => String, { nullable: true, description: 'Id of the resource changed.' })
  resourceId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The project the change touched.' })
  projectId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The environment the change touched.' })
  environmentId!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Where the request came from: `web`, `api`, `sdk`, `cli` or `mcp`; none for the system’s own work.',
  })
  source!: string | null;

  @Field(() => String, { nullable: true, description: 'The request that made the change (`X-Request-Id`).' })
  requestId!: string | null;

  @Field(() => GraphQLJSON, { description: 'The event’s data (before/after where the change has them).' })
  data!: Record<string, unknown>;

  organizationId!: string | null;

  @Field(() => Date, { description: 'When the change committed.' })
  occurredAt!: Date;
}

/** A page of audit events. */
export const AuditEventConnection = connectionType('AuditEvent', AuditEventType);

/** The GraphQL view of an audit entry. */
export function toAuditEventType(entry: AuditEvent): AuditEventType {
  return Object.assign(new AuditEventType(), {
    id: entry.id,
    action: entry.action,
    actorType: entry.actorType,
    actorId: entry.actorId,
    actorUser: entry.actorType === 'user' ? Object.assign(new UserRef(), { id: entry.actorId }) : null,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId,
    projectId: entry.projectId,
    environmentId: entry.environmentId,
    source: entry.source,
    requestId: entry.requestId,
    data: entry.data,
    organizationId: entry.organizationId,
    occurredAt: entry.occurredAt,
  });
}
