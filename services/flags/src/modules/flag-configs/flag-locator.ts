import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, isUuid } from '@vexil/platform';
import { Environment } from '../environments/environment.entity.js';
import { Flag } from '../flags/flag.entity.js';
import { FlagConfig } from './flag-config.entity.js';

/**
 * How a configuration mutation names its configuration: by its own id, or by flag (id, or key within
 * the environment's project) and environment.
 */
export interface FlagLocator {
  configurationId?: string | null;
  flagId?: string | null;
  flagKey?: string | null;
  environmentId?: string | null;
  /** The environment by key, in `projectId` (instead of `environmentId`). */
  environmentKey?: string | null;
  /** The project the caller names (a REST path's): a flag or environment of another is not found. */
  projectId?: string | null;
}

/** A configuration's flag and environment. */
export interface LocatedConfiguration {
  flagId: string;
  environmentId: string;
}

/** The configuration of the caller's organization with this id; not found otherwise. */
export async function configurationById(
  em: EntityManager,
  organizationId: string,
  id: string,
  projectId?: string | null,
): Promise<FlagConfig> {
  const row = isUuid(id) ? await em.findOne(FlagConfig, { id, organizationId }) : null;
  if (!row) throw new DomainError('NOT_FOUND', 'flag configuration not found');
  if (projectId && !(await em.count(Flag, { id: row.flagId, projectId })))
    throw new DomainError('NOT_FOUND', 'flag configuration not found');
  return row;
}

/**
 * The flag and environment a configuration mutation names. REST dialects address flags by key and
 * environments by id (routes.md §1.3), or a flag in one environment by its configuration's id
 * (Flagify, §4.2), and a route runs one operation, so the names are resolved here.
 */
export async function locateConfiguration(
  em: EntityManager,
  organizationId: string,
  at: FlagLocator,
): Promise<LocatedConfiguration> {
  if (at.configurationId) {
    const row = await configurationById(em, organizationId, at.configurationId, at.projectId);
    return { flagId: row.flagId, environmentId: row.environmentId };
  }
  const environmentId = at.environmentId ?? (await environmentByKey(em, organizationId, at));
  return { flagId: await locateFlag(em, organizationId, { ...at, environmentId }), environmentId };
}

/** The id of the environment a locator names by key in its project. */
async function environmentByKey(em: EntityManager, organizationId: string, at: FlagLocator): Promise<string> {
  if (!at.environmentKey || !at.projectId)
    throw DomainError.validation({
      environmentId: ['give environmentId, environmentKey with projectId, or configurationId'],
    });
  const environment = await em.findOne(Environment, {
    projectId: at.projectId,
    key: at.environmentKey,
    organizationId,
  });
  if (!environment) throw new DomainError('ENVIRONMENT_NOT_FOUND');
  return environment.id;
}

/** The id of the flag a locator names by id, or by key in the environment's project. */
export async function locateFlag(
  em: EntityManager,
  organizationId: string,
  at: FlagLocator & { environmentId: string },
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
