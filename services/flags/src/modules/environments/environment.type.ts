import { connectionType } from '@vexil/platform';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { Environment } from './environment.entity.js';

/** An environment of a project. */
@Directive('@key(fields: "id")')
@ObjectType('Environment', {
  description: 'A stage (dev, staging, production, …) with its own flag configuration.',
})
export class EnvironmentType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => String, {
    description: 'Key unique within the project, used by SDK routes (e.g. `production`).',
  })
  key!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => String, { description: 'Display colour, `#RRGGBB`.' })
  color!: string;

  @Field(() => Boolean, { description: 'Whether configuration changes need an approved change request.' })
  requiresApproval!: boolean;

  projectId!: string;

  @Field(() => Date, { description: 'When the environment was created.' })
  createdAt!: Date;
}

/** A page of environments. */
export const EnvironmentConnection = connectionType('Environment', EnvironmentType);

/** The GraphQL view of an environment entity. */
export function toEnvironmentType(
  environment: Pick<
    Environment,
    'id' | 'key' | 'name' | 'color' | 'requiresApproval' | 'projectId' | 'createdAt'
  >,
): EnvironmentType {
  return Object.assign(new EnvironmentType(), {
    id: environment.id,
    key: environment.key,
    name: environment.name,
    color: environment.color,
    requiresApproval: environment.requiresApproval,
    projectId: environment.projectId,
    createdAt: environment.createdAt,
  });
}
