import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@vexil/platform';
import { Environment } from '../environments/environment.entity.js';
import { Flag } from '../flags/flag.entity.js';

/** How a configuration mutation names its flag: by id, or by key within the environment's project. */
export interface FlagLocator {
  flagId?: string | null;
  flagKey?: string | null;
  environmentId: string;
  /** The project the caller names (a REST path's): a flag or environment of another is not found. */
  projectId?: string | null;
}

/**
 * The id of the flag a configuration mutation names. REST dialects address flags by key and
 * environments by id (routes.md §1.3), and a route runs one operation, so the key is resolved here,
 * where the environment's project is known.
 */
export async function locateFlag(
  em: EntityManager,
  organizationId: string,
  at: FlagLocator,
): Promise<string> {
  const inProject = at.projectId ? { projectId: at.projectId } : {};
  if (at.flagId) {
    if (at.projectId && !(await em.count(Flag, { id: at.flagId, organizationId, ...inProject })))
      throw new DomainError('FLAG_NOT_FOUND');
    return at.flagId;
  }
  if (!at.flagKey) throw DomainError.validation({ flagId: ['give flagId or flagKey'] });
  const environment = await em.findOne(Environment, { id: at.environmentId, organizationId, ...inProject });
  if (!environment) throw new DomainError('ENVIRONMENT_NOT_FOUND');
  const flag = await em.findOne(Flag, { projectId: environment.projectId, key: at.flagKey, organizationId });
  if (!flag) throw new DomainError('FLAG_NOT_FOUND');
  return flag.id;
}
