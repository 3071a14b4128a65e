import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { FlagConfigVersion } from '../flag-configs/flag-config-version.entity.js';
import { FlagConfig } from '../flag-configs/flag-config.entity.js';
import { Flag } from './flag.entity.js';

/** Request-scoped batch loaders for flags and their configurations: one query per level of nesting. */
export function createFlagLoaders(em: EntityManager) {
  return {
    flagById: new DataLoader<string, Flag | null>(async (ids) => {
      const flags = await em.find(Flag, { id: { $in: [...ids] } });
      const byId = new Map(flags.map((flag) => [flag.id, flag]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    flagsByProject: new DataLoader<string, Flag[]>(async (projectIds) => {
      const flags = await em.find(
        Flag,
        { projectId: { $in: [...projectIds] } },
        { orderBy: { createdAt: 'asc', id: 'asc' } },
      );
      return projectIds.map((id) => flags.filter((flag) => flag.projectId === id));
    }),
    /** Keyed `flagId:environmentId`: the configuration history, newest first. */
    historyByFlagEnvironment: new DataLoader<string, FlagConfigVersion[]>(async (keys) => {
      const pairs = keys.map((key) => key.split(':') as [string, string]);
      const versions = await em.find(
        FlagConfigVersion,
        {
          flagId: { $in: [...new Set(pairs.map(([flagId]) => flagId))] },
          environmentId: { $in: [...new Set(pairs.map(([, environmentId]) => environmentId))] },
        },
        { orderBy: { version: 'desc' } },
      );
      return keys.map((key) => versions.filter((v) => `${v.flagId}:${v.environmentId}` === key));
    }),
    /** Keyed `flagId:environmentId`; null where the flag was never configured in the environment. */
    configByFlagEnvironment: new DataLoader<string, FlagConfig | null>(async (keys) => {
      const pairs = keys.map((key) => key.split(':') as [string, string]);
      const configs = await em.find(FlagConfig, {
        flagId: { $in: [...new Set(pairs.map(([flagId]) => flagId))] },
        environmentId: { $in: [...new Set(pairs.map(([, environmentId]) => environmentId))] },
      });
      const byKey = new Map(configs.map((config) => [`${config.flagId}:${config.environmentId}`, config]));
      return keys.map((key) => byKey.get(key) ?? null);
    }),
  };
}
