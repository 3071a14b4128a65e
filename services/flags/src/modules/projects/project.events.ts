import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { DomainError, organizationOf, type DomainEvent } from '@vexil/platform';
import type { FlagsContext } from '../../context.js';
import { AfterArg, SequenceField } from '../event-sequence.js';
import { ProjectType, toProjectType } from './project.type.js';

/** A project was created in the subscriber's organization. */
@ObjectType('ProjectCreatedEvent', { description: 'A project was created.' })
export class ProjectCreatedEvent {
  @Field(() => ID, { description: 'Id of the event; the same for every subscriber.' })
  eventId!: string;

  @SequenceField()
  sequence!: number;

  @Field(() => ProjectType, { description: 'The new project.' })
  project!: ProjectType;

  @Field(() => Date, { description: 'When the change committed.' })
  occurredAt!: Date;
}

/**
 * Subscriptions are declared here and executed by the gateway: for each committed event it calls the
 * matching `_<field>Event` query with the event and the subscriber's principal, so this subgraph decides
 * what the subscriber may see and resolves the payload like any query.
 */
@Resolver()
export class ProjectEventsResolver {
  @Subscription(() => ProjectCreatedEvent, {
    topics: 'project.created',
    description: 'Fires when a project is created in the caller’s organization.',
  })
  projectCreated(@AfterArg() _after: number | null, @Root() event: ProjectCreatedEvent): ProjectCreatedEvent {
    return event;
  }

  @Query(() => ProjectCreatedEvent, {
    nullable: true,
    description:
      'Gateway only: the `projectCreated` payload of an event for the calling subscriber, or null.',
  })
  async _projectCreatedEvent(
    @Arg('event', () => String) raw: string,
    @Ctx() { principal, loaders }: FlagsContext,
  ): Promise<ProjectCreatedEvent | null> {
    if (principal.via !== 'subscription') throw new DomainError('INSUFFICIENT_PERMISSIONS');
    const event = JSON.parse(raw) as DomainEvent<{ projectId: string }>;
    if (event.type !== 'project.created' || event.organizationId !== organizationOf(principal)) return null;
    const project = await loaders.projectById.load(event.payload.projectId);
    if (!project) return null;
    return Object.assign(new ProjectCreatedEvent(), {
      eventId: event.id,
      sequence: event.seq,
      project: toProjectType(project),
      occurredAt: new Date(event.occurredAt),
    });
  }
}
