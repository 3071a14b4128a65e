import { connectionType } from '@vexil/platform';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { Project } from './project.entity.js';

/** A project: the flags of one product, configured per environment. */
@Directive('@key(fields: "id")')
@ObjectType('Project', { description: 'A product or codebase whose flags are managed together.' })
export class ProjectType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => String, { description: 'Unique within the organization.' })
  slug!: string;

  organizationId!: string;

  @Field(() => Date, { description: 'When the project was created.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the project last changed.' })
  updatedAt!: Date;
}

/** A page of projects. */
export const ProjectConnection = connectionType('Project', ProjectType);

/** The GraphQL view of a project entity. */
export function toProjectType(project: Project): ProjectType {
  return Object.assign(new ProjectType(), {
    id: project.id,
    name: project.name,
    slug: project.slug,
    organizationId: project.organizationId,
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
  });
}
