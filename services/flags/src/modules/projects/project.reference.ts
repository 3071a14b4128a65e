import { organizationOf } from '@vexil/platform';
import type { FlagsContext } from '../../context.js';
import { toProjectType, type ProjectType } from './project.type.js';

/** Resolves `Project` references from other subgraphs, only within the caller's organization. */
export async function resolveProjectReference(
  reference: { id: string },
  { principal, loaders }: FlagsContext,
): Promise<ProjectType | null> {
  const project = await loaders.projectById.load(reference.id);
  return project && project.organizationId === organizationOf(principal) ? toProjectType(project) : null;
}
